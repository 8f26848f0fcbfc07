using ClientPortal.Domain;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Learners;

public sealed record ThrottleVerdict(bool Allowed, TimeSpan RetryAfter)
{
    public string Message => Allowed ? ""
        : RetryAfter.TotalSeconds < 90
            ? $"Too many requests. Try again in {Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds))} seconds."
        : $"Too many requests. Try again in {(int)Math.Ceiling(RetryAfter.TotalMinutes)} minutes.";
}

/// <summary>
/// "Email me a link / a code / a reset": recorded identically for known and unknown addresses (same
/// response, same work), throttled from the database so a restart does not reset the limits, and
/// processed by <see cref="LoginRequestProcessor"/>.
/// </summary>
public sealed class LoginRequests(IDbContextFactory<PortalDbContext> dbFactory, LoginRequestSignal signal,
    Settings.PortalSettingsStore settings, TimeProvider clock)
{
    /// <summary>Public sign-up, when the Owner opened it: throttled and answered like any other request.</summary>
    public async Task<Outcome<ThrottleVerdict>> SignUpAsync(string email, string? firstName, string? ip,
        long? referralClickId,
        CancellationToken ct = default)
    {
        if (!(await settings.GetAsync(ct))
            .AllowSignUp) return Outcome<ThrottleVerdict>.Fail("Sign-up is closed. Ask the portal's team for an " +
            "invitation.");
        var errors = new ContactDetails(email, firstName, null, null).Check();
        if (errors.Count > 0) return Outcome<ThrottleVerdict>.Fail(errors);
        return Outcome<ThrottleVerdict>.Success(await RequestAsync(LoginRequestKind.SignUp, email, ip, null, ct,
            firstName, referralClickId));
    }

    /// <summary>Between two requests of the same kind for one address: a code and then a password reset are both
    /// answered.</summary>
    public static readonly TimeSpan EmailCooldown = TimeSpan.FromSeconds(60);
    public const int PerEmailPerHour = 5;
    public const int PerIpPerHour = 20;

    public async Task<ThrottleVerdict> RequestAsync(LoginRequestKind kind, string email, string? ip,
        string? target = null,
        CancellationToken ct = default, string? firstName = null, long? referralClickId = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hourAgo = now.AddHours(-1);
        var normalized = ContactEmail.Normalize(email);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        var recent = await db.LoginRequests.Where(r => r.NormalizedEmail == normalized && r.RequestedAt > hourAgo)
            .OrderBy(r => r.RequestedAt).Select(r => new { r.RequestedAt, r.Kind }).ToListAsync(ct);
        if (recent.LastOrDefault(r => r.Kind == kind) is { } sameKind && now - sameKind.RequestedAt < EmailCooldown)
            return new(false, EmailCooldown - (now - sameKind.RequestedAt));
        if (recent.Count >= PerEmailPerHour) return new(false,
            recent[recent.Count - PerEmailPerHour].RequestedAt - hourAgo);
        if (ip is not null)
        {
            var fromIp = await db.LoginRequests.Where(r => r.IpAddress == ip && r.RequestedAt > hourAgo)
                .OrderBy(r => r.RequestedAt).Select(r => r.RequestedAt).ToListAsync(ct);
            if (fromIp.Count >= PerIpPerHour) return new(false, fromIp[fromIp.Count - PerIpPerHour] - hourAgo);
        }

        db.LoginRequests.Add(new LoginRequest { Kind = kind, NormalizedEmail = normalized, IpAddress = ip,
            RequestedAt = now, Target = target,
            FirstName = Text.OrNull(firstName), ReferralClickId = referralClickId });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signal.Notify();
        return new(true, TimeSpan.Zero);
    }
}

/// <summary>Wakes the login-request processor when a request arrives.</summary>
public sealed class LoginRequestSignal : WakeSignal;
