using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Data.Services;

/// <summary>
/// EF Core's writes on SQLite hold the process's write gate from a transaction's start to its end (or for a SaveChanges
/// outside one): a turn that is never given back would stall every later writer, so each way a write can end must give
/// it back, and none may give it back early.
/// </summary>
[Trait("Provider", "Sqlite")] // PostgreSQL's writers are not queued
public class SqliteWriteTurnsTests
{
    private static bool Free(WriteGate gate)
    {
        using var turn = gate.TryEnter(TimeSpan.Zero);
        return turn is not null;
    }

    private static AuditEvent Row(string action) => new() { At = DateTime.UtcNow, Action = action };

    [Fact]
    public async Task A_transaction_holds_the_gate_through_its_saves_until_it_commits()
    {
        await using var host = await DomainHost.StartAsync();
        var gate = host.Get<WriteGate>();
        await using var db = host.NewDb();

        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            Assert.False(Free(gate));
            db.AuditEvents.Add(Row("turns.first"));
            await db.SaveChangesAsync();
            Assert.False(Free(gate)); // a save inside the transaction leaves the turn to the commit
            await tx.CommitAsync();
            Assert.True(Free(gate));
        }
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == "turns.first"));
    }

    [Fact]
    public async Task A_transaction_disposed_without_a_commit_gives_the_gate_back()
    {
        await using var host = await DomainHost.StartAsync();
        var gate = host.Get<WriteGate>();
        await using (var db = host.NewDb())
        await using (await db.Database.BeginTransactionAsync())
        {
            db.AuditEvents.Add(Row("turns.dropped"));
            await db.SaveChangesAsync();
        }
        Assert.True(Free(gate));

        await using var check = host.NewDb();
        Assert.Equal(0, await check.AuditEvents.CountAsync(a => a.Action == "turns.dropped"));
    }

    [Fact]
    public async Task A_save_outside_a_transaction_gives_the_gate_back_when_it_succeeds_and_when_it_fails()
    {
        await using var host = await DomainHost.StartAsync();
        var gate = host.Get<WriteGate>();
        await using var db = host.NewDb();
        db.AuditEvents.Add(Row("turns.saved"));
        await db.SaveChangesAsync();
        Assert.True(Free(gate));

        db.ChangeTracker.Clear();
        var id = await db.AuditEvents.Where(a => a.Action == "turns.saved").Select(a => a.Id).SingleAsync();
        db.AuditEvents.Add(new AuditEvent { Id = id, At = DateTime.UtcNow, Action = "turns.duplicate" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(Free(gate));
    }

    [Fact]
    public async Task A_BEGIN_that_fails_after_the_turn_was_taken_gives_it_back_when_its_context_goes_back_to_the_pool()
    {
        await using var host = await DomainHost.StartAsync();
        var gate = host.Get<WriteGate>();
        string connectionString;
        await using (var probe = host.NewDb()) connectionString = probe.Database.GetConnectionString()!;
        // Another process's writer (outside this process's gate) holds SQLite's lock, so the BEGIN fails once it has
        // its turn.
        await using var other = new SqliteConnection(connectionString);
        await other.OpenAsync();
        await using var lockHolder = await other.BeginTransactionAsync(); // BEGIN IMMEDIATE

        await using (var db = host.NewDb())
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var timeout = connection.DefaultTimeout;
            connection.DefaultTimeout = 1;
            try
            {
                await Assert.ThrowsAsync<SqliteException>(() => db.Database.BeginTransactionAsync());
            }
            finally
            {
                connection.DefaultTimeout = timeout;
            }
        } // back to the pool: EF Core closes the connection without telling its interceptors
        Assert.True(Free(gate));

        await lockHolder.RollbackAsync();
        await using var next = host.NewDb();
        next.AuditEvents.Add(Row("turns.after"));
        Assert.Equal(1, await next.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(4))); // no wait for a lost turn
    }

    [Fact]
    public async Task A_writer_waits_for_the_turn_and_goes_on_the_moment_it_is_given_back()
    {
        await using var host = await DomainHost.StartAsync();
        await using var first = host.NewDb();
        await using var second = host.NewDb();
        var tx = await first.Database.BeginTransactionAsync();
        first.AuditEvents.Add(Row("turns.one"));
        await first.SaveChangesAsync();

        second.AuditEvents.Add(Row("turns.two"));
        var waiting = second.SaveChangesAsync();
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted); // queued at the gate, not failed and not through
        await tx.CommitAsync();
        await tx.DisposeAsync();
        Assert.Equal(1, await waiting.WaitAsync(TimeSpan.FromSeconds(4))); // well inside the gate's own limit
    }
}
