using System.CommandLine;
using ClientPortal.App.Features;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.MagicLinks;
using ClientPortal.App.Features.Messaging;
using ClientPortal.App.Features.Settings;
using ClientPortal.App.Features.Setup;
using ClientPortal.App.Hosting;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.MagicLinks;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Identity;
using ClientPortal.Infrastructure.Settings;

namespace ClientPortal.App.CommandLine;

/// <summary>The same executable as a small admin command line, for scripting and recovery
/// (System.CommandLine).</summary>
public static class AdminCommands
{
    /// <summary>Where `dotnet run` listens (launchSettings.json), for links printed without a configured public
    /// URL.</summary>
    private const string DefaultBaseUrl = "http://localhost:5080";

    /// <summary>Host options a command passes on to the configuration, besides any --Section:Key.</summary>
    private static readonly string[] HostOptions = ["--urls", "--environment", "--contentRoot"];

    private static readonly Option<string> Email = new("--email") { Description = "The person's email address.",
        Required = true };
    private static readonly Option<string> Password = new("--password") { Description = "The Owner's password.",
        Required = true };
    private static readonly Option<string?> Name = new("--name") { Description = "The name shown to the team." };
    private static readonly Option<string?> Section = new("--section")
    {
        Description = $"Where the link lands: {LinkSection.Choices}.",
    };
    private static readonly Option<string?> Policy = new Option<string?>("--policy")
    {
        Description = "single (works once) or reusable (until it expires); the portal's default when left out.",
    }.AcceptOnlyFromAmong("single", "reusable");
    private static readonly Option<bool> All = new("--all") { Description = "Every contact." };
    private static readonly Option<string?> Tag = new("--tag") { Description = "Contacts with this tag." };
    private static readonly Option<string?> OfferName = new("--offer") { Description = "Contacts who hold this offer."
        };
    private static readonly Argument<FileInfo> CsvFile = new("FILE.csv")
    {
        Description = "Columns email,first_name,last_name,phone,tags (tags separated by ';').",
    };
    private static readonly Argument<string> BackupFile = new("FILE") { Description = "Where to write the backup " +
        "(one file: database, keys, covers)." };
    private static readonly Argument<FileInfo> RestoreFile = new("FILE") { Description = "A file the backup command " +
        "wrote." };
    private static readonly Option<FileInfo?> PassphraseFile = new("--passphrase-file")
    {
        Description = "A file whose first line is the passphrase that seals the keys (otherwise it is read from " +
            "standard input; never an argument).",
    };
    private static readonly Option<string> To = new("--to") { Description = "The database to move to: postgresql.",
        Required = true };
    private static readonly Option<string?> Connection = new("--connection")
    {
        Description = "PostgreSQL's connection string (default: ConnectionStrings:Portal).",
    };

    private static readonly Option<string> KeyName = new("--name") { Description = "Which system uses the key.",
        Required = true };
    private static readonly Option<string[]> Scopes = new("--scopes")
    {
        Description = $"What the key may do, comma-separated or repeated: {string.Join(", ", ApiScopes.All)}.",
        Required = true,
    };

    /// <summary>True when the arguments name a command (or ask for help); with none, or only options, the portal
    /// starts.</summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0
            && (args[0] is "--help" or "-h" or "-?" or "help" || (!args[0].StartsWith('-') && !args[0].Contains('=')));

    private static RootCommand Root()
    {
        var root = new RootCommand("""
            Client Portal. With no command the portal starts (host options such as --urls apply; --demo seeds demo
            data). A command runs against the same data folder and exits.
            """);
        root.Subcommands.Add(Define("create-owner", "Creates the Owner account (only while there is none).",
            [Email, Password, Name], [],
            CreateOwnerAsync));
        root.Subcommands.Add(Define("magic-link", "Prints a fresh sign-in link for a contact.",
            [Email, Section, Policy],
            [], MagicLinkAsync));
        var sendLoginEmails = Define("send-login-emails",
            "Queues a login email to each contact chosen; the running portal sends them.",
            [All, Tag, OfferName, Section], [], SendLoginEmailsAsync);
        // A usage error, found while parsing: no data is opened for it.
        sendLoginEmails.Validators.Add(r =>
        {
            if ((r.GetValue(All) ? 1 : 0) + (r.GetValue(Tag) is null ? 0 : 1) + (r.GetValue(OfferName) is null ? 0
                : 1) != 1)
                r.AddError("Say who, once: --all, --tag T or --offer NAME.");
        });
        root.Subcommands.Add(sendLoginEmails);
        var apiKey = new Command("api-key", "Manages the integration API's keys.");
        apiKey.Subcommands.Add(Define("create", "Makes an API key and prints it (once: it is stored only as a hash).",
            [KeyName, Scopes], [],
            CreateApiKeyAsync));
        root.Subcommands.Add(apiKey);
        root.Subcommands.Add(Define("import-contacts", "Creates or updates contacts from a CSV file.", [], [CsvFile],
            ImportContactsAsync));
        root.Subcommands.Add(MigrateData());
        root.Subcommands.Add(Define("backup",
            "Writes one file with an online copy of the database, the keys (sealed with a passphrase) and the " +
                "covers; safe while the portal runs.",
            [PassphraseFile], [BackupFile], BackupAsync));
        root.Subcommands.Add(Restore());
        return root;
    }

    /// <summary>
    /// Copies the data folder's SQLite database into an empty PostgreSQL database. Not a <see cref="Define"/>d command:
    /// those start the portal's services on the configured database, which would upgrade the source in place; this one
    /// opens the source read-only and leaves it exactly as it was.
    /// </summary>
    private static Command MigrateData()
    {
        var command = new Command("migrate-data",
            "Copies everything from the embedded SQLite database into an empty PostgreSQL database and checks every " +
                "table's count; the SQLite file is not changed.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Options.Add(To);
        command.Options.Add(Connection);
        command.SetAction(async (result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            if (!string.Equals(result.GetValue(To), "postgresql", StringComparison.OrdinalIgnoreCase))
            {
                error.WriteLine($"error: --to {result.GetValue(To)}: the one database to move to is postgresql.");
                return 2;
            }
            if (HostBuilder(result, error) is not { } builder) return 2;
            if (PortalOf(builder, error) is not { } portal) return 3;
            var dataDirectory = portal.ResolveDataDirectory(ExecutableLayout.DataBase);
            try
            {
                var target = ClientPortal.Infrastructure.Data.DatabaseTarget.From("PostgreSQL",
                    result.GetValue(Connection) ?? builder.Configuration.GetConnectionString("Portal"), dataDirectory);
                var copied = await ClientPortal.Infrastructure.Data.DataMigration.ToPostgreSqlAsync(dataDirectory,
                    target, output.WriteLine, ct);
                if (!copied.Succeeded)
                {
                    error.WriteLine($"error: {copied.ErrorText}");
                    return 1;
                }
                var file = Path.Combine(dataDirectory, ClientPortal.Infrastructure.Data.PortalDatabase.FileName);
                output.WriteLine($"Copied and checked {Plural.Of(copied.Value!.Count, "table")} " +
                    $"({copied.Value!.Sum(t => t.Rows):N0} rows) into the {target.Describe()}; {file} was not " +
                    "changed.");
                output.WriteLine("Next: stop the portal, set Portal:Database:Provider=PostgreSQL and " +
                    "ConnectionStrings:Portal, and start it.");
                return 0;
            }
            catch (ClientPortal.Infrastructure.Data.PortalStartException ex)
            {
                error.WriteLine($"error: {ex.Message}");
                return 3;
            }
        });
        return command;
    }

    /// <summary>
    /// Puts a backup into the configured data folder, which must hold no portal yet. Not a <see cref="Define"/>d
    /// command: those open (and so create) the database in the data folder first.
    /// </summary>
    private static Command Restore()
    {
        var command = new Command("restore",
            "Restores a backup (database, keys, covers) into an empty data folder; then start the portal.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.Arguments.Add(RestoreFile);
        command.Options.Add(PassphraseFile);
        command.SetAction(async (result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            if (HostBuilder(result, error) is not { } builder) return 2;
            if (PortalOf(builder, error) is not { } portal) return 3;
            if (string.Equals(portal.Database?.Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase))
            {
                error.WriteLine("error: the portal runs on PostgreSQL: restore it with the server's own tools " +
                    "(pg_restore), see docs/scaling.md.");
                return 1;
            }
            var file = result.GetRequiredValue(RestoreFile).FullName;
            var needs = ClientPortal.Infrastructure.Data.PortalBackup.RestoreNeedsPassphrase(file);
            if (!needs.Succeeded)
            {
                error.WriteLine($"error: {needs.ErrorText}");
                return 1;
            }
            var passphrase = needs.Value ? ReadPassphrase(result, error, confirm: false) : null;
            var restored = await ClientPortal.Infrastructure.Data.PortalBackup.RestoreAsync(file,
                portal.ResolveDataDirectory(ExecutableLayout.DataBase),
                passphrase, ct);
            if (!restored.Succeeded)
            {
                error.WriteLine($"error: {restored.ErrorText}");
                return 1;
            }
            output.WriteLine($"Restored into {restored.Value!.DataDirectory}: the database, " +
                $"{Plural.Of(restored.Value.Keys, "key")} and {Plural.Of(restored.Value.Files, "cover file")}. " +
                "Start the portal.");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The passphrase: the first line of --passphrase-file, or of standard input (typed without echo at a terminal,
    /// twice when it seals). Never an argument, which other users of the machine could read in the process list.
    /// </summary>
    private static string? ReadPassphrase(ParseResult args, TextWriter stderr, bool confirm)
    {
        if (args.GetValue(PassphraseFile) is { } file)
            return file.Exists ? File.ReadLines(file.FullName).FirstOrDefault()?.TrimEnd('\r') : null;
        var input = Input.Value ?? Console.In;
        if (Input.Value is not null || Console.IsInputRedirected) return input.ReadLine();
        var first = Prompt(stderr, "Passphrase for the keys: ");
        if (!confirm) return first;
        return Prompt(stderr, "The same passphrase again: ") == first ? first : null;
    }

    private static string Prompt(TextWriter stderr, string question)
    {
        stderr.Write(question);
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept:
            true))
        {
            if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
            else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
        }
        stderr.WriteLine();
        return typed.ToString();
    }

    /// <summary>Standard input for a command run in-process by a test.</summary>
    private static readonly AsyncLocal<TextReader?> Input = new();

    private delegate Task<int> CommandBody(IServiceProvider services, ParseResult result, TextWriter stdout,
        TextWriter stderr);

    /// <summary>A command whose body runs with the portal's domain services over the configured data folder.</summary>
    private static Command Define(string name, string description, Option[] options, Argument[] arguments,
        CommandBody body)
    {
        // Host options (--Portal:DataDirectory=..., --urls ...) are not the command's own: they reach the
        // configuration.
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        foreach (var option in options) command.Options.Add(option);
        foreach (var argument in arguments) command.Arguments.Add(argument);
        command.SetAction(async (result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            if (HostBuilder(result, error) is not { } builder)
            {
                error.WriteLine($"See: ClientPortal.App {name} --help");
                return 2;
            }
            // Keep the command's own output readable: only warnings and errors from the framework.
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            if (PortalOf(builder, error) is not { } portal) return 3;
            var dataDirectory = portal.ResolveDataDirectory(ExecutableLayout.DataBase);
            builder.Services.Configure<PortalOptions>(o =>
            {
                o.DataDirectory = dataDirectory;
                o.PublicBaseUrl = portal.PublicBaseUrl;
            });
            IHost host;
            try
            {
                var database = portal.ResolveDatabase(builder.Configuration.GetConnectionString("Portal"),
                    dataDirectory);
                builder.Services.AddPortalFeatures(dataDirectory, portal.KeyProtection, database)
                    .AddPortalIdentityCore();
                host = builder.Build();
                if (string.IsNullOrWhiteSpace(portal.PublicBaseUrl)) host.Services.GetRequiredService<PortalUrls>()
                    .SetListeningUrl(DefaultBaseUrl);
                await ClientPortal.Infrastructure.Data.PortalDatabase.ProbeAsync(database, ct);
                await PortalFeatures.InitializeAsync(host.Services, seedDemo: false, ct);
            }
            catch (ClientPortal.Infrastructure.Data.PortalStartException ex)
            {
                error.WriteLine($"error: {ex.Message}");
                return 3;
            }
            using var _ = host;
            return await body(host.Services, result, output, error);
        });
        return command;
    }

    /// <summary>
    /// A host builder over the command's host options (--Portal:DataDirectory=…, --urls …) beside the executable's
    /// settings; null, with the error said, when a token is neither a host option nor its value.
    /// </summary>
    private static HostApplicationBuilder? HostBuilder(ParseResult result, TextWriter error)
    {
        if (HostArguments(result.UnmatchedTokens) is not { } hostArgs)
        {
            error.WriteLine($"error: unknown option or argument: {string.Join(" ", result.UnmatchedTokens)}");
            return null;
        }
        return Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = hostArgs,
            ContentRootPath = ExecutableLayout.ContentRoot });
    }

    /// <summary>The "Portal" settings, checked; null, with the one-line reason said, when a value cannot
    /// work.</summary>
    private static PortalOptions? PortalOf(HostApplicationBuilder builder, TextWriter error)
    {
        try
        {
            return PortalOptions.Read(builder.Configuration);
        }
        catch (ClientPortal.Infrastructure.Data.PortalStartException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return null;
        }
    }

    /// <summary>The unmatched tokens as host arguments, or null when one is neither a host option nor its
    /// value.</summary>
    private static string[]? HostArguments(IReadOnlyList<string> tokens)
    {
        var host = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var name = token.Split('=', 2)[0];
            if (!token.StartsWith("--")
                || !(name.Contains(':') || HostOptions.Contains(name, StringComparer.OrdinalIgnoreCase))) return null;
            host.Add(token);
            if (!token.Contains('=') && i + 1 < tokens.Count && !tokens[i + 1].StartsWith("--")) host.Add(tokens[++i]);
        }
        return [.. host];
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null,
        TextReader? stdin = null)
    {
        Input.Value = stdin;
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var root = Root();
        var parsed = root.Parse(args is ["help"] ? ["--help"] : args);
        if (parsed.Errors.Count > 0)
        {
            // The command's own help, or the list of commands when the command itself is unknown.
            var unknownCommand = parsed.CommandResult.Command == root;
            if (unknownCommand) stderr.WriteLine($"error: unknown command '{args[0]}'.");
            else foreach (var e in parsed.Errors) stderr.WriteLine($"error: {e.Message}");
            var helpFor = unknownCommand ? [] : new[] { parsed.CommandResult.Command.Name };
            stderr.WriteLine();
            await root.Parse([.. helpFor, "--help"])
                .InvokeAsync(new InvocationConfiguration { Output = stderr, Error = stderr });
            return 2;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    private static async Task<int> CreateOwnerAsync(IServiceProvider services, ParseResult args, TextWriter stdout,
        TextWriter stderr)
    {
        var outcome = await services.GetRequiredService<OwnerSetup>()
            .CreateOwnerAsync(args.GetRequiredValue(Email), args.GetValue(Name),
            args.GetRequiredValue(Password));
        if (!outcome.Succeeded)
        {
            foreach (var e in outcome.Errors) stderr.WriteLine($"error: {e}");
            return 1;
        }
        stdout.WriteLine($"Owner {outcome.Value!.Email} created. Sign in at /account/login.");
        return 0;
    }

    private static async Task<int> CreateApiKeyAsync(IServiceProvider services, ParseResult args, TextWriter stdout,
        TextWriter stderr)
    {
        var (scopes, unknown) = ApiScopes.Parse(string.Join(' ', args.GetValue(Scopes) ?? []));
        if (unknown.Count > 0)
        {
            stderr.WriteLine($"error: unknown scope {string.Join(", ", unknown)}. Use " +
                $"{string.Join(", ", ApiScopes.All)}.");
            return 2;
        }
        var made = await services.GetRequiredService<Features.ApiKeys.ApiKeys>()
            .CreateAsync(args.GetRequiredValue(KeyName), scopes,
            Actor.System("command line"));
        if (!made.Succeeded)
        {
            stderr.WriteLine($"error: {made.ErrorText}");
            return 1;
        }
        stdout.WriteLine(made.Value.Token);
        stderr.WriteLine($"API key “{made.Value.Key.Name}” with {string.Join(", ", made.Value.Key.Scopes)}. It is " +
            "shown only now: store it safely.");
        return 0;
    }

    private static async Task<int> MagicLinkAsync(IServiceProvider services, ParseResult args, TextWriter stdout,
        TextWriter stderr)
    {
        var email = args.GetRequiredValue(Email);
        LinkUsePolicy? policy = args.GetValue(Policy) switch
        {
            "single" => LinkUsePolicy.SingleUse,
            "reusable" => LinkUsePolicy.ReusableUntilExpiry,
            _ => null,
        };
        var contact = await services.GetRequiredService<ContactDirectory>().FindByEmailAsync(email);
        if (contact is null)
        {
            stderr.WriteLine($"error: no contact with email {email}.");
            return 1;
        }
        var issued = await services.GetRequiredService<MagicLinkIssuing>().IssueAsync(
            new LinkRequest(contact.Id, null, MagicLinkPurpose.AdminGenerated, args.GetValue(Section), policy),
                Actor.System("command line"));
        if (!issued.Succeeded)
        {
            stderr.WriteLine($"error: {issued.ErrorText}");
            return 1;
        }
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>().Value;
        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            && string.IsNullOrWhiteSpace((await services.GetRequiredService<PortalSettingsStore>().GetAsync())
                .PublicBaseUrl))
            stderr.WriteLine($"note: Portal:PublicBaseUrl is not set; the link assumes {DefaultBaseUrl}.");
        stdout.WriteLine(issued.Value!.Url);
        stderr.WriteLine($"expires {issued.Value.ExpiresAt:yyyy-MM-dd HH:mm} UTC; " +
            $"{(issued.Value.Policy == LinkUsePolicy.SingleUse ? "works once" : "reusable until it expires")}");
        return 0;
    }

    private static async Task<int> SendLoginEmailsAsync(IServiceProvider services, ParseResult args, TextWriter stdout,
        TextWriter stderr)
    {
        var directory = services.GetRequiredService<ContactDirectory>();
        ContactQuery query;
        if (args.GetValue(All)) query = new ContactQuery();
        else if (args.GetValue(Tag) is { } tag) query = new ContactQuery(Tag: tag);
        else if (args.GetValue(OfferName) is { } offerName)
        {
            var offer = (await services.GetRequiredService<ClientPortal.App.Features.Catalog.CatalogOffers>()
                .OffersAsync())
                .FirstOrDefault(o => string.Equals(o.Name, offerName, StringComparison.OrdinalIgnoreCase));
            if (offer is null)
            {
                stderr.WriteLine($"error: no offer named '{offerName}'.");
                return 1;
            }
            query = new ContactQuery(OfferId: offer.Id);
        }
        else return 2; // unreachable: the command's validator requires exactly one of the three
        var ids = await directory.IdsAsync(query);
        if (ids.Count == 0)
        {
            stdout.WriteLine("No contacts match; nothing queued.");
            return 0;
        }
        try
        {
            var job = await services.GetRequiredService<BulkSends>()
                .StartLoginEmailsAsync(ids, Actor.System("command line"), args.GetValue(Section));
            stdout.WriteLine($"Queued a login email to {Plural.Of(ids.Count, "contact")} as job {job}; the running " +
                "portal sends them.");
            return 0;
        }
        catch (ArgumentException ex)
        {
            stderr.WriteLine($"error: {ex.Message}");
            return 2;
        }
    }

    private static async Task<int> BackupAsync(IServiceProvider services, ParseResult args, TextWriter stdout,
        TextWriter stderr)
    {
        var backup = services.GetRequiredService<ClientPortal.Infrastructure.Data.PortalBackup>();
        var passphrase = backup.NeedsPassphrase ? ReadPassphrase(args, stderr, confirm: true) : null;
        var outcome = await backup.BackupAsync(args.GetRequiredValue(BackupFile), passphrase);
        if (!outcome.Succeeded)
        {
            stderr.WriteLine($"error: {outcome.ErrorText}");
            return 1;
        }
        var result = outcome.Value!;
        var sealedWith = backup.NeedsPassphrase ? "your passphrase" : "the configured certificate";
        stdout.WriteLine($"Backed up to {result.Path} ({result.Bytes / 1024.0:N0} KiB, " +
            $"{result.Took.TotalMilliseconds:N0} ms): the database (integrity check: ok), " +
            $"{Plural.Of(result.Keys, "key")} sealed with {sealedWith}, {Plural.Of(result.Files, "cover file")}.");
        stdout.WriteLine($"Keep the passphrase apart from the file: `restore {Path.GetFileName(result.Path)}` needs " +
            $"both.");
        return 0;
    }

    private static async Task<int> ImportContactsAsync(IServiceProvider services, ParseResult args, TextWriter stdout,
        TextWriter stderr)
    {
        var path = args.GetRequiredValue(CsvFile).FullName;
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
        if (preview.CleanedNotice is { } notice) stdout.WriteLine($"note: {notice}");
        var result = await services.GetRequiredService<ContactImport>()
            .ImportAsync(preview, Actor.System("command line"));
        stdout.WriteLine($"created {result.Created}, updated {result.Updated}, unchanged {result.Unchanged}, skipped " +
            $"{result.Skipped}");
        foreach (var error in result.Errors) stdout.WriteLine($"  {error}");
        return 0;
    }
}
