using Microsoft.Extensions.DependencyInjection;

using ClientPortal.Domain.MagicLinks;
using ClientPortal.App.Features.MagicLinks;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;
using ClientPortal.App.Features;

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
