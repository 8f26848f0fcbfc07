using ClientPortal.App.CommandLine;
using ClientPortal.App.Hosting;
using ClientPortal.Infrastructure.Data;

// One executable: with a command (create-owner, ...) it runs that and exits; otherwise it serves the portal.
if (AdminCommands.IsCommand(args))
    return await AdminCommands.RunAsync(args);

try
{
    var app = PortalHost.Build(args);
    await PortalDatabase.ProbeAsync(app.Services.GetRequiredService<DatabaseTarget>());
    await app.RunAsync();
}
// A setting or a database that cannot work: one line and a non-zero exit, not a stack trace.
catch (PortalStartException ex)
{
    Console.Error.WriteLine($"Client Portal did not start: {ex.Message}");
    return 3;
}
return 0;

/// <summary>Entry point marker for WebApplicationFactory.</summary>
public partial class Program;
