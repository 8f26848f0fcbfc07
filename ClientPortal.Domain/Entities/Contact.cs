namespace ClientPortal.Domain.Entities;

public enum PortalStatus
{
    None = 0,
    Invited = 1,
    Active = 2,
}

public class Contact
{
    public long Id { get; set; }
    public required string Email { get; set; }

    /// <summary>Lower-cased, trimmed email: the unique, case-insensitive key.</summary>
    public required string NormalizedEmail { get; set; }

    private string? _firstName;
    private string? _lastName;

    public string? FirstName
    {
        get => _firstName;
        set { _firstName = value; FirstNameKey = SearchKey(value); }
    }

    public string? LastName
    {
        get => _lastName;
        set { _lastName = value; LastNameKey = SearchKey(value); }
    }
    public string? Phone { get; set; }
    public DateTime CreatedAt { get; set; }
    public PortalStatus PortalStatus { get; set; }
    public DateTime? InvitedAt { get; set; }
    public DateTime? FirstAccessAt { get; set; }
    public DateTime? LastAccessAt { get; set; }

    /// <summary>The learner account this contact signs in with, once it exists.</summary>
    public string? UserId { get; set; }

    public DateTime? DeletedAt { get; set; }

    public List<ContactTag> Tags { get; set; } = [];
    public List<Grant> Grants { get; set; } = [];

    /// <summary>Lower-cased names, indexed, so a name-prefix search is an index range, not a table scan.</summary>
    public string? FirstNameKey { get; private set; }

    public string? LastNameKey { get; private set; }

    /// <summary>When the one automatic invite re-send went out (it happens once at most).</summary>
    public DateTime? InviteResentAt { get; set; }

    /// <summary>When the contact first opened a lesson: the last step of the dashboard's funnel.</summary>
    public DateTime? FirstLessonStartedAt { get; set; }

    public static string? SearchKey(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim().ToLowerInvariant();

    public string DisplayName =>
        string.IsNullOrWhiteSpace($"{FirstName} {LastName}".Trim()) ? Email : $"{FirstName} {LastName}".Trim();
}

public class ContactTag
{
    public long ContactId { get; set; }
    public required string Tag { get; set; }
}
