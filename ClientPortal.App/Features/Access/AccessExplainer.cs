using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Access;

public sealed record AccessExplanation(bool CanSee, string Verdict, IReadOnlyList<string> Steps);

/// <summary>
/// "Can this contact see product X, and why (not)?" — walks offer → product → published → grant
/// expiry/revocation in plain language. Uses the same rule as <see cref="AccessGrants"/>.
/// </summary>
public sealed class AccessExplainer(IDbContextFactory<PortalDbContext> dbFactory, AccessGrants grants,
    TimeProvider clock)
{
    public async Task<AccessExplanation> ExplainAsync(long contactId, long productId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId, ct);
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == productId, ct);
        if (contact is null)
            return new(false, "No: this contact was deleted.", []);
        if (product is null)
            return new(false, "No: that product no longer exists.", []);

        var who = contact.DisplayName;
        var steps = new List<string>();
        var offers = await db.OfferProducts.AsNoTracking().Where(op => op.ProductId == productId)
            .Join(db.Offers, op => op.OfferId, o => o.Id, (op, o) => o).OrderBy(o => o.Name).ToListAsync(ct);
        if (offers.Count == 0)
        {
            steps.Add($"No offer includes “{product.Title}”, so nobody can be granted it. Add it to an offer first.");
            return new(false, $"No: “{product.Title}” is not in any offer.", steps);
        }
        steps.Add($"“{product.Title}” is included in {string.Join(", ", offers.Select(o => $"“{o.Name}”"))}.");

        var offerIds = offers.Select(o => o.Id).ToList();
        var held = await db.Grants.AsNoTracking().Where(g => g.ContactId == contactId && offerIds.Contains(g.OfferId))
            .OrderByDescending(g => g.GrantedAt).ToListAsync(ct);
        string? activeVia = null;
        foreach (var offer in offers)
        {
            var latest = held.FirstOrDefault(g => g.OfferId == offer.Id);
            if (latest is null)
            {
                steps.Add($"{who} has never held “{offer.Name}”.");
                continue;
            }
            switch (latest.StateAt(now))
            {
                case GrantState.Active:
                    activeVia ??= offer.Name;
                    steps.Add($"{who} holds “{offer.Name}” since {Grant.Describe(latest.GrantedAt)}" +
                              (latest.GrantedBy is null ? "" : $" (granted by {latest.GrantedBy})") +
                              (latest.ExpiresAt is null ? ", with no expiry."
                                  : $", until {Grant.Describe(latest.ExpiresAt)}."));
                    break;
                case GrantState.Expired:
                    steps.Add($"{who}'s “{offer.Name}” expired on {Grant.Describe(latest.ExpiresAt)}.");
                    break;
                case GrantState.Revoked:
                    steps.Add($"{who}'s “{offer.Name}” was revoked on {Grant.Describe(latest.RevokedAt)}" +
                              (latest.RevokedBy is null ? "." : $" by {latest.RevokedBy}."));
                    break;
            }
        }

        if (activeVia is null)
            return new(false, $"No: {who} holds no active offer that includes “{product.Title}”.", steps);
        if (!product.IsPublished)
        {
            steps.Add($"“{product.Title}” is unpublished, so it is hidden from every learner until it is published.");
            return new(false, $"Not yet: {who} has access through “{activeVia}”, but “{product.Title}” is unpublished.",
                steps);
        }
        var canSee = await grants.CanSeeAsync(contactId, productId, ct);
        return new(canSee, canSee ? $"Yes: {who} can see “{product.Title}” through “{activeVia}”." : "No.", steps);
    }
}
