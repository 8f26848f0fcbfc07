using ClientPortal.Domain.Catalog;

namespace ClientPortal.Tests.Catalog.Domain;

public class SafeMarkdownTests
{
    private const string Text =
        "# Hi\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) [ok](https://example.com) " +
            "![i](data:image/png;base64,AAA)";

    [Fact]
    public void Raw_html_is_escaped()
    {
        var html = SafeMarkdown.ToHtml(Text);
        Assert.Contains("<h1", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void Dangerous_links_are_neutralised_and_safe_ones_kept()
    {
        var html = SafeMarkdown.ToHtml(Text);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("data:image", html);
        Assert.Contains("href=\"https://example.com\"", html);
    }
}
