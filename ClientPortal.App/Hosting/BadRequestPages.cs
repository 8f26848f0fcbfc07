namespace ClientPortal.App.Hosting;

/// <summary>A short page for a request the portal cannot read, instead of an exception.</summary>
public static class BadRequestPages
{
    /// <summary>
    /// The largest request body the portal reads (Portal:MaxRequestBodyKilobytes, 1 MB by default): its forms are small, and
    /// CSV files travel over the circuit, not in a request body.
    /// </summary>
    public static long MaxRequestBodyBytes(IConfiguration configuration) => configuration.GetValue("Portal:MaxRequestBodyKilobytes", 1024L) * 1024;

    /// <summary>
    /// A request the portal cannot read (too large, a missing or stale antiforgery token, a malformed form) gets a short
    /// 400 or 413 page with the security headers and one warning line, instead of an exception that the error page would
    /// re-execute as the same unreadable POST. The path is not logged: /l/{token} paths carry tokens.
    /// </summary>
    public static IApplicationBuilder UseBadRequestPages(this IApplicationBuilder app, long maxBodyBytes) =>
        app.Use(async (http, next) =>
        {
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = maxBodyBytes;
            if (http.Request.ContentLength > maxBodyBytes)
            {
                await RefuseAsync(http, StatusCodes.Status413PayloadTooLarge, "body larger than the limit");
                return;
            }
            try
            {
                await next();
            }
            catch (Exception ex) when (!http.Response.HasStarted && StatusFor(http, ex) is { } status)
            {
                await RefuseAsync(http, status, ex.GetType().Name);
            }
        });

    private static int? StatusFor(HttpContext http, Exception ex) => ex switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        // What reading the form of a request whose antiforgery token failed throws (an endpoint binding [FromForm]).
        InvalidOperationException when http.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false }
            => StatusCodes.Status400BadRequest,
        Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => StatusCodes.Status400BadRequest,
        // The form reader's limits (value length, value count).
        InvalidDataException => StatusCodes.Status413PayloadTooLarge,
        _ => null,
    };

    private static async Task RefuseAsync(HttpContext http, int status, string reason)
    {
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ClientPortal.App.BadRequest")
            .LogWarning("Refused a {Method} request with {Status}: {Reason}", http.Request.Method, status, reason);
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        var (title, text) = status == StatusCodes.Status413PayloadTooLarge
            ? ("Too large", "That request was larger than this portal accepts.")
            : ("Something was wrong with that request", "The page may have been open too long. Go back, reload it and try again.");
        await http.Response.WriteAsync($"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title}</title><link rel="stylesheet" href="/app.css"></head>
            <body><main class="cp-card"><h1>{title}</h1><p>{text}</p><p><a href="/">Go to the start page</a></p></main></body></html>
            """);
    }
}
