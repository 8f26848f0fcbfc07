using ClientPortal.Domain.Messaging;

namespace ClientPortal.Tests.Messaging.Domain;

/// <summary>The merge fields of emails, SMS and workflow steps: checked when saved, rendered safely when
/// sent.</summary>
public class MergeFieldTests
{
    [Fact]
    public void Unknown_fields_unclosed_braces_and_unknown_sections_are_named()
    {
        Assert.Empty(MergeFields.Validate("Hi {{contact.first_name}}, go to {{login_url:courses}} {{ portal.name }}"));
        Assert.Contains(MergeFields.Validate("Hi {{contact.nickname}}"), e => e.Contains("Unknown merge field"));
        Assert.Contains(MergeFields.Validate("Hi {{contact.first_name}"), e => e.Contains("not closed"));
        Assert.Contains(MergeFields.Validate("{{login_url:nowhere}}"), e => e.Contains("Unknown section"));
    }

    [Fact]
    public void Values_cannot_inject_markup_in_the_html_part_and_stay_text_in_the_text_part()
    {
        var (html, text) = MergeFields.Render("Hi **{{contact.first_name}}** [go]({{login_url}})",
            p => p.Name == "login_url" ? "https://portal.example/l/abc" : "<script>x</script>[evil](javascript:1)");
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("href=\"https://portal.example/l/abc\"", html);
        Assert.Contains("Hi <script>x</script>[evil](javascript:1) go: https://portal.example/l/abc", text);
        Assert.DoesNotContain("**", text);
    }

    [Fact]
    public void A_value_used_as_a_link_address_cannot_make_a_script_link()
    {
        var (evil, _) = MergeFields.Render("[open]({{contact.first_name}})", _ => "javascript:alert(1)");
        Assert.Contains("href=\"#\"", evil);
        Assert.DoesNotContain("javascript:", evil);
    }
}
