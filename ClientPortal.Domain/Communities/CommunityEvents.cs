using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

public sealed record CommunityEntryDeleted(long? AuthorContactId, string AuthorName, long EntryId, bool Comment,
    Actor Actor,
    DateTime OccurredAt) : IDomainEvent;

