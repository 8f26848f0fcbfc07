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

    public static readonly IReadOnlyList<string> All = [ContactsRead, ContactsWrite, GrantsWrite, LinksWrite,
        MessagesSend, EventsRead, WebhooksWrite];

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
        var given = (text ?? "")
            .Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant()).Distinct().ToList();
        return (All.Where(given.Contains).ToList(), given.Where(s => !All.Contains(s)).ToList());
    }
}

/// <summary>
/// A key another system uses to call the integration API: a name, scopes, shown once, stored as a SHA-256 hash.
/// </summary>
public class ApiKey : EventSource
{
    /// <summary>Marks the portal's keys (in logs a secret scanner can recognise them; people tell them from other
    /// tokens).</summary>
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

    public static Outcome<(ApiKey Key, string Token)> Create(string? name, IReadOnlyCollection<string> scopes,
        Actor actor, DateTime now)
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
        token is { Length: 47 } && token.StartsWith(TokenPrefix, StringComparison.Ordinal)
            && SecretToken.LooksValid(token[TokenPrefix.Length..]);

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
    /// No call runs this long (bulk sends answer with a job at once): a request still without an answer after it was
    /// cut off by a crash or restart, and a retry with its key runs afresh instead of hearing "still running" for a
    /// day.
    /// </summary>
    public static readonly TimeSpan LongestRun = TimeSpan.FromMinutes(5);

    /// <summary>Whether a retry with this key gets this request's answer (or its "still running"), rather than running
    /// again.</summary>
    public bool HoldsKeyAt(DateTime now) => CreatedAt > now - Lifetime
        && (StatusCode != 0 || CreatedAt > now - LongestRun);
}
