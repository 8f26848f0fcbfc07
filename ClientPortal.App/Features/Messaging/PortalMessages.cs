using ClientPortal.App.Features.MagicLinks;
using ClientPortal.App.Features.Settings;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.MagicLinks;
using ClientPortal.Domain.Messaging;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Settings;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Messaging;

public sealed record QueueResult(IReadOnlyList<long> Queued, int AlreadyQueued, IReadOnlyList<long> Missing);

/// <summary>
/// Composes the portal's emails from templates and queues them. {{login_url}} mints a fresh magic link for
/// each recipient at send time; every email with a link states when it expires. One path for one
/// recipient and for ten thousand: links, outbox rows and audit entries are written a chunk per transaction.
/// </summary>
public sealed class PortalMessages(
    IDbContextFactory<PortalDbContext> dbFactory,
    MessageTemplates templates,
    Outbox outbox,
    PortalUrls urls,
    TimeProvider clock)
{
    /// <summary>Queues a login (or invite) email with a one-click link for one contact.</summary>
    public async Task<Outcome> SendLoginLinkAsync(long contactId, string templateKey, MagicLinkPurpose purpose,
        string? section,
        Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        var result = await QueueLoginLinksAsync([contactId], templateKey, purpose, section, actor, _ => idempotencyKey,
            null, ct);
        return result.Missing.Count > 0 ? Outcome.Fail("This contact no longer exists.") : Outcome.Ok;
    }

    /// <summary>
    /// Queues one link email per contact, in one transaction. Contacts whose key is already queued are
    /// counted, not queued again (a resumed job or a retry never sends twice). <paramref name="alsoInTransaction"/>
    /// lets a caller change each contact (tracked) in the same unit of work (an invite marks it Invited).
    /// </summary>
    public async Task<QueueResult> QueueLoginLinksAsync(IReadOnlyList<long> contactIds, string templateKey,
        MagicLinkPurpose purpose,
        string? section, Actor actor, Func<long, string> keyFor, Action<Contact>? alsoInTransaction = null,
        CancellationToken ct = default)
    {
        var template = await templates.GetAsync(templateKey, ct);
        return await QueueLoginLinksAsync(contactIds, template, purpose, section, actor, keyFor, alsoInTransaction, ct);
    }

    /// <summary>A message whose text is not a stored template (a workflow step's): a login link is minted only if it
    /// asks for one.</summary>
    public async Task<Outcome> SendCustomEmailAsync(long contactId, string kind, string subject, string body,
        Actor actor, string idempotencyKey,
        CancellationToken ct = default)
    {
        var template = new TemplateText(kind, kind, subject, body);
        if (MergeFields.Find(subject + "\n" + body).Any(p => p.Name == "login_url"))
        {
            var result = await QueueLoginLinksAsync([contactId], template, MagicLinkPurpose.Workflow, null, actor,
                _ => idempotencyKey, null, ct);
            return result.Missing.Count > 0 ? Outcome.Fail("This contact no longer exists.") : Outcome.Ok;
        }
        return await SendSimpleAsync(contactId, template, [], idempotencyKey, ct) is null
            ? Outcome.Fail("This contact no longer exists.") : Outcome.Ok;
    }

    /// <summary>An SMS with the same merge fields (a login link minted when asked for); skipped with a reason when the
    /// contact has no phone.</summary>
    public async Task<Outcome> SendCustomSmsAsync(long contactId, string body, Actor actor, string idempotencyKey,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Outbox.AnyAsync(m => m.IdempotencyKey == idempotencyKey, ct)) return Outcome.Ok;
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null) return Outcome.Fail("This contact no longer exists.");
        if (string.IsNullOrWhiteSpace(contact.Phone)) return Outcome.Fail("This contact has no phone number.");
        var settings = await db.Settings.AsNoTracking().SingleAsync(ct);
        var baseUrl = await urls.BaseUrlAsync(ct);
        var values = CommonValues(contact, settings.PortalName, baseUrl);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var links = new List<MagicLink>();
        foreach (var p in MergeFields.Find(body).Where(p => p.Name == "login_url"))
        {
            if (!LinkSection.TryParse(p.Argument, out var target)) return Outcome.Fail(LinkSection.Unknown(p.Argument));
            var (link, token) = MagicLink.Issue(new LinkIssue(contact.Id, null, MagicLinkPurpose.Workflow,
                await NamedAsync(db, target, ct)), settings, actor.Name, now);
            values[p.Raw] = $"{baseUrl}/l/{token}";
            links.Add(link);
        }
        BulkInsert.Insert(db, links); // the ids the issue records carry
        foreach (var link in links)
        {
            link.Issued(actor, now, "by SMS");
            db.RaiseFrom(link);
        }
        var text = MergeFields.Render(body,
            p => values.TryGetValue(p.Raw, out var v) ? v : values.GetValueOrDefault("{{" + p.Name + "}}", ""))
            .Text.Trim();
        db.Outbox.Add(outbox.Create(MessageChannel.Sms, "sms", contact.Phone.Trim(), null, "", text, idempotencyKey,
            contact.Id, null));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        outbox.Signal();
        return Outcome.Ok;
    }

    /// <summary>A course section by its course's title, for the records of the links made to it.</summary>
    private static async Task<LinkSection> NamedAsync(PortalDbContext db, LinkSection section, CancellationToken ct) =>
        section.CourseId is { } id
            ? section.Titled(await db.Products.Where(p => p.Id == id).Select(p => p.Title).FirstOrDefaultAsync(ct))
            : section;

    private async Task<QueueResult> QueueLoginLinksAsync(IReadOnlyList<long> contactIds, TemplateText template,
        MagicLinkPurpose purpose,
        string? section, Actor actor, Func<long, string> keyFor, Action<Contact>? alsoInTransaction,
            CancellationToken ct)
    {
        var templateKey = template.Key;
        if (!LinkSection.TryParse(section,
            out var defaultSection)) throw new ArgumentException(LinkSection.Unknown(section), nameof(section));
        var placeholders = MergeFields.Find(template.Subject + "\n" + template.Body);
        // One link per section the template links to; the first is the one the footer's expiry describes.
        LinkSection SectionOf(MergeFields.Placeholder p) =>
            p.Argument is null ? defaultSection : LinkSection.Stored(p.Argument);
        var targets = placeholders.Where(p => p.Name == "login_url").Select(SectionOf).Distinct().ToList();
        if (targets.Count == 0) throw new InvalidOperationException($"The '{templateKey}' template has no " +
            $"{{{{login_url}}}}.");
        var now = clock.GetUtcNow().UtcDateTime;
        var baseUrl = await urls.BaseUrlAsync(ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var settings = await db.Settings.AsNoTracking().SingleAsync(ct);
        for (var i = 0; i < targets.Count; i++) targets[i] = await NamedAsync(db, targets[i], ct);
        var time = PortalTime.Of(settings.TimeZone);
        var prepared = (Subject: MergeFields.Prepare(template.Subject),
            Body: EmailLayout.Apply(MergeFields.Prepare(template.Body), EmailBrand.Of(settings, baseUrl)));
        var contactQuery = db.Contacts.Where(c => contactIds.Contains(c.Id));
        // Tracked only when the caller changes them (an invite marks each contact Invited).
        if (alsoInTransaction is null) contactQuery = contactQuery.AsNoTracking();
        var contacts = await contactQuery.ToDictionaryAsync(c => c.Id, ct);
        var keys = contactIds.Distinct().ToDictionary(id => id, keyFor);
        var keyList = keys.Values.ToList();
        var queuedKeys = (await db.Outbox.Where(m => keyList.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey)
            .ToListAsync(ct)).ToHashSet();

        var pending = new List<(Contact Contact, Dictionary<LinkSection, (MagicLink Link, string Url)> Links)>();
        var newLinks = new List<MagicLink>();
        foreach (var id in keys.Keys.Where(id => contacts.ContainsKey(id) && !queuedKeys.Contains(keys[id])))
        {
            var contact = contacts[id];
            var links = targets.ToDictionary(t => t, t =>
            {
                var (link, token) = MagicLink.Issue(new LinkIssue(id, null, purpose, t), settings, actor.Name, now);
                newLinks.Add(link);
                return (link, $"{baseUrl}/l/{token}");
            });
            alsoInTransaction?.Invoke(contact);
            pending.Add((contact, links));
        }
        BulkInsert.Insert(db, newLinks); // assigns the link ids the outbox rows refer to

        // Rendering and encrypting is pure CPU work per recipient: spread it over the cores.
        var messages = pending.AsParallel().AsOrdered().Select(p =>
        {
            var (contact, links) = p;
            var values = CommonValues(contact, settings.PortalName, baseUrl);
            foreach (var placeholder in placeholders.Where(x =>
                x.Name == "login_url")) values[placeholder.Raw] = links[SectionOf(placeholder)].Url;
            var primary = links[targets[0]].Link;
            var footer = $"This link works until {time.Exact(primary.ExpiresAt)}.";
            return Compose(template, prepared, contact, values, footer, keys[contact.Id], primary.Id);
        }).ToList();
        BulkInsert.Insert(db, messages); // assigns the ids the events carry
        foreach (var link in newLinks)
        {
            link.Issued(actor, now, $"by email ({template.Name})");
            db.RaiseFrom(link);
        }
        foreach (var m in messages) db.Raise(new MessageQueued(m.Id, m.ContactId, m.Kind, now));
        await db.SaveChangesAsync(ct);
            // what alsoInTransaction changed, the audit rows; the events go out after the commit
        await tx.CommitAsync(ct);
        outbox.Signal();
        return new QueueResult(pending.Select(p => p.Contact.Id).ToList(),
            keys.Count(k => contacts.ContainsKey(k.Key)) - pending.Count,
            keys.Keys.Where(id => !contacts.ContainsKey(id)).ToList());
    }

    public async Task<long?> SendCodeAsync(long contactId, string code, string idempotencyKey,
        CancellationToken ct = default) =>
        await SendSimpleAsync(contactId, DefaultTemplates.LoginCode, new() { ["{{code}}"] = code }, idempotencyKey, ct);

    public async Task<long?> SendPasswordResetAsync(Contact contact, string resetUrl, string idempotencyKey,
        CancellationToken ct = default) =>
        await SendSimpleAsync(contact.Id, DefaultTemplates.PasswordReset, new() { ["{{reset_url}}"] = resetUrl },
            idempotencyKey, ct);

    public async Task<long?> SendPasswordChangedAsync(long contactId, string idempotencyKey,
        CancellationToken ct = default) =>
        await SendSimpleAsync(contactId, DefaultTemplates.PasswordChanged, [], idempotencyKey, ct);

    /// <summary>Renders a template for a preview: fields from the chosen contact, links shown as placeholders (none is
    /// minted).</summary>
    public async Task<(string Subject, string Html, string Text)> PreviewAsync(string subject, string body,
        long? contactId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.Settings.AsNoTracking().SingleAsync(ct);
        var contact = contactId is { } id ? await db.Contacts.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == id, ct) : null;
        contact ??= Contact.Create(new ContactDetails("ada@example.com", "Ada", "Lovelace", null, []), clock.GetUtcNow()
            .UtcDateTime);
        var baseUrl = await urls.BaseUrlAsync(ct);
        var values = CommonValues(contact, settings.PortalName, baseUrl);
        string Value(MergeFields.Placeholder p) => p.Name switch
        {
            "login_url" => $"{baseUrl}/l/(a fresh link for {contact.Email}, minted when sent)",
            "code" => "123456",
            "reset_url" => $"{baseUrl}/login/reset/(minted when sent)",
            _ => values.GetValueOrDefault("{{" + p.Name + "}}", ""),
        };
        var (html, text) = EmailLayout.WithNote(MergeFields.Fill(EmailLayout.Apply(MergeFields.Prepare(body),
            EmailBrand.Of(settings, baseUrl)), Value),
            body.Contains("{{login_url", StringComparison.Ordinal)
                ? "This link works until (the link's expiry, set when sent)." : null);
        return (MergeFields.Render(subject, Value).Text.Trim(), html, text);
    }

    private async Task<long?> SendSimpleAsync(long contactId, string templateKey, Dictionary<string, string> extra,
        string idempotencyKey,
        CancellationToken ct) =>
        await SendSimpleAsync(contactId, await templates.GetAsync(templateKey, ct), extra, idempotencyKey, ct);

    private async Task<long?> SendSimpleAsync(long contactId, TemplateText template, Dictionary<string, string> extra,
        string idempotencyKey,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId, ct);
        if (contact is null) return null;
        var settings = await db.Settings.AsNoTracking().SingleAsync(ct);
        var values = CommonValues(contact, settings.PortalName, await urls.BaseUrlAsync(ct));
        foreach (var (k, v) in extra) values[k] = v;
        var prepared = (MergeFields.Prepare(template.Subject),
            EmailLayout.Apply(MergeFields.Prepare(template.Body), EmailBrand.Of(settings, values["{{portal.url}}"])));
        return await outbox.EnqueueAsync(Compose(template, prepared, contact, values, null, idempotencyKey, null), ct);
    }

    /// <summary>
    /// One login-link email, built exactly as a queued one is (the demo's history uses it for the invites it pretends
    /// were sent): the template's text for this contact, in the portal's layout, with the link and its expiry note.
    /// </summary>
    public OutboxMessage ComposeLoginLink(TemplateText template, PortalSettings settings, Contact contact,
        string baseUrl, string loginUrl,
        string? footer, string idempotencyKey, long? linkId)
    {
        var prepared = (MergeFields.Prepare(template.Subject),
            EmailLayout.Apply(MergeFields.Prepare(template.Body), EmailBrand.Of(settings, baseUrl)));
        var values = CommonValues(contact, settings.PortalName, baseUrl);
        foreach (var p in MergeFields.Find(template.Subject + "\n" + template.Body)
            .Where(p => p.Name == "login_url")) values[p.Raw] = loginUrl;
        return Compose(template, prepared, contact, values, footer, idempotencyKey, linkId);
    }

    /// <summary>
    /// A team invitation, in the portal's layout: who invited them, the role and what it may do, and the one-time
    /// link to choose a password (<paramref name="acceptUrl"/>, valid until <paramref name="expires"/>).
    /// </summary>
    public Task<long> SendTeamInviteAsync(string email, string? name, string role, string acceptUrl,
        DateTime expires, Actor invitedBy, CancellationToken ct = default) =>
        SendToAsync(DefaultTemplates.TeamInvite, email, new()
        {
            ["{{member.name}}"] = name ?? "there",
            ["{{invited_by}}"] = invitedBy.Name,
            ["{{role}}"] = role,
            ["{{role.may}}"] = Roles.WhatTheyMayDo(role),
            ["{{accept_url}}"] = acceptUrl,
        }, until => $"The link works once, until {until.Exact(expires)}.", $"team-invite:{Guid.NewGuid():N}", ct);

    /// <summary>Settings' "Send test email", in the portal's layout.</summary>
    public Task<long> SendSmtpTestAsync(string to, CancellationToken ct = default) =>
        SendToAsync(DefaultTemplates.SmtpTest, to.Trim(), [], null, $"smtp-test:{Guid.NewGuid():N}", ct);

    /// <summary>A fixed message to someone who need not be a contact: the portal's fields and
    /// <paramref name="values"/>.</summary>
    /// <summary>One email to an address; <paramref name="footer"/> is written in the portal's time zone.</summary>
    private async Task<long> SendToAsync(TemplateText template, string to, Dictionary<string, string> values,
        Func<PortalTime, string>? footer, string idempotencyKey, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.Settings.AsNoTracking().SingleAsync(ct);
        values["{{portal.name}}"] = settings.PortalName;
        values["{{portal.url}}"] = await urls.BaseUrlAsync(ct);
        var prepared = (MergeFields.Prepare(template.Subject),
            EmailLayout.Apply(MergeFields.Prepare(template.Body), EmailBrand.Of(settings, values["{{portal.url}}"])));
        return await outbox.EnqueueAsync(Compose(template, prepared, to, null, values,
            footer?.Invoke(PortalTime.Of(settings.TimeZone)), idempotencyKey, null), ct);
    }

    private OutboxMessage Compose(TemplateText template,
        (MergeFields.Prepared Subject, MergeFields.Prepared Body) prepared, Contact contact,
        Dictionary<string, string> values, string? footer, string idempotencyKey, long? linkId) =>
        Compose(template, prepared, contact.Email, contact.Id, values, footer, idempotencyKey, linkId);

    private OutboxMessage Compose(TemplateText template,
        (MergeFields.Prepared Subject, MergeFields.Prepared Body) prepared, string to, long? contactId,
        Dictionary<string, string> values, string? footer, string idempotencyKey, long? linkId)
    {
        string Value(MergeFields.Placeholder p) =>
            values.TryGetValue(p.Raw, out var v) ? v : values.GetValueOrDefault("{{" + p.Name + "}}", "");
        var subject = MergeFields.Fill(prepared.Subject, Value).Text.Trim();
        var (html, text) = EmailLayout.WithNote(MergeFields.Fill(prepared.Body, Value), footer);
        return outbox.Create(MessageChannel.Email, template.Key, to, subject, html, text.Trim() + "\n",
            idempotencyKey, contactId, linkId);
    }

    private static Dictionary<string, string> CommonValues(Contact contact, string portalName, string baseUrl) => new()
    {
        ["{{contact.first_name}}"] = contact.FirstName ?? "there",
        ["{{contact.last_name}}"] = contact.LastName ?? "",
        ["{{contact.email}}"] = contact.Email,
        ["{{portal.name}}"] = portalName,
        ["{{portal.url}}"] = baseUrl,
    };
}
