using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Entities;

/// <summary>A receiver of portal events: an address, the events it wants, and the key its calls are signed
/// with.</summary>
public class WebhookSubscription : EventSource
{
    public long Id { get; set; }
    public required string Url { get; set; }
    /// <summary>Space-separated public event names.</summary>
    public required string Events { get; set; }
    public required string Secret { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    /// <summary>The API key that made it, which alone of the keys may see and change it; null when made by a
    /// person.</summary>
    public long? CreatedByApiKeyId { get; private set; }

    public IReadOnlyList<string> EventList => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    public bool Wants(string type) => EventList.Contains(type);

    /// <summary>
    /// People (the Owner and Admins) manage every subscription; an API key only those it made, so a key cannot re-point
    /// another's subscription at a receiver of its own.
    /// </summary>
    public bool ManageableBy(Actor actor) => actor.ApiKeyId is not { } key || CreatedByApiKeyId == key;

    /// <summary>The query form of <see cref="ManageableBy"/>.</summary>
    public static System.Linq.Expressions.Expression<Func<WebhookSubscription,
        bool>> ManageableByExpression(Actor actor)
    {
        var key = actor.ApiKeyId;
        return s => key == null || s.CreatedByApiKeyId == key;
    }

    /// <summary>
    /// A key may subscribe only to events it may read: what an event carries is guarded by a read permission
    /// (<see cref="PublicEvents.ReadScope"/>), and a subscription must not be a way around it.
    /// </summary>
    public static Problems ScopeProblems(IEnumerable<string> events, IReadOnlyCollection<string> scopes)
    {
        var problems = new Problems();
        foreach (var missing in events.Where(PublicEvents.All.Contains).Select(PublicEvents.ReadScope).Distinct()
            .Where(s => !scopes.Contains(s)))
            problems.Add("Events",
                $"These events carry what the '{missing}' permission guards, which this key does not have.");
        return problems;
    }

    public static Problems Validate(string? url, IReadOnlyCollection<string> events)
    {
        var problems = new Problems();
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            problems.Add("Url", "Enter the receiver's full address, starting with https://.");
        else if (url!.Length > 2000) problems.Add("Url", "The address is too long (2,000 characters at most).");
        if (events.Count == 0) problems.Add("Events", "Choose at least one event.");
        else if (events.Count > PublicEvents.All.Count * 2) problems.Add("Events",
            $"Name each event once ({PublicEvents.All.Count} events exist).");
        if (events.FirstOrDefault(e => !PublicEvents.All.Contains(e)) is { } unknown)
            problems.Add("Events", $"Unknown event '{unknown}'. Use {string.Join(", ", PublicEvents.All)}.");
        return problems;
    }

    public static Outcome<WebhookSubscription> Create(string? url, IReadOnlyCollection<string> events, string secret,
        Actor actor, DateTime now,
        bool enabled = true)
    {
        if (Validate(url, events) is { Count: > 0 } problems) return Outcome<WebhookSubscription>.Invalid(problems);
        var subscription = new WebhookSubscription
        {
            Url = url!.Trim(),
            Events = string.Join(' ', PublicEvents.All.Where(events.Contains)),
            Secret = secret,
            Enabled = enabled,
            CreatedAt = now,
            CreatedBy = actor.Name,
            CreatedByApiKeyId = actor.ApiKeyId,
        };
        subscription.Raise(new WebhookSubscriptionChanged(subscription.Url, subscription.Events, enabled,
            CatalogChange.Created, actor, now));
        return Outcome<WebhookSubscription>.Success(subscription);
    }

    public Outcome Change(string? url, IReadOnlyCollection<string> events, bool enabled, Actor actor, DateTime now)
    {
        if (Validate(url, events) is { Count: > 0 } problems) return Outcome.Invalid(problems);
        Url = url!.Trim();
        Events = string.Join(' ', PublicEvents.All.Where(events.Contains));
        Enabled = enabled;
        Raise(new WebhookSubscriptionChanged(Url, Events, enabled, CatalogChange.Updated, actor, now));
        return Outcome.Ok;
    }

    /// <summary>Records the deletion; the caller removes the subscription.</summary>
    public void Deleted(Actor actor, DateTime now) =>
        Raise(new WebhookSubscriptionChanged(Url, null, Enabled, CatalogChange.Deleted, actor, now));
}
