using ClientPortal.Infrastructure.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClientPortal.App.Features.Passkeys;

public static class PasskeysServiceCollectionExtensions
{
    /// <summary>Passkeys for learners and the team; the relying party is the host of <c>Portal:PublicBaseUrl</c> when
    /// it is set.</summary>
    public static IServiceCollection AddPasskeys(this IServiceCollection services)
    {
        // Per request: SignInManager keeps a ceremony's state in a cookie (web host only).
        services.AddScoped<Passkeys>();
        services.AddSingleton<PasskeyAccounts>();
        services.AddSingleton<TeamSignInRule>();
        services.AddOptions<IdentityPasskeyOptions>().Configure<IOptions<PortalOptions>>((o, portal) =>
        {
            // A passkey belongs to the portal's public host: one made for any other host is refused at sign-in.
            var publicUrl = Uri.TryCreate(portal.Value.PublicBaseUrl, UriKind.Absolute, out var url) ? url : null;
            if (publicUrl is not null) o.ServerDomain = publicUrl.Host;
            // The ceremony must come from the portal's own page: its public origin, or without one the address it was
            // asked on. Stated here because the default accepts HTTPS origins only, and a portal on http://localhost is
            // a secure context to browsers too.
            o.ValidateOrigin = context =>
            {
                var request = context.HttpContext.Request;
                var expected = publicUrl?.GetLeftPart(UriPartial.Authority) ?? $"{request.Scheme}://{request.Host}";
                return ValueTask.FromResult(!context.CrossOrigin
                    && string.Equals(context.Origin, expected, StringComparison.OrdinalIgnoreCase));
            };
            o.UserVerificationRequirement = "preferred";
            // Discoverable credentials: the sign-in asks for no email first, and the browser can offer the passkey as
            // autofill.
            o.ResidentKeyRequirement = "required";
        });
        return services;
    }
}
