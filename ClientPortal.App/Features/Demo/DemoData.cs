using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.MagicLinks;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Settings;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Demo;

/// <summary>A realistic demo catalog and audience. Runs once per database (idempotent).</summary>
public sealed class DemoData(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock,
    Messaging.PortalMessages messages,
    Settings.PortalUrls urls)
{
    private static readonly Actor Demo = Actor.System("Demo");
    private const int ContactCount = 200;

    /// <summary>What the demo adds, in the words start-up says it in.</summary>
    public static string Summary =>
        $"{Courses.Length} courses with their lessons, a community, two offers and {ContactCount} contacts in mixed " +
        "states (invited, active, some never invited)";

    private static readonly string[] FirstNames =
        ["Ava", "Liam", "Maya", "Noah", "Zoe", "Ethan", "Lena", "Omar", "Iris", "Jonas", "Priya", "Mateo", "Hana",
            "Felix", "Nora", "Tariq", "Elif", "Sven", "Chloe", "Kenji"];

    private static readonly string[] LastNames =
        ["Garcia", "Kim", "Novak", "Okafor", "Larsen", "Rossi", "Tanaka", "Dubois", "Silva", "Müller", "Haddad",
            "Kowalski", "Nguyen", "Berg", "Costa", "Fischer", "Patel", "Moreau", "Jensen", "Ortiz"];

    private static readonly (string Title, string Description, string[] Categories)[] Courses =
    [
        ("Photography Foundations", "Light, composition and your camera's manual mode in six weeks.",
            ["Getting started", "Exposure", "Composition", "Editing"]),
        ("Sourdough at Home", "From starter to a crackling loaf, with a schedule that fits a working week.",
            ["Your starter", "The first loaf", "Shaping and scoring"]),
        ("Email Marketing for Creators", "Build a list, write emails people open, and sell without being pushy.",
            ["Your list", "Writing", "Launches"]),
    ];

    /// <returns>False when the demo was already seeded.</returns>
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var settings = await db.Settings.SingleAsync(s => s.Id == PortalSettings.SingletonId, ct);
        if (settings.DemoSeededAt is not null) return false;

        var now = clock.GetUtcNow().UtcDateTime;
        var rng = new Random(42);
        var products = Courses.Select(c => new Product
        {
            Kind = ProductKind.Course,
            Title = c.Title,
            Description = c.Description,
            IsPublished = true,
            CreatedAt = now.AddDays(-90),
            Categories = c.Categories.Select((cat, ci) => new Category
            {
                Title = cat,
                Position = ci,
                Lessons = Enumerable.Range(1, 3).Select(li => new Lesson
                {
                    Title = $"{cat}: part {li}",
                    Position = li - 1,
                    BodyMarkdown = $"## {cat}, part {li}\n\nIn this lesson of **{c.Title}** you will practise one " +
                        $"idea and keep notes.\n\n- Watch the short demo\n- Try it yourself\n- Share what you made",
                }).ToList(),
            }).ToList(),
        }).ToList();
        // The third course is shown locked, as an upsell, to learners without it.
        products[2].ShowLockedInLibrary = true;
        products[2].UpsellUrl = "https://example.com/email-marketing";
        var community = new Product
        {
            Kind = ProductKind.Community,
            Title = "Creators' Circle",
            Description = "A space for members to share work and ask questions.",
            IsPublished = true,
            CreatedAt = now.AddDays(-60),
        };
        db.Products.AddRange(products);
        db.Products.Add(community);
        await db.SaveChangesAsync(ct);

        var starter = new Offer
        {
            Name = "Starter: Photography",
            Description = "The photography course on its own.",
            CreatedAt = now.AddDays(-80),
            Products = [new OfferProduct { ProductId = products[0].Id }],
        };
        var allAccess = new Offer
        {
            Name = "All Access",
            Description = "Every course and the community.",
            CreatedAt = now.AddDays(-80),
            Products = [.. products.Select(p => new OfferProduct { ProductId = p.Id }),
                new OfferProduct { ProductId = community.Id }],
        };
        db.Offers.AddRange(starter, allAccess);
        await db.SaveChangesAsync(ct);

        DateTime Past(DateTime at, int minutesBeforeNow) => Before(now, at, minutesBeforeNow);
        for (var i = 0; i < ContactCount; i++)
        {
            var first = FirstNames[i % FirstNames.Length];
            var last = LastNames[(i / FirstNames.Length + i) % LastNames.Length];
            var email = $"{first}.{last}.{i}@example.com".ToLowerInvariant().Replace("ü", "u");
            var created = now.AddDays(-rng.Next(1, 85)).AddMinutes(-rng.Next(0, 1440));
            var status = (PortalStatus)(i % 10 < 4 ? 0 : i % 10 < 7 ? 1 : 2);
            string[] tags = i % 3 == 0 ? ["newsletter"] : i % 7 == 0 ? ["vip"] : [];
            var contact = Contact.Create(new ContactDetails(email, first, last, null, tags), created);
            if (status >= PortalStatus.Invited)
                contact.Invite(Demo, Past(created.AddHours(rng.Next(1, 48)), 240), null);
            if (status == PortalStatus.Active)
            {
                contact.Enter(Past(contact.InvitedAt!.Value.AddHours(rng.Next(1, 72)), 180));
                contact.Enter(Past(contact.FirstAccessAt!.Value.AddDays(rng.Next(0, 10)), 60));
                if (i % 5 < 3)
                    contact.StartedALesson(Past(contact.FirstAccessAt.Value.AddHours(rng.Next(1, 30)), 90));
            }
            contact.ClearDomainEvents(); // the demo writes its own history (AddHistory)
            db.Contacts.Add(contact);
        }
        await db.SaveChangesAsync(ct);
        foreach (var (contact, i) in db.Contacts.Local.OrderBy(c => c.Id).Select((c, i) => (c, i))
            .Where(p => p.i % 4 != 3).ToList())
        {
            var offer = i % 2 == 0 ? starter : allAccess;
            var grant = Grant.Give(contact.Id, offer.Id, offer.Name, i % 17 == 0 ? now.AddDays(-1) : null, Demo,
                contact.CreatedAt, null);
            grant.ClearDomainEvents();
            db.Grants.Add(grant);
        }
        await db.SaveChangesAsync(ct);
        AddHistory(db, settings, db.Contacts.Local.Where(c => c.InvitedAt is not null).OrderBy(c => c.Id).ToList(), now,
            rng,
            await urls.BaseUrlAsync(ct));
        settings.DemoSeededAt = now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Every made-up moment lies in the past, each step later than the one before: a moment due after now is
    /// moved to a fixed distance before now (later steps closer to now).</summary>
    private static DateTime Before(DateTime now, DateTime at, int minutesBeforeNow) =>
        at < now.AddMinutes(-minutesBeforeNow) ? at : now.AddMinutes(-minutesBeforeNow);

    /// <summary>
    /// What a portal in use has behind it, so the dashboard tells a story from the first minute: every invite sent and
    /// most delivered, some links opened and not used, logins over the last 30 days, the feed of recent events.
    /// </summary>
    private void AddHistory(PortalDbContext db, PortalSettings settings, IReadOnlyList<Contact> invited, DateTime now,
        Random rng, string baseUrl)
    {
        var invite = ClientPortal.Domain.Messaging.DefaultTemplates.All.Single(t =>
            t.Key == ClientPortal.Domain.Messaging.DefaultTemplates.Invite);
        AuditEvent Event(string action, Contact c, DateTime at, string? details = null) =>
            new() { At = at, ActorName = action.StartsWith("login.", StringComparison.Ordinal) ? c.Email : "Demo",
                Action = action, ContactId = c.Id, Details = details };
        var events = new List<AuditEvent>();

        foreach (var c in invited)
        {
            var sentAt = c.InvitedAt!.Value;
            var delivered = c.Id % 9 != 0; // a few addresses bounce
            var joined = c.FirstAccessAt is not null;
            var (link, token) = MagicLink.Issue(new LinkIssue(c.Id, null, MagicLinkPurpose.Invite, LinkSection.Home),
                settings, "Demo", sentAt);
            if (delivered) link.Delivered(sentAt.AddMinutes(1));
            // Everyone who joined opened the link; some others opened it and stopped there.
            if (joined) link.Opened(c.FirstAccessAt!.Value.AddMinutes(-2));
            else if (delivered && c.Id % 3 == 0) link.Opened(Before(now, sentAt.AddHours(rng.Next(2, 60)), 200));
            if (joined) link.Used(c.FirstAccessAt!.Value, null);
            db.MagicLinks.Add(link);

            var message = messages.ComposeLoginLink(invite, settings, c, baseUrl, $"{baseUrl}/l/{token}",
                $"This link works until {PortalTime.Of(settings.TimeZone).Exact(link.ExpiresAt)}.",
                $"demo-invite:{c.Id}", null);
            (message.CreatedAt, message.NextAttemptAt, message.Attempts) = (sentAt, sentAt, delivered ? 1 : 5);
            message.Status = delivered ? MessageStatus.Sent : MessageStatus.Failed;
            message.SentAt = delivered ? sentAt.AddMinutes(1) : null;
            message.LastError = delivered ? null : "550 5.1.1 The mailbox does not exist.";
            db.Outbox.Add(message);
            events.Add(Event(AuditActions.InviteSend, c, sentAt));

            if (!joined) continue;
            events.Add(Event(AuditActions.LinkRedeem, c, c.FirstAccessAt!.Value));
            events.Add(Event(AuditActions.LoginLink, c, c.FirstAccessAt!.Value, "first entry"));
            // Returning learners, more of them lately: a few sign-ins each over the last 30 days.
            for (var k = rng.Next(0, 6); k > 0; k--)
            {
                var at = now.AddDays(-(1 - Math.Sqrt(rng.NextDouble())) * 29).AddMinutes(-rng.Next(0, 600));
                if (at > c.FirstAccessAt) events.Add(Event(rng.Next(4) == 0 ? AuditActions.LoginPassword
                    : AuditActions.LoginLink, c, at));
            }
        }
        db.AuditEvents.AddRange(events.OrderBy(e => e.At)); // the feed reads newest by id
    }
}
