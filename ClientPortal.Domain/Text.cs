using System.Text;

namespace ClientPortal.Domain;

/// <summary>
/// The one rule for text people and systems give the portal (names, tags, titles, descriptions, lessons), whichever
/// door it comes through — a page, the API, the inbound hook, a CSV import: characters that are never content are
/// removed. Those are the control characters (NUL, ESC, DEL, the C1 range…), which terminals, logs and spreadsheets
/// act on, and the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a name
/// read differently from what it is ("‮moc.elgoog" shows as "google.com"). A single-line field turns line breaks and
/// tabs into spaces; a multi-line one keeps them.
/// </summary>
public static class Text
{
    /// <summary>Trimmed and cleaned (<see cref="SingleLine"/>), or null when nothing is left (optional fields are
    /// stored as null).</summary>
    public static string? OrNull(string? text) => SingleLine(text) is { Length: > 0 } clean ? clean : null;

    /// <summary>One line of text, cleaned and trimmed ("" for null).</summary>
    public static string SingleLine(string? text) => Clean(text, multiLine: false).Trim();

    /// <summary>Text of several lines (Markdown, descriptions), cleaned; line breaks and tabs kept.</summary>
    public static string MultiLine(string? text) => Clean(text, multiLine: true);

    /// <summary>A multi-line optional field: cleaned, or null when only white space is left.</summary>
    public static string? MultiLineOrNull(string? text) => MultiLine(text) is { } clean
        && !string.IsNullOrWhiteSpace(clean) ? clean.Trim() : null;

    /// <summary>Whether the text holds a character <see cref="SingleLine"/> would remove or replace.</summary>
    public static bool NeedsCleaning(string? text) => text is not null
        && text.Any(c => IsNeverContent(c) || c is '\r' or '\n' or '\t');

    private static string Clean(string? text, bool multiLine)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (!text.Any(c => IsNeverContent(c) || (!multiLine && c is '\r' or '\n' or '\t'))) return text;
        var clean = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\r' or '\n' or '\t')
            {
                if (multiLine) clean.Append(c);
                else if (clean.Length > 0 && clean[^1] != ' ') clean.Append(' ');
            }
            else if (!IsNeverContent(c)) clean.Append(c);
        }
        return clean.ToString();
    }

    /// <summary>Control characters other than line breaks and tabs, and the bidi embeddings, overrides and
    /// isolates.</summary>
    private static bool IsNeverContent(char c) =>
        (char.IsControl(c) && c is not ('\r' or '\n' or '\t')) || c is >= '\u202A' and <= '\u202E'
            || c is >= '\u2066' and <= '\u2069';
}
