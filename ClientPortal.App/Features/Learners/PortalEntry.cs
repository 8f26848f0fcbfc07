using ClientPortal.Domain.Security;
using ClientPortal.Domain.SignIn;

namespace ClientPortal.App.Features.Learners;

/// <summary>Records a contact's entry into the portal after a sign-in that made its own cookie (code, password,
/// passkey).</summary>
public sealed class PortalEntry(ISignInWrites writes, TimeProvider clock)
{
    /// <returns>True on the contact's first entry (Invited → Active).</returns>
    public Task<bool> RecordAsync(long contactId, string method, Actor actor, CancellationToken ct = default) =>
        writes.RunAsync(work => work.RecordEntry(contactId, method, actor, clock.GetUtcNow().UtcDateTime), ct);
}
