using System.Net;
using System.Text.RegularExpressions;
using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using static ClientPortal.Tests.Support.Http;

namespace ClientPortal.Tests.MagicLinks.Web;

public class MagicLinkWebTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;
    private readonly PortalData _data;

    public MagicLinkWebTests(PortalFactory factory)
    {
        _factory = factory;
        _data = new PortalData(factory.Services);
    }

    private static string PathOf(string url) => new Uri(url).PathAndQuery;

    /// <summary>Decodes entities and blanks what differs per response anyway (antiforgery values, encrypted component
    /// state, the token in a form action).</summary>
    private static string Normalize(string html)
    {
        html = Regex.Replace(html, "value=\"[^\"]+\"", "value=\"\"");
        html = Regex.Replace(html, "<!--Blazor-Server-Component-State:[^>]*-->", "");
        html = Regex.Replace(html, "/l/[^\"?]+", "/l/TOKEN");
        return System.Net.WebUtility.HtmlDecode(html);
    }

    private static async Task<HttpResponseMessage> ContinueAsync(HttpClient client, string path) =>
        await Forms.ContinueAsync(client, path);

    [Fact]
    public async Task Get_shows_continue_never_signs_in_and_never_consumes()
    {
        var contact = await _data.ContactAsync("getter@example.com");
        var path = PathOf(await _data.LinkAsync(contact));
        var scanner = _factory.NewClient();
        for (var i = 0; i < 3; i++)
        {
            var response = await scanner.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            var html = Normalize(await response.Content.ReadAsStringAsync());
            Assert.Contains("Continue to Client Portal", html);
            Assert.Contains("g•••••@example.com", html);
            Assert.DoesNotContain("getter@example.com", html);
        }
        Assert.Equal(HttpStatusCode.Redirect, (await scanner.GetAsync("/")).StatusCode); // still anonymous

        var person = _factory.NewClient();
        var redeemed = await ContinueAsync(person, path);
        Assert.Equal(HttpStatusCode.Redirect, redeemed.StatusCode);
        Assert.Equal("/", Location(redeemed));
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/")).StatusCode);
        var contactRow = await _data.Get<ContactDirectory>().GetAsync(contact);
        Assert.Equal(PortalStatus.Active, contactRow!.PortalStatus);
    }

    [Fact]
    public async Task Double_click_from_the_same_browser_works_another_browser_is_refused_with_fallbacks()
    {
        var contact = await _data.ContactAsync("double@example.com");
        var path = PathOf(await _data.LinkAsync(contact, "courses"));
        var browser = _factory.NewClient();
        Assert.Equal("/courses", Location(await ContinueAsync(browser, path)));
        Assert.Equal("/courses", Location(await ContinueAsync(browser, path))); // back button / double click

        var other = _factory.NewClient();
        var refused = await ContinueAsync(other, path);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(path + "?refused=1", Location(refused));
        var html = Normalize(await other.GetStringAsync(Location(refused)));
        Assert.Contains("This link can't be used any more", html);
        Assert.Single(Regex.Matches(html, "type=\"email\"")); // one field, then the ways to get back in
        var methods = await Forms.SignInMethodsAsync(other, "someone@example.com", Location(refused), "relink-email");
        Assert.Contains("Email me a new link", methods);
        Assert.Contains("Email me a code instead", methods);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Dead_and_unknown_links_look_the_same_and_reveal_nothing()
    {
        var contact = await _data.ContactAsync("dead@example.com");
        var used = PathOf(await _data.LinkAsync(contact));
        await ContinueAsync(_factory.NewClient(), used);
        var usedPage = Normalize(await _factory.NewClient().GetStringAsync(used));
        var unknownPage = Normalize(await _factory.NewClient().GetStringAsync("/l/" + new string('x', 43)));
        var garbagePage = Normalize(await _factory.NewClient().GetStringAsync("/l/not-even-a-token"));
        Assert.Equal(unknownPage, usedPage);
        Assert.Equal(unknownPage, garbagePage);
        // The redemption endpoint's "refused" marker: any value shows the same page, never an error.
        // (Its forms post back to the same address, query included.)
        var refusedPage = await _factory.NewClient().GetStringAsync(used + "?refused=%3Cx%3E");
        Assert.Equal(unknownPage, Normalize(refusedPage.Replace("?refused=%3Cx%3E", "")));
        Assert.DoesNotContain("dead@example.com", usedPage);
        Assert.DoesNotContain("•••", usedPage);
    }

    [Fact]
    public async Task A_deleted_contacts_link_shows_the_dead_link_page_not_their_masked_email()
    {
        var contact = await _data.ContactAsync("gone@example.com");
        var link = PathOf(await _data.LinkAsync(contact));
        Assert.Contains("data-testid=\"continue\"", await _factory.NewClient().GetStringAsync(link));
        Assert.True((await _data.Get<ContactDirectory>().DeleteAsync(contact, PortalData.Admin)).Succeeded);

        var page = await _factory.NewClient().GetStringAsync(link);
        Assert.Equal(Normalize(await _factory.NewClient().GetStringAsync("/l/" + new string('x', 43))),
            Normalize(page));
        Assert.DoesNotContain("•••", page);
        Assert.DoesNotContain("data-testid=\"continue\"", page);
    }

    [Fact]
    public async Task Email_me_a_link_answers_identically_for_known_and_unknown_addresses()
    {
        await _data.ContactAsync("known@example.com");
        async Task<(HttpStatusCode, string)> RequestAsync(string email)
        {
            var response = await Forms.SubmitAsync(_factory.NewClient(), "/login", "request-link",
                new Dictionary<string,
                string> { ["Input.Email"] = email });
            return (response.StatusCode, Normalize(await response.Content.ReadAsStringAsync()).Replace(email, "EMAIL"));
        }
        var known = await RequestAsync("known@example.com");
        var unknown = await RequestAsync("unknown-person@example.com");
        Assert.Equal(HttpStatusCode.OK, known.Item1);
        Assert.Equal(known, unknown);
        Assert.Contains("If EMAIL has access, a sign-in link is on its way. It works for 15 minutes.", known.Item2);

        var mail = await _data.LatestMailTextAsync("known@example.com");
        Assert.NotEmpty(PortalData.TokenIn(mail));
    }

    [Fact]
    public async Task Throttled_requests_get_429_with_retry_after_and_say_when()
    {
        var client = _factory.NewClient();
        var fields = new Dictionary<string, string> { ["Input.Email"] = "throttle@example.com" };
        Assert.Equal(HttpStatusCode.OK, (await Forms.SubmitAsync(client, "/login", "request-link", fields)).StatusCode);
        var second = await Forms.SubmitAsync(client, "/login", "request-link", fields);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        var retry = int.Parse(second.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retry, 1, 60);
        Assert.Contains("Too many requests. Try again in", Normalize(await second.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Code_login_signs_in_with_the_emailed_code()
    {
        await _data.ContactAsync("coder@example.com", "Cody");
        var client = _factory.NewClient();
        var request = await Forms.SubmitAsync(client, "/login", "request-code", new Dictionary<string,
            string> { ["Input.Email"] = "coder@example.com" });
        Assert.Equal("/login/code?email=coder%40example.com", Location(request));
        var mail = await _data.LatestMailTextAsync("coder@example.com");
        var code = Regex.Match(mail, @"\b(\d{6})\b").Groups[1].Value;

        var wrong = await Forms.SubmitAsync(client, "/login/code?email=coder%40example.com", "verify-code",
            new Dictionary<string,
                string> { ["Input.Email"] = "coder@example.com",
                ["Input.Code"] = code == "123456" ? "654321" : "123456" });
        Assert.Contains("That code is not right or has expired", Normalize(await wrong.Content.ReadAsStringAsync()));
        var right = await Forms.SubmitAsync(client, "/login/code?email=coder%40example.com", "verify-code",
            new Dictionary<string, string> { ["Input.Email"] = "coder@example.com", ["Input.Code"] = code });
        Assert.Equal("/", Location(right));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Learners_see_only_granted_courses_and_get_404_for_the_rest()
    {
        var (granted, grantedOffer) = await _data.CourseWithOfferAsync("Granted Course");
        var (ungranted, _) = await _data.CourseWithOfferAsync("Ungranted Course");
        var contact = await _data.ContactAsync("reader@example.com");
        await _data.GrantAsync(contact, grantedOffer);
        var client = _factory.NewClient();
        await ContinueAsync(client, PathOf(await _data.LinkAsync(contact)));

        var library = await client.GetStringAsync("/");
        Assert.Contains("Granted Course", library);
        Assert.DoesNotContain("Ungranted Course", library);
        var course = await client.GetAsync($"/courses/{granted}");
        Assert.Equal(HttpStatusCode.OK, course.StatusCode);
        Assert.Contains("Welcome to <strong>Granted Course</strong>",
            Normalize(await course.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/courses/{ungranted}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/courses/999999")).StatusCode);

        // Revoking takes effect on the very next request.
        await _data.Get<ClientPortal.App.Features.Access.AccessGrants>()
            .RevokeAsync(contact, grantedOffer, ClientPortal.Domain.Security.Actor.System());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/courses/{granted}")).StatusCode);
        Assert.Contains("You don't have access to any courses yet", Normalize(await client.GetStringAsync("/")));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("/%5Cevil.example")]
    public async Task Password_login_never_redirects_off_site(string returnUrl)
    {
        var contact = await _data.ContactAsync("redirect@example.com");
        var account = (await _data.Get<ClientPortal.App.Features.Learners.LearnerAccounts>()
            .EnsureAccountAsync(contact)).Value!;
        await _data.Get<ClientPortal.App.Features.Learners.LearnerProfile>()
            .SetPasswordAsync(account.Id, null, "Redir3ct!Pass");
        var client = _factory.NewClient();
        var response = await Forms.SubmitAsync(client, $"/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}",
            "learner-login",
            new Dictionary<string,
                string> { ["Input.Email"] = "redirect@example.com", ["Input.Password"] = "Redir3ct!Pass" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Location(response));
    }
}
