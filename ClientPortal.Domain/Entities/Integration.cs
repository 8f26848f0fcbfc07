using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Entities;

/// <summary>What an API key may do; each endpoint of the integration API asks for one.</summary>
public static class ApiScopes
{
    public const string ContactsRead = "contacts:read";
    public const string ContactsWrite = "contacts:write";
    public const string GrantsWrite = "grants:write";
    public const string LinksWrite = "links:write";
    public const string MessagesSend = "messages:send";
    public const string EventsRead = "events:read";
    public const string WebhooksWrite = "webhooks:write";

    public static readonly IReadOnlyList<string> All = [ContactsRead, ContactsWrite, GrantsWrite, LinksWrite, MessagesSend, EventsRead, WebhooksWrite];

    /// <summary>In the words of the Settings page.</summary>
    public static string Describe(string scope) => scope switch
    {
        ContactsRead => "Read contacts, offers, products, grants and workflow runs",
        ContactsWrite => "Create and update contacts and their tags",
        GrantsWrite => "Grant and revoke offers",
        LinksWrite => "Create and revoke magic links",
        MessagesSend => "Send invites and login emails",
        EventsRead => "Read the event feed",
        WebhooksWrite => "Manage webhook subscriptions",
        _ => scope,
    };

    /// <summary>Parses a space- or comma-separated list; unknown scopes are returned as problems.</summary>
    public static (IReadOnlyList<string> Scopes, IReadOnlyList<string> Unknown) Parse(string? text)
    {
        var given = (text ?? "").Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant()).Distinct().ToList();
        return (All.Where(given.Contains).ToList(), given.Where(s => !All.Contains(s)).ToList());
    }
}

/// <summary>
/// A key another system uses to call the integration API: a name, scopes, shown once, stored as a SHA-256 hash.
/// </summary>
public class ApiKey : EventSource
{
    /// <summary>Marks the portal's keys (in logs a secret scanner can recognise them; people tell them from other tokens).</summary>
    public const string TokenPrefix = "cpk_";

    public long Id { get; set; }
    public required string Name { get; set; }
    public required byte[] KeyHash { get; set; }
    /// <summary>The first characters of the key after its prefix, so a person can tell their keys apart.</summary>
    public required string Hint { get; set; }
    /// <summary>Space-separated <see cref="ApiScopes"/>.</summary>
    public required string Scopes { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    public bool IsActive => RevokedAt is null;

    public static Outcome<(ApiKey Key, string Token)> Create(string? name, IReadOnlyCollection<string> scopes, Actor actor, DateTime now)
    {
        var problems = new Problems();
        var trimmed = Text.SingleLine(name);
        if (trimmed.Length == 0) problems.Add("Name", "Give the key a name (which system uses it).");
        else if (trimmed.Length > 100) problems.Add("Name", "The name is too long (100 characters at most).");
        if (scopes.Count == 0) problems.Add("Scopes", "Choose at least one permission.");
        if (scopes.FirstOrDefault(s => !ApiScopes.All.Contains(s)) is { } unknown)
            problems.Add("Scopes", $"Unknown permission '{unknown}'. Use {string.Join(", ", ApiScopes.All)}.");
        if (problems.Count > 0) return Outcome<(ApiKey, string)>.Invalid(problems);

        var (secret, _) = SecretToken.New();
        var token = TokenPrefix + secret;
        var key = new ApiKey
        {
            Name = trimmed,
            KeyHash = SecretToken.Hash(token),
            Hint = secret[..6],
            Scopes = string.Join(' ', ApiScopes.All.Where(scopes.Contains)),
            CreatedAt = now,
            CreatedBy = actor.Name,
        };
        key.Raise(new ApiKeyCreated(trimmed, key.Scopes, actor, now));
        return Outcome<(ApiKey, string)>.Success((key, token));
    }

    /// <summary>Shaped like one of our keys (checked before any lookup).</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 47 } && token.StartsWith(TokenPrefix, StringComparison.Ordinal) && SecretToken.LooksValid(token[TokenPrefix.Length..]);

    public bool Revoke(Actor actor, DateTime now)
    {
        if (RevokedAt is not null) return false;
        RevokedAt = now;
        RevokedBy = actor.Name;
        Raise(new ApiKeyRevoked(Name, actor, now));
        return true;
    }

    /// <summary>The role of an actor that is an API key (not a team role: team-only rules refuse it).</summary>
    public const string ActorRole = "API key";

    /// <summary>How an API key appears in the audit trail and as the actor of what it changes.</summary>
    public static string ActorName(string keyName) => $"API key “{keyName}”";
}

/// <summary>
/// A POST answered under an Idempotency-Key: the same key (per API key) with the same request gets the stored answer
/// again instead of a second grant or email; with a different request, a conflict.
/// </summary>
public class IdempotentRequest
{
    public long Id { get; set; }
    public long ApiKeyId { get; set; }
    public required string Key { get; set; }
    /// <summary>SHA-256 of method, path and body.</summary>
    public required byte[] RequestHash { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public required byte[] Body { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Kept long enough for any retry a client makes.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// No call runs this long (bulk sends answer with a job at once): a request still without an answer after it was cut
    /// off by a crash or restart, and a retry with its key runs afresh instead of hearing "still running" for a day.
    /// </summary>
    public static readonly TimeSpan LongestRun = TimeSpan.FromMinutes(5);

    /// <summary>Whether a retry with this key gets this request's answer (or its "still running"), rather than running again.</summary>
    public bool HoldsKeyAt(DateTime now) => CreatedAt > now - Lifetime && (StatusCode != 0 || CreatedAt > now - LongestRun);
}

/// <summary>
/// A portal event as other systems see it (the event feed, webhooks): recorded in the transaction of the change that
/// caused it, numbered in order.
/// </summary>
public class PortalEventRecord
{
    public long Id { get; set; }
    /// <summary>A public event name (<see cref="Events.PublicEvents"/>).</summary>
    public required string Type { get; set; }
    public long? ContactId { get; set; }
    /// <summary>The event's ids as a JSON object (names are looked up when it is read).</summary>
    public required string Data { get; set; }
    public DateTime OccurredAt { get; set; }

    public static PortalEventRecord? Of(IDomainEvent e) => PublicEvents.From(e) is { } p
        ? new PortalEventRecord { Type = p.Type, ContactId = p.ContactId, Data = p.Data, OccurredAt = p.OccurredAt }
        : null;
}

/// <summary>A receiver of portal events: an address, the events it wants, and the key its calls are signed with.</summary>
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
    /// <summary>The API key that made it, which alone of the keys may see and change it; null when made by a person.</summary>
    public long? CreatedByApiKeyId { get; private set; }

    public IReadOnlyList<string> EventList => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    public bool Wants(string type) => EventList.Contains(type);

    /// <summary>
    /// People (the Owner and Admins) manage every subscription; an API key only those it made, so a key cannot re-point
    /// another's subscription at a receiver of its own.
    /// </summary>
    public bool ManageableBy(Actor actor) => actor.ApiKeyId is not { } key || CreatedByApiKeyId == key;

    /// <summary>The query form of <see cref="ManageableBy"/>.</summary>
    public static System.Linq.Expressions.Expression<Func<WebhookSubscription, bool>> ManageableByExpression(Actor actor)
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
        foreach (var missing in events.Where(PublicEvents.All.Contains).Select(PublicEvents.ReadScope).Distinct().Where(s => !scopes.Contains(s)))
            problems.Add("Events", $"These events carry what the '{missing}' permission guards, which this key does not have.");
        return problems;
    }

    public static Problems Validate(string? url, IReadOnlyCollection<string> events)
    {
        var problems = new Problems();
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            problems.Add("Url", "Enter the receiver's full address, starting with https://.");
        else if (url!.Length > 2000) problems.Add("Url", "The address is too long (2,000 characters at most).");
        if (events.Count == 0) problems.Add("Events", "Choose at least one event.");
        else if (events.Count > PublicEvents.All.Count * 2) problems.Add("Events", $"Name each event once ({PublicEvents.All.Count} events exist).");
        if (events.FirstOrDefault(e => !PublicEvents.All.Contains(e)) is { } unknown)
            problems.Add("Events", $"Unknown event '{unknown}'. Use {string.Join(", ", PublicEvents.All)}.");
        return problems;
    }

    public static Outcome<WebhookSubscription> Create(string? url, IReadOnlyCollection<string> events, string secret, Actor actor, DateTime now,
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
        subscription.Raise(new WebhookSubscriptionChanged(subscription.Url, subscription.Events, enabled, CatalogChange.Created, actor, now));
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
    public void Deleted(Actor actor, DateTime now) => Raise(new WebhookSubscriptionChanged(Url, null, Enabled, CatalogChange.Deleted, actor, now));
}

public enum WebhookDeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    Failed = 2,
}

/// <summary>One event for one subscription: tried until the receiver answers 2xx, with backoff, then given up.</summary>
public class WebhookDelivery
{
    public long Id { get; private set; }
    public long SubscriptionId { get; private set; }
    public long EventId { get; private set; }
    public WebhookDeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public string? LeasedBy { get; private set; }
    public DateTime? LeaseExpiresAt { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? LastAttemptAt { get; private set; }
    public DateTime? DeliveredAt { get; private set; }

    /// <summary>An event for a subscription, to be posted at once.</summary>
    public static WebhookDelivery Due(long subscriptionId, long eventId, DateTime now) => new()
    {
        SubscriptionId = subscriptionId, EventId = eventId, Status = WebhookDeliveryStatus.Pending, NextAttemptAt = now, CreatedAt = now,
    };

    /// <summary>Waits between attempts; after the last one the delivery is given up (a person can redeliver it).</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
        [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(6)];

    public void Succeeded(int status, DateTime now)
    {
        Attempts++;
        Status = WebhookDeliveryStatus.Delivered;
        LastStatusCode = status;
        LastError = null;
        LastAttemptAt = now;
        DeliveredAt = now;
        LeasedBy = null;
        LeaseExpiresAt = null;
    }

    /// <summary>
    /// A failed attempt: tried again after the next wait of <see cref="Backoff"/>, or given up after the last one, or at
    /// once when <paramref name="retry"/> is false (a failure that would fail again the same way).
    /// </summary>
    public void AttemptFailed(int? status, string error, DateTime now, bool retry = true)
    {
        Attempts++;
        LastStatusCode = status;
        LastError = error.Length > 500 ? error[..500] : error;
        LastAttemptAt = now;
        LeasedBy = null;
        LeaseExpiresAt = null;
        if (!retry || Attempts > Backoff.Count) GiveUp();
        else NextAttemptAt = now + Backoff[Attempts - 1];
    }

    /// <summary>No more attempts (a person can still redeliver it).</summary>
    public void GiveUp()
    {
        Status = WebhookDeliveryStatus.Failed;
        LeasedBy = null;
        LeaseExpiresAt = null;
    }

    /// <summary>Sends it again now (the receiver sees the same delivery id, so it can tell a repeat).</summary>
    public void Redeliver(DateTime now)
    {
        Status = WebhookDeliveryStatus.Pending;
        NextAttemptAt = now;
        LeasedBy = null;
        LeaseExpiresAt = null;
    }
}

/// <summary>How far the webhook dispatcher has turned recorded events into deliveries (one row).</summary>
public class WebhookCursor
{
    public int Id { get; set; }
    public long LastEventId { get; set; }
}
