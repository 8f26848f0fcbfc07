namespace ClientPortal.Domain.Communities;

public static class CommunityLimits
{
    public const int MaxBody = 5000;
    public const int PageSize = 10;

    /// <summary>What is wrong with a post's or comment's text (empty: nothing).</summary>
    public static IReadOnlyList<string> BodyProblems(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return ["Write something first."];
        if (body.Trim()
            .Length > MaxBody) return [$"That's too long ({body.Trim().Length:N0} characters; {MaxBody:N0} at most)."];
        return [];
    }
}
