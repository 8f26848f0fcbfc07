using System.Runtime.InteropServices;

namespace ClientPortal.Infrastructure.Data;

/// <summary>The files and folders start-up found readable by others and made private.</summary>
public sealed record DataFolderReport(IReadOnlyList<string> Tightened);

/// <summary>
/// The data folder holds the database, its backups' working files and the keys that sign every cookie and link: on
/// Linux and macOS only the portal's own user may read it. The folder is 0700 and the files the portal creates 0600,
/// and a folder from an older version that was left readable is tightened on start.
/// </summary>
public static class DataFolder
{
    public const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The uploaded product covers' folder inside the data folder.</summary>
    public const string CoversFolderName = "covers";

    /// <summary>The folders and files the portal keeps in its data folder (other files there are left alone).</summary>
    private static readonly string[] Owned = [PortalDatabase.FileName, PortalDatabase.FileName + "-wal",
        PortalDatabase.FileName + "-shm", "keys", CoversFolderName];

    /// <summary>Creates the folder (0700) or tightens it and what the portal keeps in it; returns what it
    /// tightened.</summary>
    public static IReadOnlyList<string> Secure(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return [];
        }
        // SQLite, the key store and the backup API create files themselves with the process's creation mask (usually
        // 022, so 0644): no .NET API sets that mask, so it is set here, once, for this process. The systemd unit sets
        // the same with UMask=0077 for a portal started there.
        _ = umask(0b000_111_111);
        var tightened = new List<string>();
        if (!Directory.Exists(path)) Directory.CreateDirectory(path, PrivateFolder);
        else Tighten(path, PrivateFolder, tightened);
        foreach (var name in Owned)
        {
            var entry = Path.Combine(path, name);
            if (File.Exists(entry)) Tighten(entry, PrivateFile, tightened);
            else if (Directory.Exists(entry))
            {
                Tighten(entry, PrivateFolder, tightened);
                foreach (var file in Directory.EnumerateFiles(entry, "*", SearchOption.AllDirectories)) Tighten(file,
                    PrivateFile, tightened);
            }
        }
        return tightened;
    }

    /// <summary>An empty file only the portal's user can read, for a copy another library then writes into.</summary>
    public static void CreatePrivateFile(string path)
    {
        if (OperatingSystem.IsWindows()) File.Create(path).Dispose();
        else new FileStream(path,
            new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write,
            UnixCreateMode = PrivateFile }).Dispose();
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void Tighten(string path, UnixFileMode mode, List<string> tightened)
    {
        var current = File.GetUnixFileMode(path);
        if ((current & ~mode) == 0) return;
        File.SetUnixFileMode(path, current & mode);
        tightened.Add(path);
    }

    [DllImport("libc")]
    private static extern uint umask(uint mask);
}
