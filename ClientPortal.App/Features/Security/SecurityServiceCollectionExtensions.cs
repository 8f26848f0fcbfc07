using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure;

namespace ClientPortal.App.Features.Security;

public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddSignInSecurity(this IServiceCollection services)
    {
        services.AddSingleton<AccountTokens>();
        services.AddSingleton<SignInSessions>();
        services.AddSingleton<SignInThrottle>();
        return services;
    }
}
