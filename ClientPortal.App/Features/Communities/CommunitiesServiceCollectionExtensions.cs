using ClientPortal.Domain.Communities;
using ClientPortal.Infrastructure;

namespace ClientPortal.App.Features.Communities;

public static class CommunitiesServiceCollectionExtensions
{
    public static IServiceCollection AddCommunities(this IServiceCollection services)
    {
        services.AddSingleton<CommunityBoard>();
        return services;
    }
}
