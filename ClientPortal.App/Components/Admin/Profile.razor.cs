using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ClientPortal.App.Components.Shared;
using ClientPortal.App.Features.Team;
using ClientPortal.App.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace ClientPortal.App.Components.Admin;

public partial class Profile
{
    private string userId = "";
    private string email = "";
    private bool twoFactorEnabled;
    private bool passwordChanged;
    private AuthenticatorSetup? setup;
    private IReadOnlyList<string>? recoveryCodes;
    private IReadOnlyList<string>? passwordErrors;
    private IReadOnlyList<string>? tfaErrors;
    private ClientPortal.App.Features.MagicLinks.IssuedLink? teamLink;

    private IReadOnlyList<ClientPortal.App.Features.Passkeys.PasskeyRow> passkeys = [];

    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    [CascadingParameter] private PortalBrand Brand { get; set; } = PortalBrand.Default;
    [SupplyParameterFromQuery(Name = "passkey")] private string? PasskeyResult { get; set; }
    [SupplyParameterFromQuery(Name = "strengthen")] private string? Strengthen { get; set; }
    private bool MustStrengthen => Strengthen == "1" && passkeys.Count == 0 && !twoFactorEnabled;
    [SupplyParameterFromForm(FormName = "change-password")] private PasswordInput Password { get; set; } = default!;
    [SupplyParameterFromForm(FormName = "enable-2fa")] private CodeInput Code { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Password ??= new();
        Code ??= new();
        userId = HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        email = HttpContext.User.Identity?.Name ?? "";
        passkeys = await PasskeyStore.ListAsync(userId);
        await LoadTwoFactorAsync();
    }

    private async Task LoadTwoFactorAsync()
    {
        twoFactorEnabled = await Security.IsTwoFactorEnabledAsync(userId);
        setup = twoFactorEnabled ? null : await Security.GetSetupAsync(userId, Brand.PortalName);
    }

    private async Task ChangePasswordAsync()
    {
        var outcome = await Security.ChangePasswordAsync(userId, Password.CurrentPassword, Password.Password);
        if (!outcome.Succeeded) { passwordErrors = outcome.Errors; return; }
        await RefreshSignInAsync();
        passwordChanged = true;
        Password = new();
    }

    private async Task EnableAsync()
    {
        var outcome = await Security.EnableAsync(userId, Code.Code);
        if (!outcome.Succeeded) { tfaErrors = outcome.Errors; return; }
        await RefreshSignInAsync();
        recoveryCodes = outcome.Value;
        twoFactorEnabled = true;
    }

    private async Task DisableAsync()
    {
        await Security.DisableAsync(userId);
        await RefreshSignInAsync();
        await LoadTwoFactorAsync();
    }

    private async Task CreateTeamLinkAsync() =>
        teamLink = (await Links.IssueTeamAccessAsync(HttpContext.User.ToActor(LearnerSignIn.ClientIp(HttpContext))))
            .Value;

    // The security stamp changed: re-issue this browser's cookie so only *other* sessions are signed out.
    private Task RefreshSignInAsync() => Sessions.RefreshAsync(userId);

    private sealed class PasswordInput : NewPasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        public string CurrentPassword { get; set; } = "";
    }

    private sealed class CodeInput
    {
        [Required(ErrorMessage = "Enter the code.")] [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$",
            ErrorMessage = "The code has 6 digits.")]
        public string Code { get; set; } = "";
    }
}
