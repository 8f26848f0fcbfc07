using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClientPortal.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Infrastructure.Data;

public sealed record BackupResult(string Path, long Bytes, TimeSpan Took, int Keys, int Files);

public sealed record RestoreResult(string DataDirectory, int Keys, int Files);

/// <summary>
/// A backup that restores: one file (a ZIP) holding an online copy of the database, the data-protection keys that open
/// what the database keeps sealed (queued emails, the SMTP password, idempotent answers) and sign cookies and links,
/// and the uploaded covers. The database copy is made through SQLite's backup API — consistent as of one instant, safe
/// while the portal runs (WAL lets writers carry on) — checked with PRAGMA integrity_check and stored without a -wal.
/// The keys are sealed with a passphrase (AES-256-GCM under a PBKDF2-SHA256 key), or, where the portal protects its
/// keys with a certificate (Portal:KeyProtection:CertificatePath), stored as that certificate already seals them, which
/// restoring then needs. A backup never overwrites a file; a restore only fills an empty data folder.
/// </summary>
public sealed class PortalBackup(IDbContextFactory<PortalDbContext> dbFactory, DatabaseTarget database,
    string dataDirectory, bool keysUnderCertificate)
{
    public const string Format = "client-portal-backup";
    public const int MinimumPassphraseLength = 12;
    private const string ManifestEntry = "backup.json";
    private const string DatabaseEntry = "portal.db";
    private const string SealedKeysEntry = "keys.sealed";
    private const string KeysFolder = "keys";
    private const int Iterations = 600_000;

    private sealed record Manifest(string Format, int Version, DateTime CreatedAt, string KeysSealedWith, string? Salt,
        int Iterations, int Keys);

    /// <summary>Whether the keys need a passphrase to be sealed (they do unless a certificate already protects
    /// them).</summary>
    public bool NeedsPassphrase => !keysUnderCertificate;

    public async Task<Outcome<BackupResult>> BackupAsync(string destination, string? passphrase,
        CancellationToken ct = default)
    {
        if (database.IsPostgreSql)
            return Outcome<BackupResult>.Fail("The portal runs on PostgreSQL: back it up with the server's own tools " +
                "(pg_dump), see docs/scaling.md.");
        if (string.IsNullOrWhiteSpace(destination)) return Outcome<BackupResult>.Fail("Give the backup file's name.");
        if (NeedsPassphrase && (passphrase is null || passphrase.Length < MinimumPassphraseLength))
            return Outcome<BackupResult>.Fail($"The keys in the backup are sealed with a passphrase of at least " +
                $"{MinimumPassphraseLength} characters.");
        var path = Path.GetFullPath(destination);
        if (File.Exists(path)) return Outcome<BackupResult>.Fail($"{path} already exists; choose a new file name (a " +
            $"backup never overwrites).");
        if (Path.GetDirectoryName(path) is { } folder
            && !Directory.Exists(folder)) return Outcome<BackupResult>.Fail($"The folder {folder} does not exist.");
        var partial = path + ".partial";
        var copy = path + ".db.partial";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            File.Delete(partial); // left by a copy that was cut off
            File.Delete(copy);
            DataFolder.CreatePrivateFile(copy); // a copy of everything: readable by the portal's user only
            if (await CopyDatabaseAsync(copy, ct) is { } problem) return Outcome<BackupResult>.Fail(problem);
            var keys = Directory.Exists(Path.Combine(dataDirectory, KeysFolder))
                ? Directory.GetFiles(Path.Combine(dataDirectory, KeysFolder), "*.xml") : [];
            var covers = Path.Combine(dataDirectory, DataFolder.CoversFolderName);
            var coverFiles = Directory.Exists(covers) ? Directory.GetFiles(covers, "*", SearchOption.AllDirectories)
                : [];

            DataFolder.CreatePrivateFile(partial);
            await using (var file = new FileStream(partial, FileMode.Truncate, FileAccess.Write))
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
            {
                zip.CreateEntryFromFile(copy, DatabaseEntry, CompressionLevel.Optimal);
                string? salt = null;
                if (NeedsPassphrase)
                {
                    var saltBytes = RandomNumberGenerator.GetBytes(16);
                    salt = Convert.ToBase64String(saltBytes);
                    await using var sealedKeys = zip.CreateEntry(SealedKeysEntry, CompressionLevel.NoCompression)
                        .Open();
                    await sealedKeys.WriteAsync(Seal(KeyRing(keys), passphrase!, saltBytes), ct);
                }
                else
                {
                    foreach (var key in keys) zip.CreateEntryFromFile(key, $"{KeysFolder}/{Path.GetFileName(key)}");
                }
                foreach (var cover in coverFiles)
                    zip.CreateEntryFromFile(cover,
                        $"{DataFolder.CoversFolderName}/{Path.GetRelativePath(covers, cover).Replace('\\', '/')}");
                await using var manifest = zip.CreateEntry(ManifestEntry).Open();
                await JsonSerializer.SerializeAsync(manifest,
                    new Manifest(Format, 1, DateTime.UtcNow, NeedsPassphrase ? "passphrase" : "certificate",
                    salt, Iterations, keys.Length), cancellationToken: ct);
            }
            File.Move(partial, path);
            return Outcome<BackupResult>.Success(new BackupResult(path, new FileInfo(path).Length, watch.Elapsed,
                keys.Length, coverFiles.Length));
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            return Outcome<BackupResult>.Fail($"The backup did not complete: {ex.Message}");
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
            if (File.Exists(copy)) File.Delete(copy);
        }
    }

    /// <summary>The database's online copy into <paramref name="target"/>; a problem when it fails its integrity
    /// check.</summary>
    private async Task<string?> CopyDatabaseAsync(string target, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var source = (SqliteConnection)db.Database.GetDbConnection();
        await source.OpenAsync(ct);
        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target,
            Pooling = false }.ToString());
        await copy.OpenAsync(ct);
        source.BackupDatabase(copy);
        await using var command = copy.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=DELETE;";
        await command.ExecuteNonQueryAsync(ct);
        command.CommandText = "PRAGMA integrity_check;";
        return await command.ExecuteScalarAsync(ct) is not "ok" and var problem
            ? $"The copy failed its integrity check: {problem}" : null;
    }

    /// <summary>Whether restoring this backup needs a passphrase (false for a backup whose keys a certificate
    /// seals).</summary>
    public static Outcome<bool> RestoreNeedsPassphrase(string backupFile)
    {
        try
        {
            using var zip = ZipFile.OpenRead(backupFile);
            return Outcome<bool>.Success(ReadManifest(zip) is { } m ? m.KeysSealedWith == "passphrase"
                : throw new InvalidDataException("not a Client Portal backup"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or
            JsonException)
        {
            return Outcome<bool>.Fail($"{backupFile} is not a backup this portal can read: {ex.Message}");
        }
    }

    /// <summary>
    /// Puts a backup's database, keys and covers into an empty data folder. Nothing is written unless the keys open:
    /// a wrong passphrase leaves the folder as it was.
    /// </summary>
    public static async Task<Outcome<RestoreResult>> RestoreAsync(string backupFile, string dataDirectory,
        string? passphrase, CancellationToken ct = default)
    {
        var folder = Path.GetFullPath(dataDirectory);
        if (File.Exists(Path.Combine(folder, PortalDatabase.FileName))
            || Directory.Exists(Path.Combine(folder, KeysFolder)))
            return Outcome<RestoreResult>.Fail($"{folder} already holds a portal (a database or keys). Restore into " +
                $"an empty data folder: move the old one aside first.");
        try
        {
            using var zip = ZipFile.OpenRead(backupFile);
            if (ReadManifest(zip) is not { } manifest || zip.GetEntry(DatabaseEntry) is not { } databaseEntry)
                return Outcome<RestoreResult>.Fail($"{backupFile} is not a Client Portal backup.");
            Dictionary<string, byte[]> keys;
            if (manifest.KeysSealedWith == "passphrase")
            {
                if (string.IsNullOrEmpty(passphrase)) return Outcome<RestoreResult>.Fail("This backup's keys are " +
                    "sealed with a passphrase: give it.");
                await using var sealedStream = zip.GetEntry(SealedKeysEntry)?.Open()
                    ?? throw new InvalidDataException("the sealed keys are missing");
                using var buffer = new MemoryStream();
                await sealedStream.CopyToAsync(buffer, ct);
                if (Unseal(buffer.ToArray(), passphrase, Convert.FromBase64String(manifest.Salt!),
                    manifest.Iterations) is not { } ring)
                    return Outcome<RestoreResult>.Fail("The passphrase does not open this backup's keys. Nothing was " +
                        "restored.");
                keys = ring;
            }
            else
            {
                keys = [];
                foreach (var entry in zip.Entries.Where(e =>
                    e.FullName.StartsWith(KeysFolder + "/", StringComparison.Ordinal)))
                {
                    await using var stream = entry.Open();
                    using var buffer = new MemoryStream();
                    await stream.CopyToAsync(buffer, ct);
                    keys[entry.Name] = buffer.ToArray();
                }
            }

            DataFolder.Secure(folder);
            var keysFolder = Directory.CreateDirectory(Path.Combine(folder, KeysFolder)).FullName;
            foreach (var (name, content) in keys) await WritePrivateAsync(Path.Combine(keysFolder,
                Path.GetFileName(name)), content, ct);
            var files = 0;
            foreach (var entry in zip.Entries.Where(e =>
                e.FullName.StartsWith(DataFolder.CoversFolderName + "/", StringComparison.Ordinal)
                && e.Name.Length > 0))
            {
                var target = Path.GetFullPath(Path.Combine(folder, entry.FullName));
                // An entry may not climb out of its folder (a crafted "covers/../../x").
                if (!target.StartsWith(Path.Combine(folder, DataFolder.CoversFolderName) + Path.DirectorySeparatorChar,
                    StringComparison.Ordinal)) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var stream = entry.Open();
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, ct);
                await WritePrivateAsync(target, buffer.ToArray(), ct);
                files++;
            }
            // The database last, under a working name until it is whole: a restore cut off leaves no half database.
            var partial = Path.Combine(folder, PortalDatabase.FileName + ".partial");
            File.Delete(partial);
            DataFolder.CreatePrivateFile(partial);
            await using (var source = databaseEntry.Open())
            await using (var target = new FileStream(partial, FileMode.Truncate, FileAccess.Write))
                await source.CopyToAsync(target, ct);
            File.Move(partial, Path.Combine(folder, PortalDatabase.FileName));
            return Outcome<RestoreResult>.Success(new RestoreResult(folder, keys.Count, files));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or
            JsonException or FormatException)
        {
            return Outcome<RestoreResult>.Fail($"{backupFile} could not be restored: {ex.Message}");
        }
    }

    private static async Task WritePrivateAsync(string path, byte[] content, CancellationToken ct)
    {
        DataFolder.CreatePrivateFile(path);
        await File.WriteAllBytesAsync(path, content, ct);
    }

    private static Manifest? ReadManifest(ZipArchive zip)
    {
        if (zip.GetEntry(ManifestEntry) is not { } entry) return null;
        using var stream = entry.Open();
        var manifest = JsonSerializer.Deserialize<Manifest>(stream);
        return manifest?.Format == Format ? manifest : null;
    }

    /// <summary>The key files as one JSON object (name → content), the plain text that is sealed.</summary>
    private static byte[] KeyRing(IEnumerable<string> keyFiles) =>
        JsonSerializer.SerializeToUtf8Bytes(keyFiles.ToDictionary(f => Path.GetFileName(f), f => File.ReadAllBytes(f)));

    /// <summary>AES-256-GCM under PBKDF2-SHA256(passphrase, salt): nonce ‖ tag ‖ cipher text.</summary>
    private static byte[] Seal(byte[] plain, string passphrase, byte[] salt)
    {
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, Iterations,
            HashAlgorithmName.SHA256, 32);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(key, tag.Length)) aes.Encrypt(nonce, plain, cipher, tag);
        return [.. nonce, .. tag, .. cipher];
    }

    private static Dictionary<string, byte[]>? Unseal(byte[] sealedKeys, string passphrase, byte[] salt, int iterations)
    {
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, iterations,
            HashAlgorithmName.SHA256, 32);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        if (sealedKeys.Length < nonceSize + tagSize) return null;
        var plain = new byte[sealedKeys.Length - nonceSize - tagSize];
        try
        {
            using var aes = new AesGcm(key, tagSize);
            aes.Decrypt(sealedKeys.AsSpan(0, nonceSize), sealedKeys.AsSpan(nonceSize + tagSize),
                sealedKeys.AsSpan(nonceSize, tagSize), plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
        return JsonSerializer.Deserialize<Dictionary<string, byte[]>>(plain);
    }
}
