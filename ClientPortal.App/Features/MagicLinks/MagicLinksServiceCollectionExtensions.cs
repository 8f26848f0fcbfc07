using ClientPortal.Domain.MagicLinks;
using ClientPortal.Infrastructure;

namespace ClientPortal.App.Features.MagicLinks;

public static class MagicLinksServiceCollectionExtensions
{
    public static IServiceCollection AddMagicLinks(this IServiceCollection services)
    {
        services.AddSingleton<MagicLinkIssuing>();
        services.AddSingleton<MagicLinkRedemption>();
        services.AddSingleton<MagicLinkQueries>();
        services.AddSingleton<SiteLinks>();
        return services;
    }
}
