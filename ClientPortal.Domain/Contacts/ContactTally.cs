namespace ClientPortal.Domain.Entities;

/// <summary>
/// The dashboard's contact counts over every contact up to <see cref="CountedThroughId"/>, kept exact by SQLite
/// triggers when those contacts change or are deleted, whichever path writes them (migration ContactTallies). Newer
/// contacts are counted live and folded in by PortalStats. One row, Id 1. Deleted contacts are left out of every count.
/// </summary>
public sealed class ContactTally
{
    public int Id { get; set; }

    /// <summary>Contacts with a higher id are not in the counts yet.</summary>
    public long CountedThroughId { get; set; }

    /// <summary>Status Invited.</summary>
    public int Invited { get; set; }

    /// <summary>Status Active.</summary>
    public int Active { get; set; }

    /// <summary>Ever sent an invite (the funnel's first stage).</summary>
    public int EverInvited { get; set; }

    /// <summary>Invited and has entered the portal.</summary>
    public int Joined { get; set; }

    /// <summary>Invited and has started a lesson.</summary>
    public int FirstLessonStarted { get; set; }
}
