using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Settings;

namespace ClientPortal.App.Hosting;

/// <summary>
/// Where the sign-in keys live and how to protect them, said once at each start in plain words. It replaces the
/// framework's bare "No XML encryptor configured" warning, which <see cref="PortalHost"/> filters out.
/// </summary>
public static class KeyStorageNotice
{
    public static string For(DatabaseTarget database, string dataDirectory, KeyProtectionOptions protection)
    {
        var where = database.IsPostgreSql ? "in the database, shared by every node"
            : $"{Path.Combine(dataDirectory, "keys")} (readable by this account only)";
        if (protection.CertificatePath is { Length: > 0 } certificate)
            return $"Sign-in keys: {where}, encrypted with the certificate {certificate}. Keep the certificate and " +
                "its password apart from the data and its backups: without them the keys cannot be read.";
        return $"Sign-in keys: {where}. They sign sessions and links and seal stored emails, so whoever copies " +
            "them can sign in as anyone: keep them out of shared folders and back them up with the `backup` " +
            "command, which seals them with a passphrase. Portal:KeyProtection:CertificatePath encrypts them at " +
            "rest (docs/security.md).";
    }
}
