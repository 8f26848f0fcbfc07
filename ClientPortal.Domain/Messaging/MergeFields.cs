using System.Net;
using System.Text.RegularExpressions;
using ClientPortal.Domain.Catalog;

namespace ClientPortal.Domain.Messaging;

/// <summary>
/// Templates are Markdown with merge fields: {{contact.first_name}}, {{contact.last_name}}, {{contact.email}},
/// {{portal.name}}, {{portal.url}}, {{login_url}} and {{login_url:SECTION}}. An unknown field or an unbalanced
/// brace is a validation error, never a blank in a sent message.
/// </summary>
public static partial class MergeFields
{
    public static readonly string[] Simple = ["contact.first_name", "contact.last_name", "contact.email", "portal.name",
        "portal.url"];

    [GeneratedRegex(@"\{\{\s*([a-z_.]+)(?::([a-z0-9:_-]+))?\s*\}\}")]
    private static partial Regex Field();

    public sealed record Placeholder(string Name, string? Argument, string Raw);

    public static IReadOnlyList<Placeholder> Find(string template) =>
        Field().Matches(template)
            .Select(m => new Placeholder(m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : null, m.Value))
            .ToList();

    public static IReadOnlyList<string> Validate(string template, bool allowLoginUrl = true,
        IReadOnlyCollection<string>? extraFields = null)
    {
        var errors = new List<string>();
        var withoutFields = Field().Replace(template, "");
        if (withoutFields.Contains("{{") || withoutFields.Contains("}}"))
            errors.Add("A merge field is not closed or not recognised: check every {{ has a matching }} and a known " +
                "name.");
        foreach (var p in Find(template))
        {
            if (p.Name == "login_url")
            {
                if (!allowLoginUrl) errors.Add("{{login_url}} is not available here.");
                else if (p.Argument is not null && !MagicLinks.LinkSection.TryParse(p.Argument, out _))
                    errors.Add($"Unknown section '{p.Argument}' in {p.Raw}. Use {MagicLinks.LinkSection.Choices}.");
            }
            else if (!Simple.Contains(p.Name) && extraFields?.Contains(p.Name) != true)
                errors.Add($"Unknown merge field {p.Raw}. Known fields: " +
                    $"{string.Join(", ", Simple.Select(f => "{{" + f + "}}"))}, {{{{login_url}}}}.");
            else if (p.Argument is not null)
                errors.Add($"{p.Raw} takes no argument.");
        }
        return errors.Distinct().ToList();
    }

    /// <summary>A template rendered once, with inert markers where its fields go, ready to fill per
    /// recipient.</summary>
    public sealed record Prepared(string Html, string Text, IReadOnlyList<(string Marker, Placeholder Field)> Markers);

    /// <summary>
    /// Renders Markdown once. Fields are swapped for inert markers before Markdown runs and replaced in
    /// <see cref="Fill"/>: values are HTML-encoded in the HTML part and can never inject markup or links.
    /// </summary>
    public static Prepared Prepare(string markdown)
    {
        var marked = markdown;
        var markers = new List<(string, Placeholder)>();
        foreach (var (p, i) in Find(markdown).Select((p, i) => (p, i)))
        {
            // Site-relative, so Markdown keeps it in a link's URL; swapped back after rendering.
            var marker = $"/cpmerge{i}x";
            var idx = marked.IndexOf(p.Raw, StringComparison.Ordinal);
            marked = marked[..idx] + marker + marked[(idx + p.Raw.Length)..];
            markers.Add((marker, p));
        }
        // Longest markers first, so /cpmerge1x never eats part of /cpmerge11x.
        return new Prepared(SafeMarkdown.ToHtml(marked), SafeMarkdown.ToPlainText(marked),
            markers.OrderByDescending(m => m.Item1.Length).ToList());
    }

    public static (string Html, string Text) Fill(Prepared prepared, Func<Placeholder, string> value)
    {
        var html = prepared.Html;
        var text = prepared.Text;
        foreach (var (marker, field) in prepared.Markers)
        {
            var v = value(field);
            // In an attribute (a link's href) only a safe URL may stand; elsewhere the value is text.
            html = html.Replace($"\"{marker}\"", $"\"{WebUtility.HtmlEncode(SafeMarkdown.IsSafeUrl(v) ? v : "#")}\"");
            html = html.Replace(marker, WebUtility.HtmlEncode(v));
            text = text.Replace(marker, v);
        }
        return (html, text);
    }

    public static (string Html, string Text) Render(string markdown, Func<Placeholder, string> value) =>
        Fill(Prepare(markdown), value);
}
