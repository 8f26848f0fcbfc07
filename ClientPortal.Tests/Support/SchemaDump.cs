using Microsoft.Data.Sqlite;

namespace ClientPortal.Tests.Support;

/// <summary>
/// A SQLite file's schema as sorted lines: tables, columns (type, nullability, default, key), foreign keys, indexes
/// (with their filters), CHECK constraints and triggers. Column order is left out: columns a release added with
/// ALTER TABLE stand at the end of their table, which no query depends on.
/// </summary>
public static class SchemaDump
{
    public static List<string> Of(string databaseFile)
    {
        using var conn = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile,
            Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        conn.Open();
        var lines = new List<string>();
        var tables = Query(conn,
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT IN " +
                "('__EFMigrationsHistory', '__EFMigrationsLock') ORDER BY name")
            .Select(r => r[0]).ToList();
        foreach (var t in tables)
        {
            lines.Add($"table {t}");
            foreach (var c in Query(conn, $"PRAGMA table_info(\"{t}\")"))
                lines.Add($"{t} column {c[1]} type={c[2]} notnull={c[3]} default={c[4]} pk={c[5]}");
            foreach (var fk in Query(conn, $"PRAGMA foreign_key_list(\"{t}\")"))
                lines.Add($"{t} fk {fk[3]} -> {fk[2]}.{fk[4]} on_delete={fk[6]}");
            foreach (var ix in Query(conn, $"PRAGMA index_list(\"{t}\")"))
            {
                var cols = string.Join(",", Query(conn, $"PRAGMA index_info(\"{ix[1]}\")").Select(r => r[2]));
                var where = Query(conn, $"SELECT sql FROM sqlite_master WHERE type='index' AND name='{ix[1]}'")
                    .FirstOrDefault()?[0] is { } sql
                    && sql.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase) is var w and >= 0 ? sql[w..].Trim()
                        : "";
                lines.Add($"{t} index {ix[1]} unique={ix[2]} ({cols}) {where}");
            }
            var create = Query(conn, $"SELECT sql FROM sqlite_master WHERE type='table' AND name='{t}'").Single()[0];
            foreach (var check in create.Split('\n').Where(l => l.Contains("CHECK")))
                lines.Add($"{t} check {check.Trim().TrimEnd(',')}");
        }
        foreach (var trigger in Query(conn, "SELECT name, sql FROM sqlite_master WHERE type='trigger'"))
        {
            var words = trigger[1].Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
            lines.Add($"trigger {trigger[0]} {string.Join(" ", words)}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    public static List<string[]> Query(SqliteConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string[]>();
        while (r.Read())
        {
            var row = new string[r.FieldCount];
            for (var i = 0; i < r.FieldCount; i++) row[i] = r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i))!;
            rows.Add(row);
        }
        return rows;
    }
}
