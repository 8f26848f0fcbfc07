using ClientPortal.Domain.Data;
using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClientPortal.Domain.Settings;

public sealed class PortalSettingsStore(IDbContextFactory<PortalDbContext> dbFactory)
{
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
