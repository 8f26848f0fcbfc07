using ClientPortal.App.Features.Settings;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Settings;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Settings.Services;

public class SettingsTests
{
    private static SettingsInput Valid(string name = "Bakery School") =>
        new(name, "https://learn.example.com/", "#AA3300", null, "help@example.com", 15, 7 * 24 * 60, 24 * 60,
            7 * 24 * 60, 72 * 60, LinkUsePolicy.SingleUse);

    [Fact]
    public async Task Only_an_owner_changes_settings()
    {
        await using var host = await DomainHost.StartAsync();
        var store = host.Get<PortalSettingsStore>();
        Assert.Contains("Only an Owner", (await store.UpdateAsync(Valid(), Seed.Admin)).ErrorText);
        Assert.Equal("Client Portal", (await store.GetAsync()).PortalName);

        Assert.True((await store.UpdateAsync(Valid(), Seed.Admin with { Role = Roles.Owner })).Succeeded);
        var saved = await store.GetAsync();
        Assert.Equal(("Bakery School", "https://learn.example.com", "#aa3300"),
            (saved.PortalName, saved.PublicBaseUrl, saved.BrandColor));
        Assert.Equal("https://learn.example.com/l/x", await host.Get<PortalUrls>().AbsoluteAsync("/l/x"));
    }

    [Fact]
    public async Task Bad_values_are_each_explained_and_change_nothing()
    {
        await using var host = await DomainHost.StartAsync();
        var store = host.Get<PortalSettingsStore>();
        var bad = await store.UpdateAsync(Valid() with { PublicBaseUrl = "ftp://x", BrandColor = "red",
            SelfRequestedLinkMinutes = 1, LogoUrl = "http://x/logo.png" }, Seed.Admin with { Role = Roles.Owner });
        Assert.Equal(4, bad.Errors.Count);
        Assert.Equal("Client Portal", (await store.GetAsync()).PortalName);
    }
}
