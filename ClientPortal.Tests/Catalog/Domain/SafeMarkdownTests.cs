using ClientPortal.Domain.Catalog;

namespace ClientPortal.Tests.Catalog.Domain;

public class SafeMarkdownTests
{
    [Fact]
    public void Raw_html_is_escaped_and_dangerous_links_are_neutralised()
    {
        var html = SafeMarkdown.ToHtml("# Hi\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) [ok](https://example.com) ![i](data:image/png;base64,AAA)");
        Assert.Contains("<h1", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("data:image", html);
        Assert.Contains("href=\"https://example.com\"", html);
    }
}
