using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClientPortal.App.Features.Settings;

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
    bool AllowSignUp = false);

public sealed class PortalSettingsStore(IDbContextFactory<PortalDbContext> dbFactory, ClientPortal.Infrastructure.Audit.AuditLog audit, ClientPortal.Infrastructure.Events.DomainEvents events,
    TimeProvider clock)
{
    public static Problems Validate(SettingsInput input)
    {
        var errors = new Problems();
        if (string.IsNullOrWhiteSpace(input.PortalName) || input.PortalName.Trim().Length > 100) errors.Add(nameof(input.PortalName), "The portal name is required (100 characters at most).");
        if (!string.IsNullOrWhiteSpace(input.PublicBaseUrl)
            && (!Uri.TryCreate(input.PublicBaseUrl.Trim(), UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")
                || !string.IsNullOrEmpty(u.Query) || !string.IsNullOrEmpty(u.Fragment)))
            errors.Add(nameof(input.PublicBaseUrl), "The public address must be an http(s) URL like https://learn.example.com.");
        if (!System.Text.RegularExpressions.Regex.IsMatch(input.BrandColor ?? "", "^#[0-9a-fA-F]{6}$")) errors.Add(nameof(input.BrandColor), "The brand colour must look like #4f46e5.");
        if (!string.IsNullOrWhiteSpace(input.LogoUrl) && !(Uri.TryCreate(input.LogoUrl, UriKind.Absolute, out var logo) && logo.Scheme == "https"))
            errors.Add(nameof(input.LogoUrl), "The logo must be an https image address.");
        if (!string.IsNullOrWhiteSpace(input.SupportEmail) && !ClientPortal.Domain.Contacts.ContactEmail.IsValid(input.SupportEmail, out var emailError)) errors.Add(nameof(input.SupportEmail), emailError);
        foreach (var (field, name, minutes) in new[] {
                     (nameof(input.SelfRequestedLinkMinutes), "Self-requested", input.SelfRequestedLinkMinutes),
                     (nameof(input.InviteLinkMinutes), "Invite", input.InviteLinkMinutes),
                     (nameof(input.LoginEmailLinkMinutes), "Login email", input.LoginEmailLinkMinutes),
                     (nameof(input.AdminLinkMinutes), "Admin-generated", input.AdminLinkMinutes),
                     (nameof(input.WorkflowLinkMinutes), "Workflow", input.WorkflowLinkMinutes) })
            if (minutes is < 5 or > 60 * 24 * 90) errors.Add(field, $"{name} link lifetime must be between 5 minutes and 90 days.");
        if (input.InviteResendAfterDays is < 1 or > 60) errors.Add(nameof(input.InviteResendAfterDays), "The invite re-send must come 1 to 60 days after the invite (or leave it empty for never).");
        return errors;
    }

    public async Task<Outcome> UpdateAsync(SettingsInput input, ClientPortal.Domain.Security.Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsOwner) return Outcome.Fail("Only an Owner can change the portal's settings.");
        if (Validate(input) is { Count: > 0 } errors) return Outcome.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.Settings.SingleAsync(ct);
        s.PortalName = input.PortalName.Trim();
        s.PublicBaseUrl = string.IsNullOrWhiteSpace(input.PublicBaseUrl) ? null : input.PublicBaseUrl.Trim().TrimEnd('/');
        s.BrandColor = input.BrandColor.ToLowerInvariant();
        s.LogoUrl = string.IsNullOrWhiteSpace(input.LogoUrl) ? null : input.LogoUrl.Trim();
        s.SupportEmail = string.IsNullOrWhiteSpace(input.SupportEmail) ? null : input.SupportEmail.Trim();
        s.SelfRequestedLinkMinutes = input.SelfRequestedLinkMinutes;
        s.InviteLinkMinutes = input.InviteLinkMinutes;
        s.LoginEmailLinkMinutes = input.LoginEmailLinkMinutes;
        s.AdminLinkMinutes = input.AdminLinkMinutes;
        s.WorkflowLinkMinutes = input.WorkflowLinkMinutes;
        s.DefaultLinkPolicy = input.DefaultLinkPolicy;
        s.InviteResendAfterDays = input.InviteResendAfterDays;
        s.AllowSignUp = input.AllowSignUp;
        audit.Add(db, actor, "settings.update");
        await db.SaveChangesAsync(ct);
        await events.PublishAsync(new ClientPortal.Domain.Events.SettingsChanged(clock.GetUtcNow().UtcDateTime));
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
