namespace ClientPortal.Domain.MagicLinks;

/// <summary>
/// Where a magic link lands: home, courses, course:{id}, communities or affiliates. Always resolves to a
/// local path, so a link can never redirect off the portal.
/// </summary>
public static class LinkTarget
{
    public static readonly string[] Sections = ["home", "courses", "communities", "affiliates"];

    public static bool TryParse(string? section, out string normalized)
    {
        normalized = "home";
        var s = (section ?? "home").Trim().ToLowerInvariant();
        if (s.Length == 0) return true;
        if (Sections.Contains(s)) { normalized = s; return true; }
        if (s.StartsWith("course:") && long.TryParse(s["course:".Length..], out var id) && id > 0)
        {
            normalized = $"course:{id}";
            return true;
        }
        return false;
    }

    public static string Path(string? section) =>
        TryParse(section, out var s) ? s switch
        {
            "courses" => "/courses",
            "communities" => "/communities",
            "affiliates" => "/affiliates",
            _ when s.StartsWith("course:") => $"/courses/{s["course:".Length..]}",
            _ => "/",
        } : "/";

    public static string Describe(string? section) =>
        TryParse(section, out var s) ? s switch
        {
            "courses" => "Courses",
            "communities" => "Communities",
            "affiliates" => "Affiliates",
            _ when s.StartsWith("course:") => $"Course #{s["course:".Length..]}",
            _ => "Home",
        } : "Home";
}
