using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Domain.Team;

public static class TeamServiceCollectionExtensions
{
    public static IServiceCollection AddTeam(this IServiceCollection services)
    {
        services.AddSingleton<Setup.OwnerSetup>();
        services.AddSingleton<TeamMembers>();
        services.AddSingleton<AccountSecurity>();
        return services;
    }
}
