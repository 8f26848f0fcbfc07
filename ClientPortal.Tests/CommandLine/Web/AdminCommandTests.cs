using ClientPortal.App.CommandLine;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.CommandLine.Web;

// SQLite's own (its file, pragmas, WAL or a process on the default database): the PostgreSQL pass leaves it out
[Trait("Provider", "Sqlite")]
public class AdminCommandTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await AdminCommands.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Create_owner_explains_bad_input_without_making_anyone()
    {
        using var dir = new TempDirectory();
        var data = $"--Portal:DataDirectory={dir.Path}";

        var missing = await RunAsync("create-owner", "--email", "owner@example.com", data);
        Assert.Equal(2, missing.Code);
        Assert.Contains("Option '--password' is required", missing.Err);
        Assert.False(File.Exists(Path.Combine(dir.Path, "portal.db")), "A usage error touches no data.");

        var badEmail = await RunAsync("create-owner", "--email", "not-an-email", "--password", "Str0ng!Passw0rd", data);
        Assert.Equal(1, badEmail.Code);
        Assert.Contains("not a valid email", badEmail.Err);

        var weak = await RunAsync("create-owner", "--email", "owner@example.com", "--password", "weak", data);
        Assert.Equal(1, weak.Code);
        Assert.Contains("Passwords must", weak.Err);
        Assert.Equal(0, (await RunAsync("create-owner", "--email", "owner@example.com", "--password",
            "Str0ng!Passw0rd", data)).Code);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Create_owner_makes_the_one_owner_a_portal_has()
    {
        using var dir = new TempDirectory();
        var data = $"--Portal:DataDirectory={dir.Path}";
        var ok = await RunAsync("create-owner", "--email", "owner@example.com", "--password", "Str0ng!Passw0rd", data);
        Assert.Equal(0, ok.Code);
        Assert.Contains("Owner owner@example.com created", ok.Out);
        Assert.True(File.Exists(Path.Combine(dir.Path, "portal.db")));

        var again = await RunAsync("create-owner", "--email", "other@example.com", "--password", "Str0ng!Passw0rd",
            data);
        Assert.Equal(1, again.Code);
        Assert.Contains("already has an Owner", again.Err);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Api_key_create_prints_the_key_once_and_stores_only_its_hash()
    {
        using var dir = new TempDirectory();
        var data = $"--Portal:DataDirectory={dir.Path}";
        var unknown = await RunAsync("api-key", "create", "--name", "Zapier", "--scopes",
            "contacts:read,contacts:delete", data);
        Assert.Equal(2, unknown.Code);
        Assert.Contains("unknown scope contacts:delete", unknown.Err);
        Assert.Equal(2, (await RunAsync("api-key", "create", "--scopes", "contacts:read", data)).Code);

        var made = await RunAsync("api-key", "create", "--name", "Zapier", "--scopes", "contacts:read,grants:write",
            "--scopes", "events:read", data);
        Assert.True(made.Code == 0, made.Err);
        var key = made.Out.Trim();
        Assert.Matches("^cpk_[A-Za-z0-9_-]{43}$", key);
        Assert.Contains("contacts:read, grants:write, events:read", made.Err);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(dir.Path, "portal.db*"))
        {
            var text = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file));
            Assert.DoesNotContain(key[4..], text);
        }
    }

    [Fact]
    public async Task Missing_option_value_is_a_usage_error_with_the_commands_help()
    {
        var result = await RunAsync("create-owner", "--email");
        Assert.Equal(2, result.Code);
        Assert.Contains("--email", result.Err);
        Assert.Contains("Usage:", result.Err);
        Assert.Contains("create-owner [options]", result.Err);
    }

    [Theory]
    [InlineData("improt-contacts", "x.csv")]
    [InlineData("api-keys", "create")]
    [InlineData("magic-link", "--email", "a@example.com", "--emial", "b@example.com")]
    public async Task An_unknown_or_misspelled_command_or_option_fails_with_the_list_of_commands(params string[] args)
    {
        Assert.True(AdminCommands.IsCommand(args),
            "A first word that is not an option is a command, never the server.");
        var result = await RunAsync(args);
        Assert.Equal(2, result.Code);
        Assert.Contains(args[0] == "magic-link" ? "error: unknown option or argument: --emial"
            : $"error: unknown command '{args[0]}'", result.Err);
        if (args[0] != "magic-link")
            foreach (var command in new[] { "create-owner", "magic-link", "send-login-emails", "import-contacts",
                "backup" })
                Assert.Contains(command, result.Err);
    }

    [Fact]
    public void Only_no_command_or_host_options_start_the_server()
    {
        Assert.False(AdminCommands.IsCommand([]));
        Assert.False(AdminCommands.IsCommand(["--urls", "http://127.0.0.1:5000"]));
        Assert.False(AdminCommands.IsCommand(["--demo"]));
        Assert.False(AdminCommands.IsCommand(["--Portal:DataDirectory=/tmp/x"]));
        Assert.True(AdminCommands.IsCommand(["backup", "--help"]));
    }

    [Fact]
    public async Task Every_command_is_listed_with_its_own_help()
    {
        var list = await RunAsync("--help");
        Assert.Equal(0, list.Code);
        foreach (var command in new[] { "create-owner", "magic-link", "send-login-emails", "import-contacts",
            "backup" })
        {
            Assert.Contains(command, list.Out);
            var help = await RunAsync(command, "--help");
            Assert.Equal(0, help.Code);
            Assert.Contains($"{command} ", help.Out);
            Assert.Contains("Usage:", help.Out);
        }
    }
}

// SQLite's own (its file, pragmas, WAL or a process on the default database): the PostgreSQL pass leaves it out
[Trait("Provider", "Sqlite")]
public class ImportCommandTests
{
    private static async Task<(string Data, string Csv)> FilesAsync(TempDirectory dir, string csvText)
    {
        var csv = Path.Combine(dir.Path, "people.csv");
        await File.WriteAllTextAsync(csv, csvText);
        return ($"--Portal:DataDirectory={Path.Combine(dir.Path, "data")}", csv);
    }

    [Fact]
    public async Task Import_contacts_prints_its_counts_with_each_rows_error()
    {
        using var dir = new TempDirectory();
        var (data, csv) = await FilesAsync(dir,
            "email,first_name,last_name,phone,tags\nada@example.com,Ada,L,,a;b\nbroken,,,,\nbob@example.com,Bob,,,\n");

        var stdout = new StringWriter();
        var code = await AdminCommands.RunAsync(["import-contacts", csv, data], stdout, new StringWriter());
        Assert.Equal(0, code);
        Assert.Contains("created 2, updated 0, unchanged 0, skipped 1", stdout.ToString());
        Assert.Contains("line 3: 'broken' is not a valid email address.", stdout.ToString());

        var again = new StringWriter();
        Assert.Equal(0, await AdminCommands.RunAsync(["import-contacts", csv, data], again, new StringWriter()));
        Assert.Contains("created 0, updated 0, unchanged 2, skipped 1", again.ToString());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Import_contacts_fails_only_on_a_file_it_cannot_read()
    {
        using var dir = new TempDirectory();
        var (data, csv) = await FilesAsync(dir, "name\nAda\n");
        var stderr = new StringWriter();
        Assert.Equal(1,
            await AdminCommands.RunAsync(["import-contacts", Path.Combine(dir.Path, "missing.csv"), data],
            new StringWriter(), stderr));
        Assert.Contains("cannot read", stderr.ToString());

        Assert.Equal(1, await AdminCommands.RunAsync(["import-contacts", csv, data], new StringWriter(), stderr));
        Assert.Contains("no 'email' column", stderr.ToString());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

// SQLite's own (its file, pragmas, WAL or a process on the default database): the PostgreSQL pass leaves it out
[Trait("Provider", "Sqlite")]
public class ImportEncodingCommandTests
{
    [Fact]
    public async Task A_latin1_file_is_refused_with_how_to_fix_it()
    {
        using var dir = new TempDirectory();
        var data = $"--Portal:DataDirectory={Path.Combine(dir.Path, "data")}";
        var csv = Path.Combine(dir.Path, "people.csv");
        await File.WriteAllBytesAsync(csv,
            System.Text.Encoding.Latin1.GetBytes("email,first_name\nrene@example.com,Ren\u00e9e\n"));

        var stderr = new StringWriter();
        var stdout = new StringWriter();
        Assert.Equal(1, await AdminCommands.RunAsync(["import-contacts", csv, data], stdout, stderr));
        Assert.Contains("Line 2 is not UTF-8 text", stderr.ToString());
        Assert.Contains("CSV UTF-8", stderr.ToString());
        Assert.DoesNotContain("created", stdout.ToString());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Control_characters_in_an_import_are_removed_with_a_note()
    {
        using var dir = new TempDirectory();
        var data = $"--Portal:DataDirectory={Path.Combine(dir.Path, "data")}";
        var csv = Path.Combine(dir.Path, "people.csv");
        await File.WriteAllTextAsync(csv,
            "email,first_name,last_name\nrene@example.com,Ren\u00e9e\0,\"Dupont\tSmith\"\n");
        var stdout = new StringWriter();
        Assert.Equal(0, await AdminCommands.RunAsync(["import-contacts", csv, data], stdout, new StringWriter()));
        Assert.Contains("note: Invisible control characters (such as NUL, tabs or line breaks inside a cell) were " +
            "removed from line 2.", stdout.ToString());
        Assert.Contains("created 1,", stdout.ToString());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

// SQLite's own (its file, pragmas, WAL or a process on the default database): the PostgreSQL pass leaves it out
[Trait("Provider", "Sqlite")]
public class MagicLinkCommandTests
{
    /// <summary>A data folder with one contact, ada@example.com, and the option that names it.</summary>
    private static async Task<string> DataWithAdaAsync(TempDirectory dir)
    {
        var data = $"--Portal:DataDirectory={Path.Combine(dir.Path, "data")}";
        var csv = Path.Combine(dir.Path, "one.csv");
        await File.WriteAllTextAsync(csv, "email\nada@example.com\n");
        await AdminCommands.RunAsync(["import-contacts", csv, data], new StringWriter(), new StringWriter());
        return data;
    }

    [Fact]
    public async Task Magic_link_prints_a_fresh_link_for_the_contact()
    {
        using var dir = new TempDirectory();
        var data = await DataWithAdaAsync(dir);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(0,
            await AdminCommands.RunAsync(["magic-link", "--email", "ADA@example.com", "--section", "courses",
            "--policy", "reusable", "--Portal:PublicBaseUrl=https://learn.example.org", data], stdout, stderr));
        Assert.Matches(@"^https://learn\.example\.org/l/[A-Za-z0-9_-]{43}\s*$", stdout.ToString());
        Assert.Contains("reusable until it expires", stderr.ToString());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Magic_link_explains_an_unknown_contact_section_or_policy()
    {
        using var dir = new TempDirectory();
        var data = await DataWithAdaAsync(dir);
        var unknown = new StringWriter();
        Assert.Equal(1,
            await AdminCommands.RunAsync(["magic-link", "--email", "nobody@example.com", data], new StringWriter(),
            unknown));
        Assert.Contains("no contact with email nobody@example.com", unknown.ToString());

        var badSection = new StringWriter();
        Assert.Equal(1,
            await AdminCommands.RunAsync(["magic-link", "--email", "ada@example.com", "--section",
            "https://evil.example", data],
            new StringWriter(), badSection));
        Assert.Contains("Unknown section", badSection.ToString());

        var badPolicy = new StringWriter();
        Assert.Equal(2,
            await AdminCommands.RunAsync(["magic-link", "--email", "ada@example.com", "--policy", "forever", data],
            new StringWriter(), badPolicy));
        Assert.Contains("'forever'", badPolicy.ToString());
        Assert.Contains("'single'", badPolicy.ToString());
        Assert.Contains("'reusable'", badPolicy.ToString());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
