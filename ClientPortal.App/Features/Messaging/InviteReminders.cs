using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Messaging;

/// <summary>
/// The optional one-time re-send: contacts still Invited N days after their invite get it once more.
/// Marking them and creating the job is one transaction, so a contact is never reminded twice.
/// </summary>
public sealed class InviteReminders(IDbContextFactory<PortalDbContext> dbFactory, BulkSends sends, TimeProvider clock,
    ILogger<InviteReminders> logger) : SignalledWorker(new WakeSignal(), TimeSpan.FromHours(1), logger)
{
    public const int MaxPerRun = 10_000;

    protected override async Task<bool> WorkAsync(CancellationToken ct)
    {
        await RunAsync(ct);
        return false; // hourly is plenty
    }

    /// <returns>How many contacts were queued for their re-send.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var days = await db.Settings.Select(s => s.InviteResendAfterDays).SingleAsync(ct);
        if (days is not > 0) return 0;
        var cutoff = now.AddDays(-days.Value);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var due = await db.Contacts.Where(c => c.PortalStatus == PortalStatus.Invited && c.InviteResentAt == null
                                               && c.InvitedAt != null && c.InvitedAt <= cutoff)
            .OrderBy(c => c.Id).Select(c => c.Id).Take(MaxPerRun).ToListAsync(ct);
        if (due.Count == 0) return 0;
        await db.Contacts.Where(c => due.Contains(c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.InviteResentAt, now), ct);
        await sends.CreateJobAsync(db, BulkJobKind.InviteResend, due, null, Actor.System("invite re-send"), ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Re-sending the invite to {Count} contact(s) still invited after {Days} day(s)",
            due.Count,
            days);
        return due.Count;
    }
}
