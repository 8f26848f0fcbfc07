using ClientPortal.App.Hosting;

// One executable: with a command (create-owner, ...) it runs that and exits; otherwise it serves the portal.
if (AdminCommands.IsCommand(args))
    return await AdminCommands.RunAsync(args);

var app = PortalHost.Build(args);
await app.RunAsync();
return 0;

/// <summary>Entry point marker for WebApplicationFactory.</summary>
public partial class Program;
