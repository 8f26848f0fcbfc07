using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

public sealed record WebhookSubscriptionChanged(string Url, string? Events, bool Enabled, CatalogChange Change,
    Actor Actor,
    DateTime OccurredAt) : IDomainEvent;
