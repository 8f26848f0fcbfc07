namespace ClientPortal.Domain;

public static class Text
{
    /// <summary>Trimmed, or null when there is nothing but white space (optional fields are stored as null).</summary>
    public static string? OrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
