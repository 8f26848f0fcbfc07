using ClientPortal.Domain;
using ClientPortal.Domain.SignIn;

namespace ClientPortal.App.Features.Learners;

/// <summary>The Identity account a contact signs in with: created on first entry, linked both ways.</summary>
public sealed class LearnerAccounts(ISignInWrites writes)
{
    /// <summary>Returns the contact's learner account, creating and linking it if needed (one durable write).</summary>
    public Task<Outcome<LearnerAccount>> EnsureAccountAsync(long contactId, CancellationToken ct = default) =>
        writes.RunAsync(work => work.FindContact(contactId) is { } contact
            ? work.EnsureLearner(contact)
            : Outcome<LearnerAccount>.Fail("This contact no longer exists."), ct);
}
