using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

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
    /// What pages may load: only this origin's scripts (blazor.web.js, Radzen, app.js; no inline script, no eval), inline
    /// styles (Radzen sets style attributes), images from this origin, data: URIs and https, the circuit's WebSocket to this
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
