using System.Text.Json;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Entities;

public enum MessageChannel
{
    Email = 0,
    Sms = 1,
}

public enum MessageStatus
{
    Pending = 0,
    Sending = 1,
    Sent = 2,
    Failed = 3,
}

/// <summary>
/// A durable outbox row: every email and SMS is written here first and delivered in the background.
/// Bodies are encrypted at rest (they can carry a magic link), readable only through the Mailbox.
/// </summary>
public class OutboxMessage
{
    public long Id { get; set; }
    public MessageChannel Channel { get; set; }

    /// <summary>What the message is: login-link, login-code, invite, password-reset, password-changed, ...</summary>
    public required string Kind { get; set; }

    public required string To { get; set; }
    public string? Subject { get; set; }
    public required string ProtectedHtml { get; set; }
    public required string ProtectedText { get; set; }
    public MessageStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }

    /// <summary>Set while a worker delivers it; a row still "sending" past this was interrupted by a crash.</summary>
    public DateTime? LockedUntil { get; set; }

    /// <summary>The portal node delivering it (with <see cref="LockedUntil"/>): a node that restarts after a crash
    /// takes back only its own messages, never those another node is sending.</summary>
    public string? LeasedBy { get; set; }

    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
    public string? ProviderId { get; set; }

    /// <summary>One logical message: a retry or a crash never creates or sends a second copy.</summary>
    public required string IdempotencyKey { get; set; }

    public long? ContactId { get; set; }
    public long? MagicLinkId { get; set; }
}

public enum LoginRequestKind
{
    Link = 0,
    Code = 1,
    PasswordReset = 2,

    /// <summary>Public sign-up: creates the contact when new; a known address gets a login link instead.</summary>
    SignUp = 3,
}

/// <summary>
/// A learner's "email me a link/code/reset" request. Written the same way whether or not the address
/// is known (no enumeration, same timing); a background worker does the rest. Also the throttle ledger.
/// </summary>
public class LoginRequest
{
    public long Id { get; set; }
    public LoginRequestKind Kind { get; set; }
    public required string NormalizedEmail { get; set; }
    public string? IpAddress { get; set; }
    public DateTime RequestedAt { get; set; }
    public DateTime? ProcessedAt { get; set; }
    public string? Target { get; set; }

    /// <summary>Sign-up only: the name given, and the referral click the visitor's browser carried.</summary>
    public string? FirstName { get; set; }

    public long? ReferralClickId { get; set; }
}

/// <summary>An emailed 6-digit sign-in code; only its hash is stored.</summary>
public class LoginCode
{
    public long Id { get; set; }
    public long ContactId { get; set; }
    public required byte[] CodeHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public int FailedAttempts { get; set; }
    public DateTime? ConsumedAt { get; set; }
}

/// <summary>An Owner's edited version of a message template (defaults live in code).</summary>
/// <summary>A team's own text for one of the default templates (no row: the default).</summary>
public class MessageTemplate : EventSource
{
    public required string Key { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>Sets the text (validated by the templates' rule first).</summary>
    public void Write(string subject, string body, Actor actor, DateTime now)
    {
        (Subject, Body, UpdatedAt, UpdatedBy) = (subject, body, now, actor.Name);
        Raise(new TemplateChanged(Key, Reset: false, actor, now));
    }

    /// <summary>Records going back to the default; the caller removes the row.</summary>
    public void Reset(Actor actor, DateTime now) => Raise(new TemplateChanged(Key, Reset: true, actor, now));
}

public enum BulkJobKind
{
    Invite = 0,
    LoginEmail = 1,

    /// <summary>The one automatic re-send of an invite to a contact still Invited.</summary>
    InviteResend = 2,
}

/// <summary>
/// A durable bulk send (invites, login emails): the recipients are stored, each one's message has an
/// idempotency key from the job, so a restart resumes the job without sending anything twice.
/// </summary>
public class BulkJob : EventSource
{
    public Guid Id { get; set; }
    public BulkJobKind Kind { get; set; }
    public required string RecipientIds { get; set; }
    public string? Section { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public string? CreatedById { get; set; }
    public int Total { get; set; }
    public int Done { get; set; }
    public int Skipped { get; set; }
    public int Failed { get; set; }
    public DateTime? CompletedAt { get; set; }

    public IReadOnlyList<long> Recipients => JsonSerializer.Deserialize<List<long>>(RecipientIds) ?? [];

    /// <summary>How many recipients have been handled one way or another (the next chunk starts there).</summary>
    public int Handled => Done + Skipped + Failed;

    public static BulkJob Start(BulkJobKind kind, IReadOnlyList<long> recipients, string? section, Actor actor,
        DateTime now)
    {
        var job = new BulkJob
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            RecipientIds = JsonSerializer.Serialize(recipients),
            Section = section,
            CreatedAt = now,
            CreatedBy = actor.Name,
            CreatedById = actor.UserId,
            Total = recipients.Count,
        };
        job.Raise(new BulkSendStarted(job.Id, kind, recipients.Count, actor, now));
        return job;
    }

    /// <summary>Counts a chunk's outcome; the job is complete once every recipient is handled.</summary>
    public void Advance(int done, int failed, DateTime now)
    {
        Done += done;
        Failed += failed;
        if (Handled >= Total) CompletedAt = now;
        Raise(new BulkJobProgressed(Id, Total, Done, Skipped, Failed, CompletedAt is not null, now));
    }
}
