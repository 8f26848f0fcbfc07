using System.Globalization;
using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Access;

public enum GrantPlan
{
    Grant,
    AlreadyHeld,
    Error,
}

public sealed record GrantImportRow(int Line, string Email, string Offer, DateTime? ExpiresAt, GrantPlan Plan,
    string? Error,
    long ContactId = 0, long OfferId = 0);

public sealed record GrantBatch(Guid Id, DateTime At, string? By, int Grants, DateTime? UndoneAt);

/// <summary>
/// Bulk grants from a CSV (email, offer name or id, optional expires as yyyy-MM-dd): a dry run that says
/// exactly what will change, then one batch that can be undone as a whole. Rows whose contact already
/// holds the offer are left alone, so undoing a batch only removes what the batch added.
/// </summary>
public sealed class GrantImport(IDbContextFactory<PortalDbContext> dbFactory, AccessGrants access, TimeProvider clock)
{
    public const string ApplyAction = AuditActions.GrantsBatchApply;
    public const string UndoAction = AuditActions.GrantsBatchUndo;

    /// <exception cref="InvalidDataException">The file itself is unreadable.</exception>
    public async Task<IReadOnlyList<GrantImportRow>> DryRunAsync(Stream csv, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var offers = await db.Offers.AsNoTracking().ToListAsync(ct);
        var rows = new List<GrantImportRow>();
        var seen = new HashSet<(long, long)>();
        await foreach (var r in CsvRows.ReadAsync(csv, ["email", "offer"], ct))
        {
            var email = r["email"] ?? "";
            var offerText = r["offer"] ?? "";
            GrantImportRow Fail(string error) => new(r.Line, email, offerText, null, GrantPlan.Error, error);

            if (!ContactEmail.IsValid(email, out var emailError)) { rows.Add(Fail(emailError)); continue; }
            var offer = offers.FirstOrDefault(o => string.Equals(o.Name, offerText, StringComparison.OrdinalIgnoreCase))
                        ?? (long.TryParse(offerText, out var offerId) ? offers.FirstOrDefault(o => o.Id == offerId)
                            : null);
            if (offer is null) { rows.Add(Fail($"No offer named '{offerText}'.")); continue; }
            if (offer.GrantProblem is { } archived) { rows.Add(Fail(archived)); continue; }
            DateTime? expires = null;
            if (r["expires"] is { } expiresText)
            {
                if (!DateTime.TryParse(expiresText, CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                { rows.Add(Fail($"'{expiresText}' is not a date (use yyyy-MM-dd).")); continue; }
                if (parsed <= now) { rows.Add(Fail($"The expiry {expiresText} is in the past.")); continue; }
                expires = parsed;
            }
            var normalized = ContactEmail.Normalize(email);
            var contact = await db.Contacts.AsNoTracking()
                .FirstOrDefaultAsync(c => c.NormalizedEmail == normalized, ct);
            if (contact is null) { rows.Add(Fail($"No contact with email {email}. Import the contact first."));
                continue; }
            if (!seen.Add((contact.Id,
                offer.Id))) { rows.Add(Fail("This contact and offer appear earlier in the file.")); continue; }
            var held = await AccessGrants.ActiveGrants(db, contact.Id, now).AnyAsync(g => g.OfferId == offer.Id, ct);
            rows.Add(new GrantImportRow(r.Line, contact.Email, offer.Name, expires,
                held ? GrantPlan.AlreadyHeld : GrantPlan.Grant, null,
                contact.Id, offer.Id));
        }
        return rows;
    }

    public async Task<(Guid BatchId, AccessGrants.BulkResult Result)> ApplyAsync(IReadOnlyList<GrantImportRow> dryRun,
        Actor actor,
        CancellationToken ct = default)
    {
        var batch = Guid.NewGuid();
        var toGrant = dryRun.Where(r => r.Plan == GrantPlan.Grant).Select(r => (r.ContactId, r.OfferId, r.ExpiresAt))
            .ToList();
        var result = await access.GrantManyAsync(toGrant, actor, batch, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Raise(new GrantBatchApplied(batch, result.Changed, Undone: false, actor, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        return (batch, result);
    }

    /// <summary>Revokes every grant the batch added that is still in place.</summary>
    public async Task<Outcome<int>> UndoAsync(Guid batchId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.AuditEvents.AnyAsync(a => a.BatchId == batchId && a.Action == UndoAction, ct))
            return Outcome<int>.Fail("This batch was already undone.");
        if (!await db.AuditEvents.AnyAsync(a => a.BatchId == batchId && a.Action == ApplyAction, ct))
            return Outcome<int>.Fail("No such batch.");
        var grants = await db.Grants.AsNoTracking().Where(Grant.Open).Where(g => g.BatchId == batchId)
            .Select(g => new { g.ContactId, g.OfferId }).ToListAsync(ct);
        var result = await access.RevokeManyAsync(grants.Select(g => (g.ContactId, g.OfferId)).ToList(), actor, batchId,
            ct);
        db.Raise(new GrantBatchApplied(batchId, result.Changed, Undone: true, actor, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        return Outcome<int>.Success(result.Changed);
    }

    public async Task<IReadOnlyList<GrantBatch>> BatchesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var applied = await db.AuditEvents.AsNoTracking().Where(a => a.Action == ApplyAction)
            .OrderByDescending(a => a.At).Take(50).ToListAsync(ct);
        var ids = applied.Select(a => a.BatchId).ToList();
        var undone = await db.AuditEvents.AsNoTracking().Where(a => a.Action == UndoAction && ids.Contains(a.BatchId))
            .ToDictionaryAsync(a => a.BatchId!.Value, a => a.At, ct);
        var counts = await db.Grants.Where(g => ids.Contains(g.BatchId)).GroupBy(g => g.BatchId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return applied.Select(a =>
            new GrantBatch(a.BatchId!.Value, a.At, a.ActorName, counts.GetValueOrDefault(a.BatchId!.Value),
            undone.TryGetValue(a.BatchId!.Value, out var at) ? at : null)).ToList();
    }
}
