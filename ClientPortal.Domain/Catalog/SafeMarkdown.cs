using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ClientPortal.Domain.Catalog;

/// <summary>
/// Markdown to HTML that is safe to show: raw HTML is escaped (not rendered), and links or images whose
/// URL is not http(s), mailto or site-relative are neutralised (no javascript:, data:, vbscript:).
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .Build();

    public static string ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (!IsSafeUrl(link.Url)) link.Url = "#";
        foreach (var link in document.Descendants<AutolinkInline>())
            if (!IsSafeUrl(link.Url)) link.Url = "#";
        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }

    /// <summary>
    /// The same Markdown as clean text for an email's text part: no Markdown syntax left, and every link's address
    /// written out after its words (a text reader has nothing to click).
    /// </summary>
    public static string ToPlainText(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>().Where(l => !l.IsImage).ToList())
        {
            var words = string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
            if (!IsSafeUrl(link.Url)) link.Url = "#";
            else if (!string.IsNullOrEmpty(link.Url)
                && words.Trim() != link.Url) link.InsertAfter(new LiteralInline($": {link.Url}"));
        }
        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer) { EnableHtmlForBlock = false,
            EnableHtmlForInline = false, EnableHtmlEscape = false };
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString().Trim();
    }

    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return true;
        var u = url.Trim();
        if (u.StartsWith('/') && !u.StartsWith("//")) return true;
        if (u.StartsWith('#')) return true;
        return Uri.TryCreate(u, UriKind.Absolute, out var abs) && abs.Scheme is "http" or "https" or "mailto";
    }
}
