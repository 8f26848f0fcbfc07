using System.Text.RegularExpressions;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Learners.Web;

/// <summary>The learner sign-in asks for one email, then offers this portal's ways in: the same for every
/// address.</summary>
public class EmailFirstSignInWebTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Normalize(string html, string email)
    {
        html = Regex.Replace(html, "value=\"[^\"]+\"", "value=\"\"");
        html = Regex.Replace(html, "<!--Blazor-Server-Component-State:[^>]*-->", "");
        return html.Replace(email, "EMAIL");
    }

    [Fact]
    public async Task One_email_field_then_the_same_ways_in_for_a_known_and_an_unknown_address()
    {
        await new PortalData(factory.Services).ContactAsync("known.learner@example.com");
        var first = await factory.NewClient().GetStringAsync("/login");
        Assert.Single(Regex.Matches(first, "type=\"email\""));
        Assert.DoesNotContain("type=\"password\"", first);

        var known = await Forms.SignInMethodsAsync(factory.NewClient(), "known.learner@example.com");
        var unknown = await Forms.SignInMethodsAsync(factory.NewClient(), "nobody.here@example.com");
        Assert.Equal(Normalize(known, "known.learner@example.com"), Normalize(unknown, "nobody.here@example.com"));
        Assert.Contains("Email me a login link", known);
        Assert.Contains("Email me a code", known);
        Assert.Contains("type=\"password\"", known);
        Assert.DoesNotContain("type=\"email\"", known); // the address travels hidden; "Change" goes back to the field
    }

    [Fact]
    public async Task The_way_last_used_on_this_browser_is_offered_first()
    {
        var browser = factory.NewClient();
        var before = await Forms.SignInMethodsAsync(browser, "habit@example.com");
        Assert.True(before.IndexOf("Email me a login link",
            StringComparison.Ordinal) < before.IndexOf("Email me a code",
            StringComparison.Ordinal));
        Assert.DoesNotContain("Last used on this browser", before);

        await Forms.SubmitAsync(browser, "/login", "request-code", new Dictionary<string,
            string> { ["Input.Email"] = "habit@example.com" });
        var after = await Forms.SignInMethodsAsync(browser, "habit@example.com");
        Assert.True(after.IndexOf("Email me a code", StringComparison.Ordinal) < after.IndexOf("Email me a login link",
            StringComparison.Ordinal));
        Assert.Contains("Last used on this browser", after);

        // Another browser has no such memory.
        Assert.DoesNotContain("Last used on this browser",
            await Forms.SignInMethodsAsync(factory.NewClient(), "habit@example.com"));
    }
}
