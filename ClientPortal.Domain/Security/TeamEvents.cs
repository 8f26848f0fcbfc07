using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

public enum TeamChange { Invited, InviteReissued, InviteAccepted, RoleChanged, Disabled, Enabled, Removed }

/// <summary>A team member's account changed; <paramref name="Role"/> is the role before the change (after, for an
/// invite).</summary>
public sealed record TeamChanged(string UserId, string? Email, TeamChange Change, string? Role, string? NewRole,
    Actor Actor,
    DateTime OccurredAt) : IDomainEvent;

/// <summary>The portal's Owner account was made (<paramref name="FromCommandLine"/>: by the setup command).</summary>
public sealed record OwnerClaimed(string UserId, string Email, bool FromCommandLine, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
public sealed record PasskeyAdded(long? ContactId, string Name, Actor Actor, DateTime OccurredAt) : IDomainEvent;

/// <summary>Passkeys removed from an account: one by its <paramref name="Name"/>, or all of a learner's by the
/// team.</summary>
public sealed record PasskeysRemoved(long? ContactId, string? Name, int Count, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
public sealed record ApiKeyCreated(string Name, string Scopes, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record ApiKeyRevoked(string Name, Actor Actor, DateTime OccurredAt) : IDomainEvent;
