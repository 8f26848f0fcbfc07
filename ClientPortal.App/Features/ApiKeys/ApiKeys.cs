using System.Collections.Concurrent;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.ApiKeys;

public sealed record ApiKeyRow(long Id, string Name, string Hint, IReadOnlyList<string> Scopes, DateTime CreatedAt,
    string? CreatedBy,
    DateTime? LastUsedAt, DateTime? RevokedAt, string? RevokedBy);

/// <summary>A key that authenticated: who it is (for the audit trail) and what it may do.</summary>
public sealed record ApiCaller(long KeyId, string Name, IReadOnlyList<string> Scopes);

/// <summary>API keys: made (shown once) and revoked by the Owner or an Admin, looked up by hash on every
/// call.</summary>
public sealed class ApiKeys(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How often "last used" is written per key: a busy integration must not turn every call into a
    /// write.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<long, DateTime> _lastWritten = new();

    /// <returns>The key (to show once) and its row.</returns>
    public async Task<Outcome<(string Token, ApiKeyRow Key)>> CreateAsync(string? name,
        IReadOnlyCollection<string> scopes, Actor actor,
        CancellationToken ct = default)
    {
        if (!CanManage(actor)) return Outcome<(string,
            ApiKeyRow)>.Fail("Only the Owner or an Admin can make API keys.");
        var made = ApiKey.Create(name, scopes, actor, clock.GetUtcNow().UtcDateTime);
        if (!made.Succeeded) return made.FailureAs<(string, ApiKeyRow)>();
        var (key, token) = made.Value;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return Outcome<(string, ApiKeyRow)>.Success((token, Row(key)));
    }

    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.Id)
            .ToListAsync(ct);
        return keys.Select(Row).ToList();
    }

    public async Task<Outcome> RevokeAsync(long id, Actor actor, CancellationToken ct = default)
    {
        if (!CanManage(actor)) return Outcome.Fail("Only the Owner or an Admin can revoke API keys.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id,
            ct) is not { } key) return Outcome.Fail("This key no longer exists.");
        if (key.Revoke(actor, clock.GetUtcNow().UtcDateTime)) await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>The active key with this token, or null (checked on every call, so a revoked key stops at
    /// once).</summary>
    public async Task<ApiCaller?> AuthenticateAsync(string? token, CancellationToken ct = default)
    {
        if (!ApiKey.LooksValid(token)) return null;
        var hash = SecretToken.Hash(token!);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.KeyHash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Name, k.Scopes }).FirstOrDefaultAsync(ct);
        if (key is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!_lastWritten.TryGetValue(key.Id, out var written) || now - written >= LastUsedResolution)
        {
            _lastWritten[key.Id] = now;
            await db.ApiKeys.Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }
        return new ApiCaller(key.Id, key.Name, key.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The Owner, an Admin, or the command line on the server (a system actor); never a key itself.</summary>
    public static bool CanManage(Actor actor) => actor.Role is Roles.Owner or Roles.Admin
        || actor is { UserId: null, Role: null };

    /// <summary>The actor of a call made with <paramref name="caller"/>: the audit trail names the key.</summary>
    public static Actor ActorOf(ApiCaller caller, string? ipAddress) =>
        new(null, ApiKey.ActorName(caller.Name), ApiKey.ActorRole, ipAddress, caller.KeyId);

    private static ApiKeyRow Row(ApiKey k) =>
        new(k.Id, k.Name, $"{ApiKey.TokenPrefix}{k.Hint}…", k.ScopeList, k.CreatedAt, k.CreatedBy, k.LastUsedAt,
            k.RevokedAt, k.RevokedBy);
}
