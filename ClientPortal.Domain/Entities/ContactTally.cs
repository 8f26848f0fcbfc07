namespace ClientPortal.Domain.Entities;

/// <summary>
/// The dashboard's contact counts, kept by SQLite triggers on Contacts (migration ContactTallies), so every write path
/// (EF, bulk import, command line) keeps them exact, and reading them costs the same at a million contacts as at ten.
/// One row, Id 1. Deleted contacts are left out of every count.
/// </summary>
public sealed class ContactTally
{
    public int Id { get; set; }

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
