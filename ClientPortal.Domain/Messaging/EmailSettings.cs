using ClientPortal.Domain.Contacts;

namespace ClientPortal.Domain.Messaging;

public static class EmailProviders
{
    /// <summary>Embedded: nothing leaves the machine; messages stay readable in the Mailbox.</summary>
    public const string Outbox = "Outbox";
    public const string Smtp = "Smtp";

    /// <summary>Where email goes, as the Settings page says it.</summary>
    public static string Describe(string provider) =>
        string.Equals(provider, Smtp, StringComparison.OrdinalIgnoreCase) ? "sent through a mail server (SMTP)"
            : "kept in the portal's Mailbox";
}

/// <summary>The delivery settings in force, with which values came from configuration (they override the UI).</summary>
public sealed record EmailSettings(string Provider, string? Host, int Port, bool EnableTls, string? UserName,
    string? Password,
    string From, string FromName, IReadOnlySet<string> FromConfiguration,
        int Connections = EmailSettings.DefaultConnections)
{
    /// <summary>
    /// Parallel SMTP connections by default: enough to keep a fast server busy, and under the cap relays commonly put
    /// on the connections one client may hold open (often 10 to 20).
    /// </summary>
    public const int DefaultConnections = 8;

    public bool IsSmtp => string.Equals(Provider, EmailProviders.Smtp, StringComparison.OrdinalIgnoreCase);

    /// <summary>A password is stored but this portal's keys cannot open it (restored without its keys): it must be
    /// entered again.</summary>
    public bool PasswordUnreadable { get; init; }
}

/// <summary>Email delivery as the Owner enters it; a null <see cref="NewPassword"/> keeps the stored one.</summary>
public sealed record EmailSettingsInput(string Provider, string? Host, int? Port, bool EnableTls, string? UserName,
    string? NewPassword,
    string? From, string? FromName)
{
    /// <summary>What is wrong with these settings, each problem under its field's name.</summary>
    public Problems Check()
    {
        var problems = new Problems();
        if (Provider is not (EmailProviders.Outbox or EmailProviders.Smtp)) problems.Add(nameof(Provider),
            "Choose the embedded outbox or SMTP.");
        if (Provider == EmailProviders.Smtp)
        {
            if (string.IsNullOrWhiteSpace(Host)) problems.Add(nameof(Host), "Enter the SMTP host.");
            if (Port is null or < 1 or > 65535) problems.Add(nameof(Port), "Enter an SMTP port between 1 and 65535.");
        }
        if (!string.IsNullOrWhiteSpace(From)
            && !ContactEmail.IsValid(From, out var fromError)) problems.Add(nameof(From), "From: " + fromError);
        return problems;
    }
}
