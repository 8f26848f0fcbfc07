using Microsoft.Extensions.DependencyInjection;

using ClientPortal.Domain.Communities;
using ClientPortal.App.Features.Communities;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;
using ClientPortal.App.Features;

namespace ClientPortal.App.Features.Communities;

public static class CommunitiesServiceCollectionExtensions
{
    public static IServiceCollection AddCommunities(this IServiceCollection services)
    {
        services.AddSingleton<CommunityBoard>();
        return services;
    }
}
