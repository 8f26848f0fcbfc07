using System.Net;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Messaging;
using ClientPortal.Tests.Data.Services;
using ClientPortal.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Tests.Data.Web;

/// <summary>The new build started on a copy of the November 2026 release's data folder.</summary>
public sealed class UpgradedPortalFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        UpgradeFixture.CopyTo(DataDirectory);
        base.ConfigureWebHost(builder);
    }
}

// SQLite's own (its file, pragmas, WAL or a process on the default database): the PostgreSQL pass leaves it out
[Trait("Provider", "Sqlite")]
public class UpgradeWebTests(UpgradedPortalFactory factory) : IClassFixture<UpgradedPortalFactory>
{
    [Fact]
    public async Task A_database_of_the_last_release_upgrades_on_start_with_every_row_and_sign_in_intact()
    {
        var facts = UpgradeFixture.Facts;
        using var scope = factory.Services.CreateScope();
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>()
            .CreateDbContextAsync())
        {
            Assert.Equal(int.Parse(facts["contacts"]), await db.Contacts.CountAsync());
            Assert.Equal(int.Parse(facts["grants"]), await db.Grants.CountAsync());
            Assert.Equal(int.Parse(facts["links"]), await db.MagicLinks.CountAsync());
            Assert.Equal(int.Parse(facts["outbox"]), await db.Outbox.CountAsync());
            Assert.Equal(int.Parse(facts["runs"]), await db.WorkflowRuns.CountAsync());
            Assert.Equal(int.Parse(facts["users"]), await db.Users.CountAsync());
            Assert.Equal("Fixture Portal", (await db.Settings.SingleAsync()).PortalName);
            // Bodies at rest were sealed by the release's keys, which the upgrade keeps.
            var invite = await db.Outbox.OrderBy(m => m.Id).FirstAsync();
            Assert.Contains("/l/", scope.ServiceProvider.GetRequiredService<MessageProtector>()
                .TryUnprotect(invite.ProtectedText)!);
            // Every migration since the release has run, in order.
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            Assert.Equal("20261202174619_Initial", applied[0]);
            Assert.Equal(db.Database.GetMigrations(), applied);
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var owner = await users.FindByEmailAsync("owner@fixture.test");
        Assert.NotNull(owner);
        Assert.True(await users.CheckPasswordAsync(owner, "Fixture-Owner-Pass-1"));
        Assert.Contains(Roles.Owner, await users.GetRolesAsync(owner));

        // The link issued by the release signs its learner in and lands on the library of what she was granted.
        var client = factory.NewClient();
        var continued = await Forms.ContinueAsync(client, $"/l/{facts["link"]}");
        Assert.Equal(HttpStatusCode.Redirect, continued.StatusCode);
        var library = await client.GetStringAsync("/");
        Assert.Contains("Photography Foundations", library);

        // The run the release left pending (its contact was created by the invite) is finished by the new build's
        // runner.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>()
                .CreateDbContextAsync();
            if (await db.WorkflowRuns.AllAsync(r => r.Status == WorkflowRunStatus.Completed)) break;
            Assert.True(DateTime.UtcNow < deadline,
                "The release's pending workflow run did not complete after the upgrade.");
            await Task.Delay(100);
        }

        // The upgraded schema is the one a new installation gets.
        using var fresh = new TempDirectory();
        await using (var db = MigrationTests.NewContext(fresh.Path)) await PortalDatabase.MigrateAsync(db);
        SqliteConnection.ClearAllPools();
        Assert.Equal(SchemaDump.Of(Path.Combine(fresh.Path, PortalDatabase.FileName)),
            SchemaDump.Of(Path.Combine(factory.DataDirectory, PortalDatabase.FileName)));
    }
}
