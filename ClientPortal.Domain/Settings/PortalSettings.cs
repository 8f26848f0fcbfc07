using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Settings;

namespace ClientPortal.Domain.Entities;

/// <summary>The portal's single settings row (Id = 1).</summary>
public class PortalSettings : EventSource
{
    public const int SingletonId = 1;

    public const string DefaultName = "Client Portal";
    public const string DefaultColor = "#4f46e5";

    public int Id { get; set; } = SingletonId;
    public string PortalName { get; private set; } = DefaultName;
    public string? PublicBaseUrl { get; set; }
    public string BrandColor { get; private set; } = DefaultColor;
    public string? LogoUrl { get; set; }

    /// <summary>The browser tab's icon: an uploaded image (<see cref="BrandImageAddress"/>), or null for the
    /// portal's own.</summary>
    public string? FaviconUrl { get; private set; }

    /// <summary>Sets or clears (null) an uploaded logo or favicon.</summary>
    public void SetBrandImage(BrandImageKind kind, string? url, Actor actor, DateTime now)
    {
        if (kind == BrandImageKind.Logo) LogoUrl = url;
        else FaviconUrl = url;
        Raise(new SettingsChanged(actor, now));
    }

    /// <summary>The portal's time zone (<see cref="PortalTime"/>): every time shown and emailed is in it.</summary>
    public string TimeZone { get; private set; } = PortalTime.DefaultZone;

    /// <summary>When the team hid the dashboard's guided start.</summary>
    public DateTime? StartChecklistHiddenAt { get; private set; }

    /// <summary>The portal has been made the creator's own: a name, colour or logo of theirs.</summary>
    public bool IsBranded => PortalName != DefaultName || BrandColor != DefaultColor || LogoUrl is not null
        || FaviconUrl is not null;

    public void HideStartChecklist(DateTime now) => StartChecklistHiddenAt ??= now;
    public string? SupportEmail { get; set; }

    /// <summary>Links issued under an older epoch no longer work ("Regenerate all").</summary>
    public int LinkEpoch { get; set; } = 1;

    public int SelfRequestedLinkMinutes { get; set; } = 15;
    public int InviteLinkMinutes { get; set; } = 7 * 24 * 60;
    public int LoginEmailLinkMinutes { get; set; } = 24 * 60;
    public int AdminLinkMinutes { get; set; } = 7 * 24 * 60;
    public int WorkflowLinkMinutes { get; set; } = 72 * 60;
    public LinkUsePolicy DefaultLinkPolicy { get; set; } = LinkUsePolicy.SingleUse;
    public DateTime? DemoSeededAt { get; set; }

    // Email delivery as set by the Owner; configuration (Email:*) overrides each value.
    public string? EmailProvider { get; set; }
    public string? SmtpHost { get; set; }
    public int? SmtpPort { get; set; }
    public bool? SmtpEnableTls { get; set; }
    public string? SmtpUserName { get; set; }

    /// <summary>Encrypted with the portal's data-protection keys.</summary>
    public string? SmtpPasswordProtected { get; set; }

    public string? EmailFrom { get; set; }
    public string? EmailFromName { get; set; }

    /// <summary>Re-send the invite once to contacts still Invited this many days after it; null is off.</summary>
    public int? InviteResendAfterDays { get; set; }

    /// <summary>Visitors may create their own contact at /signup (needed for affiliate sign-ups).</summary>
    public bool AllowSignUp { get; set; }

    /// <summary>The site-level pair of magic links (SHA-256 of each token; the tokens are shown once, when
    /// made).</summary>
    /// <summary>
    /// Since when team members must sign in with a passkey or an authenticator app (null: a password alone is enough).
    /// Only sign-ins from that moment on are held to it, so nobody is thrown out of a page they have open.
    /// </summary>
    public DateTime? TeamStrongSignInSince { get; set; }

    /// <summary>Whether a team member's session that began at <paramref name="sessionStartedAt"/> must have a passkey
    /// or an authenticator app.</summary>
    public bool RequiresStrongSignIn(DateTime sessionStartedAt) => TeamStrongSignInSince is { } since
        && sessionStartedAt >= since;

    public byte[]? SiteTeamLinkHash { get; set; }
    public byte[]? SiteLearnerLinkHash { get; set; }
    public DateTime? SiteLinksCreatedAt { get; set; }
    public string? SiteLinksCreatedBy { get; set; }

    /// <summary>Stops every link issued before now: links carry the epoch they were issued in.</summary>
    public void RevokeAllLinks(int outstanding, Actor actor, DateTime now)
    {
        LinkEpoch++;
        Raise(new AllLinksRevoked(LinkEpoch, outstanding, actor, now));
    }

    /// <summary>Applies the Owner's settings (validated by <see cref="SettingsInput.Validate"/> first).</summary>
    public void Configure(SettingsInput input, Actor actor, DateTime now)
    {
        PortalName = Text.SingleLine(input.PortalName);
        PublicBaseUrl = string.IsNullOrWhiteSpace(input.PublicBaseUrl) ? null : input.PublicBaseUrl.Trim().TrimEnd('/');
        BrandColor = input.BrandColor.ToLowerInvariant();
        LogoUrl = Text.OrNull(input.LogoUrl);
        SupportEmail = Text.OrNull(input.SupportEmail);
        SelfRequestedLinkMinutes = input.SelfRequestedLinkMinutes;
        InviteLinkMinutes = input.InviteLinkMinutes;
        LoginEmailLinkMinutes = input.LoginEmailLinkMinutes;
        AdminLinkMinutes = input.AdminLinkMinutes;
        WorkflowLinkMinutes = input.WorkflowLinkMinutes;
        DefaultLinkPolicy = input.DefaultLinkPolicy;
        InviteResendAfterDays = input.InviteResendAfterDays;
        AllowSignUp = input.AllowSignUp;
        TeamStrongSignInSince = input.TeamStrongSignIn ? TeamStrongSignInSince ?? now : null;
        TimeZone = PortalTime.Of(input.TimeZone).Id;
        Raise(new SettingsChanged(actor, now));
    }

    /// <summary>Email delivery as the Owner set it; a null <paramref name="protectedPassword"/> keeps the stored
    /// one.</summary>
    public void ConfigureEmail(string provider, string? host, int? port, bool enableTls, string? userName,
        string? protectedPassword,
        string? from, string? fromName, Actor actor, DateTime now)
    {
        EmailProvider = provider;
        SmtpHost = Text.OrNull(host);
        SmtpPort = port;
        SmtpEnableTls = enableTls;
        SmtpUserName = Text.OrNull(userName);
        if (protectedPassword is not null) SmtpPasswordProtected = protectedPassword;
        EmailFrom = Text.OrNull(from);
        EmailFromName = Text.OrNull(fromName);
        Raise(new EmailSettingsChanged(provider, actor, now));
    }

    /// <summary>A new pair of portal links (their hashes); the pair before it stops working.</summary>
    public void ReplaceSiteLinks(byte[] teamLinkHash, byte[] learnerLinkHash, Actor actor, DateTime now)
    {
        var replacing = SiteLinksCreatedAt is not null;
        (SiteTeamLinkHash, SiteLearnerLinkHash, SiteLinksCreatedAt, SiteLinksCreatedBy) = (teamLinkHash,
            learnerLinkHash,
            now, actor.Name);
        Raise(new SiteLinksReplaced(replacing, actor, now));
    }

}
