using Microsoft.Extensions.DependencyInjection;

using ClientPortal.Domain.Security;
using ClientPortal.App.Features.Security;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;
using ClientPortal.App.Features;

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
