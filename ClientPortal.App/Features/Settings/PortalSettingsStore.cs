using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Settings;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClientPortal.App.Features.Settings;

public sealed class PortalSettingsStore(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Outcome> UpdateAsync(SettingsInput input, ClientPortal.Domain.Security.Actor actor,
        CancellationToken ct = default)
    {
        if (!actor.IsOwner) return Outcome.Fail("Only an Owner can change the portal's settings.");
        if (SettingsInput.Validate(input) is { Count: > 0 } errors) return Outcome.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.Settings.SingleAsync(ct);
        s.Configure(input, actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    public async Task<PortalSettings> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == PortalSettings.SingletonId, ct)
               ?? new PortalSettings();
    }

    /// <summary>Creates the settings row on first start.</summary>
    public static async Task EnsureRowAsync(PortalDbContext db, CancellationToken ct = default)
    {
        if (!await db.Settings.AnyAsync(ct))
        {
            db.Settings.Add(new PortalSettings());
            await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>
/// Builds absolute portal URLs. Precedence: configuration (Portal:PublicBaseUrl), then the Owner's
/// setting, then the first address the server listens on.
/// </summary>
public sealed class PortalUrls(IOptions<PortalOptions> options, PortalSettingsStore settings)
{
    private volatile string? _listeningUrl;

    public void SetListeningUrl(string url) => _listeningUrl = url.TrimEnd('/');

    public async Task<string> BaseUrlAsync(CancellationToken ct = default)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)) return options.Value.PublicBaseUrl.TrimEnd('/');
        var s = await settings.GetAsync(ct);
        if (!string.IsNullOrWhiteSpace(s.PublicBaseUrl)) return s.PublicBaseUrl.TrimEnd('/');
        return _listeningUrl ?? "http://localhost:5000";
    }

    public async Task<string> AbsoluteAsync(string path, CancellationToken ct = default) =>
        await BaseUrlAsync(ct) + "/" + path.TrimStart('/');
}
