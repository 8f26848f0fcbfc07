namespace ClientPortal.Domain.Contacts;

/// <summary>Tags are compared trimmed and lower-cased, cleaned by the text rule (<see
/// cref="Text.SingleLine"/>).</summary>
public static class ContactTags
{
    /// <summary>The most tags one contact holds, and the most one call may add (each is a row and an audit
    /// line).</summary>
    public const int MaxPerContact = 100;

    public static string Normalize(string tag) => Text.SingleLine(tag).ToLowerInvariant();

    public static List<string> NormalizeAll(IEnumerable<string>? tags) =>
        (tags ?? []).Select(Normalize).Where(t => t.Length > 0).Distinct().ToList();

    /// <summary>Why adding <paramref name="adding"/> to the tags a contact holds would pass
    /// <see cref="MaxPerContact"/>, or null.</summary>
    public static string? CeilingProblem(IReadOnlyCollection<string> held, IEnumerable<string> adding)
    {
        var total = held.Select(Normalize).Union(NormalizeAll(adding)).Count();
        return total > MaxPerContact
            ? $"A contact holds at most {MaxPerContact} tags; this would give it {total}. Remove some first."
            : null;
    }
}
