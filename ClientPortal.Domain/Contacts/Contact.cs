using System.Linq.Expressions;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Entities;

public enum PortalStatus
{
    None = 0,
    Invited = 1,
    Active = 2,
}

public class Contact : EventSource
{
    public long Id { get; private set; }
    public string Email { get; private set; } = "";

    /// <summary>Lower-cased, trimmed email: the unique, case-insensitive key.</summary>
    public string NormalizedEmail { get; private set; } = "";

    private string? _firstName;
    private string? _lastName;

    public string? FirstName
    {
        get => _firstName;
        private set { _firstName = value; FirstNameKey = SearchKey(value); }
    }

    public string? LastName
    {
        get => _lastName;
        private set { _lastName = value; LastNameKey = SearchKey(value); }
    }
    public string? Phone { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public PortalStatus PortalStatus { get; private set; }
    public DateTime? InvitedAt { get; private set; }
    public DateTime? FirstAccessAt { get; private set; }
    public DateTime? LastAccessAt { get; private set; }

    /// <summary>The learner account this contact signs in with, once it exists.</summary>
    public string? UserId { get; private set; }

    public DateTime? DeletedAt { get; private set; }

    public bool IsDeleted => DeletedAt is not null;

    /// <summary>
    /// The soft-delete rule as a query. The model applies it to every query of contacts (the named filter
    /// <c>SoftDelete</c>), so code names it only to lift it where the audit trail needs deleted rows.
    /// </summary>
    public static readonly Expression<Func<Contact, bool>> NotDeleted = c => c.DeletedAt == null;

    /// <summary>Whether the contact has entered the portal (by any method); <see cref="Enter"/> is what makes it
    /// so.</summary>
    public bool IsActive => PortalStatus == PortalStatus.Active;

    public List<ContactTag> Tags { get; private set; } = [];
    public List<Grant> Grants { get; private set; } = [];

    /// <summary>Lower-cased names, indexed, so a name-prefix search is an index range, not a table scan.</summary>
    public string? FirstNameKey { get; private set; }

    public string? LastNameKey { get; private set; }

    /// <summary>When the one automatic invite re-send went out (it happens once at most).</summary>
    public DateTime? InviteResentAt { get; private set; }

    /// <summary>When the contact first opened a lesson: the last step of the dashboard's funnel.</summary>
    public DateTime? FirstLessonStartedAt { get; private set; }

    /// <summary>The id a bulk insert gives a new contact when it writes the rows itself (once; the database gives the
    /// rest).</summary>
    public void Numbered(long id)
    {
        if (Id != 0) throw new InvalidOperationException($"Contact {Id} already has its id.");
        Id = id;
    }

    public static string? SearchKey(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim()
        .ToLowerInvariant();

    public string DisplayName =>
        string.IsNullOrWhiteSpace($"{FirstName} {LastName}".Trim()) ? Email : $"{FirstName} {LastName}".Trim();

    /// <summary>A new contact. Its creation is recorded by <see cref="Created"/> once the database has given it an
    /// id.</summary>
    public static Contact Create(ContactDetails details, DateTime now)
    {
        var contact = new Contact { CreatedAt = now };
        contact.Apply(details);
        contact.Tags = ContactTags.NormalizeAll(details.Tags).Select(t => new ContactTag { Tag = t }).ToList();
        return contact;
    }

    public void Created(Actor actor, DateTime now)
    {
        Raise(new ContactCreated(Id, Email, actor, now));
    }

    /// <summary>Applies the details; false when nothing changed. The audit row lists each change (tags only when
    /// given).</summary>
    public bool Change(ContactDetails details, Actor actor, DateTime now)
    {
        var changes = new List<string>();
        void Track(string field, string? before, string? after)
        {
            if (before != after) changes.Add($"{field}: '{before}' → '{after}'");
        }
        Track("email", Email, Text.SingleLine(details.Email));
        Track("first name", FirstName, Text.OrNull(details.FirstName));
        Track("last name", LastName, Text.OrNull(details.LastName));
        Track("phone", Phone, Text.OrNull(details.Phone));
        Apply(details);
        if (details.Tags is not null)
        {
            var wanted = ContactTags.NormalizeAll(details.Tags);
            var current = Tags.Select(t => t.Tag).ToList();
            if (!wanted.Order().SequenceEqual(current.Order()))
            {
                changes.Add($"tags: {string.Join(", ", current)} → {string.Join(", ", wanted)}");
                Tags.RemoveAll(t => !wanted.Contains(t.Tag));
                Tags.AddRange(wanted.Except(current).Select(t => new ContactTag { Tag = t }));
            }
        }
        if (changes.Count == 0) return false;
        Raise(new ContactUpdated(Id, Email, string.Join("; ", changes), actor, now));
        return true;
    }

    /// <summary>
    /// An import row for an existing contact fills in what it gives (a name, a phone) and adds its tags, never removing
    /// any; true when that changes the contact, which happens only with <paramref name="apply"/>. The import audits
    /// itself as a whole.
    /// </summary>
    public bool MergeImported(ContactDetails row, bool apply)
    {
        var changed = false;
        void Set(string? value, string? current, Action<string> assign)
        {
            if (value is null || value == current) return;
            changed = true;
            if (apply) assign(value);
        }
        Set(row.FirstName, FirstName, v => FirstName = v);
        Set(row.LastName, LastName, v => LastName = v);
        Set(row.Phone, Phone, v => Phone = v);
        var newTags = (row.Tags ?? []).Except(Tags.Select(t => t.Tag)).ToList();
        if (newTags.Count > 0)
        {
            changed = true;
            if (apply) Tags.AddRange(newTags.Select(t => new ContactTag { Tag = t }));
        }
        return changed;
    }

    /// <summary>Soft delete: gone from lists, the address free for a new contact, the row kept for the audit
    /// trail.</summary>
    public void Delete(int grantsRevoked, Actor actor, DateTime now)
    {
        DeletedAt = now;
        NormalizedEmail = $"deleted:{Id}:{NormalizedEmail}";
        Raise(new ContactDeleted(Id, Email, grantsRevoked, actor, now));
    }

    /// <summary>
    /// An invite was queued for the contact: a contact who never had portal access becomes Invited; one who joined
    /// meanwhile keeps Active (the invite's link still signs them in).
    /// </summary>
    public void Invite(Actor actor, DateTime now, Guid? batchId)
    {
        if (PortalStatus == PortalStatus.None) PortalStatus = PortalStatus.Invited;
        InvitedAt = now;
        Raise(new InviteSent(Id, actor, now, batchId));
    }

    /// <summary>
    /// The contact entered the portal, by any method: the first entry makes them Active (from no access or Invited);
    /// every entry sets the last access. True for the first. The sign-in write does the same in one statement
    /// (<c>RecordEntry</c>), and a test holds the two to the same answers.
    /// </summary>
    public bool Enter(DateTime now)
    {
        var first = !IsActive;
        PortalStatus = PortalStatus.Active;
        FirstAccessAt ??= now;
        LastAccessAt = now;
        return first;
    }

    /// <summary>
    /// What an entry into the portal tells the rest of the portal: the first one is a join; every one is a sign-in, by
    /// <paramref name="method"/>, audited under the person who signed in.
    /// </summary>
    public static IEnumerable<IDomainEvent> EntryEvents(long contactId, bool first, string method, Actor actor,
        DateTime now)
    {
        if (first) yield return new PortalJoined(contactId, now);
        yield return new LearnerSignedIn(contactId, method, first, actor, now);
    }

    /// <summary>The contact opened a lesson; the first time is the last step of the dashboard's funnel.</summary>
    public void StartedALesson(DateTime now) => FirstLessonStartedAt ??= now;

    /// <summary>The automatic second invite to a contact still Invited (the status and the first invite's time
    /// stay).</summary>
    public void InviteResent(Actor actor, DateTime now) => Raise(new InviteSent(Id, actor, now, Resent: true));

    /// <summary>Records that the contact's outstanding links were revoked (by one statement, not entity by
    /// entity).</summary>
    public void LinksRevoked(int count, Actor actor, DateTime now)
    {
        Raise(new ContactLinksRevoked(Id, count, actor, now));
    }

    private void Apply(ContactDetails d)
    {
        Email = Text.SingleLine(d.Email);
        NormalizedEmail = ContactEmail.Normalize(d.Email);
        FirstName = Text.OrNull(d.FirstName);
        LastName = Text.OrNull(d.LastName);
        Phone = Text.OrNull(d.Phone);
    }

}

/// <summary>
/// The dashboard's counts of contacts, as queries (the soft-delete filter leaves deleted contacts out). SQL restates
/// them in the triggers that keep the tally row (migration ContactTallies) and in the sign-in write's
/// <c>RecordEntry</c>; DashboardTallyTests and PortalStatusRuleTests hold those copies to these.
/// </summary>
public static class ContactCounts
{
    /// <summary>Invited and not yet in the portal.</summary>
    public static readonly Expression<Func<Contact, bool>> Invited = c => c.PortalStatus == PortalStatus.Invited;

    /// <summary>Has entered the portal (<see cref="Contact.IsActive"/>).</summary>
    public static readonly Expression<Func<Contact, bool>> Active = c => c.PortalStatus == PortalStatus.Active;

    /// <summary>Was ever sent an invite: the funnel's first stage.</summary>
    public static readonly Expression<Func<Contact, bool>> EverInvited = c => c.InvitedAt != null;

    /// <summary>Invited, then entered the portal.</summary>
    public static readonly Expression<Func<Contact, bool>> Joined = c => c.InvitedAt != null && c.FirstAccessAt != null;

    /// <summary>Invited, then started a lesson: the funnel's last stage.</summary>
    public static readonly Expression<Func<Contact, bool>> FirstLessonStarted =
        c => c.InvitedAt != null && c.FirstLessonStartedAt != null;
}

/// <summary>What the team (or an import, the API, a sign-up) writes about a contact; null tags leave the tags
/// alone.</summary>
public sealed record ContactDetails(string Email, string? FirstName, string? LastName, string? Phone,
    IReadOnlyList<string>? Tags = null)
{
    public const int MaxName = 100, MaxPhone = 40, MaxTag = 100;

    /// <summary>What is wrong with these details, each problem under its field's name (a form shows it beside the
    /// field).</summary>
    public Problems Check()
    {
        var problems = new Problems();
        if (!ContactEmail.IsValid(Email, out var emailError)) problems.Add(nameof(Email), emailError);
        if (FirstName?.Trim().Length > MaxName) problems.Add(nameof(FirstName),
            $"First name is too long ({MaxName} characters at most).");
        if (LastName?.Trim().Length > MaxName) problems.Add(nameof(LastName),
            $"Last name is too long ({MaxName} characters at most).");
        if (Phone?.Trim().Length > MaxPhone) problems.Add(nameof(Phone),
            $"Phone is too long ({MaxPhone} characters at most).");
        if (Tags?.Count > ContactTags.MaxPerContact)
            problems.Add(nameof(Tags), $"At most {ContactTags.MaxPerContact} tags at once (this has {Tags.Count:N0}).");
        else
            foreach (var tag in Tags ?? [])
                if (ContactTags.Normalize(tag) is { Length: > MaxTag })
                    problems.Add(nameof(Tags), $"Tag '{tag[..20]}…' is too long ({MaxTag} characters at most).");
        return problems;
    }
}

public class ContactTag
{
    public long ContactId { get; set; }
    public required string Tag { get; set; }
}
