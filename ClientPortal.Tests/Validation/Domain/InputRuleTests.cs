using ClientPortal.Domain.Catalog;
using ClientPortal.Domain.Communities;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Messaging;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Validation.Domain;

/// <summary>The input rules live in the domain and name the field each problem belongs to; no database
/// needed.</summary>
public class InputRuleTests
{
    private static IEnumerable<string> Fields(ClientPortal.Domain.Problems problems) =>
        problems.ForFields.Select(f => f.Field).Distinct().Order();

    [Fact]
    public void Contact_details_name_each_bad_field()
    {
        Assert.Empty(new ContactDetails("ada@example.com", "Ada", null, "+44 1", ["vip"]).Check());
        var problems = new ContactDetails("nope", new string('a', 101), null, new string('1', 41),
            [new string('t', 101)]).Check();
        Assert.Equal(["Email", "FirstName", "Phone", "Tags"], Fields(problems));
    }

    [Fact]
    public void Email_settings_need_a_host_and_port_for_smtp_only()
    {
        Assert.Empty(new EmailSettingsInput(EmailProviders.Outbox, null, null, false, null, null, null, null).Check());
        var smtp = new EmailSettingsInput(EmailProviders.Smtp, " ", 70000, true, null, null, "not-an-address", null)
            .Check();
        Assert.Equal(["From", "Host", "Port"], Fields(smtp));
    }

    [Fact]
    public void An_offer_needs_a_name_and_a_product()
    {
        Assert.Empty(CatalogRules.OfferProblems("Starter", [1]));
        Assert.Equal(["Name", "ProductIds"], Fields(CatalogRules.OfferProblems(" ", [])));
        Assert.Contains("too long", CatalogRules.OfferProblems(new string('n', 201), [1]).Single());
    }

    [Fact]
    public void A_product_takes_an_uploaded_cover_or_a_web_address_and_names_each_bad_field()
    {
        foreach (var cover in (string?[])[null, "/covers/7-0123456789abcdef.webp", "https://cdn.example.com/c.png"])
            Assert.Empty(new ProductDetails("Sourdough", null, ProductKind.Course, cover).Check());
        var problems = new ProductDetails(" ", null, ProductKind.Course, "/covers/../appsettings.json", true,
            "javascript:alert(1)").Check();
        Assert.Equal(["CoverUrl", "Title", "UpsellUrl"], Fields(problems));
    }

    [Theory]
    [InlineData("/covers/7-0123456789abcdef.png", "7-0123456789abcdef.png")]
    [InlineData("7-0123456789abcdef.jpg", "7-0123456789abcdef.jpg")]
    [InlineData("/covers/../data/portal.db", null)]
    [InlineData("/covers/7-0123456789ABCDEF.png", null)]
    [InlineData("/covers/7-0123456789abcdef.svg", null)]
    [InlineData("/elsewhere/7-0123456789abcdef.png", null)]
    public void A_cover_address_names_only_an_uploaded_image(string address, string? name)
    {
        Assert.Equal(name, CoverAddress.NameIn(address));
        Assert.Equal(name is not null && address.StartsWith(CoverAddress.Prefix), CoverAddress.IsStored(address));
    }

    [Fact]
    public void A_lesson_needs_a_title_and_a_web_video_address()
    {
        Assert.Empty(CatalogRules.LessonProblems("Shaping", "https://vimeo.com/1"));
        Assert.Empty(CatalogRules.LessonProblems("Shaping", null));
        Assert.Equal(["Title", "VideoUrl"], Fields(CatalogRules.LessonProblems("", "file:///etc/passwd")));
    }

    [Fact]
    public void A_community_post_is_neither_empty_nor_too_long()
    {
        Assert.Empty(CommunityLimits.BodyProblems("Hello"));
        Assert.Equal(["Write something first."], CommunityLimits.BodyProblems("  "));
        Assert.Single(CommunityLimits.BodyProblems(new string('x', CommunityLimits.MaxBody + 1)));
    }

    [Fact]
    public void Nobody_is_invited_as_an_owner()
    {
        var admin = Seed.Admin with { Role = Roles.Admin };
        Assert.Empty(Roles.InviteProblems("sam@example.com", Roles.Staff, admin));
        Assert.Empty(Roles.InviteProblems("sam@example.com", Roles.Admin, admin));
        Assert.Equal(["Role"], Fields(Roles.InviteProblems("sam@example.com", Roles.Owner, admin)));
        Assert.Equal(["Role"], Fields(Roles.InviteProblems("sam@example.com", Roles.Owner,
            admin with { Role = Roles.Owner })));
        Assert.Equal(["Email", "Role"], Fields(Roles.InviteProblems("sam", "Janitor", admin)));
    }

    [Fact]
    public void A_passkey_has_a_short_name()
    {
        Assert.Empty(PasskeyNames.Check(" Laptop "));
        Assert.Equal(["Name"], Fields(PasskeyNames.Check(" ")));
        Assert.Equal(["Name"], Fields(PasskeyNames.Check(new string('p', PasskeyNames.MaxLength + 1))));
    }
}
