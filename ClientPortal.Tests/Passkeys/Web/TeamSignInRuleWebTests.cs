using System.Net;
using ClientPortal.App.Features.Settings;
using ClientPortal.App.Features.Setup;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Settings;
using ClientPortal.Infrastructure.Identity;
using ClientPortal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static ClientPortal.Tests.Support.Http;

namespace ClientPortal.Tests.Passkeys.Web;

/// <summary>The Owner's "team members must use a passkey or an authenticator app" holds sign-ins from the moment it is
/// on.</summary>
public class TeamSignInRuleWebTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Email = "owner@example.com";
    private const string Password = "Str0ng!Passw0rd";

    private async Task<HttpClient> SignedInAsync()
    {
        var client = factory.NewClient();
        var login = await Forms.SubmitAsync(client, "/account/login", "team-login",
            new Dictionary<string, string> { ["Input.Email"] = Email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }

    [Fact]
    public async Task From_the_next_sign_in_a_password_alone_opens_only_my_profile_until_a_passkey_is_added()
    {
        var owner = (await factory.Services.GetRequiredService<OwnerSetup>().CreateOwnerAsync(Email, null, Password))
            .Value!;
        var earlier = await SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await earlier.GetAsync("/admin")).StatusCode);

        var store = factory.Services.GetRequiredService<PortalSettingsStore>();
        var s = await store.GetAsync();
        var turnedOn = await store.UpdateAsync(new SettingsInput(s.PortalName, s.PublicBaseUrl, s.BrandColor, s.LogoUrl,
            s.SupportEmail,
            s.SelfRequestedLinkMinutes, s.InviteLinkMinutes, s.LoginEmailLinkMinutes, s.AdminLinkMinutes,
                s.WorkflowLinkMinutes, s.DefaultLinkPolicy,
            s.InviteResendAfterDays, s.AllowSignUp, TeamStrongSignIn: true),
                new ClientPortal.Domain.Security.Actor(owner.Id, Email, Roles.Owner));
        Assert.True(turnedOn.Succeeded);

        // The page already open keeps working; a new password sign-in reaches only My profile, which says why.
        Assert.Equal(HttpStatusCode.OK, (await earlier.GetAsync("/admin")).StatusCode);
        var later = await SignedInAsync();
        foreach (var page in new[] { "/admin", "/admin/contacts", "/admin/settings" })
            Assert.Equal("/admin/profile?strengthen=1", Location(await later.GetAsync(page)));
        Assert.Contains("The Owner asks every team member to sign in with a passkey or an authenticator app",
            WebUtility.HtmlDecode(await later.GetStringAsync("/admin/profile?strengthen=1")));

        await using (var work = factory.Services.GetRequiredService<IdentityWorkFactory>().Open())
        {
            var user = (await work.Users.FindByIdAsync(owner.Id))!;
            var passkey = new UserPasskeyInfo([7, 7, 7, 7], [1, 2, 3], DateTimeOffset.UtcNow, 0, ["internal"], true,
                true, false, [1], [2]);
            Assert.True((await work.Users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded);
        }
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/admin")).StatusCode);
    }
}
