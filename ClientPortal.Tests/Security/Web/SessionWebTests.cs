using System.Net;
using System.Text.RegularExpressions;
using ClientPortal.App.Features.Setup;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ClientPortal.Tests.Support.Http;

namespace ClientPortal.Tests.Security.Web;

public class SessionWebTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;
    private readonly PortalData _data;

    public SessionWebTests(PortalFactory factory)
    {
        _factory = factory;
        _data = new PortalData(factory.Services);
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_other_browsers_on_their_next_request()
    {
        var contact = await _data.ContactAsync("everywhere@example.com");
        var laptop = await _factory.SignedInViaLinkAsync(contact);
        var phone = await _factory.SignedInViaLinkAsync(contact);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/profile")).StatusCode);

        var signOut = await Forms.SubmitAsync(laptop, "/profile", "sign-out-everywhere", new Dictionary<string,
            string>());
        Assert.Equal("/login", Location(signOut));
        Assert.Equal(HttpStatusCode.Redirect, (await phone.GetAsync("/profile")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await laptop.GetAsync("/profile")).StatusCode);
    }

    [Fact]
    public async Task Setting_a_first_password_after_a_link_login_works_and_notifies()
    {
        var contact = await _data.ContactAsync("newpass@example.com", "Nia");
        var client = await _factory.SignedInViaLinkAsync(contact);
        var saved = await Forms.SubmitAsync(client, "/profile", "profile-password", new Dictionary<string, string>
        {
            ["Password.Password"] = "F1rst!Password",
            ["Password.ConfirmPassword"] = "F1rst!Password",
        });
        Assert.Contains("Your password was saved", WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/profile")).StatusCode); // this browser stays signed in
        Assert.Contains("password of your", await _data.LatestMailTextAsync("newpass@example.com"));

        var fresh = _factory.NewClient();
        var login = await Forms.SubmitAsync(fresh, "/login", "learner-login",
            new Dictionary<string,
                string> { ["Input.Email"] = "newpass@example.com", ["Input.Password"] = "F1rst!Password" });
        Assert.Equal("/", Location(login));
    }

    [Fact]
    public async Task Team_access_link_previews_for_team_users_and_asks_others_to_sign_in()
    {
        await _factory.Services.GetRequiredService<OwnerSetup>()
            .CreateOwnerAsync("owner@example.com", null, "Str0ng!Passw0rd");
        var owner = _factory.NewClient();
        await Forms.SubmitAsync(owner, "/account/login", "team-login",
            new Dictionary<string,
                string> { ["Input.Email"] = "owner@example.com", ["Input.Password"] = "Str0ng!Passw0rd" });
        var created = await Forms.SubmitAsync(owner, "/admin/profile", "team-link", new Dictionary<string, string>());
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.OK,
            $"{created.StatusCode} {created.Headers.Location}: {body[..Math.Min(body.Length, 3000)]}");
        var link = Regex.Match(body, @"https://portal\.example\.test(/l/[A-Za-z0-9_-]{43})").Groups[1].Value;
        Assert.NotEmpty(link);

        var asOwner = await owner.GetAsync(link);
        Assert.Equal("/admin/preview", Location(asOwner));
        var preview = await owner.GetStringAsync("/admin/preview");
        Assert.Contains("Team preview", preview);

        var stranger = await _factory.NewClient().GetAsync(link);
        Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString(link)}", Location(stranger));

        var learner = await _factory.SignedInViaLinkAsync(await _data.ContactAsync("curious@example.com"));
        Assert.StartsWith("/account/login", Location(await learner.GetAsync(link)));
    }
}

/// <summary>Signing out ends that browser's session on the server: a copy of its cookie stops working, other browsers
/// do not.</summary>
public class SignOutWebTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;
    private readonly PortalData _data;

    public SignOutWebTests(PortalFactory factory)
    {
        _factory = factory;
        _data = new PortalData(factory.Services);
    }

    private HttpClient Browser(CookieContainer jar) =>
        _factory.CreateDefaultClient(new Uri("https://portal.example.test"),
            new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(jar));

    /// <summary>What an attacker who copied the cookies before sign-out holds.</summary>
    private static CookieContainer CopyOf(CookieContainer jar)
    {
        var copy = new CookieContainer();
        foreach (Cookie c in jar.GetAllCookies()) copy.Add(new Cookie(c.Name, c.Value, c.Path, c.Domain));
        return copy;
    }

    [Fact]
    public async Task A_learners_copied_cookie_dies_with_sign_out_and_her_other_browser_stays_signed_in()
    {
        var contact = await _data.ContactAsync("copied@example.com");
        var jar = new CookieContainer();
        var laptop = Browser(jar);
        Assert.Equal(HttpStatusCode.Redirect,
            (await Forms.ContinueAsync(laptop, new Uri(await _data.LinkAsync(contact)).PathAndQuery)).StatusCode);
        var phone = await _factory.SignedInViaLinkAsync(contact);
        var stolen = Browser(CopyOf(jar));
        Assert.Equal(HttpStatusCode.OK, (await stolen.GetAsync("/profile")).StatusCode);

        var signOut = await Forms.SubmitAsync(laptop, "/profile", "/account/logout", "sign-out", new Dictionary<string,
            string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        Assert.StartsWith("/login", Location(await stolen.GetAsync("/profile")));
        Assert.StartsWith("/login", Location(await laptop.GetAsync("/profile")));
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/profile")).StatusCode);
    }

    [Fact]
    public async Task The_owners_copied_cookie_no_longer_downloads_the_contact_export_after_sign_out()
    {
        await _factory.Services.GetRequiredService<OwnerSetup>()
            .CreateOwnerAsync("owner@example.com", null, "Str0ng!Passw0rd");
        var jar = new CookieContainer();
        var owner = Browser(jar);
        var login = await Forms.SubmitAsync(owner, "/account/login", "team-login",
            new Dictionary<string,
                string> { ["Input.Email"] = "owner@example.com", ["Input.Password"] = "Str0ng!Passw0rd" });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var stolen = Browser(CopyOf(jar));
        Assert.Equal(HttpStatusCode.OK, (await stolen.GetAsync("/admin/contacts/export")).StatusCode);
        // Requests in between renew the cookie (sliding expiry, security stamp): the copy still names the same session.
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/admin/profile")).StatusCode);

        var signOut = await Forms.SubmitAsync(owner, "/admin/profile", "/account/logout", "sign-out",
            new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        Assert.StartsWith("/account/login", Location(await stolen.GetAsync("/admin/contacts/export")));
        await using var db = await
            _factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>()
            .CreateDbContextAsync();
        Assert.Contains(db.SignInSessions, s => s.EndedAt != null);
    }

    [Fact]
    public async Task A_signed_in_request_keeps_its_cookie_so_stylesheets_stay_cacheable()
    {
        var contact = await new PortalData(_factory.Services).ContactAsync("cache.me@example.com");
        var learner = await _factory.SignedInViaLinkAsync(contact);
        Assert.Equal(HttpStatusCode.OK, (await learner.GetAsync("/profile"))
            .StatusCode); // the session is checked on this request
        var css = await learner.GetAsync("/app.css");
        Assert.False(css.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("no-store", css.Headers.CacheControl?.ToString() ?? "");
    }
}
