using ClientPortal.Domain.Data;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.MagicLinks;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Settings;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Domain.Messaging;

/// <summary>
/// Composes the portal's emails from templates and queues them. {{login_url}} mints a fresh magic link for
/// the recipient at send time; every email with a link states when it expires.
/// </summary>
public sealed class PortalMessages(
    IDbContextFactory<PortalDbContext> dbFactory,
    MagicLinkService links,
    Outbox outbox,
    PortalUrls urls)
{
    /// <summary>The template in force for a key (stored overrides come with the template editor).</summary>
    public Task<TemplateText> TemplateAsync(string key, CancellationToken ct = default) => Task.FromResult(DefaultTemplates.Get(key));

    /// <summary>Queues a login (or invite) email with a one-click link for the contact.</summary>
    public async Task<Outcome<long>> SendLoginLinkAsync(long contactId, string templateKey, MagicLinkPurpose purpose, string? section,
        Actor actor, string idempotencyKey, CancellationToken ct = default)
    {
        var contact = await ContactAsync(contactId, ct);
        if (contact is null) return Outcome<long>.Fail("This contact no longer exists.");
        var template = await TemplateAsync(templateKey, ct);
        var minted = new Dictionary<string, IssuedLink>();
        string? failure = null;
        async Task<string> LinkFor(string? argument)
        {
            var target = argument ?? section ?? "home";
            if (minted.TryGetValue(target, out var existing)) return existing.Url;
            var issued = await links.IssueAsync(new LinkRequest(contactId, null, purpose, target), actor, ct);
            if (!issued.Succeeded) { failure = issued.ErrorText; return ""; }
            minted[target] = issued.Value!;
            return issued.Value!.Url;
        }

        var values = await CommonValuesAsync(contact, ct);
        foreach (var p in MergeFields.Find(template.Subject + "\n" + template.Body).Where(p => p.Name == "login_url"))
            values[p.Raw] = await LinkFor(p.Argument);
        if (failure is not null) return Outcome<long>.Fail(failure);
        if (minted.Count == 0) values["{{login_url}}"] = await LinkFor(null); // a template without a link still gets one below
        var primary = minted.Values.First();
        var footer = $"This link works until {primary.ExpiresAt:d MMM yyyy, HH:mm} UTC.";
        var id = await QueueAsync(template, contact, values, footer, idempotencyKey, primary.Id, ct);
        return Outcome<long>.Success(id);
    }

    public async Task<long?> SendCodeAsync(long contactId, string code, string idempotencyKey, CancellationToken ct = default)
    {
        var contact = await ContactAsync(contactId, ct);
        if (contact is null) return null;
        var values = await CommonValuesAsync(contact, ct);
        values["{{code}}"] = code;
        return await QueueAsync(await TemplateAsync(DefaultTemplates.LoginCode, ct), contact, values, null, idempotencyKey, null, ct);
    }

    public async Task<long?> SendPasswordResetAsync(Contact contact, string resetUrl, string idempotencyKey, CancellationToken ct = default)
    {
        var values = await CommonValuesAsync(contact, ct);
        values["{{reset_url}}"] = resetUrl;
        return await QueueAsync(await TemplateAsync(DefaultTemplates.PasswordReset, ct), contact, values, null, idempotencyKey, null, ct);
    }

    public async Task<long?> SendPasswordChangedAsync(long contactId, string idempotencyKey, CancellationToken ct = default)
    {
        var contact = await ContactAsync(contactId, ct);
        if (contact is null) return null;
        var values = await CommonValuesAsync(contact, ct);
        return await QueueAsync(await TemplateAsync(DefaultTemplates.PasswordChanged, ct), contact, values, null, idempotencyKey, null, ct);
    }

    private async Task<long> QueueAsync(TemplateText template, Contact contact, Dictionary<string, string> values, string? footer,
        string idempotencyKey, long? linkId, CancellationToken ct)
    {
        string Value(MergeFields.Placeholder p) => values.TryGetValue(p.Raw, out var v) ? v : values.GetValueOrDefault("{{" + p.Name + "}}", "");
        var subject = MergeFields.Render(template.Subject, Value).Text.Trim();
        var (html, text) = MergeFields.Render(template.Body, Value);
        if (footer is not null)
        {
            html += $"<p style=\"color:#5f6477;font-size:13px\">{System.Net.WebUtility.HtmlEncode(footer)}</p>";
            text += $"\n\n{footer}";
        }
        return await outbox.EnqueueAsync(new EmailDraft(template.Key, contact.Email, subject, html, text.Trim() + "\n", idempotencyKey,
            contact.Id, linkId), ct);
    }

    private async Task<Contact?> ContactAsync(long id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.DeletedAt == null, ct);
    }

    private async Task<Dictionary<string, string>> CommonValuesAsync(Contact contact, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var portalName = await db.Settings.Select(s => s.PortalName).SingleAsync(ct);
        return new Dictionary<string, string>
        {
            ["{{contact.first_name}}"] = contact.FirstName ?? "there",
            ["{{contact.last_name}}"] = contact.LastName ?? "",
            ["{{contact.email}}"] = contact.Email,
            ["{{portal.name}}"] = portalName,
            ["{{portal.url}}"] = await urls.BaseUrlAsync(ct),
        };
    }
}
