namespace ClientPortal.Domain.Entities;

public enum AccountTokenPurpose
{
    OwnerSetup = 0,
    TeamInvite = 1,
    PasswordReset = 2,
}

/// <summary>A one-time token for account set-up flows (owner setup, team invite, password reset).</summary>
public class AccountToken
{
    public long Id { get; set; }
    public AccountTokenPurpose Purpose { get; set; }
    public string? UserId { get; set; }
    public required byte[] TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
