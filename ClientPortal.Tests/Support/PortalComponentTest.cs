using System.Security.Claims;
using Bunit;
using ClientPortal.App.Components.Shared;
using ClientPortal.App.Features;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Identity;
using ClientPortal.Tests.Support;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;

namespace ClientPortal.Tests.Support;

/// <summary>
/// A bunit context over the real domain services on a SQLite file of its own (no stand-ins), with MudBlazor's
/// services and an authenticated Owner. Disposed asynchronously: MudBlazor has services that only dispose that way.
/// </summary>
public abstract class PortalComponentTest : BunitContext, IAsyncLifetime
{
    /// <summary>How long a component test waits for a render: only a failing or very loaded run waits this long.
    /// </summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _data = new();

    protected PortalComponentTest()
    {
        Services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddPortalFeatures(_data.Path).AddPortalIdentityCore();
        Services.AddSingleton<ClientPortal.App.Realtime.DashboardHub>();
        Services.AddPortalMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        // ASP.NET Core's own authorization (not a test double), so a page's [Authorize] attributes combine as in the
        // app. (bunit registers placeholders that only point to its double; they go first.)
        Services.RemoveAll<Microsoft.AspNetCore.Authorization.IAuthorizationService>();
        Services.RemoveAll<Microsoft.AspNetCore.Authorization.IAuthorizationPolicyProvider>();
        Services.RemoveAll<AuthenticationStateProvider>();
        Services.AddAuthorizationCore();
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AuthenticationStateProvider>(_auth);
        SignInAs(Roles.Owner);
    }

    private readonly SignedIn _auth = new();

    /// <summary>Who the rendered components see as signed in.</summary>
    protected void SignInAs(string role)
    {
        var email = role == Roles.Owner ? AdminBrowser.OwnerEmail : $"{role.ToLowerInvariant()}@example.com";
        _auth.Set(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, $"{role.ToLowerInvariant()}-id"), new Claim(ClaimTypes.Name, email),
            new Claim(ClaimTypes.Email, email), new Claim(ClaimTypes.Role, role),
        ], "Test")));
    }

    private sealed class SignedIn : AuthenticationStateProvider
    {
        private ClaimsPrincipal _user = new();

        public void Set(ClaimsPrincipal user)
        {
            _user = user;
            NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
        }

        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(_user));
    }

    protected T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public Task InitializeAsync() => PortalFeatures.InitializeAsync(Services, seedDemo: false);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
