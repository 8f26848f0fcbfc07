using System.Diagnostics;
using System.Net;
using ClientPortal.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Scaling.Browser;

/// <summary>One cluster with its Owner for the class: each test leaves it running (Redis back, a killed node
/// restarted).</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public PortalCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await PortalCluster.StartAsync();
        var (code, output) = await Cluster.A.RunCommandAsync("create-owner", "--email", AdminBrowser.OwnerEmail,
            "--password", AdminBrowser.OwnerPassword);
        Assert.True(code == 0, output);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>
/// Two portal processes on PostgreSQL and Redis behind nginx (<see cref="PortalCluster"/>): what one node does, the
/// other sees; nothing is sent twice when a node dies; one link signs in one browser. Each test works with contacts of
/// its own.
/// </summary>
public class MultiNodeTests(BrowserFixture browser, ClusterFixture fixture)
    : IClassFixture<BrowserFixture>, IClassFixture<ClusterFixture>, IAsyncLifetime
{
    private readonly PortalCluster _cluster = fixture.Cluster;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.CloseContextsAsync();

    [Fact]
    public async Task
        A_learner_signing_in_through_node_B_moves_the_dashboard_open_on_node_A_and_nginx_serves_the_admin_pages()
    {
        var link = await LinkForNewContactAsync("ada@example.com");
        // The admin works through nginx (its WebSocket too); the learner's link is redeemed on the other node.
        var admin = await SignInAsOwnerAsync(_cluster.Proxy.BaseUrl);
        var adminNode = await NodeServingAsync(_cluster.Proxy.BaseUrl);
        var other = adminNode == _cluster.A ? _cluster.B : _cluster.A;
        var active = int.Parse((await admin.GetByTestId("active-count").TextContentAsync())!);

        await SignInAsLearnerAsync(other, link);
        var watch = Stopwatch.StartNew();
        // The database poll is set to 10 minutes on these nodes: only the Redis relay can bring this in time.
        await Expect(admin.GetByTestId("active-count")).ToHaveTextAsync((active + 1).ToString());
        Console.WriteLine($"FIGURE cross-node dashboard update: {watch.ElapsedMilliseconds} ms after the learner's " +
            $"library showed");
        await Expect(admin.GetByTestId("feed")).ToContainTextAsync("ada@example.com");
        Assert.Empty(browser.TakeConsoleErrors());
    }

    [Fact]
    public async Task
        A_cookie_from_node_A_works_on_node_B_and_thirty_browsers_racing_one_link_over_both_nodes_sign_in_one()
    {
        var cookies = new CookieContainer();
        using (var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        using (var onA = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(_cluster.A.BaseUrl) })
        {
            var signedIn = await Forms.ContinueAsync(onA, await LinkForNewContactAsync("bea@example.com"));
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            // Cookies do not depend on the port: the same jar now asks node B, which must read node A's cookie.
            using var onB = new HttpClient(handler,
                disposeHandler: false) { BaseAddress = new Uri(_cluster.B.BaseUrl) };
            var profile = await onB.GetAsync("/profile");
            Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
            Assert.Contains("bea@example.com", await profile.Content.ReadAsStringAsync());
        }

        var link = await LinkForNewContactAsync("cy@example.com");
        var clients = Enumerable.Range(0, 30)
            .Select(i =>
            new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(i % 2 == 0 ? _cluster.A.BaseUrl : _cluster.B.BaseUrl),
        }).ToList();
        var answers = await Task.WhenAll(clients.Select(c => Forms.ContinueAsync(c, link)));
        var winners = answers.Where(a => a.StatusCode == HttpStatusCode.Redirect
            && !a.Headers.Location!.OriginalString.Contains("refused=1")).ToList();
        Assert.Single(winners);
        Assert.All(answers,
            a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode)); // the others are told, not failed
        foreach (var c in clients) c.Dispose();
    }

    [Fact]
    public async Task
        Two_thousand_login_emails_over_two_nodes_one_killed_mid_way_reach_every_recipient_with_one_message_id()
    {
        const int recipients = 2000;
        await ImportAsync(Enumerable.Range(0, recipients).Select(i => $"learner{i:D4}@example.com"));
        var (code, output) = await _cluster.A.RunCommandAsync("send-login-emails", "--all");
        Assert.True(code == 0, output);

        // SIGKILL node A while both deliver, then start it again: it takes back the messages it had in hand.
        var before = _cluster.Mail.Accepted;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (_cluster.Mail.Accepted - before < 100 && DateTime.UtcNow < deadline) await Task.Delay(10);
        var atKill = _cluster.Mail.Accepted - before;
        Assert.True(atKill < recipients, $"all {atKill} messages were out before the kill");
        await _cluster.A.KillAsync();
        await _cluster.A.StartAgainAsync();

        IReadOnlyList<Testing.ReceivedMail> Mine() => _cluster.Mail.Received().Where(m => m.To.StartsWith("learner"))
            .ToList();
        var mail = Mine();
        var wait = DateTime.UtcNow.AddMinutes(5);
        while (mail.Select(m => m.To).Distinct().Count() < recipients && DateTime.UtcNow < wait)
        {
            await Task.Delay(500);
            mail = Mine();
        }
        var byRecipient = mail.GroupBy(m => m.To)
            .ToDictionary(g => g.Key, g => g.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(recipients, byRecipient.Count);
        Assert.All(byRecipient, r => Assert.True(r.Value == 1, $"{r.Key} got {r.Value} different messages"));
        Console.WriteLine($"FIGURE multi-node delivery: {recipients} recipients, node A killed after {atKill} " +
            $"messages; {mail.Count} messages received ({mail.Count - recipients} resent with the same Message-ID)");
    }

    [Fact]
    public async Task With_Redis_gone_both_nodes_keep_serving_and_say_so_and_live_updates_resume_when_it_returns()
    {
        var admin = await SignInAsOwnerAsync(_cluster.A.BaseUrl);
        var active = int.Parse((await admin.GetByTestId("active-count").TextContentAsync())!);
        await _cluster.Redis.StopAsync();
        await WaitForHealthAsync(_cluster.B, "redis: Degraded");

        await SignInAsLearnerAsync(_cluster.B, await LinkForNewContactAsync("dee@example.com"));
        // Node A serves on (another admin tab); the dashboard left open cannot hear node B meanwhile.
        var second = await SignInAsOwnerAsync(_cluster.A.BaseUrl);
        await second.GotoAsync(_cluster.A.BaseUrl + "/admin/contacts");
        await Expect(second.GetByTestId("contacts-grid")).ToContainTextAsync("dee@example.com");
        Assert.StartsWith("Degraded", await new HttpClient().GetStringAsync(_cluster.A.BaseUrl + "/healthz"));

        // Redis back: the open dashboard catches up with what it missed, without a reload, then follows live again.
        await _cluster.Redis.StartAgainAsync();
        await WaitForHealthAsync(_cluster.A, "redis: Healthy");
        await WaitForHealthAsync(_cluster.B, "redis: Healthy");
        await Expect(admin.GetByTestId("active-count")).ToHaveTextAsync((active + 1).ToString());
        await SignInAsLearnerAsync(_cluster.B, await LinkForNewContactAsync("eve@example.com"));
        await Expect(admin.GetByTestId("active-count")).ToHaveTextAsync((active + 2).ToString());
        Assert.Empty(browser.TakeConsoleErrors());
    }

    private async Task<IPage> SignInAsOwnerAsync(string baseUrl)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(baseUrl + "/account/login");
        await page.GetByLabel("Email").FillAsync(AdminBrowser.OwnerEmail);
        await page.GetByLabel("Password").FillAsync(AdminBrowser.OwnerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("invited-count")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Which node nginx sends this machine's requests to (ip_hash: always the same one), from the test proxy's
    /// X-Upstream header.</summary>
    private async Task<RunningPortal> NodeServingAsync(string proxy)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(proxy + "/healthz/live");
        var upstream = response.Headers.GetValues("X-Upstream").Single();
        return upstream.EndsWith(":" + new Uri(_cluster.A.BaseUrl).Port) ? _cluster.A : _cluster.B;
    }

    /// <summary>A learner's browser opens the link on <paramref name="node"/> and continues into the library.</summary>
    private async Task<IPage> SignInAsLearnerAsync(RunningPortal node, string link)
    {
        var learner = await browser.NewPageAsync();
        await learner.GotoAsync(node.BaseUrl + link);
        await learner.GetByTestId("continue").ClickAsync();
        await Expect(learner.GetByTestId("library-empty")).ToBeVisibleAsync();
        return learner;
    }

    private async Task<string> LinkForNewContactAsync(string email)
    {
        await ImportAsync([email]);
        var (code, output) = await _cluster.A.RunCommandAsync("magic-link", "--email", email);
        Assert.True(code == 0, output);
        return new Uri(output.Split('\n', StringSplitOptions.TrimEntries).First(l => l.StartsWith("http")))
            .PathAndQuery;
    }

    private async Task ImportAsync(IEnumerable<string> emails)
    {
        var csv = Path.Combine(Path.GetTempPath(), $"cp-import-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(csv, emails.Prepend("email"));
        try
        {
            var (code, output) = await _cluster.A.RunCommandAsync("import-contacts", csv);
            Assert.True(code == 0, output);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    private static async Task WaitForHealthAsync(RunningPortal node, string line)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        string health;
        while (!(health = await http.GetStringAsync(node.BaseUrl + "/healthz")).Contains(line))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"/healthz never said '{line}':\n{health}");
            await Task.Delay(200);
        }
    }
}
