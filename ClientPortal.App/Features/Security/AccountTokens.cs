using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Security;

/// <summary>One-time tokens for owner setup, team invites and password resets.</summary>
public sealed class AccountTokens(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Issues a token; earlier unused tokens of the same purpose and user are revoked.</summary>
    public async Task<string> IssueAsync(AccountTokenPurpose purpose, string? userId, TimeSpan? lifetime,
        CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (token, hash) = SecretToken.New();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.AccountTokens
            .Where(t => t.Purpose == purpose && t.UserId == userId && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        db.AccountTokens.Add(new AccountToken
        {
            Purpose = purpose,
            UserId = userId,
            TokenHash = hash,
            CreatedAt = now,
            ExpiresAt = lifetime is null ? null : now + lifetime.Value,
        });
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>The live token's row, or null when unknown, used, revoked or expired.</summary>
    public async Task<AccountToken?> FindLiveAsync(AccountTokenPurpose purpose, string? token,
        CancellationToken ct = default)
    {
        if (!SecretToken.LooksValid(token)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LiveQuery(db, purpose, token!).AsNoTracking().SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Consumes the token inside the caller's transaction: one conditional UPDATE that must change
    /// exactly one row, so two racing requests can never both use it.
    /// </summary>
    public async Task<AccountToken?> ConsumeAsync(PortalDbContext db, AccountTokenPurpose purpose, string? token,
        CancellationToken ct = default)
    {
        if (!SecretToken.LooksValid(token)) return null;
        var row = await LiveQuery(db, purpose, token!).AsNoTracking().SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.AccountTokens
            .Where(t => t.Id == row.Id && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        return changed == 1 ? row : null;
    }

    private IQueryable<AccountToken> LiveQuery(PortalDbContext db, AccountTokenPurpose purpose, string token)
    {
        var hash = SecretToken.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return db.AccountTokens.Where(t => t.TokenHash == hash && t.Purpose == purpose && t.UsedAt == null
                                           && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now));
    }
}
