namespace ClientPortal.App.Hosting;

/// <summary>A short page for a request the portal cannot read, instead of an exception.</summary>
public static class BadRequestPages
{
    /// <summary>
    /// A request the portal cannot read (too large, a missing or stale antiforgery token, a malformed form) gets a
    /// short 400 or 413 page with the security headers and one warning line, instead of an exception that the error
    /// page would re-execute as the same unreadable POST. The path is not logged: /l/{token} paths carry tokens.
    /// </summary>
    public static IApplicationBuilder UseBadRequestPages(this IApplicationBuilder app, long maxBodyBytes) =>
        app.Use(async (http, next) =>
        {
            var max = BodyLimitFor(http, maxBodyBytes);
            http.Items[BodyLimitItem] = max;
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly:
                false } limit)
                limit.MaxRequestBodySize = max;
            if (http.Request.ContentLength > max)
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
                await RefuseAsync(http, status, ex.GetType().Name, ex);
            }
        });

    private const string BodyLimitItem = "portal-body-limit";

    /// <summary>
    /// The integration API's calls and the inbound hook take small JSON bodies: their limits are far below the pages'
    /// (a 50,000-tag body is refused before it is read, not after 18 seconds of work).
    /// </summary>
    private static long BodyLimitFor(HttpContext http, long pages) =>
        Endpoints.Api.ApiV1.IsApiRequest(http) ? Math.Min(pages, Endpoints.Api.ApiV1.MaxBodyBytes)
        : http.Request.Path.StartsWithSegments(Endpoints.InboundWorkflowEndpoints.PathPrefix) ? Math.Min(pages,
            Endpoints.InboundWorkflowEndpoints.MaxBodyBytes)
        : pages;

    private static int? StatusFor(HttpContext http, Exception ex) => ex switch
    {
        // Reading a JSON body past the limit throws 413 inside the binder's own 400.
        BadHttpRequestException { InnerException: BadHttpRequestException { StatusCode:
            StatusCodes.Status413PayloadTooLarge } } =>
            StatusCodes.Status413PayloadTooLarge,
        BadHttpRequestException bad => bad.StatusCode,
        // What reading the form of a request whose antiforgery token failed throws (an endpoint binding [FromForm]).
        InvalidOperationException when
            http.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is { IsValid: false }
            => StatusCodes.Status400BadRequest,
        Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => StatusCodes.Status400BadRequest,
        // The form reader's limits (value length, value count).
        InvalidDataException => StatusCodes.Status413PayloadTooLarge,
        _ => null,
    };

    private static async Task RefuseAsync(HttpContext http, int status, string reason, Exception? ex = null)
    {
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ClientPortal.App.BadRequest")
            .LogWarning("Refused a {Method} request with {Status}: {Reason}", http.Request.Method, status, reason);
        http.Response.StatusCode = status;
        if (Endpoints.Api.ApiV1.TakesJson(http))
        {
            await WriteProblemAsync(http, status, ex);
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        var (title, text) = status == StatusCodes.Status413PayloadTooLarge
            ? ("Too large", "That request was larger than this portal accepts.")
            : ("Something was wrong with that request",
                "The page may have been open too long. Go back, reload it and try again.");
        await http.Response.WriteAsync($"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title}</title><link rel="stylesheet" href="/app.css"></head>
            <body><main class="cp-card"><h1>{title}</h1><p>{text}</p>
            <p><a href="/">Go to the start page</a></p></main></body></html>
            """);
    }

    /// <summary>
    /// The API's answer to a body it cannot read: a problem document naming the field (malformed JSON, a wrong type, an
    /// unknown or missing field), from the serializer's own message and path.
    /// </summary>
    private static Task WriteProblemAsync(HttpContext http, int status, Exception? ex)
    {
        var json = ex?.InnerException as System.Text.Json.JsonException;
        var field = json?.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
        var missing = json?.Message is { } m && m.Contains("missing required properties") ? m.Split('\'')
            .ElementAtOrDefault(3) : null;
        string detail;
        if (status == StatusCodes.Status413PayloadTooLarge)
            detail = http.Items[BodyLimitItem] is long max
                ? $"The body is larger than this call accepts ({max / 1024:N0} KB at most)."
                : "The body is larger than this portal accepts.";
        else if (missing is not null) (field, detail) = (missing, $"'{missing}' is required.");
        else if (json?.Message.Contains("could not be mapped") == true) detail = $"Unknown field '{field}'.";
        else if (json is not null && field is not null && json.Message.Contains("could not be converted"))
            detail = $"'{field}' has the wrong type (or a value it cannot take).";
        else if (json is not null) detail =
            $"The body is not valid JSON: {json.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}";
        else detail = ex?.Message ?? "The request could not be read.";
        var problem = field is null
            ? new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = "The request could not be read",
                Detail = detail }
            : new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
                { Status = status, Title = "The request could not be read", Detail = detail };
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            { HttpContext = http, ProblemDetails = problem }).AsTask();
    }
}
