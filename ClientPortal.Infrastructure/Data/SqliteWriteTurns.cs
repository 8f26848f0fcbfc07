using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClientPortal.Infrastructure.Data;

/// <summary>
/// EF Core's writes on SQLite take their turn at the process's <see cref="WriteGate"/>, beside group commit: a transaction
/// from its start to its end, and a SaveChanges outside one for its length. SQLite's transactions here are
/// <c>BEGIN IMMEDIATE</c>, so a second writer would otherwise wait inside SQLite's busy handler — a thread-pool thread
/// asleep with back-off while the lock may already be free; here it waits asynchronously and starts the moment the last
/// writer ends. Reads never wait. The gate only orders this process's writers: SQLite's lock still decides, so a wait
/// that takes too long (a writer in another process, or a write nested inside another context's transaction) goes on
/// to SQLite's busy handler as before.
/// </summary>
public sealed class SqliteWriteTurns(WriteGate gate) : DbTransactionInterceptor, ISaveChangesInterceptor, IDbConnectionInterceptor
{
    private static readonly TimeSpan MostWait = TimeSpan.FromSeconds(5);
    private readonly ConditionalWeakTable<DbContext, WriteGate.Turn> _held = new();

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await TakeAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        Take(eventData.Context);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
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
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
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

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => End(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        End(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => End(eventData.Context);

    // A transaction disposed without a commit or rollback ends with its connection.
    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        End(eventData.Context);
        return Task.CompletedTask;
    }

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => End(eventData.Context);

    private static bool OutsideTransactionWithChanges(DbContext? context) =>
        context is not null && context.Database.CurrentTransaction is null && context.ChangeTracker.HasChanges();

    private async ValueTask TakeAsync(DbContext? context, CancellationToken ct)
    {
        if (context is null || _held.TryGetValue(context, out _)) return;
        if (await gate.TryEnterAsync(MostWait, ct) is { } turn) _held.AddOrUpdate(context, turn);
    }

    private void Take(DbContext? context)
    {
        if (context is null || _held.TryGetValue(context, out _)) return;
        if (gate.TryEnter(MostWait) is { } turn) _held.AddOrUpdate(context, turn);
    }

    private void EndOutsideTransaction(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null) End(context);
    }

    private void End(DbContext? context)
    {
        if (context is not null && _held.TryGetValue(context, out var turn) && _held.Remove(context)) turn.Dispose();
    }
}
