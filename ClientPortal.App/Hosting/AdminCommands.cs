using ClientPortal.Domain;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.MagicLinks;
using ClientPortal.Domain.Messaging;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Settings;
using ClientPortal.Domain.Setup;
using ClientPortal.Domain.Team;

namespace ClientPortal.App.Hosting;

/// <summary>The same executable as a small admin command line, for scripting and recovery.</summary>
public static class AdminCommands
{
    private sealed record Command(string Name, string Usage, Func<IServiceProvider, CommandArgs, TextWriter, TextWriter, Task<int>> Run);

    private static readonly Command[] Commands =
    [
        new("create-owner", "create-owner --email E --password P [--name N]", CreateOwnerAsync),
        new("magic-link", "magic-link --email E [--section home|courses|course:ID|communities|affiliates] [--policy single|reusable]", MagicLinkAsync),
        new("send-login-emails", "send-login-emails (--all | --tag T | --offer NAME) [--section S]   queues a login email to each, sent by the running portal", SendLoginEmailsAsync),
        new("import-contacts", "import-contacts FILE.csv   (columns email,first_name,last_name,phone,tags; tags separated by ';')", ImportContactsAsync),
        new("backup", "backup FILE   an online copy of the database (safe while the portal runs); see README for restoring", BackupAsync),
    ];

    /// <summary>Where `dotnet run` listens (launchSettings.json), for links printed without a configured public URL.</summary>
    private const string DefaultBaseUrl = "http://localhost:5080";

    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Commands.Any(c => c.Name == args[0]) || args[0] is "help" or "--help" or "-h");

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stdout.WriteLine("Usage: ClientPortal.App [command] [options]");
            stdout.WriteLine("With no command the portal starts (host options such as --urls apply; --demo seeds demo data).");
            foreach (var c in Commands) stdout.WriteLine($"  {c.Usage}");
            return 0;
        }

        CommandArgs parsed;
        try
        {
            parsed = CommandArgs.Parse(args.Skip(1));
        }
        catch (ArgumentException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            stderr.WriteLine($"usage: {command.Usage}");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = parsed.HostArgs,
            ContentRootPath = ExecutableLayout.ContentRoot,
        });
        // Keep the command's own output readable: only warnings and errors from the framework.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var portal = builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        var dataDirectory = portal.ResolveDataDirectory(ExecutableLayout.DataBase);
        builder.Services.Configure<PortalOptions>(o =>
        {
            o.DataDirectory = dataDirectory;
            o.PublicBaseUrl = portal.PublicBaseUrl;
        });
        builder.Services.AddPortalDomain(dataDirectory).AddPortalIdentityCore();
        using var host = builder.Build();
        if (string.IsNullOrWhiteSpace(portal.PublicBaseUrl)) host.Services.GetRequiredService<PortalUrls>().SetListeningUrl(DefaultBaseUrl);
        await PortalDomain.InitializeAsync(host.Services, seedDemo: false);
        return await command.Run(host.Services, parsed, stdout, stderr);
    }

    private static async Task<int> CreateOwnerAsync(IServiceProvider services, CommandArgs args, TextWriter stdout, TextWriter stderr)
    {
        var email = args.Get("email");
        var password = args.Get("password");
        if (email is null || password is null)
        {
            stderr.WriteLine("error: --email and --password are required.");
            stderr.WriteLine("usage: create-owner --email E --password P [--name N]");
            return 2;
        }
        var outcome = await services.GetRequiredService<OwnerSetup>().CreateOwnerAsync(email, args.Get("name"), password);
        if (!outcome.Succeeded)
        {
            foreach (var e in outcome.Errors) stderr.WriteLine($"error: {e}");
            return 1;
        }
        stdout.WriteLine($"Owner {outcome.Value!.Email} created. Sign in at /account/login.");
        return 0;
    }

    private static async Task<int> MagicLinkAsync(IServiceProvider services, CommandArgs args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Get("email") is not { } email)
        {
            stderr.WriteLine("error: --email is required.");
            stderr.WriteLine("usage: magic-link --email E [--section S] [--policy single|reusable]");
            return 2;
        }
        LinkUsePolicy? policy = null;
        switch (args.Get("policy"))
        {
            case null: break;
            case "single": policy = LinkUsePolicy.SingleUse; break;
            case "reusable": policy = LinkUsePolicy.ReusableUntilExpiry; break;
            case var other:
                stderr.WriteLine($"error: --policy must be single or reusable, not '{other}'.");
                return 2;
        }
        var contact = await services.GetRequiredService<ContactDirectory>().FindByEmailAsync(email);
        if (contact is null || contact.DeletedAt is not null)
        {
            stderr.WriteLine($"error: no contact with email {email}.");
            return 1;
        }
        var issued = await services.GetRequiredService<MagicLinkService>().IssueAsync(
            new LinkRequest(contact.Id, null, MagicLinkPurpose.AdminGenerated, args.Get("section"), policy), Actor.System("command line"));
        if (!issued.Succeeded)
        {
            stderr.WriteLine($"error: {issued.ErrorText}");
            return 1;
        }
        if (string.IsNullOrWhiteSpace(services.GetRequiredService<IConfiguration>()["Portal:PublicBaseUrl"])
            && string.IsNullOrWhiteSpace((await services.GetRequiredService<PortalSettingsStore>().GetAsync()).PublicBaseUrl))
            stderr.WriteLine($"note: Portal:PublicBaseUrl is not set; the link assumes {DefaultBaseUrl}.");
        stdout.WriteLine(issued.Value!.Url);
        stderr.WriteLine($"expires {issued.Value.ExpiresAt:yyyy-MM-dd HH:mm} UTC; {(issued.Value.Policy == LinkUsePolicy.SingleUse ? "works once" : "reusable until it expires")}");
        return 0;
    }

    private static async Task<int> SendLoginEmailsAsync(IServiceProvider services, CommandArgs args, TextWriter stdout, TextWriter stderr)
    {
        var directory = services.GetRequiredService<ContactDirectory>();
        ContactQuery query;
        if (args.Has("all")) query = new ContactQuery();
        else if (args.Get("tag") is { } tag) query = new ContactQuery(Tag: tag);
        else if (args.Get("offer") is { } offerName)
        {
            var offer = (await services.GetRequiredService<ClientPortal.Domain.Catalog.CatalogEditor>().OffersAsync())
                .FirstOrDefault(o => string.Equals(o.Name, offerName, StringComparison.OrdinalIgnoreCase));
            if (offer is null)
            {
                stderr.WriteLine($"error: no offer named '{offerName}'.");
                return 1;
            }
            query = new ContactQuery(OfferId: offer.Id);
        }
        else
        {
            stderr.WriteLine("error: say who: --all, --tag T or --offer NAME.");
            return 2;
        }
        var ids = await directory.IdsAsync(query);
        if (ids.Count == 0)
        {
            stdout.WriteLine("No contacts match; nothing queued.");
            return 0;
        }
        try
        {
            var job = await services.GetRequiredService<BulkSends>().StartLoginEmailsAsync(ids, Actor.System("command line"), args.Get("section"));
            stdout.WriteLine($"Queued a login email to {ids.Count} contact(s) as job {job}; the running portal sends them.");
            return 0;
        }
        catch (ArgumentException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return 2;
        }
    }

    private static async Task<int> BackupAsync(IServiceProvider services, CommandArgs args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positional.Count != 1)
        {
            stderr.WriteLine("error: give exactly one file name for the backup.");
            stderr.WriteLine("usage: backup FILE");
            return 2;
        }
        var outcome = await services.GetRequiredService<ClientPortal.Domain.Data.PortalBackup>().BackupAsync(args.Positional[0]);
        if (!outcome.Succeeded)
        {
            stderr.WriteLine($"error: {outcome.ErrorText}");
            return 1;
        }
        var result = outcome.Value!;
        stdout.WriteLine($"Backed up to {result.Path} ({result.Bytes / 1024.0:N0} KiB, {result.Took.TotalMilliseconds:N0} ms); integrity check: ok.");
        return 0;
    }

    private static async Task<int> ImportContactsAsync(IServiceProvider services, CommandArgs args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Positional.Count != 1)
        {
            stderr.WriteLine("error: give exactly one CSV file.");
            stderr.WriteLine("usage: import-contacts FILE.csv");
            return 2;
        }
        var path = args.Positional[0];
        ImportPreview preview;
        try
        {
            await using var file = File.OpenRead(path);
            preview = await services.GetRequiredService<ContactImport>().PreviewAsync(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"error: cannot read {path}: {ex.Message}");
            return 1;
        }
        var result = await services.GetRequiredService<ContactImport>().ImportAsync(preview, Actor.System("command line"));
        stdout.WriteLine($"created {result.Created}, updated {result.Updated}, unchanged {result.Unchanged}, skipped {result.Skipped}");
        foreach (var error in result.Errors) stdout.WriteLine($"  {error}");
        return 0;
    }
}

/// <summary>--name value pairs and --flags; options it does not know are passed on to the host (e.g. --Portal:DataDirectory).</summary>
public sealed class CommandArgs
{
    private static readonly string[] Known = ["email", "password", "name", "section", "policy", "tag", "offer"];
    private static readonly string[] Flags = ["all"];
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);

    public bool Has(string flag) => _flags.Contains(flag);
    public List<string> Positional { get; } = [];
    public string[] HostArgs { get; private set; } = [];

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public static CommandArgs Parse(IEnumerable<string> args)
    {
        var result = new CommandArgs();
        var host = new List<string>();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (!a.StartsWith("--")) { result.Positional.Add(a); continue; }
            var name = a[2..];
            string? value = null;
            var eq = name.IndexOf('=');
            if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
            if (Flags.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                result._flags.Add(name);
                continue;
            }
            if (!Known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                host.Add(a);
                if (eq < 0 && i + 1 < list.Count && !list[i + 1].StartsWith("--")) host.Add(list[++i]);
                continue;
            }
            if (value is null)
            {
                if (i + 1 >= list.Count || list[i + 1].StartsWith("--")) throw new ArgumentException($"--{name} needs a value.");
                value = list[++i];
            }
            result._values[name] = value;
        }
        result.HostArgs = [.. host];
        return result;
    }
}
