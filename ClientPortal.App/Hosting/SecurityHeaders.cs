namespace ClientPortal.App.Hosting;

/// <summary>What every response tells the browser: content security policy, no framing, no referrer, HSTS.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// What pages may load: only this origin's scripts (blazor.web.js, MudBlazor, app.js; no inline script, no eval),
    /// inline styles (MudBlazor sets style attributes and its theme element), images from this origin, data: URIs and
    /// https, the circuit's WebSocket to this origin, and the two video players lessons embed. Nobody may frame the
    /// portal.
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

    /// <summary>Portal:Hsts:* — one year by default (what browsers' preload lists ask for); subdomains only when the
    /// Owner opts in, since they may serve other sites that are not on HTTPS yet.</summary>
    public sealed class HstsSettings
    {
        public int MaxAgeDays { get; set; } = 365;
        public bool IncludeSubDomains { get; set; }
    }

    public static IServiceCollection AddPortalHsts(this IServiceCollection services, IConfiguration configuration)
    {
        var hsts = ClientPortal.Infrastructure.Settings.ConfigurationBinding.Read<HstsSettings>(configuration,
            "Portal:Hsts");
        ClientPortal.Infrastructure.Settings.ConfigurationBinding.Require("Portal:Hsts:MaxAgeDays", hsts.MaxAgeDays, 1,
            3_650);
        return services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(hsts.MaxAgeDays);
            o.IncludeSubDomains = hsts.IncludeSubDomains;
        });
    }
}
