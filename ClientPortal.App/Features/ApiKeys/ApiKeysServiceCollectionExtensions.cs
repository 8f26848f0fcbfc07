using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Authentication;

namespace ClientPortal.App.Features.ApiKeys;

public static class ApiKeysServiceCollectionExtensions
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeys>();
        return services;
    }

    /// <summary>The Bearer scheme and one policy per scope (the host adds them; the command line needs only the
    /// keys).</summary>
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions,
            ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ApiKeyAuthenticationHandler.SchemeName, p =>
            p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        foreach (var scope in ApiScopes.All)
            services.AddAuthorizationBuilder().AddPolicy(ApiKeyAuthenticationHandler.Policy(scope), p =>
                p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                    .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, scope));
        return services;
    }
}
