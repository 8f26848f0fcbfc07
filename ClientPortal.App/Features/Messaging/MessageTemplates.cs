using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Messaging;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Messaging;

/// <summary>The templates in force: an Owner's or Admin's edit, else the default. Saving refuses unknown
/// fields.</summary>
public sealed class MessageTemplates(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<TemplateText> GetAsync(string key, CancellationToken ct = default)
    {
        var fallback = DefaultTemplates.Get(key);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edited = await db.MessageTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Key == key, ct);
        return edited is null ? fallback : fallback with { Subject = edited.Subject, Body = edited.Body };
    }

    public async Task<IReadOnlyList<(TemplateText Template, bool Edited)>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edited = await db.MessageTemplates.AsNoTracking().ToDictionaryAsync(t => t.Key, ct);
        return DefaultTemplates.All.Select(d => edited.TryGetValue(d.Key, out var e)
            ? (d with { Subject = e.Subject, Body = e.Body }, true)
            : (d, false)).ToList();
    }

    public async Task<Outcome> SaveAsync(string key, string subject, string body, Actor actor,
        CancellationToken ct = default)
    {
        if (actor.Role is not (Roles.Owner or Roles.Admin)) return Outcome.Fail("Only an Owner or Admin can edit " +
            "templates.");
        if (DefaultTemplates.All.All(t => t.Key != key)) return Outcome.Fail("Unknown template.");
        if (TemplateRules.Check(key, subject, body) is { Count: > 0 } problems) return Outcome.Invalid(problems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.MessageTemplates.FirstOrDefaultAsync(t => t.Key == key, ct);
        if (row is null) db.MessageTemplates.Add(row = new MessageTemplate { Key = key, Subject = subject,
            Body = body });
        row.Write(subject, body, actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    public async Task<Outcome> ResetAsync(string key, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role is not (Roles.Owner or Roles.Admin)) return Outcome.Fail("Only an Owner or Admin can edit " +
            "templates.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.MessageTemplates.FirstOrDefaultAsync(t => t.Key == key, ct);
        if (row is null) return Outcome.Ok; // already the default
        row.Reset(actor, clock.GetUtcNow().UtcDateTime);
        db.MessageTemplates.Remove(row);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }
}
