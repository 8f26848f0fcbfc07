using ClientPortal.Domain.Entities;
using ClientPortal.Domain.MagicLinks;
using ClientPortal.Domain.Security;
using static ClientPortal.Domain.Events.AuditActions;

namespace ClientPortal.Domain.Events;

/// <summary>
/// The one mapping from what happened to the audit trail: which events leave a row, under which action code, about whom
/// and in which words. Both write paths (a saved context and the group commit) write the row of
/// <see cref="RowOf"/> with the change that raised the event; nothing else writes audit rows.
/// </summary>
public static class AuditTrail
{
    /// <summary>The audit row of an event, or null for one the trail does not record.</summary>
    public static AuditEvent? RowOf(IDomainEvent e) => Entry(e) is { } row
        ? AuditEvent.Of(row.Action, row.ContactId, row.Subject, row.Details, row.Actor, e.OccurredAt, row.Batch)
        : null;

    private sealed record Row(string Action, long? ContactId, string? Subject, string? Details, Actor Actor,
        Guid? Batch);

    private static Row? Entry(IDomainEvent e) => e switch
    {
        ContactCreated { Imported: false } c => new(ContactCreate, c.ContactId, c.Email, null, c.Actor, null),
        ContactUpdated c => new(ContactUpdate, c.ContactId, c.Email, c.Changes, c.Actor, null),
        ContactDeleted c => new(ContactDelete, c.ContactId, c.Email,
            c.GrantsRevoked > 0 ? $"{Plural.Of(c.GrantsRevoked, "grant")} revoked" : null, c.Actor, null),
        ContactTagged t =>
            new(t.Added ? ContactTagAdd : ContactTagRemove, t.ContactId, t.Tag, null, t.Actor, t.BatchId),
        ContactsImported i => new(ContactsImport, null, null,
            $"created {i.Created}, updated {i.Updated}, unchanged {i.Unchanged}, skipped {i.Skipped}"
            + (i.Cleaned > 0 ? $", control characters removed on {i.Cleaned} rows" : ""), i.Actor, null),
        InviteSent { Resent: false } i => new(InviteSend, i.ContactId, null, null, i.Actor, i.BatchId),
        LearnerSignedIn l => new($"login.{l.Method}", l.ContactId, null, l.First ? "first entry" : null, l.Actor, null),
        SignInThrottled t => new(SigninThrottled, null, t.Email,
            $"{t.Attempts} wrong passwords in a row from {t.Actor.IpAddress ?? "an unknown address"}; " +
            "that address now waits " +
            (t.Wait == TimeSpan.FromMinutes(1) ? "a minute" : $"{t.Wait.TotalMinutes:0} minutes") + " between tries",
                t.Actor, null),

        OfferAccessGranted g => new(GrantAdd, g.ContactId, g.OfferName,
            g.ExpiresAt is null ? null : $"expires {Grant.Describe(g.ExpiresAt)}", g.Actor, g.BatchId),
        GrantExpiryChanged g => new(GrantExpiry, g.ContactId, g.OfferName,
            $"expiry {Grant.Describe(g.From)} → {Grant.Describe(g.To)}", g.Actor, g.BatchId),
        GrantRevoked r => new(GrantRevoke, r.ContactId, r.OfferName, null, r.Actor, r.BatchId),
        GrantBatchApplied { Undone: false } b =>
            new(GrantsBatchApply, null, null, Plural.Of(b.Grants, "grant"), b.Actor, b.BatchId),
        GrantBatchApplied b =>
            new(GrantsBatchUndo, null, null, $"{Plural.Of(b.Grants, "grant")} revoked", b.Actor, b.BatchId),

        MagicLinkIssued l => new(AuditActions.LinkIssue, l.ContactId, LinkWords.Purpose(l.Purpose),
            $"opens {l.Opens}, {LinkWords.Policy(l.Policy)}, " +
            $"for {Settings.PortalTime.Duration(l.ExpiresAt - l.OccurredAt)}" +
            (l.Via is null ? "" : $", sent {l.Via}"), l.Actor, null),
        MagicLinkRevoked l => new(LinkRevoke, l.ContactId, LinkWords.Purpose(l.Purpose), null, l.Actor, null),
        ContactLinksRevoked l =>
            new(LinkRegenerate, l.ContactId, null, $"{Plural.Of(l.Count, "outstanding link")} revoked", l.Actor, null),
        AllLinksRevoked l => new(LinkRegenerateAll, null, null,
            $"{Plural.Of(l.Outstanding, "outstanding link")} stopped working", l.Actor, null),
        MagicLinkRedeemed l => new(l.Repeat ? LinkRedeemRepeat : LinkRedeem, l.ContactId, LinkWords.Via(l.Purpose),
            $"opened {LinkSection.Stored(l.Section).Words}", l.Actor, null),
        MagicLinkRefused l => new(LinkRedeemRefused, l.ContactId, LinkWords.Via(l.Purpose),
            $"the link {LinkStates.Describe(l.State)}", l.Actor, null),

        TeamChanged t => new(t.Change switch
        {
            TeamChange.Invited => TeamInvite,
            TeamChange.InviteReissued => TeamInviteReissue,
            TeamChange.InviteAccepted => TeamInviteAccept,
            TeamChange.RoleChanged => TeamRole,
            TeamChange.Disabled => TeamDisable,
            TeamChange.Enabled => TeamEnable,
            _ => TeamRemove,
        }, null, t.Email, t.Change switch
        {
            TeamChange.Invited => $"role {t.Role}",
            TeamChange.RoleChanged => $"{t.Role} -> {t.NewRole}",
            _ => null,
        }, t.Actor, null),
        OwnerClaimed o => new(o.FromCommandLine ? SetupCli : SetupClaim, null, o.Email, null, o.Actor, null),
        PasskeyAdded p => new(PasskeyAdd, p.ContactId, p.Name, null, p.Actor, null),
        PasskeysRemoved p => new(PasskeyRemove, p.ContactId, p.Name,
            p.Name is null ? $"{Plural.Of(p.Count, "passkey")} removed by the team" : null, p.Actor, null),
        ApiKeyCreated k => new(ApikeyCreate, null, k.Name, k.Scopes, k.Actor, null),
        ApiKeyRevoked k => new(ApikeyRevoke, null, k.Name, null, k.Actor, null),

        SettingsChanged s => new(SettingsUpdate, null, null, null, s.Actor, null),
        EmailSettingsChanged s => new(SettingsEmail, null, null,
            $"email {Messaging.EmailProviders.Describe(s.Provider)}", s.Actor, null),
        SiteLinksReplaced s =>
            new(s.Replacing ? SitelinksRegenerate : SitelinksGenerate, null, null, null, s.Actor, null),

        ProductChanged p => new(p.Change switch
        {
            CatalogChange.Created => ProductCreate,
            CatalogChange.Deleted => ProductDelete,
            CatalogChange.Published => ProductPublish,
            CatalogChange.Unpublished => ProductUnpublish,
            CatalogChange.CoverSet => ProductCover,
            _ => ProductUpdate,
        }, null, p.Title, null, p.Actor, null),
        CategoryChanged c =>
            new(Pick(c.Change, CategoryCreate, CategoryUpdate, CategoryDelete), null, c.Title, null, c.Actor, null),
        LessonChanged l =>
            new(Pick(l.Change, LessonCreate, LessonUpdate, LessonDelete), null, l.Title, null, l.Actor, null),
        OfferChanged o => new(o.Change switch
        {
            CatalogChange.Archived => OfferArchive,
            CatalogChange.Restored => OfferRestore,
            _ => Pick(o.Change, OfferCreate, OfferUpdate, OfferDelete),
        }, null, o.Name,
            o.Products is { } n ? Plural.Of(n, "product") : null, o.Actor, null),

        TemplateChanged t => new(t.Reset ? TemplateReset : TemplateUpdate, null, t.Key, null, t.Actor, null),
        BulkSendStarted b => new(b.Kind == BulkJobKind.Invite ? InviteBulk : LoginEmailBulk, null, null,
            Plural.Of(b.Recipients, "recipient"), b.Actor, b.JobId),
        MessageRetried m => new(MessageRetry, null, $"email to {m.To}", null, m.Actor, null),

        WebhookSubscriptionChanged w => new(Pick(w.Change, WebhookCreate, WebhookUpdate, WebhookDelete), null, w.Url,
            w.Change == CatalogChange.Deleted ? null : $"{w.Events}{(w.Enabled ? "" : " (paused)")}", w.Actor, null),
        WorkflowPublished w => new(WorkflowPublish, null, w.Name,
            $"version {w.Version}: {Workflows.WorkflowDefinition.Describe(w.Trigger)}, " +
            Plural.Of(w.Actions, "action"), w.Actor, null),
        WorkflowChanged w => new(w.Change switch
        {
            WorkflowChange.Enabled => WorkflowEnable,
            WorkflowChange.Disabled => WorkflowDisable,
            WorkflowChange.Deleted => WorkflowDelete,
            _ => WorkflowInboundUrl,
        }, null, w.Name, w.Change switch
        {
            WorkflowChange.InboundUrlMade => "made",
            WorkflowChange.InboundUrlReplaced => "replaced: the old URL stopped working",
            _ => null,
        }, w.Actor, null),
        WorkflowRunRetried r =>
            new(WorkflowRetry, r.ContactId, r.Workflow, $"from step {r.FromStep}", r.Actor, null),

        AffiliateEnrolled a => new(AffiliateEnroll, a.ContactId, a.Email, $"code {a.Code}", a.Actor, null),
        AffiliateRemoved a => new(AffiliateRemove, a.ContactId, null, $"code {a.Code}", a.Actor, null),
        AffiliateReferred a =>
            new(AuditActions.AffiliateReferral, a.ContactId, null, $"referred by {a.AffiliateEmail}",
            Actor.System("affiliate"), null),
        CommunityEntryDeleted c => new(c.Comment ? CommunityCommentDelete : CommunityPostDelete, c.AuthorContactId,
            $"a {(c.Comment ? "comment" : "post")} by {c.AuthorName}", null, c.Actor, null),

        LessonMarkedComplete l => new(ProgressComplete, l.ContactId, $"{l.Product} · {l.Lesson}", null, l.Actor, null),
        ProgressReset r =>
            new(AuditActions.ProgressReset, r.ContactId, r.Product, $"{Plural.Of(r.Lessons, "lesson")} cleared",
                r.Actor,
            null),
        _ => null,
    };

    private static string Pick(CatalogChange change, string created, string updated, string deleted) => change switch
    {
        CatalogChange.Created => created,
        CatalogChange.Deleted => deleted,
        _ => updated,
    };
}
