namespace ClientPortal.Domain.Settings;

/// <summary>The "Portal" configuration section.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Folder for the database and keys. Relative paths are under the current working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The portal's public address; links are built from it, never from a request's Host header.</summary>
    public string? PublicBaseUrl { get; set; }

    public bool SeedDemoData { get; set; }

    public string ResolveDataDirectory() =>
        Path.GetFullPath(DataDirectory, Directory.GetCurrentDirectory());
}
