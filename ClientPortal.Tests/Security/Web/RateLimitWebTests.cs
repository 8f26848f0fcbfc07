using System.Net;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Security.Web;

public sealed class TightLimitFactory : PortalFactory
{
    protected override IEnumerable<KeyValuePair<string,
        string>> Settings => [new("Portal:RateLimit:PostsPerMinute", "3")];
}

public class RateLimitWebTests : IClassFixture<TightLimitFactory>
{
    private readonly TightLimitFactory _factory;

    public RateLimitWebTests(TightLimitFactory factory) => _factory = factory;

    [Fact]
    public async Task Public_auth_posts_past_the_limit_get_429_with_retry_after()
    {
        var client = _factory.NewClient();
        var token = new string('q', 43);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await Forms.ContinueAsync(client, $"/l/{token}");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single()), 1, 60);
                Assert.Contains("Too many attempts. Try again in", await response.Content.ReadAsStringAsync());
            }
        }
        Assert.Equal(3, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz"))
            .StatusCode); // other endpoints are not limited
    }
}
