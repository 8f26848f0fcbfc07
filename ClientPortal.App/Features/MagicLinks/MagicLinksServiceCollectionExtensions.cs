using ClientPortal.Domain.MagicLinks;
using ClientPortal.Infrastructure;

namespace ClientPortal.App.Features.MagicLinks;

public static class MagicLinksServiceCollectionExtensions
{
    public static IServiceCollection AddMagicLinks(this IServiceCollection services)
    {
        services.AddSingleton<MagicLinkService>();
        services.AddSingleton<SiteLinks>();
        return services;
    }
}
