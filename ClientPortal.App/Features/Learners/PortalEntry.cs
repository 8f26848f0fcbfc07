using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Audit;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Data.Writes;
using ClientPortal.Infrastructure.Events;

namespace ClientPortal.App.Features.Learners;

/// <summary>Records a learner's successful entry by any method: Active on the first one, last access always.</summary>
public sealed class PortalEntry(GroupCommit writes, AuditLog audit, DomainEvents events, TimeProvider clock)
{
    /// <returns>True on the contact's first entry (Invited → Active).</returns>
    public async Task<bool> RecordAsync(long contactId, string method, Actor actor, CancellationToken ct = default)
    {
        var happened = await writes.RunAsync(session => Record(session, contactId, method, actor), ct);
        await events.PublishAsync(happened);
        return happened.Any(e => e is PortalJoined);
    }

    /// <summary>Within the caller's write; the caller publishes the returned events once it is committed.</summary>
    public IReadOnlyList<IDomainEvent> Record(WriteSession session, long contactId, string method, Actor actor)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var first = session.RecordEntry(contactId, now);
        session.Insert(audit.New(actor, $"login.{method}", contactId, details: first ? "first entry" : null));
        return first
            ? [new PortalJoined(contactId, now), new LearnerSignedIn(contactId, method, now)]
            : [new LearnerSignedIn(contactId, method, now)];
    }
}
