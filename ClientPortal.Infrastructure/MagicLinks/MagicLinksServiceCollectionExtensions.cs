using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Domain.MagicLinks;

public static class MagicLinksServiceCollectionExtensions
{
    public static IServiceCollection AddMagicLinks(this IServiceCollection services)
    {
        services.AddSingleton<MagicLinkService>();
        services.AddSingleton<SiteLinks>();
        return services;
    }
}
