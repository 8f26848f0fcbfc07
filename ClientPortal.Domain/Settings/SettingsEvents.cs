using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

public sealed record SettingsChanged(Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record EmailSettingsChanged(string Provider, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record SiteLinksReplaced(bool Replacing, Actor Actor, DateTime OccurredAt) : IDomainEvent;
