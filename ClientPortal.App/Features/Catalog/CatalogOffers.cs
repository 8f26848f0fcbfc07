using ClientPortal.Domain;
using ClientPortal.Domain.Catalog;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Catalog;

/// <summary>Offers: what is granted, each bundling products.</summary>
public sealed class CatalogOffers(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<OfferSummary>> OffersAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var offers = await db.Offers.AsNoTracking().Include(o => o.Products).ThenInclude(op => op.Product)
            .OrderBy(o => o.Name).ToListAsync(ct);
        var holders = await db.Grants.Where(Grant.ActiveAt(now))
            .GroupBy(g => g.OfferId).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var granted = (await db.Grants.Select(g => g.OfferId).Distinct().ToListAsync(ct)).ToHashSet();
        return offers.Select(o => new OfferSummary(o.Id, o.Name, o.Description,
            o.Products.Select(p => (p.ProductId, p.Product!.Title)).OrderBy(p => p.Title).ToList(),
            holders.GetValueOrDefault(o.Id), granted.Contains(o.Id), !o.IsGrantable)).ToList();
    }

    public async Task<Outcome<long>> SaveOfferAsync(long? id, string name, string? description,
        IReadOnlyCollection<long> productIds,
        Actor actor, CancellationToken ct = default)
    {
        if (CatalogRules.OfferProblems(name,
            productIds) is { Count: > 0 } problems) return Outcome<long>.Invalid(problems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var trimmed = name.Trim();
        if (await db.Offers.AnyAsync(o => o.Name == trimmed && o.Id != id, ct))
            return Outcome<long>.Invalid("Name", $"An offer named “{trimmed}” already exists.");
        var known = await db.Products.Where(p => productIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        if (known.Count != productIds.Distinct()
            .Count()) return Outcome<long>.Fail("One of the chosen products no longer exists.");

        var now = clock.GetUtcNow().UtcDateTime;
        Offer? offer;
        if (id is null)
        {
            offer = Offer.Create(trimmed, description, known, actor, now);
            db.Offers.Add(offer);
        }
        else
        {
            offer = await db.Offers.Include(o => o.Products).FirstOrDefaultAsync(o => o.Id == id, ct);
            if (offer is null) return Outcome<long>.Fail("This offer no longer exists.");
            offer.Change(trimmed, description, known, actor, now);
        }
        await db.SaveChangesAsync(ct);
        return Outcome<long>.Success(offer.Id);
    }

    public async Task<Outcome> DeleteOfferAsync(long id, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role is not (Roles.Owner or Roles.Admin)) return Outcome.Fail("Only an Owner or Admin can delete " +
            "offers.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var offer = await db.Offers.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (offer is null) return Outcome.Fail("This offer no longer exists.");
        if (await db.Grants.AnyAsync(g => g.OfferId == id, ct))
            return Outcome.Fail($"“{offer.Name}” has been granted to contacts, and grant history refers to it: " +
                "archive it instead.");
        offer.Delete(actor, clock.GetUtcNow().UtcDateTime);
        db.Offers.Remove(offer);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>Archives (<paramref name="archive"/>) or restores an offer: archived, no one new is granted it and
    /// those who hold it keep it.</summary>
    public async Task<Outcome> ArchiveOfferAsync(long id, bool archive, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role is not (Roles.Owner or Roles.Admin)) return Outcome.Fail("Only an Owner or Admin can archive " +
            "offers.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var offer = await db.Offers.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (offer is null) return Outcome.Fail("This offer no longer exists.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (archive ? offer.Archive(actor, now) : offer.Restore(actor, now)) await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }
}
