using ClientPortal.App.Features.Settings;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Settings;
using ClientPortal.Infrastructure.Events;

namespace ClientPortal.App.Identity;

/// <summary>The portal's name, colour, logo and time zone as every page shows them.</summary>
public sealed record PortalBrand(string PortalName, string BrandColor, string? LogoUrl, string? SupportEmail,
    bool AllowSignUp = false, string TimeZone = PortalTime.DefaultZone, string? FaviconUrl = null)
{
    public static readonly PortalBrand Default = new(PortalSettings.DefaultName, PortalSettings.DefaultColor, null,
        null);

    /// <summary>How times read on this portal's pages.</summary>
    public PortalTime Time { get; } = PortalTime.Of(TimeZone);

    public static PortalBrand From(PortalSettings s) =>
        new(s.PortalName, s.BrandColor, s.LogoUrl, s.SupportEmail, s.AllowSignUp, s.TimeZone, s.FaviconUrl);
}

/// <summary>Keeps the brand in memory (every page needs it); refreshed when the settings change.</summary>
public sealed class PortalBrandCache
{
    private readonly PortalSettingsStore _settings;

    public PortalBrandCache(PortalSettingsStore settings, DomainEvents events)
    {
        _settings = settings;
        events.Subscribe(e =>
            e is SettingsChanged or ClientPortal.Infrastructure.Events.EventsMissed ? RefreshAsync()
            : Task.CompletedTask);
    }

    public PortalBrand Current { get; private set; } = PortalBrand.Default;

    public async Task RefreshAsync(CancellationToken ct = default) =>
        Current = PortalBrand.From(await _settings.GetAsync(ct));
}
