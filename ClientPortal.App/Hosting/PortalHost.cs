using ClientPortal.App.Components.Shared;
using ClientPortal.App.Endpoints;
using ClientPortal.App.Endpoints.Api;
using ClientPortal.App.Features;
using ClientPortal.App.Identity;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Events;
using ClientPortal.Infrastructure.Identity;
using ClientPortal.Infrastructure.Settings;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace ClientPortal.App.Hosting;

public static class PortalHost
{
    /// <summary>
    /// Framework log categories that write request paths, redirect targets or navigation URIs (and so could write a
    /// magic-link token: /l/{token}, or a ReturnUrl holding one). Proved by a test that signs in at Debug level.
    /// </summary>
    public static readonly string[] TokenBearingLogCategories =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.HttpLogging",
        "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Components",
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.StaticAssets",
        "Microsoft.AspNetCore.Diagnostics",
        "Microsoft.AspNetCore.Rewrite",
        "Microsoft.AspNetCore.Server.Kestrel",
    ];

    /// <summary>The portal's own flag (seed demo data); not a configuration key.</summary>
    public const string DemoFlag = "--demo";

    public static WebApplication Build(string[] args)
    {
        var demo = args.Contains(DemoFlag);
        // Taken out before the configuration reads the rest: it would read "--demo --urls X" as demo = "--urls" and
        // drop the address, so the host options must not depend on where the flag stands.
        args = [.. args.Where(a => a != DemoFlag)];
        var options = new WebApplicationOptions
        {
            Args = args,
            // Fixed, so the static-asset manifests are found when another program (the bench driver) hosts the portal.
            ApplicationName = typeof(PortalHost).Assembly.GetName().Name,
            ContentRootPath = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
                              || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is not null
                ? null
                : ExecutableLayout.ContentRoot,
            WebRootPath = ExecutableLayout.WebRoot,
        };
        var builder = WebApplication.CreateBuilder(options);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = PortalOptions.Read(builder.Configuration).MaxRequestBodyKilobytes * 1024;
        });
        // Request logs carry paths, and /l/{token} paths carry tokens: those categories never log below Warning.
        foreach (var category in TokenBearingLogCategories) builder.Logging.AddFilter(category, LogLevel.Warning);
        // The key manager's one warning here is "No XML encryptor configured", logged bare whenever a key is made
        // without a certificate; start-up says where the keys are and how to protect them instead (KeyStorageNotice).
        // Its errors still show.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        // Defaults that hold even when the executable runs without an appsettings.json beside it (lowest precedence).
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            },
        });
        // Serves wwwroot and package assets from the build output when run with `dotnet run`;
        // a no-op for published output, which carries its assets.
        builder.WebHost.UseStaticWebAssets();
        ConfigureServices(builder.Services, builder.Configuration, demo);

        var app = builder.Build();
        Configure(app);
        return app;
    }

    public static void ConfigureServices(IServiceCollection services, IConfiguration configuration, bool demoFlag)
    {
        var portal = PortalOptions.Read(configuration);
        if (demoFlag) portal.SeedDemoData = true;
        var dataDirectory = portal.ResolveDataDirectory(ExecutableLayout.DataBase);
        // The section as read and checked above (so IOptions<PortalOptions> is the one table of Portal:* settings),
        // with the data folder resolved and the --demo flag applied.
        services.AddOptions<PortalOptions>().Bind(configuration.GetSection(PortalOptions.Section)).Configure(o =>
        {
            o.DataDirectory = dataDirectory;
            o.SeedDemoData = portal.SeedDemoData;
        });

        var database = portal.ResolveDatabase(configuration.GetConnectionString("Portal"), dataDirectory);
        services.AddPortalFeatures(dataDirectory, portal.KeyProtection, database, portal.NodeName).AddPortalWorkers();

        services.AddSingleton(ExternalSignIn.AddProviders(services.AddAuthentication(), portal));
        services.AddSingleton<PortalBrandCache>();
        services.AddCascadingValue(sp => sp.GetRequiredService<PortalBrandCache>().Current);

        services.AddIdentity<PortalUser, IdentityRole>(PortalIdentity.Configure)
            .AddEntityFrameworkStores<ClientPortal.Infrastructure.Data.PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>();
        services.ConfigureApplicationCookie(PortalCookies.Configure);
        // The security stamp is checked on every request (one indexed lookup), so "sign out everywhere", a disabled
        // account or a role change reaches other browsers on their next request; open circuits revalidate every minute.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            // The refreshed principal is built afresh from the user: it keeps the cookie's session and sign-in method.
            o.OnRefreshingPrincipal = ctx =>
            {
                if (ctx.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity
                    && ctx.CurrentPrincipal is { } current)
                    foreach (var type in (string[])[ClientPortal.App.Features.Security.SignInSessions.ClaimType,
                        System.Security.Claims.ClaimTypes.AuthenticationMethod])
                        if (current.FindFirst(type) is { } claim
                            && !identity.HasClaim(c => c.Type == type)) identity.AddClaim(new(type, claim.Value));
                return Task.CompletedTask;
            };
        });
        services.AddSingleton<ISecurityStampValidator, ScopedSecurityStampValidator>();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();
        services.AddPortalMudServices();
        services.AddHttpContextAccessor();
        services.AddScoped<LearnerSignIn>();
        services.AddSingleton<SessionRefresh>();
        services.AddPortalRateLimits(configuration);
        services.AddIntegrationApi();
        services.AddPortalForwardedHeaders(portal);
        services.AddPortalHsts(configuration);
        // Background workers stop between items at once; open admin tabs (WebSockets) would otherwise hold a stop for
        // 30 s.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(portal.ShutdownTimeoutSeconds));
        var health = services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        var redis = configuration.GetConnectionString("Redis");
        services.AddEventRelay(redis);
        if (!string.IsNullOrWhiteSpace(redis)) health.AddCheck<EventRelayHealthCheck>("redis");
        services.AddHostedService<PortalStartup>();
        services.AddSingleton<Realtime.DashboardHub>();
        services.AddHostedService(sp => sp.GetRequiredService<Realtime.DashboardHub>());
    }

    public static void Configure(WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            // The integration API's errors are problem documents (ApiExceptionHandler), pages get the error page.
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts(); // only ever sent on HTTPS requests (directly or through a trusted proxy)
        }
        // A fresh scope for the re-executed request: the Razor page that set the status already initialized its scope's
        // navigation state, which a second page render in the same scope would initialize again.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseApiStatusCodes();
        app.UseSecurityHeaders();
        app.UseBadRequestPages(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<PortalOptions>>()
            .Value.MaxRequestBodyKilobytes * 1024);
        app.UseApiReference();
            // public, like the document it shows: before authorization, which guards the rest of /api/v1
        // Explicit, so they run after the security headers (a sign-in redirect carries them too).
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseTeamSignInGate();
        app.UseRateLimiter();
        app.UseAntiforgery();
        app.MapStaticAssets();
        // The overall status on the first line (Healthy, Degraded: serving without Redis, Unhealthy), then each
        // check's.
        app.MapHealthChecks("/healthz",
            new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter =
            HealthReportText.WriteAsync });
        // Liveness: the process answers (no database); also the trivial baseline for load figures.
        app.MapGet("/healthz/live", () => Results.Text("ok"));
        app.MapAccountEndpoints();
        app.MapAdminEndpoints();
        app.MapLearnerEndpoints();
        app.MapMagicLinkEndpoints();
        app.MapReferralEndpoints();
        app.MapPasskeyEndpoints();
        app.MapApiV1();
        app.MapInboundWorkflowEndpoints();
        // Our own Content-Security-Policy (SecurityHeaders) carries frame-ancestors; Blazor's second CSP header would
        // only duplicate it.
        app.MapRazorComponents<Components.App>()
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
    }
}
