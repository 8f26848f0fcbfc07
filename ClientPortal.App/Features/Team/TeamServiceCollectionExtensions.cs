using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Identity;

namespace ClientPortal.App.Features.Team;

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
