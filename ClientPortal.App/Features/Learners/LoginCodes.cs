using System.Security.Cryptography;
using System.Text;
using ClientPortal.Domain;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Learners;

/// <summary>Emailed 6-digit codes: valid 10 minutes, 5 wrong attempts kill a code, only hashes stored.</summary>
public sealed class LoginCodes(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public const int MaxAttempts = 5;

    /// <summary>The one answer for every failure, so a wrong code never tells whether the email exists.</summary>
    public const string Refusal = "That code is not right or has expired. Check the newest email, or ask for a new " +
        "code.";

    public async Task<string> IssueAsync(long contactId, CancellationToken ct = default)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.LoginCodes.Add(new LoginCode { ContactId = contactId, CodeHash = Hash(contactId, code), CreatedAt = now,
            ExpiresAt = now + Lifetime });
        await db.SaveChangesAsync(ct);
        return code;
    }

    /// <returns>The contact id when the code is right; consumes it.</returns>
    public async Task<Outcome<long>> VerifyAsync(string email, string code, CancellationToken ct = default)
    {
        var digits = new string((code ?? "").Where(char.IsAsciiDigit).ToArray());
        var now = clock.GetUtcNow().UtcDateTime;
        var normalized = ContactEmail.Normalize(email ?? "");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contactId = await db.Contacts.Where(c => c.NormalizedEmail == normalized)
            .Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        if (contactId is null || digits.Length != 6) return Outcome<long>.Fail(Refusal);

        var live = await db.LoginCodes.Where(c => c.ContactId == contactId && c.ConsumedAt == null && c.ExpiresAt > now
                                                  && c.FailedAttempts < MaxAttempts).ToListAsync(ct);
        var hash = Hash(contactId.Value, digits);
        var match = live.FirstOrDefault(c => CryptographicOperations.FixedTimeEquals(c.CodeHash, hash));
        if (match is null)
        {
            await db.LoginCodes.Where(c => c.ContactId == contactId && c.ConsumedAt == null && c.ExpiresAt > now
                && c.FailedAttempts < MaxAttempts)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), ct);
            return Outcome<long>.Fail(Refusal);
        }
        var consumed = await db.LoginCodes.Where(c => c.Id == match.Id && c.ConsumedAt == null
            && c.FailedAttempts < MaxAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedAt, now), ct);
        return consumed == 1 ? Outcome<long>.Success(contactId.Value) : Outcome<long>.Fail(Refusal);
    }

    private static byte[] Hash(long contactId, string code) =>
        SHA256.HashData(Encoding.UTF8.GetBytes($"{contactId}:{code}"));
}
