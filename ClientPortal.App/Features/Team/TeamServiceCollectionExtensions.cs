using Microsoft.Extensions.DependencyInjection;

using ClientPortal.App.Features.Team;
using ClientPortal.Infrastructure.Identity;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;
using ClientPortal.App.Features;

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
