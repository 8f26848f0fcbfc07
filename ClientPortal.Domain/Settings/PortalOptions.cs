namespace ClientPortal.Domain.Settings;

/// <summary>The "Portal" configuration section.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Folder for the database and keys. A relative path is under the working directory (beside the executable for the published single file).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The portal's public address; links are built from it, never from a request's Host header.</summary>
    public string? PublicBaseUrl { get; set; }

    public bool SeedDemoData { get; set; }

    public string ResolveDataDirectory(string? relativeTo = null) =>
        Path.GetFullPath(DataDirectory, relativeTo ?? Directory.GetCurrentDirectory());
}
