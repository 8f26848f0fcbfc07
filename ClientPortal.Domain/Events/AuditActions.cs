namespace ClientPortal.Domain.Events;

/// <summary>
/// The audit trail's action codes (<see cref="Entities.AuditEvent.Action"/>): what <see cref="AuditTrail"/> writes,
/// what the activity feed and the dashboard read, what the screens put into words, and what the tests look for — one
/// spelling each.
/// </summary>
public static class AuditActions
{
    public const string CommunityPostDelete = "community.post.delete";
    public const string CommunityCommentDelete = "community.comment.delete";

    public const string AffiliateEnroll = "affiliate.enroll";
    public const string AffiliateReferral = "affiliate.referral";
    public const string AffiliateRemove = "affiliate.remove";

    public const string ApikeyCreate = "apikey.create";
    public const string ApikeyRevoke = "apikey.revoke";

    public const string CategoryCreate = "category.create";
    public const string CategoryDelete = "category.delete";
    public const string CategoryUpdate = "category.update";

    public const string ContactCreate = "contact.create";
    public const string ContactDelete = "contact.delete";
    public const string ContactEmail = "contact.email";
    public const string ContactTagAdd = "contact.tag.add";
    public const string ContactTagRemove = "contact.tag.remove";
    public const string ContactUpdate = "contact.update";

    public const string ContactsImport = "contacts.import";

    public const string GrantAdd = "grant.add";
    public const string GrantExpiry = "grant.expiry";
    public const string GrantRevoke = "grant.revoke";

    public const string GrantsBatchApply = "grants.batch.apply";
    public const string GrantsBatchUndo = "grants.batch.undo";

    public const string InviteBulk = "invite.bulk";
    public const string InviteSend = "invite.send";

    public const string LessonCreate = "lesson.create";
    public const string LessonDelete = "lesson.delete";
    public const string LessonUpdate = "lesson.update";

    public const string LinkIssue = "link.issue";
    public const string LinkRedeem = "link.redeem";
    public const string LinkRedeemRefused = "link.redeem.refused";
    public const string LinkRedeemRepeat = "link.redeem.repeat";
    public const string LinkRegenerate = "link.regenerate";
    public const string LinkRegenerateAll = "link.regenerate.all";
    public const string LinkRevoke = "link.revoke";

    public const string LoginEmailBulk = "login-email.bulk";

    public const string LoginCode = "login.code";
    public const string LoginLink = "login.link";
    public const string LoginPasskey = "login.passkey";
    public const string LoginPassword = "login.password";

    public const string MessageRetry = "message.retry";

    public const string OfferCreate = "offer.create";
    public const string OfferDelete = "offer.delete";
    public const string OfferUpdate = "offer.update";
    public const string OfferArchive = "offer.archive";
    public const string OfferRestore = "offer.restore";

    public const string PasskeyAdd = "passkey.add";
    public const string PasskeyRemove = "passkey.remove";

    public const string ProductCover = "product.cover";
    public const string ProductCreate = "product.create";
    public const string ProductDelete = "product.delete";
    public const string ProductPublish = "product.publish";
    public const string ProductUnpublish = "product.unpublish";
    public const string ProductUpdate = "product.update";

    public const string ProgressComplete = "progress.complete";
    public const string ProgressReset = "progress.reset";

    public const string SettingsEmail = "settings.email";
    public const string SettingsUpdate = "settings.update";

    public const string SetupClaim = "setup.claim";
    public const string SetupCli = "setup.cli";

    public const string SigninThrottled = "signin.throttled";

    public const string SitelinksGenerate = "sitelinks.generate";
    public const string SitelinksRegenerate = "sitelinks.regenerate";

    public const string TeamDisable = "team.disable";
    public const string TeamEnable = "team.enable";
    public const string TeamInvite = "team.invite";
    public const string TeamInviteAccept = "team.invite.accept";
    public const string TeamInviteReissue = "team.invite.reissue";
    public const string TeamRemove = "team.remove";
    public const string TeamRole = "team.role";

    public const string TemplateReset = "template.reset";
    public const string TemplateUpdate = "template.update";

    public const string WebhookCreate = "webhook.create";
    public const string WebhookDelete = "webhook.delete";
    public const string WebhookUpdate = "webhook.update";

    public const string WorkflowDelete = "workflow.delete";
    public const string WorkflowDisable = "workflow.disable";
    public const string WorkflowEnable = "workflow.enable";
    public const string WorkflowPublish = "workflow.publish";
    public const string WorkflowRetry = "workflow.retry";
    public const string WorkflowInboundUrl = "workflow.inbound_url";
}
