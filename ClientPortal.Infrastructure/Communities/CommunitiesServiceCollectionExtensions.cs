using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Domain.Communities;

public static class CommunitiesServiceCollectionExtensions
{
    public static IServiceCollection AddCommunities(this IServiceCollection services)
    {
        services.AddSingleton<CommunityBoard>();
        return services;
    }
}
