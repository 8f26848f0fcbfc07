using System.Text.Json;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Webhooks;

public sealed record EventContact(long Id, string Email, string? FirstName, string? LastName);

/// <summary>A portal event as the API's feed and webhooks show it: ids with the names a person recognises.</summary>
public sealed record PortalEvent(long Id, string Type, DateTime OccurredAt, EventContact? Contact, long? OfferId = null,
    string? Offer = null,
    long? ProductId = null, string? Product = null, long? LessonId = null, string? Lesson = null,
        string? Method = null);

/// <summary>The recorded events in order, after a cursor; the same description feeds the API and the webhook
/// payloads.</summary>
public sealed class PortalEventFeed(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<PortalEvent>> ReadAsync(long afterId, string? type, int take,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.PortalEvents.AsNoTracking().Where(e => e.Id > afterId);
        if (!string.IsNullOrWhiteSpace(type)) q = q.Where(e => e.Type == type);
        return await DescribeAsync(db, await q.OrderBy(e => e.Id).Take(take).ToListAsync(ct), ct);
    }

    public static async Task<IReadOnlyList<PortalEvent>> DescribeAsync(PortalDbContext db,
        IReadOnlyList<PortalEventRecord> records, CancellationToken ct)
    {
        var data = records.Select(r =>
            (Record: r, Ids: JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(r.Data) ?? [])).ToList();
        var contactIds = records.Where(r => r.ContactId is not null).Select(r => r.ContactId!.Value).Distinct()
            .ToList();
        var contacts = await db.Contacts.AsNoTracking().Where(c => contactIds.Contains(c.Id))
            .Select(c => new EventContact(c.Id, c.Email, c.FirstName, c.LastName)).ToDictionaryAsync(c => c.Id, ct);
        var offerIds = Ids(data, "offer_id");
        var offers = await db.Offers.AsNoTracking().Where(o => offerIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var productIds = Ids(data, "product_id");
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Title, ct);
        var lessonIds = Ids(data, "lesson_id");
        var lessons = await db.Lessons.AsNoTracking().Where(l => lessonIds.Contains(l.Id))
            .ToDictionaryAsync(l => l.Id, l => l.Title, ct);
        return data.Select(d =>
        {
            long? Id(string name) => d.Ids.TryGetValue(name, out var v)
                && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;
            var (offer, product, lesson) = (Id("offer_id"), Id("product_id"), Id("lesson_id"));
            return new PortalEvent(d.Record.Id, d.Record.Type, d.Record.OccurredAt,
                d.Record.ContactId is { } c ? contacts.GetValueOrDefault(c) : null,
                offer, offer is { } o ? offers.GetValueOrDefault(o) : null,
                product, product is { } p ? products.GetValueOrDefault(p) : null,
                lesson, lesson is { } l ? lessons.GetValueOrDefault(l) : null,
                d.Ids.TryGetValue("method", out var m) ? m.GetString() : null);
        }).ToList();
    }

    private static List<long> Ids(IEnumerable<(PortalEventRecord Record, Dictionary<string, JsonElement> Ids)> data,
        string name) =>
        data.Select(d => d.Ids.TryGetValue(name, out var v)
            && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : (long?)null)
            .OfType<long>().Distinct().ToList();
}
