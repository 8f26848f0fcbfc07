using System.Diagnostics.CodeAnalysis;

namespace ClientPortal.Domain.MagicLinks;

/// <summary>
/// Where a magic link lands: home, courses, one course, communities or affiliates. Written as text in links, merge
/// fields (<c>{{login_url:course:12}}</c>), the API and the command line (<see cref="Choices"/>); always resolves to a
/// local path, so a link can never redirect off the portal.
/// </summary>
public sealed record LinkSection
{
    public static readonly LinkSection Home = new("home", "/", "Home");
    public static readonly LinkSection Courses = new("courses", "/courses", "Courses");
    public static readonly LinkSection Communities = new("communities", "/communities", "Communities");
    public static readonly LinkSection Affiliates = new("affiliates", "/affiliates", "Affiliates");

    /// <summary>How the sections are written, for messages that list them.</summary>
    public const string Choices = "home, courses, course:ID, communities or affiliates";

    private const string CoursePrefix = "course:";
    private static readonly LinkSection[] Named = [Home, Courses, Communities, Affiliates];

    private LinkSection(string text, string path, string words, long? courseId = null) =>
        (Text, Path, Words, CourseId) = (text, path, words, courseId);

    /// <summary>As stored and written: <c>home</c>, <c>course:12</c>…</summary>
    public string Text { get; }

    /// <summary>The portal page the link opens.</summary>
    public string Path { get; }

    /// <summary>What screens call it.</summary>
    public string Words { get; }

    /// <summary>The course, for a link to one course.</summary>
    public long? CourseId { get; }

    /// <summary>A link to one course, named by its title where the caller knows it (screens never show its id).
    /// </summary>
    public static LinkSection Course(long id, string? title = null) =>
        id > 0 ? new($"{CoursePrefix}{id}", $"/courses/{id}", title ?? "a course", id)
            : throw new ArgumentOutOfRangeException(nameof(id));

    /// <summary>The same section, a course one named by its title.</summary>
    public LinkSection Titled(string? courseTitle) =>
        CourseId is { } id && !string.IsNullOrWhiteSpace(courseTitle) ? Course(id, courseTitle) : this;

    /// <summary>Two sections are the same place whatever they are called.</summary>
    public bool Equals(LinkSection? other) => other is not null && other.Text == Text;

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    /// <summary>Reads the written form (any case, spaces around); nothing or blank is home.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out LinkSection? section)
    {
        var s = (text ?? "").Trim().ToLowerInvariant();
        section = s.Length == 0 ? Home : Named.FirstOrDefault(n => n.Text == s);
        if (section is null && s.StartsWith(CoursePrefix, StringComparison.Ordinal)
            && long.TryParse(s[CoursePrefix.Length..], out var id) && id > 0)
            section = Course(id);
        return section is not null;
    }

    /// <summary>A stored section; one that can no longer be read lands home.</summary>
    public static LinkSection Stored(string? text) => TryParse(text, out var s) ? s : Home;

    /// <summary>The section a portal path belongs to (a sign-in started from a course page returns to it); null for
    /// others.</summary>
    public static LinkSection? OfPath(string? path)
    {
        if (path is null) return null;
        const string course = "/courses/";
        if (path.StartsWith(course, StringComparison.Ordinal)
            && long.TryParse(path[course.Length..].Split('/', '?')[0], out var id) && id > 0)
            return Course(id);
        return Named.FirstOrDefault(n => n.Path == path.Split('?')[0]);
    }

    /// <summary>The message for a section that cannot be read.</summary>
    public static string Unknown(string? text) => $"Unknown section '{text}'. Use {Choices}.";

    public override string ToString() => Text;
}
