using Microsoft.AspNetCore.DataProtection;

namespace ClientPortal.Infrastructure.Messaging;

/// <summary>Encrypts outbox bodies at rest with the portal's data-protection keys (they can carry magic links).</summary>
public sealed class MessageProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("ClientPortal.Outbox.v1");

    public string Protect(string body) => _protector.Protect(body);

    public string Unprotect(string stored) => _protector.Unprotect(stored);
}
