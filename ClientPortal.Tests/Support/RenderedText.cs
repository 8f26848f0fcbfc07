using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace ClientPortal.Tests.Support;

public static partial class RenderedText
{
    /// <summary>An element's text as a reader sees it: runs of white space (the markup's line breaks and indentation)
    /// are one space, none at the ends.</summary>
    public static string Words(this IElement element) => Collapse(element.TextContent);

    /// <summary>The same for plain text (an email's text part, wrapped at its line length).</summary>
    public static string Collapse(string text) => Spaces().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
