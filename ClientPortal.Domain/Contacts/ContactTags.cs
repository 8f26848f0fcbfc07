namespace ClientPortal.Domain.Contacts;

/// <summary>Tags are compared trimmed and lower-cased.</summary>
public static class ContactTags
{
    public static string Normalize(string tag) => tag.Trim().ToLowerInvariant();

    public static List<string> NormalizeAll(IEnumerable<string>? tags) =>
        (tags ?? []).Select(Normalize).Where(t => t.Length > 0).Distinct().ToList();
}
