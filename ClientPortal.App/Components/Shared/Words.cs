using ClientPortal.Domain.Entities;

namespace ClientPortal.App.Components.Shared;

/// <summary>What screens say for the portal's codes and enums: the words a course creator uses, never the code itself.</summary>
public static class Words
{
    /// <summary>A message's kind (the template it came from) as the template's own name.</summary>
    public static string MessageKind(string kind) =>
        ClientPortal.Domain.Messaging.DefaultTemplates.All.FirstOrDefault(t => t.Key == kind)?.Name ?? kind switch
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
        "invite.send" => "Invited",
        "invite.bulk" => "Invites sent",
        "link.issue" => "Magic link made",
        "link.redeem" => "Entered with a link",
        "link.redeem.repeat" => "Opened the same link again",
        "link.redeem.refused" => "Tried a link that no longer works",
        "link.revoke" => "Magic link revoked",
        "link.regenerate" or "link.regenerate.all" => "Magic links revoked",
        "grant.add" => "Granted",
        "grant.revoke" => "Revoked",
        "grant.expiry" => "Offer expiry changed",
        "grants.batch.apply" => "Bulk grants applied",
        "grants.batch.undo" => "Bulk grants undone",
        "product.cover" => "Cover image changed",
        "sitelinks.generate" => "Portal magic links made",
        "sitelinks.regenerate" => "Portal magic links replaced",
        "contact.create" => "New contact",
        "contact.update" => "Details changed",
        "contact.delete" => "Contact deleted",
        "contact.email" => "Email changed",
        "contact.tag.add" => "Tag added",
        "contact.tag.remove" => "Tag removed",
        "contacts.import" => "Contacts imported",
        "progress.complete" => "Lesson marked complete",
        "progress.reset" => "Progress reset",
        "affiliate.enroll" => "Joined the affiliate program",
        "affiliate.remove" => "Left the affiliate program",
        "affiliate.referral" => "Referred someone",
        "message.retry" => "Email sent again",
        "signin.throttled" => "Wrong passwords, sign-in slowed down for",
        "login.link" => "Signed in with a magic link",
        "login.code" => "Signed in with a code",
        "login.password" => "Signed in with a password",
        "login.passkey" => "Signed in with a passkey",
        "passkey.add" => "Passkey added",
        "passkey.remove" => "Passkey removed",
        var a when a.StartsWith("login.", StringComparison.Ordinal) => $"Signed in with {a[6..]}",
        var a => a,
    };

    public static string LinkPurpose(MagicLinkPurpose purpose) => purpose switch
    {
        MagicLinkPurpose.SelfRequested => "Asked for by the learner",
        MagicLinkPurpose.Invite => "Invite",
        MagicLinkPurpose.LoginEmail => "Login email",
        MagicLinkPurpose.AdminGenerated => "Made by the team",
        MagicLinkPurpose.Workflow => "Workflow",
        MagicLinkPurpose.TeamAccess => "Team access",
        _ => purpose.ToString(),
    };

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
