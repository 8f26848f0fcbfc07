namespace ClientPortal.Domain.Entities;

/// <summary>When a passkey last signed its owner in (Identity keeps each passkey's counter, not its time of
/// use).</summary>
public class PasskeyUse
{
    public required byte[] CredentialId { get; set; }
    public DateTime LastUsedAt { get; set; }
}
