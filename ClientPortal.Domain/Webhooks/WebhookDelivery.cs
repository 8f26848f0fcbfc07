using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Entities;

public enum WebhookDeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    Failed = 2,
}

/// <summary>One event for one subscription: tried until the receiver answers 2xx, with backoff, then given
/// up.</summary>
public class WebhookDelivery
{
    public long Id { get; private set; }
    public long SubscriptionId { get; private set; }
    public long EventId { get; private set; }
    public WebhookDeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public string? LeasedBy { get; private set; }
    public DateTime? LeaseExpiresAt { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? LastAttemptAt { get; private set; }
    public DateTime? DeliveredAt { get; private set; }

    /// <summary>An event for a subscription, to be posted at once.</summary>
    public static WebhookDelivery Due(long subscriptionId, long eventId, DateTime now) => new()
    {
        SubscriptionId = subscriptionId, EventId = eventId, Status = WebhookDeliveryStatus.Pending, NextAttemptAt = now,
            CreatedAt = now,
    };

    /// <summary>Waits between attempts; after the last one the delivery is given up (a person can redeliver
    /// it).</summary>
    public static readonly IReadOnlyList<TimeSpan> Backoff =
        [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1),
            TimeSpan.FromHours(6)];

    public void Succeeded(int status, DateTime now)
    {
        Attempts++;
        Status = WebhookDeliveryStatus.Delivered;
        LastStatusCode = status;
        LastError = null;
        LastAttemptAt = now;
        DeliveredAt = now;
        LeasedBy = null;
        LeaseExpiresAt = null;
    }

    /// <summary>
    /// A failed attempt: tried again after the next wait of <see cref="Backoff"/>, or given up after the last one, or
    /// at once when <paramref name="retry"/> is false (a failure that would fail again the same way).
    /// </summary>
    public void AttemptFailed(int? status, string error, DateTime now, bool retry = true)
    {
        Attempts++;
        LastStatusCode = status;
        LastError = error.Length > 500 ? error[..500] : error;
        LastAttemptAt = now;
        LeasedBy = null;
        LeaseExpiresAt = null;
        if (!retry || Attempts > Backoff.Count) GiveUp();
        else NextAttemptAt = now + Backoff[Attempts - 1];
    }

    /// <summary>No more attempts (a person can still redeliver it).</summary>
    public void GiveUp()
    {
        Status = WebhookDeliveryStatus.Failed;
        LeasedBy = null;
        LeaseExpiresAt = null;
    }

    /// <summary>Sends it again now (the receiver sees the same delivery id, so it can tell a repeat).</summary>
    public void Redeliver(DateTime now)
    {
        Status = WebhookDeliveryStatus.Pending;
        NextAttemptAt = now;
        LeasedBy = null;
        LeaseExpiresAt = null;
    }
}

/// <summary>How far the webhook dispatcher has turned recorded events into deliveries (one row).</summary>
public class WebhookCursor
{
    public int Id { get; set; }
    public long LastEventId { get; set; }
}
