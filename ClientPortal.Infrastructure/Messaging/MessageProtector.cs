using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ClientPortal.Infrastructure.Messaging;

/// <summary>
/// Encrypts outbox bodies and stored secrets (the SMTP password) at rest with the portal's data-protection keys (bodies
/// can carry magic links). What was sealed with a key the portal no longer has (a database restored without its keys)
/// reads as null, for the caller to say so in words, never as an exception that ends the admin's page.
/// </summary>
public sealed class MessageProtector(IDataProtectionProvider provider)
{
    public const string UnreadableMessage =
        "This message can't be read with this portal's keys: it was sealed with a key this portal no longer has " +
        "(for example after a database was restored without its keys).";

    private readonly IDataProtector _protector = provider.CreateProtector("ClientPortal.Outbox.v1");

    public string Protect(string body) => _protector.Protect(body);

    /// <summary>The plain text, or null when this portal's keys cannot open it.</summary>
    public string? TryUnprotect(string stored)
    {
        try
        {
            return _protector.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>A message or secret sealed with a key this portal no longer has: it cannot be sent until it is written
/// again.</summary>
/// <param name="Permanent">Nothing will ever open it (a message's body); otherwise a person can write it again (a
/// password).</param>
public sealed class SealedWithLostKeyException(string message, bool permanent) : Exception(message)
{
    public bool Permanent { get; } = permanent;

    /// <summary>A message body no key of this portal opens.</summary>
    public static SealedWithLostKeyException Body() => new(MessageProtector.UnreadableMessage, permanent: true);
}
