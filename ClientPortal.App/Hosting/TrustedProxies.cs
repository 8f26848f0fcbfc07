using ClientPortal.Infrastructure.Settings;
using Microsoft.AspNetCore.HttpOverrides;

namespace ClientPortal.App.Hosting;

/// <summary>Which reverse proxies are believed about the client address and scheme.</summary>
public static class TrustedProxies
{
    /// <summary>
    /// Behind a reverse proxy: X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies listed in
    /// Portal:TrustedProxies (default: this machine), so rate limits see the real client and cookies the real scheme.
    /// </summary>
    public static IServiceCollection AddPortalForwardedHeaders(this IServiceCollection services, PortalOptions portal)
    {
        var proxies = portal.TrustedProxyAddresses();
        return services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var address in proxies) o.KnownProxies.Add(address);
        });
    }
}
