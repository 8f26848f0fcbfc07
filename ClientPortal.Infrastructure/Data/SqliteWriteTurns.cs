using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ClientPortal.Infrastructure.Data;

/// <summary>
/// EF Core's writes on SQLite take their turn at the process's <see cref="WriteGate"/>, beside group commit: a
/// transaction from its start to its end, and a SaveChanges outside one for its length. SQLite's transactions here are
/// <c>BEGIN IMMEDIATE</c>, so a second writer would otherwise wait inside SQLite's busy handler — a thread-pool thread
/// asleep with back-off while the lock may already be free; here it waits asynchronously and starts the moment the last
/// writer ends. Reads never wait. The gate only orders this process's writers: SQLite's lock still decides, so a wait
/// that takes too long (a writer in another process, or a write nested inside another context's transaction) goes on
/// to SQLite's busy handler as before.
/// <para>
/// A turn also ends whenever its context's connection closes, however it closes. EF Core raises no event when a BEGIN
/// fails after this interceptor took the turn (a canceled request, a lock held by another process), and a pooled
/// context going back to its pool closes its connection without the interceptors hearing of it: without this, such a
/// turn would be held until the same context happened to be used again, and every writer meanwhile would wait out
/// <see cref="MostWait"/>.
/// </para>
/// </summary>
public sealed class SqliteWriteTurns(WriteGate gate, ILogger<SqliteWriteTurns> logger) : DbTransactionInterceptor,
    ISaveChangesInterceptor
{
    private static readonly TimeSpan MostWait = TimeSpan.FromSeconds(5);
    private readonly ConditionalWeakTable<DbContext, Held> _held = new();

    private sealed record Held(WriteGate.Turn Turn, DbConnection Connection, StateChangeEventHandler OnClosed);

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
            CancellationToken cancellationToken = default)
    {
        await TakeAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection,
        TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        Take(eventData.Context);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (OutsideTransactionWithChanges(eventData.Context)) await TakeAsync(eventData.Context, cancellationToken);
        return result;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (OutsideTransactionWithChanges(eventData.Context)) Take(eventData.Context);
        return result;
    }

    // A save inside a transaction leaves the turn to the transaction's end.
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        EndOutsideTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EndOutsideTransaction(eventData.Context);
        return result;
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndOutsideTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => EndOutsideTransaction(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        EndOutsideTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => EndOutsideTransaction(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        End(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        End(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        End(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        End(eventData.Context);

    private static bool OutsideTransactionWithChanges(DbContext? context) =>
        context is not null && context.Database.CurrentTransaction is null && context.ChangeTracker.HasChanges();

    private async ValueTask TakeAsync(DbContext? context, CancellationToken ct)
    {
        if (context is null || _held.TryGetValue(context, out _)) return;
        if (await gate.TryEnterAsync(MostWait, ct) is { } turn) Hold(context, turn);
        else WaitedTooLong();
    }

    private void Take(DbContext? context)
    {
        if (context is null || _held.TryGetValue(context, out _)) return;
        if (gate.TryEnter(MostWait) is { } turn) Hold(context, turn);
        else WaitedTooLong();
    }

    // Worth an operator's eye: a long write or one held open, and writes are slow meanwhile.
    private void WaitedTooLong() =>
        logger.LogWarning("A database write waited {Seconds} s for the one before it and goes ahead on SQLite's own " +
            "lock", MostWait.TotalSeconds);

    // A transaction disposed without a commit or rollback, a BEGIN that failed, a context reset for its pool: each
    // closes the connection, which ends the turn.
    private void Hold(DbContext context, WriteGate.Turn turn)
    {
        var connection = context.Database.GetDbConnection();
        StateChangeEventHandler onClosed = (_, change) =>
        {
            if (change.CurrentState == ConnectionState.Closed) End(context);
        };
        connection.StateChange += onClosed;
        _held.AddOrUpdate(context, new Held(turn, connection, onClosed));
    }

    private void EndOutsideTransaction(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null) End(context);
    }

    private void End(DbContext? context)
    {
        if (context is null || !_held.TryGetValue(context, out var held) || !_held.Remove(context)) return;
        held.Connection.StateChange -= held.OnClosed;
        held.Turn.Dispose();
    }
}
