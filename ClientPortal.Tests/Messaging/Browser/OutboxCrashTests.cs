using ClientPortal.Testing;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Messaging.Browser;

/// <summary>
/// The real executable sends a batch to a real SMTP server, is killed with SIGKILL mid-way, and restarts on the
/// same data: every message arrives, and none twice (by Message-ID). At most the messages being handed over on
/// each connection at the instant of the kill can reach the server twice, and then with the same Message-ID.
/// </summary>
public class OutboxCrashTests
{
    [Fact]
    public async Task Killed_mid_batch_and_restarted_every_message_arrives_exactly_once()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var portal = await RunningPortal.StartAsync(sink.PortalEnvironment(connections: 4));
        const int count = 400;
        using var dir = new TempDirectory();
        var csv = Path.Combine(dir.Path, "people.csv");
        await File.WriteAllLinesAsync(csv,
            ["email,first_name", .. Enumerable.Range(0, count).Select(i => $"person{i}@example.com,P{i}")]);
        Assert.Equal(0, (await portal.RunCommandAsync("import-contacts", csv)).ExitCode);
        var queued = await portal.RunCommandAsync("send-login-emails", "--all",
            $"--Portal:PublicBaseUrl={portal.BaseUrl}");
        Assert.True(queued.ExitCode == 0, queued.Output);

        await sink.WaitForAsync(40, TimeSpan.FromSeconds(60));
        await portal.CrashAndRestartAsync();
        var before = sink.Count;
        Assert.True(before < count, $"the kill came too late to interrupt anything ({before} of {count} had arrived)");

        var mails = await sink.WaitForAsync(count, TimeSpan.FromSeconds(90));
        await Task.Delay(1500); // anything still trickling in would show as a duplicate
        mails = sink.Received();

        var byRecipient = mails.GroupBy(m => m.RcptTos.Single()).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(count, byRecipient.Count);
        Assert.All(byRecipient.Values, copies => Assert.Single(copies.Select(c => c.MessageId).Distinct()));
        // Only messages in hand on one of the 4 connections at the kill can be handed over twice.
        Assert.True(mails.Count - count <= 4, $"{mails.Count - count} raw duplicates");
        Assert.Equal(count, mails.Select(m => m.MessageId).Distinct().Count());
    }
}
