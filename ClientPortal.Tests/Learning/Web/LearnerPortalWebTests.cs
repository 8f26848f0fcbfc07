using System.Net;
using System.Text.RegularExpressions;
using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Affiliates;
using ClientPortal.App.Features.Catalog;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static ClientPortal.Tests.Support.Http;

namespace ClientPortal.Tests.Learning.Web;

public class LearnerPortalWebTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;
    private readonly PortalData _data;

    public LearnerPortalWebTests(PortalFactory factory)
    {
        _factory = factory;
        _data = new PortalData(factory.Services);
    }

    private static async Task<string> TextAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private async Task<(long Course, long Offer, long[] Lessons)> TwoLessonCourseAsync(string title)
    {
        var (course, offer) = await _data.CourseWithOfferAsync(title);
        var catalogProducts = _data.Get<CatalogProducts>();
        var catalogCurriculum = _data.Get<CatalogCurriculum>();
        var catalogOffers = _data.Get<CatalogOffers>();
        var category = (await catalogProducts.ProductAsync(course))!.Categories[0].Id;
        var second = (await catalogCurriculum.AddLessonAsync(category, $"{title}: second lesson", PortalData.Admin))
            .Value;
        var first = (await catalogProducts.ProductAsync(course))!.Categories[0].Lessons[0].Id;
        return (course, offer, new[] { first, second });
    }

    [Fact]
    public async Task A_completed_lesson_shows_as_progress_and_continue_opens_the_next()
    {
        var (course, offer, lessons) = await TwoLessonCourseAsync("Knife skills");
        var contact = await _data.ContactAsync("cook@example.com", "Cora");
        await _data.GrantAsync(contact, offer);
        var client = await _factory.SignedInViaLinkAsync(contact);

        var library = await client.GetStringAsync("/");
        Assert.Contains("data-testid=\"continue\"", library);
        Assert.Contains(">Start<", library);

        var complete = await Forms.SubmitAsync(client, $"/courses/{course}", "complete-lesson",
            new Dictionary<string, string> { ["LessonToComplete"] = lessons[0].ToString() });
        Assert.Equal($"/courses/{course}?lesson={lessons[1]}&completed={lessons[0]}", Location(complete));
        var next = await TextAsync(await client.GetAsync(Location(complete)));
        Assert.Contains("“Knife skills: first lesson” is complete.", next);
        Assert.Contains("1 of 2 lessons complete", next);

        library = await client.GetStringAsync("/");
        Assert.Matches("data-testid=\"card-progress\" data-percent=\"50\"", library);
        Assert.Contains($"href=\"/courses/{course}?lesson={lessons[1]}\"",
            library); // Continue opens the next unfinished lesson
    }

    [Fact]
    public async Task A_course_revoked_mid_session_closes_kindly_and_takes_no_completion()
    {
        var (course, offer, lessons) = await TwoLessonCourseAsync("Bread scoring");
        var contact = await _data.ContactAsync("baker.cora@example.com", "Cora");
        await _data.GrantAsync(contact, offer);
        var client = await _factory.SignedInViaLinkAsync(contact);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/courses/{course}?lesson={lessons[0]}")).StatusCode);

        // The admin revokes while the course is open: the next lesson load says so, kindly, and marks nothing.
        Assert.True((await _data.Get<AccessGrants>().RevokeAsync(contact, offer, PortalData.Admin)).Succeeded);
        var after = await client.GetAsync($"/courses/{course}?lesson={lessons[1]}");
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Contains("This course isn't available to you", await TextAsync(after));
        var sneaky = await Forms.SubmitAsync(client, "/profile", $"/courses/{course}", "complete-lesson",
            new Dictionary<string, string> { ["LessonToComplete"] = lessons[1].ToString() });
        Assert.NotEqual(HttpStatusCode.Redirect, sneaky.StatusCode);
        await using var db = await _data.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.LessonProgress.AnyAsync(p => p.ContactId == contact && p.LessonId == lessons[1]
            && p.CompletedAt != null));
    }

    [Fact]
    public async Task The_menu_offers_communities_and_affiliates_only_to_learners_who_have_them()
    {
        var plain = await _data.ContactAsync("menu.plain@example.com");
        var page = await (await _factory.SignedInViaLinkAsync(plain)).GetStringAsync("/");
        Assert.Contains("href=\"/profile\"", page);
        Assert.DoesNotContain("href=\"/communities\"", page);
        Assert.DoesNotContain("href=\"/affiliates\"", page);

        var catalogProducts = _data.Get<CatalogProducts>();
        var circle = (await catalogProducts.CreateProductAsync(
            new ProductDetails("Menu circle", null, ProductKind.Community, null), PortalData.Admin)).Value;
        await catalogProducts.SetPublishedAsync(circle, true, PortalData.Admin);
        var offer = (await _data.Get<CatalogOffers>().SaveOfferAsync(null, "Menu circle membership", null, [circle],
            PortalData.Admin)).Value;
        var member = await _data.ContactAsync("menu.member@example.com");
        await _data.GrantAsync(member, offer);
        Assert.True((await _data.Get<AffiliateProgram>().EnrollAsync(member, PortalData.Admin)).Succeeded);
        page = await (await _factory.SignedInViaLinkAsync(member)).GetStringAsync("/");
        Assert.Contains("href=\"/communities\"", page);
        Assert.Contains("href=\"/affiliates\"", page);
    }

    [Fact]
    public async Task Communities_are_open_to_members_and_closed_to_others_including_crafted_posts()
    {
        var catalogProducts = _data.Get<CatalogProducts>();
        var catalogCurriculum = _data.Get<CatalogCurriculum>();
        var catalogOffers = _data.Get<CatalogOffers>();
        var community = (await catalogProducts.CreateProductAsync(
            new ProductDetails("Bakers' circle", "Share your bakes", ProductKind.Community, null),
            PortalData.Admin)).Value;
        await catalogProducts.SetPublishedAsync(community, true, PortalData.Admin);
        var offer = (await catalogOffers.SaveOfferAsync(null, "Circle membership", null, [community], PortalData.Admin))
            .Value;
        var member = await _data.ContactAsync("baker@example.com", "Bea");
        var outsider = await _data.ContactAsync("stranger@example.com", "Stan");
        await _data.GrantAsync(member, offer);
        var bea = await _factory.SignedInViaLinkAsync(member);
        var stan = await _factory.SignedInViaLinkAsync(outsider);

        Assert.Contains("No posts yet", await bea.GetStringAsync($"/communities/{community}"));
        var empty = await Forms.SubmitAsync(bea, $"/communities/{community}", "new-post", new Dictionary<string,
            string> { ["Body"] = "  " });
        Assert.Contains("Write something first.", await TextAsync(empty));
        var posted = await Forms.SubmitAsync(bea, $"/communities/{community}", "new-post",
            new Dictionary<string, string> { ["Body"] = "My first loaf <script>alert(1)</script>" });
        Assert.True(posted.StatusCode == HttpStatusCode.Redirect, $"{posted.StatusCode}: {await TextAsync(posted)}");
        Assert.EndsWith($"/communities/{community}", Location(posted));
        var postId = long.Parse(Regex.Match(posted.Headers.Location!.ToString(), @"#post-(\d+)$").Groups[1].Value);
        var page = await bea.GetStringAsync($"/communities/{community}");
        Assert.Contains("My first loaf", page);
        Assert.DoesNotContain("<script>alert(1)</script>", page); // Markdown never renders raw HTML
        Assert.Contains("Bea", page);
        Assert.DoesNotContain("baker@example.com", page);

        var library = await stan.GetStringAsync("/communities");
        Assert.DoesNotContain("Bakers' circle", WebUtility.HtmlDecode(library));
        var direct = await stan.GetAsync($"/communities/{community}");
        Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
        Assert.DoesNotContain("My first loaf", await TextAsync(direct));
        var crafted = await Forms.SubmitAsync(stan, "/profile", $"/communities/{community}", "new-post",
            new Dictionary<string, string> { ["Body"] = "let me in" });
        Assert.NotEqual(HttpStatusCode.Redirect, crafted.StatusCode);
        var craftedComment = await Forms.SubmitAsync(stan, "/profile", $"/communities/{community}", $"comment-{postId}",
            new Dictionary<string, string> { ["Body"] = "me too" });
        Assert.NotEqual(HttpStatusCode.Redirect, craftedComment.StatusCode);
        await using var db = await _data.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.CommunityPosts.CountAsync(p => p.ProductId == community));
        Assert.Equal(0, await db.CommunityComments.CountAsync(c => c.PostId == postId));

        var reply = await Forms.SubmitAsync(bea, $"/communities/{community}", $"comment-{postId}",
            new Dictionary<string,
            string> { ["Body"] = "Crumb shot soon" });
        Assert.Matches(@"#comment-\d+$", reply.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_referral_link_credits_its_partner_with_clicks_then_sign_ups()
    {
        var partner = await _data.ContactAsync("partner@example.com", "Pat");
        var code = (await _data.Get<AffiliateProgram>().EnrollAsync(partner, PortalData.Admin)).Value!;
        var patClient = await _factory.SignedInViaLinkAsync(partner);
        var page = await patClient.GetStringAsync("/affiliates");
        Assert.Contains($"/r/{code}", page);
        Assert.Contains("data-testid=\"affiliate-clicks\">0<", page);

        var other = await _factory.SignedInViaLinkAsync(await _data.ContactAsync("plain@example.com"));
        Assert.Contains("not enrolled", await other.GetStringAsync("/affiliates"));

        await using (var db = await _data.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            await db.Settings.ExecuteUpdateAsync(s => s.SetProperty(x => x.AllowSignUp, true));

        var visitor = _factory.NewClient();
        var click = await visitor.GetAsync($"/r/{code}");
        Assert.Equal("/signup", Location(click));
        var cookie = click.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cp.ref="));
        Assert.Contains("httponly", cookie.ToLowerInvariant());
        Assert.DoesNotContain("cp.ref=",
            string.Join(";", (await _factory.NewClient().GetAsync("/r/unknowncode")).Headers
            .TryGetValues("Set-Cookie", out var none) ? none : []));

        var signUp = await Forms.SubmitAsync(visitor, "/signup", "signup",
            new Dictionary<string, string> { ["Input.Email"] = "referred@example.com", ["Input.FirstName"] = "Rae" });
        Assert.Contains("Check your inbox", await TextAsync(signUp));
        var mail = await _data.LatestMailTextAsync("referred@example.com");
        Assert.NotEmpty(PortalData.TokenIn(mail));

        page = await patClient.GetStringAsync("/affiliates");
        Assert.Contains("data-testid=\"affiliate-clicks\">1<", page);
        Assert.Contains("data-testid=\"affiliate-signups\">1<", page);

        // A known address gets the same answer and no second contact.
        var known = await Forms.SubmitAsync(_factory.NewClient(), "/signup", "signup",
            new Dictionary<string, string> { ["Input.Email"] = "partner@example.com" });
        Assert.Contains("Check your inbox", await TextAsync(known));
    }
}
