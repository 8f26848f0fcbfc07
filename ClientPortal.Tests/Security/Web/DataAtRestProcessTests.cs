using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Security.Web;

/// <summary>The data folder at rest, against the real executable started with a common (022) creation mask.</summary>
// SQLite's own (its file, pragmas, WAL or a process on the default database): the PostgreSQL pass leaves it out
[Trait("Provider", "Sqlite")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are a Unix matter; the suite runs on Linux
public class DataAtRestProcessTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>As a shell or service manager with the usual umask 022 starts it (this test process may have
    /// another).</summary>
    private static Task<RunningPortal> StartWithUsualUmaskAsync(IDictionary<string, string>? environment = null)
    {
        var dir = new TempDirectory();
        var data = Path.Combine(dir.Path, "data");
        var env = new Dictionary<string, string> { ["Portal__DataDirectory"] = data };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) env[k] = v;
        return RunningPortal.StartAsync("/bin/sh", dir, data, env, ["-c", "umask 022 && exec \"$0\" \"$@\"", App]);
    }

    private static string App => Path.Combine(RunningPortal.AppDirectory, "ClientPortal.App");

    private static IEnumerable<string> Entries(string data) =>
        new[] { data, Path.Combine(data, "portal.db"), Path.Combine(data, "portal.db-wal"),
            Path.Combine(data, "portal.db-shm"), Path.Combine(data, "keys") }
            .Concat(Directory.GetFiles(Path.Combine(data, "keys"))).Where(Path.Exists);

    private static void AssertPrivate(string data)
    {
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(data, "keys"), "*.xml"));
        Assert.True(File.Exists(Path.Combine(data, "portal.db-wal")),
            "The running portal has its write-ahead log open.");
        foreach (var path in Entries(data))
            Assert.True(File.GetUnixFileMode(path) == (Directory.Exists(path) ? Folder : File0600),
                $"{path} is {File.GetUnixFileMode(path)}");
    }

    [Fact]
    public async Task
        Data_files_are_0600_in_0700_folders_an_older_readable_folder_is_tightened_and_backups_are_private()
    {
        await using var portal = await StartWithUsualUmaskAsync();
        using var client = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login"))
            .StatusCode); // an antiforgery token: a key exists
        AssertPrivate(portal.DataDirectory);
        // Said in words once, instead of the framework's bare warning.
        Assert.Single(portal.Output.Split('\n'), l => l.Contains(
            $"Sign-in keys: {Path.Combine(portal.DataDirectory, "keys")} (readable by this account only)."));
        Assert.Contains("seals them with a passphrase", portal.Output);
        Assert.DoesNotContain("No XML encryptor", portal.Output);

        // A folder an older version left readable (0755 / 0644) is made private on the next start, with one warning.
        Assert.Equal(0, await portal.StopAsync(TimeSpan.FromSeconds(60)));
        foreach (var path in Entries(portal.DataDirectory))
            File.SetUnixFileMode(path,
                Directory.Exists(path) ? Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                : File0600 | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await portal.StartAgainAsync();
        AssertPrivate(portal.DataDirectory);
        Assert.Single(portal.Output.Split('\n'), l => l.Contains("Made private to the portal's user"));
        Assert.Contains(Path.Combine(portal.DataDirectory, "portal.db"), portal.Output);

        // A backup is a copy of everything: only its owner may read it.
        var backup = Path.Combine(Path.GetDirectoryName(portal.DataDirectory)!, "copy.backup");
        var passphrase = Path.Combine(Path.GetDirectoryName(portal.DataDirectory)!, "passphrase.txt");
        await File.WriteAllTextAsync(passphrase, "a passphrase of some length\n");
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", "umask 022 && exec \"$0\" \"$@\"", App, "backup", backup, "--passphrase-file",
            passphrase })
            start.ArgumentList.Add(a);
        start.Environment["Portal__DataDirectory"] = portal.DataDirectory;
        using var command = Process.Start(start)!;
        var output = await command.StandardOutput.ReadToEndAsync() + await command.StandardError.ReadToEndAsync();
        await command.WaitForExitAsync();
        Assert.True(command.ExitCode == 0, output);
        Assert.Equal(File0600, File.GetUnixFileMode(backup));
    }

    [Fact]
    public async Task With_a_certificate_the_keys_are_encrypted_at_rest_and_still_read_after_a_restart()
    {
        using var certificates = new TempDirectory();
        var pfx = Path.Combine(certificates.Path, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Client Portal keys", rsa, HashAlgorithmName.SHA256,
                RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1),
                DateTimeOffset.UtcNow.AddYears(5));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-pass"));
        }
        await using var portal = await RunningPortal.StartAsync(new Dictionary<string, string>
        {
            ["Portal__KeyProtection__CertificatePath"] = pfx,
            ["Portal__KeyProtection__CertificatePassword"] = "pfx-pass",
        });
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(portal.BaseUrl) };
        var page = await client.GetStringAsync("/login"); // the antiforgery cookie and token need a key

        var key = await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(portal.DataDirectory, "keys"), "*.xml")
            .Single());
        Assert.Contains("EncryptedData", key);
        Assert.DoesNotContain("<masterKey", key);
        Assert.DoesNotContain("unencrypted", portal.Output);
        Assert.Contains($"encrypted with the certificate {pfx}. Keep the certificate", portal.Output);

        // After a restart the portal reads its encrypted key back: the token issued before still validates.
        Assert.Equal(0, await portal.StopAsync(TimeSpan.FromSeconds(60)));
        await portal.StartAgainAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page,
            "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "learner-login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = "nobody@example.com", ["Input.Password"] = "not-a-password",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong email or password", await response.Content.ReadAsStringAsync());

        // A backup needs no passphrase here: the keys go in as the certificate seals them, and restore with the same
        // certificate gives a portal that reads them (the token issued before still validates).
        using var elsewhere = new TempDirectory();
        var file = Path.Combine(elsewhere.Path, "portal.backup");
        var (code, output) = await portal.RunCommandAsync("backup", file);
        Assert.True(code == 0, output);
        Assert.Contains("sealed with the configured certificate", output);
        Assert.Equal(0, await portal.StopAsync(TimeSpan.FromSeconds(60)));
        Directory.Delete(portal.DataDirectory, recursive: true);
        var restored = await portal.RunCommandAsync("restore", file);
        Assert.True(restored.ExitCode == 0, restored.Output);
        Assert.Contains("EncryptedData",
            await File.ReadAllTextAsync(Directory.GetFiles(Path.Combine(portal.DataDirectory, "keys"), "*.xml")
            .Single()));
        await portal.StartAgainAsync();
        var again = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "learner-login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = "nobody@example.com", ["Input.Password"] = "not-a-password",
        }));
        Assert.Contains("Wrong email or password", await again.Content.ReadAsStringAsync());
    }
}
