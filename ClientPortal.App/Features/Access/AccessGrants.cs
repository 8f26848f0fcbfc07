using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Access;

public sealed record GrantRow(long GrantId, long OfferId, string OfferName, DateTime GrantedAt, string? GrantedBy,
    DateTime? ExpiresAt, DateTime? RevokedAt, string? RevokedBy, GrantState State);

public sealed record VisibleProduct(long Id, string Title, ProductKind Kind, string? Description, string? CoverUrl);

/// <summary>A published product the contact was not granted, shown locked because its creator chose to
/// (upsell).</summary>
public sealed record LockedProduct(long Id, string Title, ProductKind Kind, string? Description, string? CoverUrl,
    string? UpsellUrl);

/// <summary>
/// Who holds which offer, and the one rule for what a contact may see: a product is visible iff an
/// active (unrevoked, unexpired) grant's offer includes it and it is published. Computed per request,
/// so revocation and expiry take effect immediately.
/// </summary>
public sealed class AccessGrants(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Outcome> GrantAsync(long contactId, long offerId, DateTime? expiresAt, Actor actor,
        Guid? batchId = null, CancellationToken ct = default)
    {
        var result = await GrantManyAsync([(contactId, offerId, expiresAt)], actor, batchId, ct);
        return result.Errors.Count > 0 ? new Outcome(result.Errors) : Outcome.Ok;
    }

    public async Task<bool> OfferExistsAsync(long offerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Offers.AnyAsync(o => o.Id == offerId, ct);
    }

    public async Task<Outcome> RevokeAsync(long contactId, long offerId, Actor actor, Guid? batchId = null,
        CancellationToken ct = default)
    {
        var result = await RevokeManyAsync([(contactId, offerId)], actor, batchId, ct);
        return result.Errors.Count > 0 ? new Outcome(result.Errors) : Outcome.Ok;
    }

    public sealed record BulkResult(int Changed, int Unchanged, IReadOnlyList<string> Errors);

    /// <summary>
    /// Grants in one transaction. An active grant of the same offer gets the new expiry; an expired one
    /// is closed and replaced, so history is kept.
    /// </summary>
    public async Task<BulkResult> GrantManyAsync(IReadOnlyList<(long ContactId, long OfferId,
        DateTime? ExpiresAt)> grants,
        Actor actor, Guid? batchId = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new List<string>();
        int changed = 0, unchanged = 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var offerIds = grants.Select(g => g.OfferId).Distinct().ToList();
        var offers = await db.Offers.AsNoTracking().Where(o => offerIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, ct);
        var contacts = await ContactsAsync(db, grants.Select(g => g.ContactId), ct);
        foreach (var (contactId, offerId, expiresAt) in grants)
        {
            if (!contacts.TryGetValue(contactId,
                out var email)) { errors.Add("That contact no longer exists."); continue; }
            if (!offers.TryGetValue(offerId, out var offer)) { errors.Add("That offer no longer exists."); continue; }
            if (offer.GrantProblem is { } archived) { errors.Add(archived); continue; }
            var offerName = offer.Name;
            if (expiresAt is { } e
                && e <= now) { errors.Add($"The expiry for {email} must be in the future."); continue; }

            var before = await EntitledProductIdsAsync(db, contactId, now, ct);
            var current = await db.Grants.Where(Grant.Open)
                .FirstOrDefaultAsync(g => g.ContactId == contactId && g.OfferId == offerId, ct);
            if (current is not null && current.IsActiveAt(now))
            {
                if (current.ExpiresAt == expiresAt) { unchanged++; continue; }
                current.ChangeExpiry(expiresAt, offerName, actor, now, batchId);
                await db.SaveChangesAsync(ct);
                changed++;
                continue;
            }
            if (current is not null)
            {
                // Closed in its own save: the new grant must not meet an unrevoked one in the unique index.
                current.CloseExpired(now);
                await db.SaveChangesAsync(ct);
            }
            var grant = Grant.Give(contactId, offerId, offerName, expiresAt, actor, now, batchId);
            db.Grants.Add(grant);
            await db.SaveChangesAsync(ct);
            changed++;
            grant.Opened((await EntitledProductIdsAsync(db, contactId, now, ct)).Except(before), now);
        }
        // Saves what the last grant opened; every event is published once the transaction commits.
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new BulkResult(changed, unchanged, errors);
    }

    public async Task<BulkResult> RevokeManyAsync(IReadOnlyList<(long ContactId, long OfferId)> revokes, Actor actor,
        Guid? batchId = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        int changed = 0, unchanged = 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var offers = await OffersAsync(db, revokes.Select(r => r.OfferId), ct);
        foreach (var (contactId, offerId) in revokes)
        {
            var current = await db.Grants.Where(Grant.Open)
                .FirstOrDefaultAsync(g => g.ContactId == contactId && g.OfferId == offerId, ct);
            if (current is null) { unchanged++; continue; }
            var before = await EntitledProductIdsAsync(db, contactId, now, ct);
            var wasActive = current.Revoke(offers.GetValueOrDefault(offerId, "an offer"), actor, now, batchId);
            await db.SaveChangesAsync(ct);
            changed++;
            if (wasActive) current.Closed(before.Except(await EntitledProductIdsAsync(db, contactId, now, ct)), now);
        }
        // Saves what the last revocation closed; every event is published once the transaction commits.
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new BulkResult(changed, unchanged, []);
    }

    /// <summary>The products this contact may open now: active grants, published products only.</summary>
    public async Task<IReadOnlyList<VisibleProduct>> VisibleProductsAsync(long contactId,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await EntitledProductIdsAsync(db, contactId, clock.GetUtcNow().UtcDateTime, ct);
        return await VisibleAsync(db, ids, ct);
    }

    /// <summary>
    /// The library's shelf from one read of the contact's entitlements: what they may open, and the published products
    /// marked "show locked" that they cannot.
    /// </summary>
    public async Task<(IReadOnlyList<VisibleProduct> Visible,
        IReadOnlyList<LockedProduct> Locked)> ShelfAsync(long contactId,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await EntitledProductIdsAsync(db, contactId, clock.GetUtcNow().UtcDateTime, ct);
        var locked = await db.Products.AsNoTracking()
            .Where(p => p.IsPublished && p.ShowLockedInLibrary && !ids.Contains(p.Id))
            .OrderBy(p => p.Title)
            .Select(p => new LockedProduct(p.Id, p.Title, p.Kind, p.Description, p.CoverUrl, p.UpsellUrl))
            .ToListAsync(ct);
        return (await VisibleAsync(db, ids, ct), locked);
    }

    private static async Task<IReadOnlyList<VisibleProduct>> VisibleAsync(PortalDbContext db, List<long> entitled,
        CancellationToken ct) =>
        await db.Products.AsNoTracking()
            .Where(p => entitled.Contains(p.Id) && p.IsPublished)
            .OrderBy(p => p.Title)
            .Select(p => new VisibleProduct(p.Id, p.Title, p.Kind, p.Description, p.CoverUrl))
            .ToListAsync(ct);

    public async Task<bool> CanSeeAsync(long contactId, long productId, CancellationToken ct = default) =>
        (await VisibleProductsAsync(contactId, ct)).Any(p => p.Id == productId);

    /// <summary>Contacts who can see this product now, paged.</summary>
    public async Task<Page<(long ContactId, string Email)>> WhoCanSeeAsync(long productId, int skip, int take,
        CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Products.AnyAsync(p => p.Id == productId && p.IsPublished, ct)) return new([], 0);
        var offerIds = db.OfferProducts.Where(op => op.ProductId == productId).Select(op => op.OfferId);
        var activeGrants = db.Grants.Where(Grant.ActiveAt(now));
        var contacts = db.Contacts.AsNoTracking()
            .Where(c => activeGrants.Any(g => g.ContactId == c.Id && offerIds.Contains(g.OfferId)));
        var total = await contacts.CountAsync(ct);
        var rows = await contacts.OrderBy(c => c.NormalizedEmail).Skip(skip).Take(take)
            .Select(c => new { c.Id, c.Email }).ToListAsync(ct);
        return new(rows.Select(r => (r.Id, r.Email)).ToList(), total);
    }

    public async Task<IReadOnlyList<GrantRow>> GrantsOfAsync(long contactId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Grants.AsNoTracking().Where(g => g.ContactId == contactId)
            .OrderByDescending(g => g.GrantedAt)
            .Select(g => new { g, OfferName = g.Offer!.Name })
            .ToListAsync(ct);
        return rows.Select(r =>
            new GrantRow(r.g.Id, r.g.OfferId, r.OfferName, r.g.GrantedAt, r.g.GrantedBy, r.g.ExpiresAt,
            r.g.RevokedAt, r.g.RevokedBy, r.g.StateAt(now))).ToList();
    }

    /// <summary>Offer ids the contact holds now (what the contact card's Offers field shows).</summary>
    public async Task<IReadOnlyList<long>> ActiveOfferIdsAsync(long contactId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ActiveGrants(db, contactId, now).Select(g => g.OfferId).ToListAsync(ct);
    }

    internal static IQueryable<Grant> ActiveGrants(PortalDbContext db, long contactId, DateTime now) =>
        db.Grants.Where(Grant.ActiveAt(now))
            .Where(g => g.ContactId == contactId && db.Contacts.Any(c => c.Id == contactId));

    /// <summary>Products the contact is entitled to through active grants, published or not.</summary>
    internal static async Task<List<long>> EntitledProductIdsAsync(PortalDbContext db, long contactId, DateTime now,
        CancellationToken ct) =>
        await ActiveGrants(db, contactId, now)
            .Join(db.OfferProducts, g => g.OfferId, op => op.OfferId, (g, op) => op.ProductId)
            .Distinct().ToListAsync(ct);

    private static async Task<Dictionary<long,
        string>> OffersAsync(PortalDbContext db, IEnumerable<long> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Offers.Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    private static async Task<Dictionary<long,
        string>> ContactsAsync(PortalDbContext db, IEnumerable<long> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Contacts.Where(c => list.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Email, ct);
    }

}
