using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Entities;

public enum WorkflowTrigger
{
    ContactCreated = 0,
    InviteSent = 1,
    PortalJoined = 2,
    NewSignUp = 3,
    OfferAccessGranted = 4,
    OfferAccessRemoved = 5,
    ProductAccessGranted = 6,
    ProductAccessRemoved = 7,
    ProductStarted = 8,
    ProductCompleted = 9,
    CategoryStarted = 10,
    CategoryCompleted = 11,
    LessonStarted = 12,
    LessonCompleted = 13,
    Login = 14,

    /// <summary>Another system posts to the workflow's secret URL.</summary>
    Inbound = 15,
}

public enum WorkflowFilterKind
{
    None = 0,
    Offer = 1,
    Product = 2,
    Category = 3,
    Lesson = 4,
    Tag = 5,
}

public enum WorkflowStepKind
{
    SendEmail = 0,
    SendSms = 1,
    GrantOffer = 2,
    RevokeOffer = 3,
    AddTag = 4,
    RemoveTag = 5,
    Webhook = 6,
    Wait = 7,
}

public enum WaitUnit
{
    Minutes = 0,
    Hours = 1,
    Days = 2,
}

public class Workflow : EventSource
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public bool Enabled { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The published version new runs use; running runs keep the version they started with.</summary>
    public long? CurrentVersionId { get; set; }

    /// <summary>Key for the HMAC-SHA256 signature of this workflow's webhook calls.</summary>
    public required string WebhookSecret { get; set; }

    /// <summary>SHA-256 of the secret in the workflow's inbound URL (shown once when made; null: none yet).</summary>
    public byte[]? InboundKeyHash { get; set; }

    /// <summary>Makes <paramref name="version"/> (saved, so it has an id) the one new runs use.</summary>
    public void Publish(WorkflowVersion version, int actions, Actor actor, DateTime now)
    {
        CurrentVersionId = version.Id;
        Raise(new WorkflowPublished(Name, version.Number, version.Trigger, actions, actor, now));
    }

    public void Enable(bool enabled, Actor actor, DateTime now)
    {
        Enabled = enabled;
        Raise(new WorkflowChanged(Name, enabled ? WorkflowChange.Enabled : WorkflowChange.Disabled, actor, now));
    }

    /// <returns>The secret of a new inbound URL (only its hash is kept; an older URL stops working).</returns>
    public string NewInboundKey(Actor actor, DateTime now)
    {
        var (token, hash) = SecretToken.New();
        var replaced = InboundKeyHash is not null;
        InboundKeyHash = hash;
        Raise(new WorkflowChanged(Name, replaced ? WorkflowChange.InboundUrlReplaced : WorkflowChange.InboundUrlMade,
            actor, now));
        return token;
    }

    /// <summary>Records the deletion; the caller removes the workflow.</summary>
    public void Delete(Actor actor, DateTime now) =>
        Raise(new WorkflowChanged(Name, WorkflowChange.Deleted, actor, now));
}

/// <summary>An immutable published definition: trigger, filter and steps (JSON).</summary>
public class WorkflowVersion
{
    public long Id { get; set; }
    public long WorkflowId { get; set; }
    public int Number { get; set; }
    public WorkflowTrigger Trigger { get; set; }
    public WorkflowFilterKind FilterKind { get; set; }
    public long? FilterId { get; set; }
    public string? FilterTag { get; set; }
    /// <summary>For the inbound trigger: an unknown email becomes a new contact (otherwise the call is
    /// refused).</summary>
    public bool InboundCreatesContact { get; set; }
    public required string StepsJson { get; set; }
    public DateTime PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
}

public enum WorkflowRunStatus
{
    Pending = 0,
    Running = 1,
    Waiting = 2,
    Completed = 3,
    Failed = 4,

    /// <summary>Never ran: stopped by the loop guard.</summary>
    Stopped = 5,
}

public class WorkflowRun : EventSource
{
    public long Id { get; set; }
    public long WorkflowId { get; set; }
    public long WorkflowVersionId { get; set; }
    public long? ContactId { get; set; }
    public WorkflowTrigger Trigger { get; set; }

    /// <summary>The trigger's data as JSON (ids and names), shown in the run log and sent to webhooks.</summary>
    public required string TriggerData { get; set; }

    /// <summary>0 for a run started by a person or the system; n+1 for one started by a step of a depth-n
    /// run.</summary>
    public int Depth { get; set; }

    public WorkflowRunStatus Status { get; set; }

    /// <summary>The portal node running it while it is Running: a restarted node takes back only its own
    /// runs.</summary>
    public string? LeasedBy { get; set; }
    public int CurrentStep { get; set; }

    /// <summary>Failed attempts of the current step (retried with backoff).</summary>
    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public string? Error { get; set; }

    /// <summary>Puts a failed run back in the queue at the step that failed (completed steps are not
    /// repeated).</summary>
    public void Retry(string workflow, Actor actor, DateTime now)
    {
        Status = WorkflowRunStatus.Pending;
        Attempts = 0;
        CompletedAt = null;
        NextAttemptAt = now;
        Raise(new WorkflowRunRetried(Id, ContactId, workflow, CurrentStep + 1, actor, now));
    }
}

public enum WorkflowStepStatus
{
    Succeeded = 0,
    Failed = 1,
    Skipped = 2,
    Waiting = 3,
}

public class WorkflowStepLog
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public int StepIndex { get; set; }
    public WorkflowStepKind Kind { get; set; }
    public WorkflowStepStatus Status { get; set; }
    public int Attempt { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public string? Detail { get; set; }
}
