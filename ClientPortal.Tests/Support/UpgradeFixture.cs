namespace ClientPortal.Tests.Support;

/// <summary>
/// A data folder (portal.db and its data-protection keys) made by the November 2026 release, the last with hand-written
/// migrations: the demo catalog and audience, an Owner, a Staff invitee, a learner account, grants, a workflow with
/// runs, queued invite emails and an admin-generated link whose token is in facts.txt with the row counts.
/// </summary>
public static class UpgradeFixture
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Release-2026-11");
    public static string DatabaseFile => Path.Combine(Folder, "portal.db");

    public static IReadOnlyDictionary<string, string> Facts =>
        File.ReadAllLines(Path.Combine(Folder, "facts.txt")).Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);

    /// <summary>Copies the release's data folder into <paramref name="dataDirectory"/>.</summary>
    public static void CopyTo(string dataDirectory)
    {
        Directory.CreateDirectory(Path.Combine(dataDirectory, "keys"));
        File.Copy(DatabaseFile, Path.Combine(dataDirectory, "portal.db"), overwrite: true);
        foreach (var key in Directory.GetFiles(Path.Combine(Folder, "keys")))
            File.Copy(key, Path.Combine(dataDirectory, "keys", Path.GetFileName(key)), overwrite: true);
    }
}
