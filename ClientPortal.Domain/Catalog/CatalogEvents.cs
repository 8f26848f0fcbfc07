using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

public enum CatalogChange { Created, Updated, Deleted, Published, Unpublished, CoverSet, Archived, Restored }

public sealed record ProductChanged(string Title, CatalogChange Change, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
public sealed record CategoryChanged(string Title, CatalogChange Change, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
public sealed record LessonChanged(string Title, CatalogChange Change, Actor Actor, DateTime OccurredAt) : IDomainEvent;
public sealed record OfferChanged(string Name, CatalogChange Change, int? Products, Actor Actor, DateTime OccurredAt)
    : IDomainEvent;
