using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.SignIn;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Security;

/// <summary>Server-side sign-in sessions: started with each cookie, checked on every request, ended by signing
/// out.</summary>
public sealed class SignInSessions(IDbContextFactory<PortalDbContext> dbFactory, ISignInWrites writes,
    TimeProvider clock)
{
    /// <summary>The claim (and authentication property) that carries a session's secret inside the protected
    /// cookie.</summary>
    public const string ClaimType = "cp.session";

    /// <summary>Ended sessions are kept this long (what a cookie could still be presented for), then
    /// forgotten.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(31);

    /// <returns>The session's secret, for the cookie.</returns>
    public Task<string> StartAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Every sign-in starts one, so it goes through the sign-in path's batched writer rather than a transaction of
        // its own, which would queue behind that writer for SQLite's lock.
        return writes.RunAsync(work => work.StartSession(userId, now), ct);
    }

    public async Task<bool> IsActiveAsync(string? token, string userId, CancellationToken ct = default)
    {
        if (!SecretToken.LooksValid(token)) return false;
        var hash = SecretToken.Hash(token!);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SignInSessions.AnyAsync(s => s.TokenHash == hash && s.UserId == userId && s.EndedAt == null,
            ct);
    }

    /// <summary>When the session of this secret began, while it lasts.</summary>
    public async Task<DateTime?> StartedAtAsync(string? token, CancellationToken ct = default)
    {
        if (!SecretToken.LooksValid(token)) return null;
        var hash = SecretToken.Hash(token!);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SignInSessions.Where(s => s.TokenHash == hash && s.EndedAt == null)
            .Select(s => (DateTime?)s.CreatedAt).FirstOrDefaultAsync(ct);
    }

    public async Task EndAsync(string? token, CancellationToken ct = default)
    {
        if (!SecretToken.LooksValid(token)) return;
        var hash = SecretToken.Hash(token!);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.SignInSessions.FirstOrDefaultAsync(s => s.TokenHash == hash, ct) is not { } session) return;
        session.End(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Forgets sessions that ended, or began, longer ago than any cookie lives.</summary>
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - Retention;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SignInSessions.Where(s => s.EndedAt < cutoff || s.CreatedAt < cutoff - Retention)
            .ExecuteDeleteAsync(ct);
    }
}
