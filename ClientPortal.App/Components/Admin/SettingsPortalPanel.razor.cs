using ClientPortal.App.Features.Settings;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Settings;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClientPortal.App.Components.Admin;

public partial class SettingsPortalPanel
{
    [Inject] private IConfiguration Configuration { get; set; } = default!;
    [Inject] private Microsoft.JSInterop.IJSRuntime JS { get; set; } = default!;
    [Inject] private BrandImages Images { get; set; } = default!;

    private string? faviconUrl;
    private BrandImageKind? uploading;
    private IReadOnlyList<string>? imageErrors;

    private static readonly IReadOnlyList<string> Zones = PortalTime.Choices();
    private string? browserZone;

    private Input? input;
    private Outcome? outcome;
    private string? configuredUrl;

    protected override async Task LoadAsync()
    {
        var s = await Store.GetAsync();
        configuredUrl = Configuration["Portal:PublicBaseUrl"] is { Length: > 0 } url ? url : null;
        input = new Input
        {
            PortalName = s.PortalName,
            PublicBaseUrl = s.PublicBaseUrl,
            BrandColor = s.BrandColor,
            LogoUrl = s.LogoUrl,
            SupportEmail = s.SupportEmail,
            SelfRequestedLinkMinutes = s.SelfRequestedLinkMinutes,
            InviteLinkMinutes = s.InviteLinkMinutes,
            LoginEmailLinkMinutes = s.LoginEmailLinkMinutes,
            AdminLinkMinutes = s.AdminLinkMinutes,
            WorkflowLinkMinutes = s.WorkflowLinkMinutes,
            DefaultLinkPolicy = s.DefaultLinkPolicy,
            InviteResendAfterDays = s.InviteResendAfterDays,
            AllowSignUp = s.AllowSignUp,
            TeamStrongSignIn = s.TeamStrongSignInSince is not null,
            TimeZone = s.TimeZone,
        };
        faviconUrl = s.FaviconUrl;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        // The browser knows where the Owner is; offered, never applied without asking.
        var zone = await JS.InvokeAsync<string?>("cp.timeZone", Array.Empty<object>());
        if (zone is not null && PortalTime.TryFind(zone, out _))
        {
            browserZone = zone;
            StateHasChanged();
        }
    }

    /// <summary>The picker's colour: the stored "#rrggbb" (an unreadable one shows the default).</summary>
    private MudBlazor.Utilities.MudColor BrandColor =>
        System.Text.RegularExpressions.Regex.IsMatch(input?.BrandColor ?? "", "^#[0-9a-fA-F]{6}$")
            ? new(input!.BrandColor) : new(PortalSettings.DefaultColor);

    private void SetBrandColor(MudBlazor.Utilities.MudColor color) =>
        input!.BrandColor = color.ToString(MudBlazor.Utilities.MudColorOutputFormats.Hex).ToLowerInvariant();

    /// <summary>Stores an upload at once (not with Save): the form's logo follows, so saving keeps it.</summary>
    private async Task UploadAsync(BrandImageKind kind, Microsoft.AspNetCore.Components.Forms.IBrowserFile file)
    {
        imageErrors = null;
        uploading = kind;
        try
        {
            var upload = file.OpenReadStream(ClientPortal.App.Features.Media.StoredImages.MaxBytes + 1);
            var saved = await Images.SaveAsync(kind, upload, Me);
            imageErrors = saved.Succeeded ? null : saved.Errors;
            if (!Report(saved, kind == BrandImageKind.Logo ? "Logo saved." : "Favicon saved.")) return;
            if (kind == BrandImageKind.Logo) input!.LogoUrl = saved.Value;
            else faviconUrl = saved.Value;
        }
        catch (IOException)
        {
            imageErrors = [BrandImages.TooLarge];
        }
        finally
        {
            uploading = null;
        }
    }

    private async Task RemoveAsync(BrandImageKind kind)
    {
        if (!Report(await Images.RemoveAsync(kind, Me), kind == BrandImageKind.Logo ? "Logo removed."
            : "Back to the portal's own favicon.")) return;
        if (kind == BrandImageKind.Logo) input!.LogoUrl = null;
        else faviconUrl = null;
    }

    private string ZoneHelp => "Times on every page and in emails are in this zone; there it is now " +
        PortalTime.Of(input?.TimeZone).Short(DateTime.UtcNow, DateTime.UtcNow) + ".";

    private Task<IEnumerable<string>> SearchZonesAsync(string? text, CancellationToken ct) =>
        Task.FromResult(string.IsNullOrWhiteSpace(text) || text == input?.TimeZone ? Zones
            : Zones.Where(z => z.Contains(text.Trim().Replace(' ', '_'), StringComparison.OrdinalIgnoreCase)));

    private async Task SaveAsync()
    {
        var i = input!;
        var saved = await Store.UpdateAsync(new SettingsInput(i.PortalName, i.PublicBaseUrl, i.BrandColor, i.LogoUrl,
            i.SupportEmail, i.SelfRequestedLinkMinutes, i.InviteLinkMinutes, i.LoginEmailLinkMinutes,
                i.AdminLinkMinutes,
            i.WorkflowLinkMinutes, i.DefaultLinkPolicy, i.InviteResendAfterDays, i.AllowSignUp, i.TeamStrongSignIn,
            i.TimeZone ?? ""),
                Me);
        outcome = saved;
        if (saved.Succeeded) Snackbar.Add("Settings saved.", Severity.Success);
    }

    private sealed class Input
    {
        public string? TimeZone { get; set; } = PortalTime.DefaultZone;
        public string PortalName { get; set; } = "";
        public string? PublicBaseUrl { get; set; }
        public string BrandColor { get; set; } = "";
        public string? LogoUrl { get; set; }
        public string? SupportEmail { get; set; }
        public int SelfRequestedLinkMinutes { get; set; }
        public int InviteLinkMinutes { get; set; }
        public int LoginEmailLinkMinutes { get; set; }
        public int AdminLinkMinutes { get; set; }
        public int WorkflowLinkMinutes { get; set; }
        public LinkUsePolicy DefaultLinkPolicy { get; set; }
        public int? InviteResendAfterDays { get; set; }
        public bool AllowSignUp { get; set; }
        public bool TeamStrongSignIn { get; set; }
    }
}
