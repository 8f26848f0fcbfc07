using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;

namespace ClientPortal.App.Components.Shared;

/// <summary>What screens say for the portal's codes and enums: the words a course creator uses, never the code
/// itself.</summary>
public static class Words
{
    /// <summary>A message's kind (the template it came from) as the template's own name.</summary>
    public static string MessageKind(string kind) =>
        ClientPortal.Domain.Messaging.DefaultTemplates.All
            .Append(ClientPortal.Domain.Messaging.DefaultTemplates.TeamInvite)
            .Append(ClientPortal.Domain.Messaging.DefaultTemplates.SmtpTest)
            .FirstOrDefault(t => t.Key == kind)?.Name ?? kind switch
        {
            "test" => "Test email",
            "invite-resend" => "Invite (sent again)",
            var k when k.Length > 0 => char.ToUpperInvariant(k[0]) + k[1..].Replace('-', ' '),
            _ => "Other",
        };

    public static string RunStatus(WorkflowRunStatus s) => s switch
    {
        WorkflowRunStatus.Pending => "Starting",
        WorkflowRunStatus.Running => "Running",
        WorkflowRunStatus.Waiting => "Waiting",
        WorkflowRunStatus.Completed => "Completed",
        WorkflowRunStatus.Failed => "Failed",
        _ => "Stopped (loop guard)",
    };

    public static string StepStatus(WorkflowStepStatus s) => s switch
    {
        WorkflowStepStatus.Succeeded => "Done",
        WorkflowStepStatus.Failed => "Failed",
        WorkflowStepStatus.Skipped => "Skipped",
        _ => "Waiting",
    };

    public static string AuditAction(string action) => action switch
    {
        AuditActions.InviteSend => "Invited",
        AuditActions.InviteBulk => "Invites sent",
        AuditActions.LinkIssue => "Magic link made",
        AuditActions.LinkRedeem => "Entered with a link",
        AuditActions.LinkRedeemRepeat => "Opened the same link again",
        AuditActions.LinkRedeemRefused => "Tried a link that no longer works",
        AuditActions.LinkRevoke => "Magic link revoked",
        AuditActions.LinkRegenerate or AuditActions.LinkRegenerateAll => "Magic links revoked",
        AuditActions.GrantAdd => "Granted",
        AuditActions.GrantRevoke => "Revoked",
        AuditActions.GrantExpiry => "Offer expiry changed",
        AuditActions.GrantsBatchApply => "Bulk grants applied",
        AuditActions.GrantsBatchUndo => "Bulk grants undone",
        AuditActions.ProductCover => "Cover image changed",
        AuditActions.SitelinksGenerate => "Portal magic links made",
        AuditActions.SitelinksRegenerate => "Portal magic links replaced",
        AuditActions.ContactCreate => "New contact",
        AuditActions.ContactUpdate => "Details changed",
        AuditActions.ContactDelete => "Contact deleted",
        AuditActions.ContactEmail => "Email changed",
        AuditActions.ContactTagAdd => "Tag added",
        AuditActions.ContactTagRemove => "Tag removed",
        AuditActions.ContactsImport => "Contacts imported",
        AuditActions.ProgressComplete => "Lesson marked complete",
        AuditActions.ProgressReset => "Progress reset",
        AuditActions.AffiliateEnroll => "Joined the affiliate program",
        AuditActions.AffiliateRemove => "Left the affiliate program",
        AuditActions.AffiliateReferral => "Referred someone",
        AuditActions.MessageRetry => "Email sent again",
        AuditActions.SigninThrottled => "Wrong passwords, sign-in slowed down for",
        AuditActions.LoginLink => "Signed in with a magic link",
        AuditActions.LoginCode => "Signed in with a code",
        AuditActions.LoginPassword => "Signed in with a password",
        AuditActions.LoginPasskey => "Signed in with a passkey",
        AuditActions.PasskeyAdd => "Passkey added",
        AuditActions.PasskeyRemove => "Passkey removed",
        AuditActions.CommunityPostDelete => "Community post deleted",
        AuditActions.CommunityCommentDelete => "Community comment deleted",
        AuditActions.ProductCreate => "Product created",
        AuditActions.ProductUpdate => "Product changed",
        AuditActions.ProductDelete => "Product deleted",
        AuditActions.ProductPublish => "Product published",
        AuditActions.ProductUnpublish => "Product unpublished",
        AuditActions.CategoryCreate => "Module added",
        AuditActions.CategoryUpdate => "Module changed",
        AuditActions.CategoryDelete => "Module deleted",
        AuditActions.LessonCreate => "Lesson added",
        AuditActions.LessonUpdate => "Lesson changed",
        AuditActions.LessonDelete => "Lesson deleted",
        AuditActions.OfferCreate => "Offer created",
        AuditActions.OfferUpdate => "Offer changed",
        AuditActions.OfferDelete => "Offer deleted",
        AuditActions.OfferArchive => "Offer archived",
        AuditActions.OfferRestore => "Offer restored",
        AuditActions.LoginEmailBulk => "Login emails sent",
        AuditActions.SettingsUpdate => "Settings changed",
        AuditActions.SettingsEmail => "Email settings changed",
        AuditActions.SetupClaim => "Owner account set up",
        AuditActions.SetupCli => "Owner account created from the command line",
        AuditActions.TeamInvite => "Team member invited",
        AuditActions.TeamInviteAccept => "Team invite accepted",
        AuditActions.TeamInviteReissue => "Team invite sent again",
        AuditActions.TeamRole => "Team role changed",
        AuditActions.TeamDisable => "Team member disabled",
        AuditActions.TeamEnable => "Team member enabled",
        AuditActions.TeamRemove => "Team member removed",
        AuditActions.TemplateUpdate => "Email template changed",
        AuditActions.TemplateReset => "Email template reset",
        AuditActions.ApikeyCreate => "API key created",
        AuditActions.ApikeyRevoke => "API key revoked",
        AuditActions.WebhookCreate => "Webhook added",
        AuditActions.WebhookUpdate => "Webhook changed",
        AuditActions.WebhookDelete => "Webhook removed",
        AuditActions.WorkflowPublish => "Workflow published",
        AuditActions.WorkflowEnable => "Workflow turned on",
        AuditActions.WorkflowDisable => "Workflow turned off",
        AuditActions.WorkflowDelete => "Workflow deleted",
        AuditActions.WorkflowRetry => "Workflow run retried",
        AuditActions.WorkflowInboundUrl => "Workflow inbound URL made",
        var a when a.StartsWith("login.", StringComparison.Ordinal) => $"Signed in with {a[6..]}",
        var a => a,
    };

    public static string LinkPurpose(MagicLinkPurpose purpose) => Domain.MagicLinks.LinkWords.Purpose(purpose);

    public static string LinkState(LinkLifecycle state) => state switch
    {
        LinkLifecycle.Issued => "Not sent yet",
        LinkLifecycle.Delivered => "Delivered",
        LinkLifecycle.Opened => "Opened",
        LinkLifecycle.Used => "Used",
        LinkLifecycle.Expired => "Expired",
        LinkLifecycle.Revoked => "Revoked",
        _ => state.ToString(),
    };

    public static string GrantState(GrantState state) => state switch
    {
        Domain.Entities.GrantState.Active => "Active",
        Domain.Entities.GrantState.Expired => "Expired",
        Domain.Entities.GrantState.Revoked => "Revoked",
        _ => state.ToString(),
    };

    /// <summary>A lifetime in minutes as words: "15 minutes", "6 hours", "1 day 12 hours".</summary>
    public static string Lifetime(int minutes) => Domain.Settings.PortalTime.Duration(TimeSpan.FromMinutes(minutes));

    /// <summary>A phrase as a label: its first letter upper case.</summary>
    public static string Capitalised(string phrase) =>
        phrase.Length == 0 ? phrase : char.ToUpperInvariant(phrase[0]) + phrase[1..];

    /// <summary>"just now", "5 min ago", "3 h ago", "2 d ago" (the exact time goes in a title on hover).</summary>
    public static string Ago(DateTime at, DateTime now)
    {
        var span = now - at;
        return span.TotalSeconds < 60 ? "just now"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min ago"
            : span.TotalHours < 24 ? $"{(int)span.TotalHours} h ago"
            : $"{(int)span.TotalDays} d ago";
    }
}
