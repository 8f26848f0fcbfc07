using System.Net;
using System.Text.RegularExpressions;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Passkeys.Web;

/// <summary>Its own server: the limiter counts per client address, and another test's posts would share the
/// window.</summary>
public sealed class PasskeyTightLimitFactory : PortalFactory
{
    protected override IEnumerable<KeyValuePair<string,
        string>> Settings => [new("Portal:RateLimit:PostsPerMinute", "3")];
}

public class PasskeyRateLimitWebTests(PasskeyTightLimitFactory factory) : IClassFixture<PasskeyTightLimitFactory>
{
    [Fact]
    public async Task Passkey_sign_in_posts_share_the_public_auth_rate_limit()
    {
        var client = factory.NewClient();
        var page = await client.GetStringAsync("/login");
        var token = WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")
            .Groups[1].Value);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/login/passkey/options");
            request.Headers.Add("RequestVerificationToken", token);
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests,
            HttpStatusCode.TooManyRequests], statuses);
    }
}
