using ClientPortal.App.Features.MagicLinks;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Data.Writes;
using ClientPortal.Infrastructure.Events;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Data.Services;

/// <summary>
/// Sign-ins share a transaction with whatever else is queued at that moment: each piece must still stand alone
/// (a failing or refused piece leaves no trace, its neighbours commit), and a piece is answered only once committed.
/// </summary>
public class GroupCommitTests
{
    [Fact]
    public async Task A_failing_piece_is_rolled_back_alone_and_the_others_in_its_batch_commit()
    {
        await using var host = await DomainHost.StartAsync();
        var writes = host.Get<GroupCommit>();
        var ids = new List<long>();
        for (var n = 0; n < 30; n++) ids.Add(await Seed.ContactAsync(host, $"batch{n}@example.com"));

        // Queued together, so they share batches; every third piece writes and then throws. A batch with a failing
        // piece is run again with a savepoint per piece: the pieces before it run twice and must leave their rows once.
        var pieces = ids.Select((id, n) => writes.RunAsync(session =>
        {
            session.RecordEntry(id, new DateTime(2026, 1, 1)); // sets LastAccessAt
            session.Insert(new AuditEvent { At = DateTime.UtcNow, Action = "test.piece", ContactId = id });
            if (n % 3 == 0) throw new InvalidOperationException($"piece {n} fails");
            return n;
        })).ToList();
        for (var n = 0; n < pieces.Count; n++)
            if (n % 3 == 0) await Assert.ThrowsAsync<InvalidOperationException>(() => pieces[n]);
            else Assert.Equal(n, await pieces[n]);

        await using var db = host.NewDb();
        var touched = await db.Contacts.Where(c => c.LastAccessAt != null).Select(c => c.Id).ToListAsync();
        Assert.Equal(ids.Where((_, n) => n % 3 != 0).Order(), touched.Order());
        var logged = await db.AuditEvents.Where(a => a.Action == "test.piece").Select(a => a.ContactId!.Value)
            .ToListAsync();
        Assert.Equal(ids.Where((_, n) => n % 3 != 0).Order(), logged.Order());
    }

    [Fact]
    [Trait("Provider", "Sqlite")] // SQLite's write-ahead log
    public async Task Sustained_writing_keeps_the_WAL_small_instead_of_growing_with_everything_written()
    {
        await using var host = await DomainHost.StartAsync();
        var writes = host.Get<GroupCommit>();
        var details = new string('x', 2000);
        // Sixteen writers that never pause, ~8 MB of new rows in all: the WAL must be started over along the way.
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= 4000)
                await writes.RunAsync(session =>
                {
                    session.Insert(new AuditEvent { At = DateTime.UtcNow, Action = "test.fill", Details = details });
                    return 0;
                });
        }));

        var wal = new FileInfo(Directory.GetFiles(host.DataDirectory, "*.db-wal", SearchOption.AllDirectories).Single())
            .Length;
        Assert.True(wal < 4 * 1024 * 1024, $"the WAL grew to {wal / 1048576.0:F1} MB");
        await using var db = host.NewDb();
        Assert.Equal(4000, await db.AuditEvents.CountAsync(a => a.Action == "test.fill"));
    }

    [Fact]
    public async Task An_undone_piece_leaves_no_trace_and_answers_its_value()
    {
        await using var host = await DomainHost.StartAsync();
        var id = await Seed.ContactAsync(host, "undo@example.com");
        var heard = 0;
        using var _ = host.Get<DomainEvents>()
            .Subscribe(e => { if (e is ContactTagged) heard++; return Task.CompletedTask; });
        var answer = await host.Get<GroupCommit>().RunAsync(session =>
        {
            session.RecordEntry(id, new DateTime(2026, 1, 1)); // sets LastAccessAt
            session.Raise(new ContactTagged(id, "test.undone", true, Seed.Admin, DateTime.UtcNow, Guid.NewGuid()));
            session.Undo();
            return "refused";
        });
        Assert.Equal("refused", answer);
        Assert.Equal(0, heard);
        await using var db = host.NewDb();
        Assert.Null((await db.Contacts.SingleAsync(c => c.Id == id)).LastAccessAt);
        Assert.False(await db.AuditEvents.AnyAsync(a => a.Subject == "test.undone"));
    }

    [Fact]
    public async Task A_kept_piece_writes_its_audit_rows_with_it_and_publishes_its_events_after_the_commit()
    {
        await using var host = await DomainHost.StartAsync();
        var id = await Seed.ContactAsync(host, "kept@example.com");
        var auditVisibleWhenHeard = new List<bool>();
        using var _ = host.Get<DomainEvents>().Subscribe(async e =>
        {
            if (e is not ContactTagged { Tag: "test.kept" }) return;
            await using var db = host.NewDb();
            auditVisibleWhenHeard.Add(await db.AuditEvents.AnyAsync(a => a.Subject == "test.kept"
                && a.ContactId == id));
        });
        await host.Get<GroupCommit>().RunAsync(session =>
        {
            session.Raise(new ContactTagged(id, "test.kept", true, Seed.Admin, DateTime.UtcNow, Guid.NewGuid()));
            return true;
        });
        Assert.Equal([true], auditVisibleWhenHeard);
    }

    [Fact]
    public async Task Concurrent_first_sign_ins_each_get_one_account_one_join_and_rows_as_EF_reads_them()
    {
        await using var host = await DomainHost.StartAsync();
        var links = (Issuing: host.Get<MagicLinkIssuing>(), Redemption: host.Get<MagicLinkRedemption>(),
            Queries: host.Get<MagicLinkQueries>());
        var admin = new Actor("t", "test", Roles.Owner);
        var tokens = new List<(long Contact, string Token)>();
        for (var n = 0; n < 40; n++)
        {
            var contact = await Seed.ContactAsync(host, $"Many{n}@Example.com");
            tokens.Add((contact,
                (await links.Issuing.IssueAsync(new LinkRequest(contact, null, MagicLinkPurpose.AdminGenerated), admin))
                .Value!.Token));
        }
        // Each link twice at once from different browsers: exactly one of each pair signs in.
        var results = await Task.WhenAll(tokens.SelectMany(t => new[] { "a", "b" }.Select(b =>
            Task.Run(() => links.Redemption.RedeemAsync(t.Token, $"{b}-{t.Contact}", Actor.System("t"))))));
        Assert.Equal(tokens.Count, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => r.Succeeded), r => Assert.True(r.FirstEntry));

        await using var db = host.NewDb();
        foreach (var (contactId, _) in tokens)
        {
            var contact = await db.Contacts.SingleAsync(c => c.Id == contactId);
            var user = await db.Users.SingleAsync(u => u.ContactId == contactId);
            Assert.Equal(user.Id, contact.UserId);
            Assert.Equal(PortalStatus.Active, contact.PortalStatus);
            Assert.Equal(host.Clock.GetUtcNow().UtcDateTime,
                contact.FirstAccessAt); // written raw, read back by EF exactly
            Assert.Equal(contact.Email.ToUpperInvariant(), user.NormalizedEmail);
            Assert.True(user.LockoutEnabled && user.EmailConfirmed && user.SecurityStamp is { Length: 40 });
            Assert.Equal([Roles.Learner], await db.UserRoles.Where(r => r.UserId == user.Id)
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync());
            var link = await db.MagicLinks.SingleAsync(l => l.ContactId == contactId);
            Assert.NotNull(link.ConsumedAt);
            Assert.Equal(1,
                await db.AuditEvents.CountAsync(a => a.ContactId == contactId && a.Action == "login.link"
                && a.Details == "first entry"));
        }
    }
}
