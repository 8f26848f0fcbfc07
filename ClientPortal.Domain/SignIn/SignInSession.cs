namespace ClientPortal.Domain.Entities;

/// <summary>
/// One signed-in browser. Its cookie carries the session's secret (only the hash is stored here); signing out ends the
/// session, so a copy of that cookie stops working while the person's other browsers stay signed in.
/// </summary>
public class SignInSession
{
    public long Id { get; set; }
    public required byte[] TokenHash { get; set; }
    public required string UserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? EndedAt { get; set; }

    public bool IsActive => EndedAt is null;

    public void End(DateTime now) => EndedAt ??= now;

    /// <summary>A new session for the account and its secret (for the cookie; only the hash is kept).</summary>
    public static (SignInSession Session, string Token) Start(string userId, DateTime now)
    {
        var (token, hash) = Security.SecretToken.New();
        return (new SignInSession { TokenHash = hash, UserId = userId, CreatedAt = now }, token);
    }
}
