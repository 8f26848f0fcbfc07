using ClientPortal.App.Features.Setup;
using ClientPortal.Domain.Security;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Setup.Services;

public class OwnerSetupTests
{
    private const string Password = "Str0ng!Passw0rd";

    [Fact]
    public async Task The_setup_token_is_256_bits_stored_only_as_its_hash()
    {
        await using var host = await DomainHost.StartAsync();
        var token = await host.Get<OwnerSetup>().IssueSetupTokenAsync();
        Assert.NotNull(token);
        Assert.Equal(43, token!.Length); // 32 bytes, base64url

        await using var db = host.NewDb();
        var row = await db.AccountTokens.SingleAsync(t => t.UsedAt == null && t.RevokedAt == null);
        Assert.Equal(SecretToken.Hash(token), row.TokenHash);
        Assert.DoesNotContain(token, System.Text.Encoding.UTF8.GetString(row.TokenHash));
    }

    [Fact]
    public async Task The_setup_link_makes_one_owner_and_then_no_more_links()
    {
        await using var host = await DomainHost.StartAsync();
        var setup = host.Get<OwnerSetup>();
        var token = (await setup.IssueSetupTokenAsync())!;

        var first = await setup.ClaimAsync(token, "owner@example.com", "Olive Owner", Password);
        Assert.True(first.Succeeded, first.ErrorText);
        Assert.True(await setup.HasOwnerAsync());
        Assert.False(await setup.IsSetupTokenLiveAsync(token));

        var second = await setup.ClaimAsync(token, "intruder@example.com", "Intruder", Password);
        Assert.False(second.Succeeded);
        Assert.Null(await setup.IssueSetupTokenAsync());
        await using var db = host.NewDb();
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Fact]
    public async Task A_weak_password_does_not_burn_the_setup_link()
    {
        await using var host = await DomainHost.StartAsync();
        var setup = host.Get<OwnerSetup>();
        var token = await setup.IssueSetupTokenAsync();
        var weak = await setup.ClaimAsync(token, "owner@example.com", "Olive", "short");
        Assert.False(weak.Succeeded);
        Assert.Contains(weak.Errors, e => e.Contains("at least", StringComparison.OrdinalIgnoreCase));
        Assert.True(await setup.IsSetupTokenLiveAsync(token));
        Assert.True((await setup.ClaimAsync(token, "owner@example.com", "Olive", Password)).Succeeded);
    }

    [Fact]
    public async Task Reissuing_kills_the_older_setup_link()
    {
        await using var host = await DomainHost.StartAsync();
        var setup = host.Get<OwnerSetup>();
        var old = await setup.IssueSetupTokenAsync();
        var fresh = await setup.IssueSetupTokenAsync();
        Assert.False(await setup.IsSetupTokenLiveAsync(old));
        Assert.True(await setup.IsSetupTokenLiveAsync(fresh));
        Assert.False((await setup.ClaimAsync(old, "owner@example.com", "O", Password)).Succeeded);
    }

    [Fact]
    public async Task Racing_claims_create_exactly_one_owner()
    {
        await using var host = await DomainHost.StartAsync();
        var setup = host.Get<OwnerSetup>();
        var token = await setup.IssueSetupTokenAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => setup.ClaimAsync(token, $"owner{i}@example.com", $"Owner {i}", Password))));
        Assert.Equal(1, results.Count(r => r.Succeeded));
        await using var db = host.NewDb();
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Create_owner_explains_a_bad_email()
    {
        await using var host = await DomainHost.StartAsync();
        var setup = host.Get<OwnerSetup>();
        Assert.Contains("not a valid email", (await setup.CreateOwnerAsync("nope", null, Password)).ErrorText);
        Assert.False(await setup.HasOwnerAsync());
    }

    [Fact]
    public async Task Create_owner_refuses_a_second_owner()
    {
        await using var host = await DomainHost.StartAsync();
        var setup = host.Get<OwnerSetup>();
        Assert.True((await setup.CreateOwnerAsync("owner@example.com", null, Password)).Succeeded);
        Assert.Contains("already has an Owner", (await setup.CreateOwnerAsync("second@example.com", null, Password))
            .ErrorText);
    }
}
