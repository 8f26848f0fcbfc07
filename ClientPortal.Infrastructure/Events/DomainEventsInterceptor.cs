using System.Data.Common;
using System.Runtime.CompilerServices;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Workflows;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClientPortal.Infrastructure.Events;

/// <summary>
/// The one place audit rows and event publishing happen for changes saved through EF: the events entities raised are
/// audited in the same SaveChanges (so the trail and the change commit together), then published once the change is
/// committed — at the end of SaveChanges, or when the transaction around it commits (a rollback drops them).
/// </summary>
public sealed class DomainEventsInterceptor(DomainEvents events) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>A context's events waiting for the commit of the transaction they were saved in (null: SaveChanges'
    /// own).</summary>
    private sealed class Pending
    {
        public Guid? TransactionId;
        public readonly List<IDomainEvent> Events = [];
    }

    // Contexts are pooled: events left by a transaction that was disposed without a commit are dropped when the context
    // next saves in another transaction, so they never ride on it.
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();

    private const int BulkAuditRows = 50;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) PublishAsync(eventData.Context, null).GetAwaiter()
            .GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) await PublishAsync(eventData.Context, null);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Drop(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        PublishAsync(eventData.Context, eventData.TransactionId).GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default) =>
        PublishAsync(eventData.Context, eventData.TransactionId);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        Drop(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        var pending = _pending.GetOrCreateValue(context);
        var transactionId = context.Database.CurrentTransaction?.TransactionId;
        if (pending.TransactionId != transactionId)
        {
            pending.Events.Clear();
            pending.TransactionId = transactionId;
        }
        var raised = new List<IDomainEvent>(context is PortalDbContext portal ? portal.TakeRaised() : []);
        foreach (var entry in context.ChangeTracker.Entries<EventSource>().ToList())
        {
            raised.AddRange(entry.Entity.DomainEvents);
            entry.Entity.ClearDomainEvents();
        }
        if (raised.Count == 0) return;
        Add(context, raised.Select(AuditTrail.RowOf).OfType<AuditEvent>().ToList());
        // What other systems read (event feed, webhooks) commits with the change, like the audit rows.
        Add(context, raised.Select(PortalEventRecord.Of).OfType<PortalEventRecord>().ToList());
        // And what starts workflow runs, so a crash right after the commit loses no run.
        Add(context, raised.Select(WorkflowTriggerRecord.Of).OfType<WorkflowTriggerRecord>().ToList());
        pending.Events.AddRange(raised);
    }

    private static void Add<T>(DbContext context, List<T> rows) where T : class
    {
        // A bulk send's chunk records hundreds of contacts at once: inside the caller's transaction the rows go in by
        // one prepared statement rather than through the change tracker, which costs more per row than the insert
        // itself.
        if (rows.Count >= BulkAuditRows && context is PortalDbContext bulk
            && context.Database.CurrentTransaction is not null)
            BulkInsert.Insert(bulk, rows);
        else
            context.Set<T>().AddRange(rows);
    }

    private async Task PublishAsync(DbContext? context, Guid? transactionId)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending) || pending.TransactionId != transactionId
            || pending.Events.Count == 0) return;
        var published = pending.Events.ToList();
        pending.Events.Clear();
        await events.PublishAsync(published);
    }

    private void Drop(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending)) pending.Events.Clear();
    }
}
