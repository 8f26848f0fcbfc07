using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;

namespace ClientPortal.Domain.Settings;

/// <summary>The portal settings an Owner edits; <see cref="Validate"/> names the field each problem is about.</summary>
public sealed record SettingsInput(
    string PortalName,
    string? PublicBaseUrl,
    string BrandColor,
    string? LogoUrl,
    string? SupportEmail,
    int SelfRequestedLinkMinutes,
    int InviteLinkMinutes,
    int LoginEmailLinkMinutes,
    int AdminLinkMinutes,
    int WorkflowLinkMinutes,
    LinkUsePolicy DefaultLinkPolicy,
    int? InviteResendAfterDays = null,
    bool AllowSignUp = false,
    bool TeamStrongSignIn = false,
    string TimeZone = PortalTime.DefaultZone)
{
    public static Problems Validate(SettingsInput input)
    {
        var errors = new Problems();
        if (string.IsNullOrWhiteSpace(input.PortalName) || input.PortalName.Trim()
            .Length > 100) errors.Add(nameof(input.PortalName),
            "The portal name is required (100 characters at most).");
        if (!string.IsNullOrWhiteSpace(input.PublicBaseUrl)
            && (!Uri.TryCreate(input.PublicBaseUrl.Trim(), UriKind.Absolute, out var u)
                || u.Scheme is not ("http" or "https")
                || !string.IsNullOrEmpty(u.Query) || !string.IsNullOrEmpty(u.Fragment)))
            errors.Add(nameof(input.PublicBaseUrl),
                "The public address must be an http(s) URL like https://learn.example.com.");
        if (!System.Text.RegularExpressions.Regex.IsMatch(input.BrandColor ?? "",
            "^#[0-9a-fA-F]{6}$")) errors.Add(nameof(input.BrandColor), "The brand colour must look like #4f46e5.");
        if (!string.IsNullOrWhiteSpace(input.LogoUrl) && !BrandImageAddress.IsStored(input.LogoUrl)
            && !(Uri.TryCreate(input.LogoUrl, UriKind.Absolute, out var logo) && logo.Scheme == "https"))
            errors.Add(nameof(input.LogoUrl), "The logo must be an https image address.");
        if (!string.IsNullOrWhiteSpace(input.SupportEmail)
            && !ContactEmail.IsValid(input.SupportEmail, out var emailError)) errors.Add(nameof(input.SupportEmail),
            emailError);
        foreach (var (field, name, minutes) in new[] {
                     (nameof(input.SelfRequestedLinkMinutes), "Self-requested", input.SelfRequestedLinkMinutes),
                     (nameof(input.InviteLinkMinutes), "Invite", input.InviteLinkMinutes),
                     (nameof(input.LoginEmailLinkMinutes), "Login email", input.LoginEmailLinkMinutes),
                     (nameof(input.AdminLinkMinutes), "Admin-generated", input.AdminLinkMinutes),
                     (nameof(input.WorkflowLinkMinutes), "Workflow", input.WorkflowLinkMinutes) })
            if (minutes is < 5 or > 60 * 24 * 90) errors.Add(field,
                $"{name} link lifetime must be between 5 minutes and 90 days.");
        if (!PortalTime.TryFind(input.TimeZone, out _)) errors.Add(nameof(input.TimeZone),
            $"“{input.TimeZone}” is not a time zone this server knows; pick one from the list, like Europe/Berlin.");
        if (input.InviteResendAfterDays is < 1 or > 60) errors.Add(nameof(input.InviteResendAfterDays),
            "The invite re-send must come 1 to 60 days after the invite (or leave it empty for never).");
        return errors;
    }
}
