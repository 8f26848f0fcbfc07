using System.Collections.Concurrent;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Security;

/// <summary>
/// Password guessing is slowed per account and client address, never per account alone: an attacker who types wrong
/// passwords for the Owner's email only makes their own address wait, while the Owner signs in from hers. After
/// <see cref="FreeAttempts"/> wrong passwords from one address, that address waits <see cref="FirstDelay"/>, doubling
/// with each further wrong password up to <see cref="MaxDelay"/>; a right password clears it. Unknown emails are
/// counted the same way, so the answers never tell whether an account exists. Above that, a ceiling per account across
/// all addresses (NIST 800-63B asks for one): after <see cref="AccountCeiling"/> wrong passwords in a row from
/// anywhere, the password way pauses for that account for <see cref="AccountPause"/>. Only the password way: links,
/// codes and passkeys keep working, so nobody can lock a person out of the portal. Kept in this process's memory (a
/// restart forgets it); the per-address request limit on the sign-in pages still applies.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IDbContextFactory<PortalDbContext> dbFactory,
    ILogger<SignInThrottle> logger)
{
    public const int FreeAttempts = 5;
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(15);
    /// <summary>Wrong passwords further apart than this start counting afresh.</summary>
    public static readonly TimeSpan Memory = TimeSpan.FromHours(1);

    /// <summary>Wrong passwords in a row for one account, from all addresses, before the password way pauses.</summary>
    public const int AccountCeiling = 100;
    public static readonly TimeSpan AccountPause = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<(string Email, string Address), Failures> _failures = new();
    private readonly ConcurrentDictionary<string, Failures> _accounts = new();

    private sealed class Failures
    {
        public int Count;
        public DateTime Last;
        public DateTime WaitUntil;
    }

    /// <summary>How long this address must still wait before it may try a password for this email again.</summary>
    public TimeSpan WaitFor(string email, string? address)
    {
        if (!_failures.TryGetValue(Key(email, address), out var f)) return TimeSpan.Zero;
        lock (f)
        {
            var left = f.WaitUntil - Now;
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>How long password sign-in for this email stays paused for everyone, after too many wrong passwords in a
    /// row.</summary>
    public TimeSpan AccountPausedFor(string email)
    {
        if (!_accounts.TryGetValue(AccountKey(email), out var f)) return TimeSpan.Zero;
        lock (f)
        {
            var left = f.WaitUntil - Now;
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>Counts a wrong password (or an unknown email). <paramref name="accountExists"/> decides only whether
    /// the feed hears of it.</summary>
    public void RecordFailure(string email, string? address, bool accountExists)
    {
        var now = Now;
        if (_failures.Count > 10_000) Forget(now);
        CountForAccount(email, now);
        var f = _failures.GetOrAdd(Key(email, address), _ => new Failures());
        TimeSpan wait;
        int count;
        lock (f)
        {
            if (now - f.Last > Memory) f.Count = 0;
            count = ++f.Count;
            f.Last = now;
            if (count < FreeAttempts) return;
            wait = TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks << Math.Min(count - FreeAttempts, 10)));
            f.WaitUntil = now + wait;
        }
        // In the background, so an existing account's answer takes no longer than an unknown email's.
        if (accountExists && count == FreeAttempts) _ = Task.Run(() => TellTheFeedAsync(email, address, wait));
    }

    public void RecordSuccess(string email, string? address)
    {
        _failures.TryRemove(Key(email, address), out _);
        _accounts.TryRemove(AccountKey(email), out _);
    }

    private void CountForAccount(string email, DateTime now)
    {
        if (_accounts.Count > 10_000)
            foreach (var (key, f) in _accounts)
                if (now > f.WaitUntil && now - f.Last > AccountPause) _accounts.TryRemove(key, out _);
        var account = _accounts.GetOrAdd(AccountKey(email), _ => new Failures());
        lock (account)
        {
            account.Last = now;
            if (++account.Count < AccountCeiling) return;
            // Paused; after the pause the count starts again, so at most a ceiling's worth of guesses an hour.
            account.Count = 0;
            account.WaitUntil = now + AccountPause;
        }
    }

    private async Task TellTheFeedAsync(string email, string? address, TimeSpan wait)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            db.Raise(new SignInThrottled(email, FreeAttempts, wait, new Actor(null, "visitor", null, address), Now));
            await db.SaveChangesAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not record slowed-down sign-in attempts in the activity feed");
        }
    }

    private void Forget(DateTime now)
    {
        foreach (var (key, f) in _failures)
            if (now - f.Last > Memory && now > f.WaitUntil) _failures.TryRemove(key, out _);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static (string, string) Key(string email, string? address) => (AccountKey(email), address ?? "");

    private static string AccountKey(string email) => email.Trim().ToUpperInvariant();
}
