using System.Linq.Expressions;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Entities;

/// <summary>A contact enrolled in the affiliate program, with the code of their referral link.</summary>
public class Affiliate : EventSource
{
    public long ContactId { get; set; }
    public required string Code { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RemovedAt { get; set; }

    /// <summary>Enrolled now (never removed, or enrolled again since), as a query.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Affiliate, bool>> Enrolled =
        a => a.RemovedAt == null;

    /// <summary>Enrolls (or re-enrolls, keeping the code so links already shared work again) the contact.</summary>
    public void Enroll(string contactEmail, Actor actor, DateTime now)
    {
        RemovedAt = null;
        Raise(new AffiliateEnrolled(ContactId, contactEmail, Code, actor, now));
    }

    public void Remove(Actor actor, DateTime now)
    {
        RemovedAt = now;
        Raise(new AffiliateRemoved(ContactId, Code, actor, now));
    }
}

public class AffiliateClick
{
    public long Id { get; set; }
    public long AffiliateContactId { get; set; }
    public DateTime At { get; set; }
}

/// <summary>A contact who signed up within the attribution window after a referral click.</summary>
public class AffiliateReferral
{
    public long ContactId { get; set; }
    public long AffiliateContactId { get; set; }
    public long ClickId { get; set; }
    public DateTime At { get; set; }
}
