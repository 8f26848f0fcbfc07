using System.Security.Claims;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClientPortal.App.Identity;

/// <summary>Adds the learner's contact id to the sign-in cookie, so learner pages know whose library to show.</summary>
public sealed class PortalClaimsFactory(UserManager<PortalUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    public const string ContactClaim = "cp:contact";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.ContactId is { } contactId) identity.AddClaim(new Claim(ContactClaim, contactId.ToString()));
        if (user.DisplayName is { Length: > 0 } name) identity.AddClaim(new Claim("cp:name", name));
        return identity;
    }
}

public static class LearnerClaims
{
    public static long? ContactId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(PortalClaimsFactory.ContactClaim), out var id) ? id : null;
}
