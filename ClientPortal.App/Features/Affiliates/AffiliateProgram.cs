using System.Security.Cryptography;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Affiliates;

public sealed record AffiliateStats(string Code, DateTime Since, int Clicks, int SignUps);

/// <summary>
/// Affiliates and their referral links (<c>/r/{code}</c>): clicks are counted, and a contact who signs up
/// within <see cref="AttributionWindow"/> of a click (carried by a cookie) is attributed to the affiliate.
/// </summary>
public sealed class AffiliateProgram(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan AttributionWindow = TimeSpan.FromDays(30);
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const int CodeLength = 10;

    public async Task<Outcome<string>> EnrollAsync(long contactId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null) return Outcome<string>.Fail("This contact no longer exists.");
        var affiliate = await db.Affiliates.FirstOrDefaultAsync(a => a.ContactId == contactId, ct);
        if (affiliate is { RemovedAt: null }) return Outcome<string>.Success(affiliate.Code);
        if (affiliate is null)
        {
            affiliate = new Affiliate { ContactId = contactId, Code = NewCode(), CreatedAt = clock.GetUtcNow()
                .UtcDateTime };
            db.Affiliates.Add(affiliate);
        }
        affiliate.Enroll(contact.Email, actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Outcome<string>.Success(affiliate.Code);
    }

    public async Task<Outcome> RemoveAsync(long contactId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var affiliate = await db.Affiliates.Where(Affiliate.Enrolled).FirstOrDefaultAsync(a => a.ContactId == contactId,
            ct);
        if (affiliate is null) return Outcome.Fail("This contact is not an affiliate.");
        affiliate.Remove(actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>Whether the contact is an affiliate now (the learner's menu offers the affiliate page only
    /// then).</summary>
    public async Task<bool> IsEnrolledAsync(long contactId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Affiliates.Where(Affiliate.Enrolled).AnyAsync(a => a.ContactId == contactId, ct);
    }

    /// <summary>The affiliate's link figures; null when the contact is not (or no longer) an affiliate.</summary>
    public async Task<AffiliateStats?> StatsAsync(long contactId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var affiliate = await db.Affiliates.AsNoTracking()
            .Where(Affiliate.Enrolled).FirstOrDefaultAsync(a => a.ContactId == contactId, ct);
        if (affiliate is null) return null;
        return new AffiliateStats(affiliate.Code, affiliate.CreatedAt,
            await db.AffiliateClicks.CountAsync(c => c.AffiliateContactId == contactId, ct),
            await db.AffiliateReferrals.CountAsync(r => r.AffiliateContactId == contactId, ct));
    }

    /// <summary>Counts a visit to a referral link; returns the click's id, or null for an unknown or retired
    /// code.</summary>
    public async Task<long?> RecordClickAsync(string? code, CancellationToken ct = default)
    {
        if (code is null || code.Length != CodeLength || !code.All(Alphabet.Contains)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var affiliateId = await db.Affiliates.Where(Affiliate.Enrolled).Where(a => a.Code == code)
            .Select(a => (long?)a.ContactId)
            .FirstOrDefaultAsync(ct);
        if (affiliateId is null) return null;
        var click = new AffiliateClick { AffiliateContactId = affiliateId.Value, At = clock.GetUtcNow().UtcDateTime };
        db.AffiliateClicks.Add(click);
        await db.SaveChangesAsync(ct);
        return click.Id;
    }

    /// <summary>
    /// Attributes a newly created contact to the click's affiliate when the click came within the window before
    /// <paramref name="signedUpAt"/> (when the visitor asked, not when the request was processed), the affiliate is
    /// still active, and is not the contact itself. Returns the affiliate's contact id when attributed.
    /// </summary>
    public async Task<long?> AttributeAsync(long contactId, long clickId, DateTime signedUpAt,
        CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var click = await db.AffiliateClicks.AsNoTracking().FirstOrDefaultAsync(c => c.Id == clickId, ct);
        if (click is null || signedUpAt - click.At > AttributionWindow || signedUpAt < click.At
            || click.AffiliateContactId == contactId) return null;
        if (!await db.Affiliates.Where(Affiliate.Enrolled).AnyAsync(a => a.ContactId == click.AffiliateContactId,
            ct)) return null;
        if (await db.AffiliateReferrals.AnyAsync(r => r.ContactId == contactId, ct)) return null;
        db.AffiliateReferrals.Add(new AffiliateReferral { ContactId = contactId,
            AffiliateContactId = click.AffiliateContactId, ClickId = click.Id, At = now });
        var affiliateEmail = await db.Contacts.Where(c => c.Id == click.AffiliateContactId).Select(c => c.Email)
            .SingleAsync(ct);
        db.Raise(new AffiliateReferred(contactId, click.AffiliateContactId, affiliateEmail, now));
        await db.SaveChangesAsync(ct);
        return click.AffiliateContactId;
    }

    private static string NewCode() =>
        string.Create(CodeLength, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        });
}
