using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Data.Writes;

namespace ClientPortal.App.Features.Learners;

/// <summary>Records a learner's successful entry by any method: Active on the first one, last access always.</summary>
public sealed class PortalEntry(GroupCommit writes, TimeProvider clock)
{
    /// <returns>True on the contact's first entry (Invited → Active).</returns>
    public Task<bool> RecordAsync(long contactId, string method, Actor actor, CancellationToken ct = default) =>
        writes.RunAsync(session => Record(session, contactId, method, actor), ct);

    /// <summary>Within the caller's write; its events are audited with it and published once it has committed.</summary>
    /// <returns>True on the contact's first entry (Invited → Active).</returns>
    public bool Record(WriteSession session, long contactId, string method, Actor actor)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var first = session.RecordEntry(contactId, now);
        if (first) session.Raise(new PortalJoined(contactId, now));
        session.Raise(new LearnerSignedIn(contactId, method, first, actor, now));
        return first;
    }
}
