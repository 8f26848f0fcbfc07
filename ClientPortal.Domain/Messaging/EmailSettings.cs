namespace ClientPortal.Domain.Messaging;

public static class EmailProviders
{
    /// <summary>Embedded: nothing leaves the machine; messages stay readable in the Mailbox.</summary>
    public const string Outbox = "Outbox";
    public const string Smtp = "Smtp";
}

/// <summary>The delivery settings in force, with which values came from configuration (they override the UI).</summary>
public sealed record EmailSettings(string Provider, string? Host, int Port, bool EnableTls, string? UserName, string? Password,
    string From, string FromName, IReadOnlySet<string> FromConfiguration, int Connections = EmailSettings.DefaultConnections)
{
    /// <summary>
    /// Parallel SMTP connections by default: enough to keep a fast server busy, and under the cap relays commonly put on
    /// the connections one client may hold open (often 10 to 20).
    /// </summary>
    public const int DefaultConnections = 8;

    public bool IsSmtp => string.Equals(Provider, EmailProviders.Smtp, StringComparison.OrdinalIgnoreCase);

    /// <summary>A password is stored but this portal's keys cannot open it (restored without its keys): it must be entered again.</summary>
    public bool PasswordUnreadable { get; init; }
}
