using System.Diagnostics;
using System.Text;
using ClientPortal.App.Features;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.Dashboard;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientPortal.Bench;

/// <summary>Contacts grid page, dashboard counts and CSV import on a real SQLite file.</summary>
public static class ContactsBench
{
    public static async Task<ServiceProvider> DomainAsync(string dataDirectory,
        Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new
            Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddPortalFeatures(dataDirectory).AddPortalIdentityCore();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await PortalFeatures.InitializeAsync(provider, seedDemo: false);
        return provider;
    }

    /// <summary>Fast bulk seed with one prepared INSERT in a single transaction (not the code under test).</summary>
    public static void SeedContacts(string dataDirectory, int count)
    {
        using var conn = new SqliteConnection(PortalDatabase.ConnectionString(dataDirectory));
        conn.Open();
        using var tx = conn.BeginTransaction();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = """
            INSERT INTO Contacts (Email, NormalizedEmail, FirstName, LastName, FirstNameKey, LastNameKey, CreatedAt,
                                  PortalStatus, InvitedAt)
            VALUES ($e, $e, $f, $l, lower($f), lower($l), $c, $s, $i)
            """;
        var e = cmd.Parameters.Add("$e", SqliteType.Text);
        var f = cmd.Parameters.Add("$f", SqliteType.Text);
        var l = cmd.Parameters.Add("$l", SqliteType.Text);
        var c = cmd.Parameters.Add("$c", SqliteType.Text);
        var s = cmd.Parameters.Add("$s", SqliteType.Integer);
        var i = cmd.Parameters.Add("$i", SqliteType.Text);
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var n = 0; n < count; n++)
        {
            e.Value = $"user{n}@example.com";
            f.Value = $"First{n % 1000}";
            l.Value = $"Last{n % 5000}";
            c.Value = start.AddSeconds(n).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF");
            var status = n % 10 < 5 ? 0 : n % 10 < 8 ? 1 : 2;
            s.Value = status;
            i.Value = status > 0 ? (object)start.AddSeconds(n + 60)
                .ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF") : DBNull.Value;
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public static async Task<List<(string, string, string)>> GridAsync(int[] sizes, int runs)
    {
        var rows = new List<(string, string, string)>();
        foreach (var size in sizes)
        {
            var dir = Directory.CreateTempSubdirectory("cp-bench-").FullName;
            try
            {
                await using var provider = await DomainAsync(dir);
                var seed = Stopwatch.StartNew();
                SeedContacts(dir, size);
                Console.Error.WriteLine($"seeded {size:N0} contacts in {seed.Elapsed.TotalSeconds:F1} s");
                var directory = provider.GetRequiredService<ContactDirectory>();
                var stats = provider.GetRequiredService<PortalStats>();
                var prefix = await Figures.MedianMsAsync(runs, i =>
                    directory.SearchAsync(new ContactQuery(Search: $"user{(i + 2) % 9 + 1}2", Sort: ContactSort.Email,
                        Descending: false, Take: 50)));
                var first = await Figures.MedianMsAsync(runs, _ => directory.SearchAsync(new ContactQuery(Take: 50)));
                var counts = await Figures.MedianMsAsync(runs, _ => stats.CountsAsync());
                var dashboard = await Figures.MedianMsAsync(runs, _ => stats.DashboardAsync());
                rows.Add(($"contacts page (50, email prefix) @ {size:N0}", $"{prefix:F1} ms", "< 50 ms at 1,000,000"));
                rows.Add(($"contacts page (50, no filter) @ {size:N0}", $"{first:F1} ms", "responsive"));
                rows.Add(($"dashboard counts @ {size:N0}", $"{counts:F2} ms", "< 50 ms at 1,000,000"));
                rows.Add(($"whole dashboard (counts, funnel, chart, feed) @ {size:N0}", $"{dashboard:F2} ms",
                    "< 50 ms at 1,000,000"));
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(dir, true);
            }
        }
        return rows;
    }

    public static async Task<List<(string, string, string)>> ImportAsync(int count)
    {
        var dir = Directory.CreateTempSubdirectory("cp-bench-").FullName;
        try
        {
            await using var provider = await DomainAsync(dir);
            var csv = new StringBuilder("email,first_name,last_name,phone,tags\n");
            for (var n = 0; n < count; n++) csv.Append($"person{n}@example.com,Person{n},Family{n % 997},+1 555 " +
                $"{n:D7},tag{n % 7};all\n");
            var bytes = Encoding.UTF8.GetBytes(csv.ToString());
            var import = provider.GetRequiredService<ContactImport>();
            var sw = Stopwatch.StartNew();
            var preview = await import.PreviewAsync(new MemoryStream(bytes));
            var previewed = sw.Elapsed;
            var result = await import.ImportAsync(preview, Actor.System("bench"));
            var total = sw.Elapsed;
            if (result.Created != count) throw new InvalidOperationException($"created {result.Created} of {count}");
            return
            [
                ($"CSV import of {count:N0} rows (preview + import)",
                    $"{count / total.TotalSeconds:N0} rows/s ({total.TotalSeconds:F1} s; preview " +
                        $"{previewed.TotalSeconds:F1} s)", "≥ 20,000 rows/s"),
            ];
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }
}
