using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Affiliates;
using ClientPortal.App.Features.Catalog;
using ClientPortal.App.Features.Communities;
using ClientPortal.App.Features.Learners;
using ClientPortal.App.Features.Learning;
using ClientPortal.Domain.Catalog;
using ClientPortal.Domain.Communities;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Messaging;
using ClientPortal.Infrastructure.Events;
using ClientPortal.Infrastructure.Settings;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Learning.Services;

public class LearningTests
{
    private static List<IDomainEvent> Record(DomainHost host)
    {
        var seen = new List<IDomainEvent>();
        host.Get<DomainEvents>().Subscribe(e => { lock (seen) seen.Add(e); return Task.CompletedTask; });
        return seen;
    }

    private static List<string> ProgressEvents(List<IDomainEvent> seen) =>
        seen.OfType<IProgressEvent>().Select(e => e switch
        {
            LessonStarted s => $"lesson-started:{s.LessonId}",
            LessonCompleted c => $"lesson-completed:{c.LessonId}",
            CategoryStarted s => $"category-started:{s.CategoryId}",
            CategoryCompleted c => $"category-completed:{c.CategoryId}",
            ProductStarted s => $"product-started:{s.ProductId}",
            ProductCompleted c => $"product-completed:{c.ProductId}",
            _ => e.GetType().Name,
        }).ToList();

    [Fact]
    public async Task Opening_lessons_starts_each_lesson_module_and_course_once()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await SeedCourse.GrantedAsync(host, "ada@example.com", 2, 1);
        var (l11, l12) = (course.LessonIds[0][0], course.LessonIds[0][1]);
        var progress = host.Get<CourseProgress>();
        var seen = Record(host);

        var player = await progress.OpenAsync(course.ContactId, course.ProductId, null);
        Assert.Equal(l11, player!.Lesson!.Id); // a fresh learner starts at the first lesson
        Assert.Equal([$"lesson-started:{l11}", $"category-started:{course.CategoryIds[0]}",
            $"product-started:{course.ProductId}"], ProgressEvents(seen));

        // Re-opening, and opening a second lesson of a started category, do not repeat anything.
        seen.Clear();
        await progress.OpenAsync(course.ContactId, course.ProductId, l11);
        await progress.OpenAsync(course.ContactId, course.ProductId, l12);
        Assert.Equal([$"lesson-started:{l12}"], ProgressEvents(seen));
    }

    [Fact]
    public async Task Completing_a_modules_or_courses_last_lesson_completes_it_too()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await SeedCourse.GrantedAsync(host, "ada@example.com", 2, 1);
        var (m1, m2) = (course.CategoryIds[0], course.CategoryIds[1]);
        var (l11, l12, l21) = (course.LessonIds[0][0], course.LessonIds[0][1], course.LessonIds[1][0]);
        var progress = host.Get<CourseProgress>();
        await progress.OpenAsync(course.ContactId, course.ProductId, l11);
        await progress.OpenAsync(course.ContactId, course.ProductId, l12);
        var seen = Record(host);

        Assert.True((await progress.CompleteAsync(course.ContactId, course.ProductId, l11)).Succeeded);
        Assert.Equal([$"lesson-completed:{l11}"], ProgressEvents(seen)); // module 1 still has an unfinished lesson
        seen.Clear();
        await progress.CompleteAsync(course.ContactId, course.ProductId, l12);
        await progress.CompleteAsync(course.ContactId, course.ProductId, l12); // twice: no second event
        Assert.Equal([$"lesson-completed:{l12}", $"category-completed:{m1}"], ProgressEvents(seen));

        seen.Clear();
        var done = await progress.CompleteAsync(course.ContactId, course.ProductId,
            l21); // never opened: completing starts it too
        Assert.Equal([$"lesson-started:{l21}", $"category-started:{m2}", $"lesson-completed:{l21}",
            $"category-completed:{m2}",
            $"product-completed:{course.ProductId}"], ProgressEvents(seen));
        Assert.Equal(100, done.Value!.Outline.Percent);
    }

    [Fact]
    public async Task After_an_admin_reset_the_learner_goes_again_and_no_event_fires_twice()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await SeedCourse.GrantedAsync(host, "ada@example.com", 2, 1);
        var progress = host.Get<CourseProgress>();
        foreach (var lesson in course.LessonIds.SelectMany(l => l))
            await progress.CompleteAsync(course.ContactId, course.ProductId, lesson);
        var seen = Record(host);

        Assert.True((await progress.ResetAsync(course.ContactId, course.ProductId, Seed.Admin)).Succeeded);
        Assert.Equal(0, (await progress.ContactProgressAsync(course.ContactId)).Single().Completed);
        var first = course.LessonIds[0][0];
        await progress.OpenAsync(course.ContactId, course.ProductId, first);
        await progress.CompleteAsync(course.ContactId, course.ProductId, first);
        Assert.Empty(ProgressEvents(seen));

        await using var db = host.NewDb();
        Assert.Equal(12, await db.ProgressMilestones.CountAsync(m => m.ContactId == course.ContactId));
        Assert.Contains("progress.reset", await db.AuditEvents.Where(a => a.ContactId == course.ContactId)
            .Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Concurrent_opens_of_the_same_lesson_emit_one_start()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await SeedCourse.GrantedAsync(host, "ada@example.com", 3);
        var progress = host.Get<CourseProgress>();
        var seen = Record(host);
        await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ =>
            Task.Run(() => progress.OpenAsync(course.ContactId, course.ProductId, course.LessonIds[0][1]))));
        Assert.Equal(1, ProgressEvents(seen).Count(e => e.StartsWith("lesson-started")));
        Assert.Equal(1, ProgressEvents(seen).Count(e => e.StartsWith("product-started")));
    }

    [Fact]
    public async Task Resume_and_continue_go_to_where_the_learner_left_off()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await SeedCourse.GrantedAsync(host, "ada@example.com", 2, 2);
        var lessons = course.LessonIds.SelectMany(l => l).ToArray();
        var progress = host.Get<CourseProgress>();

        var cards = await host.Get<Library>().CardsAsync(course.ContactId);
        Assert.False(cards.Single().Progress!.Started);
        Assert.Null(cards.Single().Progress!.ContinueLessonId);

        await progress.CompleteAsync(course.ContactId, course.ProductId, lessons[0]);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await progress.OpenAsync(course.ContactId, course.ProductId, lessons[2]); // skipped ahead, not finished
        host.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(lessons[2], (await progress.OpenAsync(course.ContactId, course.ProductId, null))!.Lesson!.Id);
        var card = (await host.Get<Library>().CardsAsync(course.ContactId)).Single();
        Assert.Equal(25, card.Progress!.Percent);
        Assert.Equal(lessons[1], card.Progress.ContinueLessonId); // "Continue" = first unfinished lesson in order

        await progress.CompleteAsync(course.ContactId, course.ProductId, lessons[2]);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        // The last lesson opened is finished: resume at the first unfinished one.
        Assert.Equal(lessons[1], (await progress.OpenAsync(course.ContactId, course.ProductId, null))!.Lesson!.Id);
    }

    [Fact]
    public async Task Revoking_the_grant_stops_the_next_lesson_load_and_completion()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await SeedCourse.GrantedAsync(host, "ada@example.com", 2);
        var progress = host.Get<CourseProgress>();
        Assert.NotNull(await progress.OpenAsync(course.ContactId, course.ProductId, course.LessonIds[0][0]));

        Assert.True((await host.Get<AccessGrants>().RevokeAsync(course.ContactId, course.OfferId, Seed.Admin))
            .Succeeded);

        Assert.Null(await progress.OpenAsync(course.ContactId, course.ProductId, course.LessonIds[0][1]));
        Assert.False((await progress.CompleteAsync(course.ContactId, course.ProductId, course.LessonIds[0][0]))
            .Succeeded);
        // A lesson id from another course is refused even with access to this one.
        var other = await SeedCourse.GrantedAsync(host, "grace@example.com", 1);
        Assert.Null(await progress.OpenAsync(other.ContactId, other.ProductId, course.LessonIds[0][0]));
    }

    [Fact]
    public async Task Admin_mark_complete_is_audited_and_publishes_the_learners_events()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await SeedCourse.GrantedAsync(host, "ada@example.com", 1);
        var seen = Record(host);
        Assert.True((await host.Get<CourseProgress>()
            .MarkCompleteAsync(course.ContactId, course.LessonIds[0][0], Seed.Admin)).Succeeded);
        Assert.Contains($"product-completed:{course.ProductId}", ProgressEvents(seen));
        var outline = (await host.Get<CourseProgress>().ContactProgressAsync(course.ContactId)).Single();
        Assert.Equal((1, 1), (outline.Completed, outline.Total));
        await using var db = host.NewDb();
        var audit = await db.AuditEvents.SingleAsync(a => a.Action == "progress.complete");
        Assert.Equal(("admin@example.com", course.ContactId), (audit.ActorName, audit.ContactId!.Value));
        Assert.NotNull((await db.Contacts.SingleAsync(c => c.Id == course.ContactId)).FirstLessonStartedAt);
    }

    [Fact]
    public async Task Locked_products_show_only_when_their_creator_asks_and_never_open()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await SeedCourse.GrantedAsync(host, "ada@example.com", 1);
        var catalogProducts = host.Get<CatalogProducts>();
        var upsell = await Seed.ProductAsync(host, "Advanced");
        var hidden = await Seed.ProductAsync(host, "Hidden");
        Assert.True((await catalogProducts.UpdateProductAsync(upsell,
            new ProductDetails("Advanced", null, ProductKind.Course, null, true, "https://shop.example.com/advanced"),
            Seed.Admin)).Succeeded);

        var cards = await host.Get<Library>().CardsAsync(course.ContactId);
        Assert.Equal([(course.ProductId, false), (upsell, true)], cards.Select(c => (c.Id, c.Locked)));
        Assert.Equal("https://shop.example.com/advanced", cards.Single(c => c.Locked).UpsellUrl);
        Assert.DoesNotContain(cards, c => c.Id == hidden);
        Assert.Null(await host.Get<CourseProgress>().OpenAsync(course.ContactId, upsell, null));
    }

    private sealed record Lounge(long Community, long Offer, long Member, CommunityBoard Board,
        CommunityMember Ada, CommunityMember Eve, CommunityMember Team);

    /// <summary>A community whose offer Ada holds; Eve is a contact without it.</summary>
    private static async Task<Lounge> LoungeAsync(DomainHost host)
    {
        var community = await Seed.ProductAsync(host, "Members' lounge", kind: ProductKind.Community);
        var offer = await Seed.OfferAsync(host, "Membership", community);
        var member = await Seed.ContactAsync(host, "ada@example.com", "Ada", "Lovelace");
        var outsider = await Seed.ContactAsync(host, "eve@example.com", "Eve");
        Assert.True((await host.Get<AccessGrants>().GrantAsync(member, offer, null, Seed.Admin)).Succeeded);
        var board = host.Get<CommunityBoard>();
        return new(community, offer, member, board, (await board.LearnerAsync(member))!,
            (await board.LearnerAsync(outsider))!, CommunityMember.Team("staff-1", "Sam from the team"));
    }

    [Fact]
    public async Task A_members_post_shows_under_a_short_name_with_the_teams_comments()
    {
        await using var host = await DomainHost.StartAsync();
        var (community, _, _, board, ada, _, team) = await LoungeAsync(host);

        Assert.Equal("Ada L.", ada.Name); // never an email address
        Assert.Equal(["Write something first."], (await board.PostAsync(community, ada, "   ")).Errors);
        Assert.Contains("too long",
            (await board.PostAsync(community, ada, new string('x', CommunityLimits.MaxBody + 1))).ErrorText);
        var post = (await board.PostAsync(community, ada, "Hello **everyone**")).Value;
        Assert.True((await board.CommentAsync(post, team, "Welcome!")).Succeeded);

        var page = (await board.PageAsync(community, ada, 1))!;
        Assert.Equal("Hello **everyone**", page.Posts.Single().BodyMarkdown);
        Assert.Equal(("Sam from the team", true),
            (page.Posts.Single().Comments.Single().AuthorName, page.Posts.Single().Comments.Single().ByTeam));
    }

    [Fact]
    public async Task Outsiders_cannot_read_or_write_even_by_id()
    {
        await using var host = await DomainHost.StartAsync();
        var (community, _, _, board, ada, eve, team) = await LoungeAsync(host);
        var post = (await board.PostAsync(community, ada, "Hello")).Value;

        Assert.Null(await board.PageAsync(community, eve, 1));
        Assert.Equal(CommunityBoard.NoAccess, (await board.PostAsync(community, eve, "let me in")).ErrorText);
        Assert.Equal(CommunityBoard.NoAccess, (await board.CommentAsync(post, eve, "me too")).ErrorText);
        var course = await Seed.ProductAsync(host, "A course");
        Assert.Null(await board.PageAsync(course, team, 1)); // a course is not a community, even for the team
    }

    [Fact]
    public async Task Only_the_team_deletes_posts()
    {
        await using var host = await DomainHost.StartAsync();
        var (community, _, _, board, ada, _, _) = await LoungeAsync(host);
        var post = (await board.PostAsync(community, ada, "Hello")).Value;

        Assert.False((await board.DeletePostAsync(post, new("u", "ada@example.com", null))).Succeeded);
        Assert.Equal(1, (await board.PageAsync(community, ada, 1))!.TotalPosts);
        Assert.True((await board.DeletePostAsync(post, Seed.Admin)).Succeeded);
        Assert.Equal(0, (await board.PageAsync(community, ada, 1))!.TotalPosts);
    }

    [Fact]
    public async Task Revoking_the_membership_closes_the_community_at_once()
    {
        await using var host = await DomainHost.StartAsync();
        var (community, offer, member, board, ada, _, _) = await LoungeAsync(host);
        var post = (await board.PostAsync(community, ada, "Still here?")).Value;

        Assert.True((await host.Get<AccessGrants>().RevokeAsync(member, offer, Seed.Admin)).Succeeded);
        Assert.Null(await board.PageAsync(community, ada, 1));
        Assert.False((await board.CommentAsync(post, ada, "hello?")).Succeeded);
    }

    [Fact]
    public async Task Community_pages_are_newest_first()
    {
        await using var host = await DomainHost.StartAsync();
        var community = await Seed.ProductAsync(host, "Lounge", kind: ProductKind.Community);
        var board = host.Get<CommunityBoard>();
        var team = CommunityMember.Team("staff-1", "Sam");
        for (var i = 1; i <= CommunityLimits.PageSize + 3; i++) await board.PostAsync(community, team, $"post {i}");
        var first = (await board.PageAsync(community, team, 1))!;
        var second = (await board.PageAsync(community, team, 2))!;
        Assert.Equal((2, CommunityLimits.PageSize + 3), (first.Pages, first.TotalPosts));
        Assert.Equal($"post {CommunityLimits.PageSize + 3}", first.Posts[0].BodyMarkdown);
        Assert.Equal(["post 3", "post 2", "post 1"], second.Posts.Select(p => p.BodyMarkdown));
    }

    [Fact]
    public async Task Sign_ups_within_thirty_days_of_a_click_are_attributed_to_the_affiliate()
    {
        await using var host = await DomainHost.StartAsync();
        var affiliates = host.Get<AffiliateProgram>();
        var partner = await Seed.ContactAsync(host, "partner@example.com", "Pat");
        var code = (await affiliates.EnrollAsync(partner, Seed.Admin)).Value!;
        Assert.Null(await affiliates.StatsAsync(await Seed.ContactAsync(host, "nobody@example.com")));
        Assert.Null(await affiliates.RecordClickAsync("nosuchcode"));
        var seen = Record(host);

        var requests = host.Get<LoginRequests>();
        Assert.False((await requests.SignUpAsync("new@example.com", null, "10.0.0.1", null))
            .Succeeded); // closed by default
        await using (var db = host.NewDb())
        {
            await db.Settings.ExecuteUpdateAsync(s => s.SetProperty(x => x.AllowSignUp, true));
        }

        var click = (await affiliates.RecordClickAsync(code))!.Value;
        await affiliates.RecordClickAsync(code);
        host.Clock.Advance(TimeSpan.FromDays(29));
        Assert.True((await requests.SignUpAsync("fresh@example.com", "Fay", "10.0.0.2", click)).Value!.Allowed);
        var late = (await affiliates.RecordClickAsync(code))!.Value;
        host.Clock.Advance(TimeSpan.FromDays(31));
        Assert.True((await requests.SignUpAsync("late@example.com", null, "10.0.0.3", late)).Value!.Allowed);
        Assert.True((await requests.SignUpAsync("partner@example.com", null, "10.0.0.4", click))
            .Value!.Allowed); // known: a login link only
        await host.Get<LoginRequestProcessor>().ProcessBatchAsync(CancellationToken.None);

        var stats = (await affiliates.StatsAsync(partner))!;
        Assert.Equal((3, 1), (stats.Clicks, stats.SignUps));
        await using var check = host.NewDb();
        var fresh = await check.Contacts.SingleAsync(c => c.NormalizedEmail == "fresh@example.com");
        Assert.Equal("Fay", fresh.FirstName);
        Assert.Equal(partner, (await check.AffiliateReferrals.SingleAsync()).AffiliateContactId);
        Assert.True(await check.Contacts.AnyAsync(c =>
            c.NormalizedEmail == "late@example.com")); // created, not attributed
        Assert.Equal(3,
            await check.Outbox.CountAsync(m =>
            m.Kind == DefaultTemplates.LoginEmail)); // each address got a sign-in link
        Assert.Contains(seen, e => e is NewSignUp s && s.ContactId == fresh.Id && s.AffiliateContactId == partner);
        Assert.Equal(2, seen.OfType<NewSignUp>().Count());
    }

    [Theory]
    [InlineData("https://www.youtube.com/watch?v=dQw4w9WgXcQ", VideoKind.Frame,
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://youtu.be/dQw4w9WgXcQ", VideoKind.Frame, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ")]
    [InlineData("https://vimeo.com/76979871", VideoKind.Frame, "https://player.vimeo.com/video/76979871")]
    [InlineData("https://cdn.example.com/intro.mp4", VideoKind.File, "https://cdn.example.com/intro.mp4")]
    [InlineData("https://www.youtube.com/watch?v=<script>", VideoKind.Link, "https://www.youtube.com/watch?v=<script>")]
    [InlineData("javascript:alert(1)", VideoKind.Link, "#")]
    public void Video_urls_become_known_players_files_or_links(string url, VideoKind kind, string expected)
    {
        var (actualKind, actualUrl) = VideoEmbed.For(url);
        Assert.Equal(kind, actualKind);
        if (kind != VideoKind.Link || expected == "#") Assert.Equal(expected, actualUrl);
    }
}

public class DashboardFunnelTests
{
    [Fact]
    public async Task The_funnel_counts_invited_joined_and_first_lesson_started_from_the_contacts()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await SeedCourse.GrantedAsync(host, "ada@example.com", 1);
        var grace = await Seed.ContactAsync(host, "grace@example.com");
        var never = await Seed.ContactAsync(host, "never@example.com");
        var gone = await Seed.ContactAsync(host, "gone@example.com");
        var now = host.Clock.GetUtcNow().UtcDateTime;
        await using (var db = host.NewDb())
        {
            await db.Contacts.Where(c => c.Id != never).ExecuteUpdateAsync(s => s.SetProperty(c => c.InvitedAt, now));
            await db.Contacts.Where(c => c.Id == grace || c.Id == course.ContactId || c.Id == gone)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.FirstAccessAt, now));
            await db.Contacts.Where(c => c.Id == gone).ExecuteUpdateAsync(s => s.SetProperty(c => c.DeletedAt, now));
        }
        await host.Get<CourseProgress>().OpenAsync(course.ContactId, course.ProductId, null);

        var funnel = (await host.Get<ClientPortal.App.Features.Dashboard.PortalStats>().DashboardAsync())
            .Funnel.ToDictionary(f => f.Name, f => f.Count);
        Assert.Equal(2, funnel["Ever invited"]); // ada and grace; never was not invited, gone is deleted
        Assert.Equal(2, funnel["Joined"]);
        Assert.Equal(1, funnel["First lesson started"]);
    }
}
