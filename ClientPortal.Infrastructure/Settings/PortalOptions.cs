namespace ClientPortal.Infrastructure.Settings;

/// <summary>The "Portal" configuration section.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Folder for the database and keys. A relative path is under the working directory (beside the executable
    /// for the published single file).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The portal's public address; links are built from it, never from a request's Host header.</summary>
    public string? PublicBaseUrl { get; set; }

    public bool SeedDemoData { get; set; }

    /// <summary>Portal:NodeName: this node's name among several (see <see cref="PortalNode"/>).</summary>
    public string? NodeName { get; set; }

    /// <summary>Portal:KeyProtection: a certificate that encrypts the data-protection keys at rest.</summary>
    public KeyProtectionOptions KeyProtection { get; set; } = new();

    /// <summary>Portal:Database: which engine (see <see cref="Data.DatabaseTarget"/>).</summary>
    public DatabaseOptions Database { get; set; } = new();

    /// <summary>How often an open page checks that its session still holds (sign-out elsewhere, disabled account, new
    /// role).</summary>
    public int CircuitRevalidationSeconds { get; set; } = 60;

    /// <summary>How often open dashboards look for changes made elsewhere (the command line; other nodes without
    /// Redis).</summary>
    public int DashboardPollSeconds { get; set; } = 2;

    /// <summary>How long a stop waits for background work.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 10;

    /// <summary>The largest request body the pages read (the API and the inbound hook take less).</summary>
    public long MaxRequestBodyKilobytes { get; set; } = 1024;

    /// <summary>Portal:Webhooks: where webhooks may go.</summary>
    public WebhookOptions Webhooks { get; set; } = new();

    /// <summary>
    /// Portal:TrustedProxies: the reverse proxies believed about the client's address and scheme (IP addresses, as a
    /// list or comma-separated); none means only this machine.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Portal:Oidc: any OpenID Connect provider learners may sign in with.</summary>
    public OidcOptions Oidc { get; set; } = new();

    /// <summary>Portal:Google: sign-in with Google.</summary>
    public GoogleOptions Google { get; set; } = new();

    /// <summary>The trusted proxies' addresses.</summary>
    public IReadOnlyList<System.Net.IPAddress> TrustedProxyAddresses() =>
        TrustedProxies.SelectMany(p =>
            p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(p => System.Net.IPAddress.TryParse(p, out var address) ? address
                : throw new Data.PortalStartException($"{Section}:{nameof(TrustedProxies)}: '{p}' is not an IP " +
                    $"address."))
            .ToList();

    /// <summary>The "Portal" section, read and checked once at start.</summary>
    /// <exception cref="Data.PortalStartException">a value that cannot work, named in one line.</exception>
    public static PortalOptions Read(Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        var options = ConfigurationBinding.Read<PortalOptions>(configuration, Section);
        ConfigurationBinding.Require($"{Section}:{nameof(CircuitRevalidationSeconds)}",
            options.CircuitRevalidationSeconds, 1, 86_400);
        ConfigurationBinding.Require($"{Section}:{nameof(DashboardPollSeconds)}", options.DashboardPollSeconds, 1,
            86_400);
        ConfigurationBinding.Require($"{Section}:{nameof(ShutdownTimeoutSeconds)}", options.ShutdownTimeoutSeconds, 1,
            3_600);
        ConfigurationBinding.Require($"{Section}:{nameof(MaxRequestBodyKilobytes)}", options.MaxRequestBodyKilobytes,
            16,
            1_048_576);
        options.TrustedProxyAddresses();
        if (options.Oidc.IsConfigured && !Uri.TryCreate(options.Oidc.Authority, UriKind.Absolute, out _))
            throw new Data.PortalStartException($"{Section}:Oidc:Authority: '{options.Oidc.Authority}' is not an " +
                $"absolute address (https://…).");
        return options;
    }

    /// <summary>The database to use: this section's provider with <c>ConnectionStrings:Portal</c>.</summary>
    /// <exception cref="Data.PortalStartException">a setting that cannot work.</exception>
    public Data.DatabaseTarget ResolveDatabase(string? connectionString, string dataDirectory) =>
        Data.DatabaseTarget.From(Database.Provider, connectionString, dataDirectory);

    public string ResolveDataDirectory(string? relativeTo = null) =>
        Path.GetFullPath(DataDirectory, relativeTo ?? Directory.GetCurrentDirectory());
}

public sealed class DatabaseOptions
{
    /// <summary><c>Sqlite</c> (the default: a file in the data folder) or <c>PostgreSQL</c>.</summary>
    public string? Provider { get; set; }
}

/// <summary>
/// The keys that sign cookies, antiforgery tokens and sealed email bodies live in the data folder. Without a
/// certificate they are stored as plain XML readable by whoever can read the folder (start-up says so); with one, each
/// key is encrypted to it, so a copied data folder or backup is useless without the certificate file and password.
/// </summary>
public sealed class KeyProtectionOptions
{
    /// <summary>A PKCS#12 (.pfx/.p12) file with the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

public sealed class WebhookOptions
{
    /// <summary>Lets webhooks reach this machine and private networks (a receiver on the same host or LAN).</summary>
    public bool AllowPrivateNetworks { get; set; }
}

/// <summary>An OpenID Connect provider: used once Authority, ClientId and ClientSecret are all set.</summary>
public sealed class OidcOptions
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>The name on the sign-in button ("Continue with …").</summary>
    public string? DisplayName { get; set; }

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId)
            && !string.IsNullOrWhiteSpace(ClientSecret);
}

/// <summary>Google sign-in: used once ClientId and ClientSecret are both set.</summary>
public sealed class GoogleOptions
{
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);
}
