using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.SignIn;
using ClientPortal.Infrastructure.Identity;

namespace ClientPortal.Infrastructure.Data.Writes;

/// <summary>The sign-in write on the group commit: each piece of work is one <see cref="WriteSession"/> of a
/// batch.</summary>
public sealed class SignInWrites(GroupCommit commit, LearnerAccountRows accounts) : ISignInWrites, IDeliveryMarks
{
    public Task<T> RunAsync<T>(Func<ISignInWork, T> work, CancellationToken ct = default) =>
        commit.RunAsync(session => work(new Work(session, accounts)), ct);

    public Task MarkSentAsync(long messageId, long? magicLinkId, string? providerId, MessageDelivered delivered) =>
        commit.RunAsync(session =>
        {
            session.MarkSent(messageId, delivered.OccurredAt, providerId);
            if (magicLinkId is { } linkId) session.MarkDelivered(linkId, delivered.OccurredAt);
            session.Raise(delivered);
            return true;
        });

    private sealed class Work(WriteSession session, LearnerAccountRows accounts) : ISignInWork
    {
        public LinkToRedeem? FindLink(byte[] tokenHash) => session.FindForRedemption(tokenHash);

        public bool Consume(MagicLink link, DateTime now, byte[] browser) => session.Consume(link, now, browser);

        public void RevokeOtherUnusedSingleUse(long contactId, long exceptLinkId, DateTime now) =>
            session.RevokeOtherUnusedSingleUse(contactId, exceptLinkId, now);

        public SignInContact? FindContact(long contactId) => session.FindLiveContact(contactId);

        public Outcome<LearnerAccount> EnsureLearner(SignInContact contact) => accounts.Ensure(session, contact);

        public string StartSession(string userId, DateTime now)
        {
            var (row, token) = SignInSession.Start(userId, now);
            session.Insert(row);
            return token;
        }

        public bool RecordEntry(long contactId, string method, Actor actor, DateTime now)
        {
            var first = session.RecordEntry(contactId, now);
            foreach (var e in Contact.EntryEvents(contactId, first, method, actor, now)) session.Raise(e);
            return first;
        }

        public void Raise(IDomainEvent e) => session.Raise(e);

        public void Undo() => session.Undo();
    }
}
