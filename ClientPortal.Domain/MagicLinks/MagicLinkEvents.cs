using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

public sealed record MagicLinkIssued(long LinkId, long? ContactId, MagicLinkPurpose Purpose, string Section,
    string Opens, LinkUsePolicy Policy,
    DateTime ExpiresAt, string? Via, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record MagicLinkRevoked(long LinkId, long? ContactId, MagicLinkPurpose Purpose, Actor Actor,
    DateTime OccurredAt)
    : IDomainEvent;

/// <summary>A contact's outstanding links were revoked together (a new link for them).</summary>
public sealed record ContactLinksRevoked(long ContactId, int Count, Actor Actor, DateTime OccurredAt) : IDomainEvent;

/// <summary>Every link issued before now stopped working (the link epoch moved on).</summary>
public sealed record AllLinksRevoked(int Epoch, int Outstanding, Actor Actor, DateTime OccurredAt) : IDomainEvent;

/// <summary>A link let someone in; <paramref name="Repeat"/>: again within its grace, from the same browser.</summary>
public sealed record MagicLinkRedeemed(long LinkId, long? ContactId, MagicLinkPurpose Purpose, string Section,
    bool Repeat,
    Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record MagicLinkRefused(long LinkId, long? ContactId, MagicLinkPurpose Purpose, LinkState State,
    Actor Actor,
    DateTime OccurredAt) : IDomainEvent;
