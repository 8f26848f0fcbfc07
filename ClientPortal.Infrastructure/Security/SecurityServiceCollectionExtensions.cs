using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Domain.Security;

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
