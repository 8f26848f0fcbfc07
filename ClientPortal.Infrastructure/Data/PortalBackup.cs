using ClientPortal.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Infrastructure.Data;

public sealed record BackupResult(string Path, long Bytes, TimeSpan Took);

/// <summary>
/// An online copy of the database through SQLite's backup API: consistent as of one instant, safe while the
/// portal runs and writes (WAL lets writers carry on). The copy is checked with PRAGMA integrity_check and
/// written as a standalone file (no -wal beside it) before it takes its final name.
/// </summary>
public sealed class PortalBackup(IDbContextFactory<PortalDbContext> dbFactory, DatabaseTarget database)
{
    public async Task<Outcome<BackupResult>> BackupAsync(string destination, CancellationToken ct = default)
    {
        if (database.IsPostgreSql)
            return Outcome<BackupResult>.Fail("The portal runs on PostgreSQL: back it up with the server's own tools (pg_dump), see docs/scaling.md.");
        if (string.IsNullOrWhiteSpace(destination)) return Outcome<BackupResult>.Fail("Give the backup file's name.");
        var path = System.IO.Path.GetFullPath(destination);
        if (File.Exists(path)) return Outcome<BackupResult>.Fail($"{path} already exists; choose a new file name (a backup never overwrites).");
        if (System.IO.Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder)) return Outcome<BackupResult>.Fail($"The folder {folder} does not exist.");
        var partial = path + ".partial";
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            File.Delete(partial); // left by a copy that was cut off
            DataFolder.CreatePrivateFile(partial); // a copy of everything: readable by the portal's user only
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var source = (SqliteConnection)db.Database.GetDbConnection();
            await source.OpenAsync(ct);
            await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                await target.OpenAsync(ct);
                source.BackupDatabase(target);
                await using var command = target.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=DELETE;";
                await command.ExecuteNonQueryAsync(ct);
                command.CommandText = "PRAGMA integrity_check;";
                if (await command.ExecuteScalarAsync(ct) is not "ok" and var problem)
                    return Outcome<BackupResult>.Fail($"The copy failed its integrity check: {problem}");
            }
            File.Move(partial, path);
            return Outcome<BackupResult>.Success(new BackupResult(path, new FileInfo(path).Length, watch.Elapsed));
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            return Outcome<BackupResult>.Fail($"The backup did not complete: {ex.Message}");
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }
}
