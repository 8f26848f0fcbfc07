using Microsoft.AspNetCore.HttpOverrides;

namespace ClientPortal.App.Hosting;

/// <summary>Which reverse proxies are believed about the client address and scheme.</summary>
public static class TrustedProxies
{
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
}
