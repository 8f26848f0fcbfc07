using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;

namespace ClientPortal.App.Hosting;

/// <summary>Rate limits for public auth endpoints, security headers, and the browser id used by magic links.</summary>
public static class WebSecurity
{
    public const string BrowserCookie = "cp.b";

    private static readonly string[] AuthPaths = ["/l/", "/login", "/account/login", "/account/accept", "/setup", "/account/login-2fa", "/signup", "/r/"];

    /// <summary>Portal:RateLimit:* (per client address, per minute, on the public auth endpoints).</summary>
    public sealed class Limits
    {
        public int PostsPerMinute { get; set; } = 30;
        public int GetsPerMinute { get; set; } = 120;
    }

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("Portal:RateLimit").Get<Limits>() ?? new Limits();
        return services.AddRateLimiter(o =>
        {
            // Every public auth endpoint, per client address: a fixed window wide enough for people, too narrow for guessing.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var path = http.Request.Path.Value ?? "";
                if (!AuthPaths.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
                    return RateLimitPartition.GetNoLimiter("none");
                var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var isPost = HttpMethods.IsPost(http.Request.Method);
                return RateLimitPartition.GetFixedWindowLimiter($"{(isPost ? "post" : "get")}:{ip}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = isPost ? limits.PostsPerMinute : limits.GetsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync($"Too many attempts. Try again in {seconds} seconds.", ct);
            };
        });
    }

    /// <summary>
    /// What pages may load: only this origin's scripts (blazor.web.js, MudBlazor, app.js; no inline script, no eval), inline
    /// styles (MudBlazor sets style attributes and its theme element), images from this origin, data: URIs and https, the circuit's WebSocket to this
    /// origin, and the two video players lessons embed. Nobody may frame the portal.
    /// </summary>
    public static readonly string ContentSecurityPolicy = string.Join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: https:",
        "font-src 'self' data:",
        "media-src 'self' https:",
        "connect-src 'self'",
        $"frame-src {string.Join(' ', Domain.Catalog.VideoEmbed.FrameHosts)}",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
        "object-src 'none'");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            // Magic-link and setup URLs carry tokens: never leak them in a Referer.
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            await next();
        });

    /// <summary>Portal:Hsts:* — one year by default (what browsers' preload lists ask for); subdomains only when the Owner opts in,
    /// since they may serve other sites that are not on HTTPS yet.</summary>
    public sealed class HstsSettings
    {
        public int MaxAgeDays { get; set; } = 365;
        public bool IncludeSubDomains { get; set; }
    }

    public static IServiceCollection AddPortalHsts(this IServiceCollection services, IConfiguration configuration)
    {
        var hsts = configuration.GetSection("Portal:Hsts").Get<HstsSettings>() ?? new HstsSettings();
        if (hsts.MaxAgeDays < 1) throw new InvalidOperationException("Portal:Hsts:MaxAgeDays must be at least 1.");
        return services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(hsts.MaxAgeDays);
            o.IncludeSubDomains = hsts.IncludeSubDomains;
        });
    }

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

    /// <summary>
    /// Behind a reverse proxy: X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies listed in
    /// Portal:TrustedProxies (default: this machine), so rate limits see the real client and cookies the real scheme.
    /// </summary>
    public static IServiceCollection AddPortalForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("Portal:TrustedProxies").Get<string[]>() ?? [];
        return services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (System.Net.IPAddress.TryParse(proxy, out var address)) o.KnownProxies.Add(address);
                else throw new InvalidOperationException($"Portal:TrustedProxies: '{proxy}' is not an IP address.");
            }
        });
    }

    /// <summary>A random per-browser id (HttpOnly cookie), so a magic link's short re-use window is for the browser that used it.</summary>
    public static string BrowserId(HttpContext http)
    {
        if (http.Request.Cookies.TryGetValue(BrowserCookie, out var id) && id.Length >= 32) return id;
        id = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        if (!http.Response.HasStarted)
            http.Response.Cookies.Append(BrowserCookie, id, PrivateCookie(http, TimeSpan.FromDays(365)));
        return id;
    }

    /// <summary>A cookie only the server reads: HttpOnly, SameSite=Lax, Secure on HTTPS (directly or via a trusted proxy).</summary>
    public static CookieOptions PrivateCookie(HttpContext http, TimeSpan maxAge) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = http.Request.IsHttps,
        IsEssential = true,
        MaxAge = maxAge,
    };
}
