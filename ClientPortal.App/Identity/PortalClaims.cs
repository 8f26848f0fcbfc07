using System.Security.Claims;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClientPortal.App.Identity;

/// <summary>
/// The claims of the sign-in cookie: who (id, name, email), the security stamp, roles, and the learner's contact id so
/// learner pages know whose library to show. Built here rather than by Identity's factory, which also reads user
/// claims and every role's claims (four queries; this portal uses neither): the principal is rebuilt on every request,
/// since the security stamp is validated on each, so it costs one query (roles).
/// </summary>
public sealed class PortalClaimsFactory(UserManager<PortalUser> users, IOptions<IdentityOptions> options)
    : IUserClaimsPrincipalFactory<PortalUser>
{
    public const string ContactClaim = "cp:contact";

    public async Task<ClaimsPrincipal> CreateAsync(PortalUser user) =>
        Principal(options.Value.ClaimsIdentity, user.Id, user.UserName ?? user.Id, user.Email,
            await users.GetSecurityStampAsync(user),
            await users.GetRolesAsync(user), user.ContactId, user.DisplayName);

    /// <summary>The one shape of the cookie's principal, whether the facts come from Identity's stores or from a
    /// sign-in's own write.</summary>
    public static ClaimsPrincipal Principal(ClaimsIdentityOptions types, string id, string userName, string? email,
        string securityStamp,
        IEnumerable<string> roles, long? contactId, string? displayName)
    {
        var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme, types.UserNameClaimType,
            types.RoleClaimType);
        identity.AddClaim(new Claim(types.UserIdClaimType, id));
        identity.AddClaim(new Claim(types.UserNameClaimType, userName));
        if (email is { Length: > 0 }) identity.AddClaim(new Claim(types.EmailClaimType, email));
        identity.AddClaim(new Claim(types.SecurityStampClaimType, securityStamp));
        foreach (var role in roles) identity.AddClaim(new Claim(types.RoleClaimType, role));
        if (contactId is { } contact) identity.AddClaim(new Claim(ContactClaim, contact.ToString()));
        if (displayName is { Length: > 0 }) identity.AddClaim(new Claim("cp:name", displayName));
        return new ClaimsPrincipal(identity);
    }
}

public static class LearnerClaims
{
    public static long? ContactId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(PortalClaimsFactory.ContactClaim), out var id) ? id : null;
}
