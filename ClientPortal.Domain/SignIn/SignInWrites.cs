using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.SignIn;

/// <summary>
/// The sign-in write, as the app asks for it: each piece of work runs in one durable write batched with the other
/// sign-ins of the moment, and its events are published once that write has committed. The app's port (declared here,
/// where the infrastructure that implements it can see it); the app composes a sign-in from <see cref="ISignInWork"/>
/// and never sees the statements.
/// </summary>
public interface ISignInWrites
{
    Task<T> RunAsync<T>(Func<ISignInWork, T> work, CancellationToken ct = default);
}

/// <summary>What one piece of the sign-in write can do; all of it commits together, or none of it after
/// <see cref="Undo"/>.</summary>
public interface ISignInWork
{
    /// <summary>The link with this token hash as stored, the portal's link epoch and the link's contact unless
    /// deleted.</summary>
    LinkToRedeem? FindLink(byte[] tokenHash);

    /// <summary>
    /// Marks the link used by <paramref name="browser"/> (<see cref="MagicLink.Used"/> in one statement); false when
    /// the row had changed (revoked or used meanwhile).
    /// </summary>
    bool Consume(MagicLink link, DateTime now, byte[] browser);

    /// <summary>Revokes the contact's other single-use links that are still unused and unexpired.</summary>
    void RevokeOtherUnusedSingleUse(long contactId, long exceptLinkId, DateTime now);

    /// <summary>The contact unless it was deleted.</summary>
    SignInContact? FindContact(long contactId);

    /// <summary>The contact's learner account, created (as Identity would) and linked both ways when needed.</summary>
    Outcome<LearnerAccount> EnsureLearner(SignInContact contact);

    /// <summary>Starts a sign-in session for the account; returns its secret, for the cookie.</summary>
    string StartSession(string userId, DateTime now);

    /// <summary>
    /// Records an entry into the portal (<see cref="Contact.Enter"/> in one statement) and raises its events
    /// (<see cref="Contact.EntryEvents"/>); true for the contact's first.
    /// </summary>
    bool RecordEntry(long contactId, string method, Actor actor, DateTime now);

    void Raise(IDomainEvent e);

    /// <summary>Leaves no trace of this piece (an answer such as a refusal that must change nothing).</summary>
    void Undo();
}

public sealed record SignInContact(long Id, string Email, string? FirstName, string? LastName, string? UserId)
{
    public string? DisplayName => $"{FirstName} {LastName}".Trim() is { Length: > 0 } name ? name : null;
}

public sealed record LinkToRedeem(MagicLink Link, int Epoch, SignInContact? Contact);

/// <summary>What a sign-in cookie is made of, read in the same write as the sign-in itself.</summary>
public sealed record LearnerAccount(string Id, string UserName, string? Email, string SecurityStamp, long ContactId,
    string? DisplayName,
    IReadOnlyList<string> Roles);

/// <summary>The outbox's sent marks, which many delivery lanes share one commit for.</summary>
public interface IDeliveryMarks
{
    /// <summary>Records the message sent (and its link delivered) and raises <paramref name="delivered"/> with
    /// it.</summary>
    Task MarkSentAsync(long messageId, long? magicLinkId, string? providerId, MessageDelivered delivered);
}
