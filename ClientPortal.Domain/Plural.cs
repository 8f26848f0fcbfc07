namespace ClientPortal.Domain;

/// <summary>"1 invite", "2 invites": counts in words a course creator reads, never "invite(s)".</summary>
public static class Plural
{
    public static string Of(int count, string one, string? many = null) =>
        $"{count:N0} {(count == 1 ? one : many ?? one + "s")}";
}
