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
public sealed class PortalClaimsFactory(UserManager<PortalUser> users, IOptions<IdentityOptions> options) : IUserClaimsPrincipalFactory<PortalUser>
{
    public const string ContactClaim = "cp:contact";

    public async Task<ClaimsPrincipal> CreateAsync(PortalUser user)
    {
        var types = options.Value.ClaimsIdentity;
        var identity = new ClaimsIdentity(IdentityConstants.ApplicationScheme, types.UserNameClaimType, types.RoleClaimType);
        identity.AddClaim(new Claim(types.UserIdClaimType, user.Id));
        identity.AddClaim(new Claim(types.UserNameClaimType, user.UserName ?? user.Id));
        if (user.Email is { Length: > 0 } email) identity.AddClaim(new Claim(types.EmailClaimType, email));
        identity.AddClaim(new Claim(types.SecurityStampClaimType, await users.GetSecurityStampAsync(user)));
        foreach (var role in await users.GetRolesAsync(user)) identity.AddClaim(new Claim(types.RoleClaimType, role));
        if (user.ContactId is { } contactId) identity.AddClaim(new Claim(ContactClaim, contactId.ToString()));
        if (user.DisplayName is { Length: > 0 } name) identity.AddClaim(new Claim("cp:name", name));
        return new ClaimsPrincipal(identity);
    }
}

public static class LearnerClaims
{
    public static long? ContactId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(PortalClaimsFactory.ContactClaim), out var id) ? id : null;
}
