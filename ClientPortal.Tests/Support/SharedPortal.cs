namespace ClientPortal.Tests.Support;

/// <summary>
/// One running portal for the independent tests of a class (a class fixture): a start costs a few CPU-seconds that
/// every test of the class would otherwise pay again.
/// </summary>
public class SharedPortal : IAsyncLifetime
{
    private RunningPortal? _portal;

    public RunningPortal Portal => _portal ?? throw new InvalidOperationException("The portal has not started.");

    protected virtual string[] Arguments => [];

    public async Task InitializeAsync()
    {
        _portal = await RunningPortal.StartAsync(args: Arguments);
        await StartedAsync();
    }

    /// <summary>What every test of the class needs of the portal once it runs.</summary>
    protected virtual Task StartedAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_portal is not null) await _portal.DisposeAsync();
    }
}

/// <summary>A shared portal on the demo data, whose Owner (<see cref="AdminBrowser.OwnerEmail"/>) exists.</summary>
public sealed class SharedDemoPortal : SharedPortal
{
    protected override string[] Arguments => ["--demo"];

    protected override async Task StartedAsync()
    {
        var (code, output) = await Portal.RunCommandAsync("create-owner", "--email", AdminBrowser.OwnerEmail,
            "--password", AdminBrowser.OwnerPassword);
        Assert.True(code == 0, output);
    }
}
