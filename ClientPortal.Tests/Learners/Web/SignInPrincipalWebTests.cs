using System.Security.Claims;
using ClientPortal.App.Features.Learners;
using ClientPortal.App.Identity;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Tests.Learners.Web;

/// <summary>
/// A magic link's redemption builds its cookie's principal by hand (the hot-path seam); every other sign-in goes
/// through SignInManager. Both must describe the learner the same way, or pages would treat a link sign-in differently.
/// </summary>
public class SignInPrincipalWebTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private readonly PortalData _data = new(factory.Services);

    [Theory]
    [InlineData("first@example.com", "Ada", false)]
    [InlineData("returning@example.com", null, true)]
    public async Task The_redemption_seam_and_SignInManager_make_the_same_principal(string email, string? firstName,
        bool signedInBefore)
    {
        var contact = await _data.ContactAsync(email, firstName);
        if (signedInBefore) await Forms.ContinueAsync(factory.NewClient(), new Uri(await _data.LinkAsync(contact))
            .PathAndQuery);
        var account = (await _data.Get<LearnerAccounts>().EnsureAccountAsync(contact)).Value!;

        await using var scope = factory.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>();
        var user = (await signIn.UserManager.FindByIdAsync(account.Id))!;
        // What SignInManager.SignInAsync(user, persistent, "link") signs in with.
        var framework = await signIn.CreateUserPrincipalAsync(user);
        framework.Identities.First().AddClaim(new Claim(ClaimTypes.AuthenticationMethod, "link"));
        var seam = scope.ServiceProvider.GetRequiredService<LearnerSignIn>().Principal(account, "link");

        Assert.Equal(Describe(framework), Describe(seam));
        Assert.Contains($"{PortalClaimsFactory.ContactClaim}={contact}", Describe(seam));
    }

    /// <summary>The scheme, name and role claim types, and every claim, one per line in a stable order.</summary>
    private static string Describe(ClaimsPrincipal p)
    {
        var identity = Assert.Single(p.Identities);
        return string.Join("\n",
            new[] { $"scheme={identity.AuthenticationType}", $"name-type={identity.NameClaimType}",
            $"role-type={identity.RoleClaimType}" }
            .Concat(identity.Claims.Select(c => $"{c.Type}={c.Value}").Order()));
    }
}
