namespace ClientPortal.Domain.Catalog;

/// <summary>The field rules products, categories and lessons share.</summary>
public static class CatalogRules
{
    public const int MaxTitle = 200;

    /// <summary>What is wrong with a title, or null when nothing is.</summary>
    public static string? TitleProblem(string? title) =>
        string.IsNullOrWhiteSpace(title) ? "A title is required."
        : title.Trim().Length > MaxTitle ? $"The title is too long ({MaxTitle} characters at most)." : null;

    /// <summary>What is wrong with a lesson's title and video address (field names match the lesson form: Title,
    /// VideoUrl).</summary>
    public static Problems LessonProblems(string? title, string? videoUrl)
    {
        var problems = new Problems();
        if (TitleProblem(title) is { } e) problems.Add("Title", e);
        if (!IsHttpUrlOrEmpty(videoUrl)) problems.Add("VideoUrl", "The video must be an http(s) address.");
        return problems;
    }

    /// <summary>What is wrong with an offer's name and products (field names match the offer form: Name,
    /// ProductIds).</summary>
    public static Problems OfferProblems(string? name, IReadOnlyCollection<long> productIds)
    {
        var problems = new Problems();
        if (string.IsNullOrWhiteSpace(name)) problems.Add("Name", "An offer needs a name.");
        else if (name.Trim().Length > MaxTitle) problems.Add("Name",
            $"The name is too long ({MaxTitle} characters at most).");
        if (productIds.Count == 0) problems.Add("ProductIds", "An offer must include at least one product.");
        return problems;
    }

    /// <summary>An absolute http(s) address, or nothing.</summary>
    public static bool IsHttpUrlOrEmpty(string? url) =>
        string.IsNullOrWhiteSpace(url)
        || (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u) && u.Scheme is "http" or "https");
}
