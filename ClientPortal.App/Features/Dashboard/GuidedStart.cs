using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Dashboard;

/// <summary>One step of the guided start: ticked by what the portal holds, never by a click on the list.</summary>
public sealed record StartStep(string Title, string Help, string Href, string Action, bool Done);

/// <summary>The dashboard's guided start for a new portal; <paramref name="Hidden"/> once the team hid it.</summary>
public sealed record StartChecklist(IReadOnlyList<StartStep> Steps, bool Hidden)
{
    public int Done => Steps.Count(s => s.Done);
    public bool Finished => Done == Steps.Count;
}

/// <summary>What a creator does first, read from the portal itself: branded, a course, an offer, their own entry
/// through a link, their first learners invited.</summary>
public sealed class GuidedStart(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<StartChecklist> ForAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.Settings.AsNoTracking().SingleAsync(ct);
        if (settings.StartChecklistHiddenAt is not null) return new StartChecklist([], Hidden: true);
        // A team member's name is their email: the contact of the same address is them.
        var me = actor.Name.Contains('@') ? ContactEmail.Normalize(actor.Name) : null;
        var self = me is null ? null : await db.Contacts.AsNoTracking().Where(c => c.NormalizedEmail == me)
            .Select(c => new { c.PortalStatus }).FirstOrDefaultAsync(ct);
        return new StartChecklist(
        [
            new("Brand the portal", "Your name, colour and logo on every page and email.", "/admin/settings",
                "Open settings", settings.IsBranded),
            new("Create a course", "Modules and lessons your learners work through.", "/admin/products",
                "Create a course", await db.Products.AnyAsync(p => p.Kind == ProductKind.Course, ct)),
            new("Bundle it in an offer", "An offer is what you grant: one or more products.", "/admin/offers",
                "Create an offer", await db.Offers.AnyAsync(ct)),
            new("Add yourself as a contact and open your link",
                "See the portal as your learners will: grant yourself the offer, then open a magic link.",
                "/admin/contacts", "Add yourself", self?.PortalStatus == PortalStatus.Active),
            new("Invite your first learners", "They get an email with a one-click link.", "/admin/contacts",
                "Go to contacts",
                await db.Contacts.AnyAsync(c => c.InvitedAt != null && c.NormalizedEmail != me, ct)),
        ], Hidden: false);
    }

    public async Task HideAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.Settings.SingleAsync(ct);
        settings.HideStartChecklist(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }
}
