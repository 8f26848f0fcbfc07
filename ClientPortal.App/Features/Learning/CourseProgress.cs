using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Catalog;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Learning;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Data.Writes;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Learning;

public sealed record LessonState(long Id, string Title, bool Started, bool Completed);

public sealed record CategoryOutline(long Id, string Title, IReadOnlyList<LessonState> Lessons);

public sealed record CourseOutline(long ProductId, string Title, IReadOnlyList<CategoryOutline> Categories)
{
    public int Total => Categories.Sum(c => c.Lessons.Count);
    public int Completed => Categories.Sum(c => c.Lessons.Count(l => l.Completed));
    public int Percent => ProductProgress.PercentOf(Completed, Total);
}

/// <summary>What the course player shows: the product, the outline with the learner's states, and the lesson.</summary>
public sealed record CoursePlayer(Product Product, CourseOutline Outline, Lesson? Lesson)
{
    public bool LessonCompleted => Lesson is not null && Outline.Categories.SelectMany(c => c.Lessons)
        .Any(l => l.Id == Lesson.Id && l.Completed);
}

/// <summary>A library card's progress: how far, and which lesson "Continue" opens.</summary>
public sealed record ProductProgress(long ProductId, int Lessons, int Completed, long? ContinueLessonId)
{
    public int Percent => PercentOf(Completed, Lessons);
    public bool Started => Completed > 0 || ContinueLessonId is not null;

    public static int PercentOf(int done, int total) => total == 0 ? 0 : (int)Math.Floor(100.0 * done / total);
}

/// <summary>
/// Lesson progress and what derives from it. Every learner call re-checks access (the one rule in
/// <see cref="AccessGrants"/>), so a revoked grant stops the next lesson load. Started/Completed events for
/// lessons, categories and products are published once per contact and subject, guarded by the
/// primary key of <see cref="ProgressMilestone"/> inside the same transaction as the progress row.
/// </summary>
public sealed class CourseProgress(IDbContextFactory<PortalDbContext> dbFactory, AccessGrants access,
    CatalogProducts catalogProducts,
    TimeProvider clock)
{
    /// <summary>
    /// Opens a lesson (or resumes) for a learner; null when the course is not theirs to see. <paramref name="record"/>
    /// false only looks (a form post re-rendering the page is not a visit).
    /// </summary>
    public async Task<CoursePlayer?> OpenAsync(long contactId, long productId, long? lessonId,
        CancellationToken ct = default, bool record = true)
    {
        var product = await VisibleCourseAsync(contactId, productId, ct);
        if (product is null) return null;
        var lessons = LessonOrder.Of(product);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lesson = lessonId is { } id
            ? lessons.FirstOrDefault(l => l.Id == id)
            : await ResumeLessonAsync(db, contactId, product.Id, lessons, ct);
        if (lessonId is not null && lesson is null) return null;
        if (lesson is not null && record) await RecordAsync(db, contactId, product, lesson, complete: false, ct);
        return await PlayerAsync(db, contactId, product, lesson, ct);
    }

    /// <summary>The learner marks a lesson complete; returns the player positioned on that lesson.</summary>
    public async Task<Outcome<CoursePlayer>> CompleteAsync(long contactId, long productId, long lessonId,
        CancellationToken ct = default)
    {
        var product = await VisibleCourseAsync(contactId, productId, ct);
        var lesson = product is null ? null : LessonOrder.Of(product).FirstOrDefault(l => l.Id == lessonId);
        if (product is null || lesson is null) return Outcome<CoursePlayer>.Fail("This course isn't available to you.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RecordAsync(db, contactId, product, lesson, complete: true, ct);
        return Outcome<CoursePlayer>.Success(await PlayerAsync(db, contactId, product, lesson, ct));
    }

    /// <summary>Progress for the library's cards (courses only; communities have none).</summary>
    public async Task<IReadOnlyDictionary<long,
        ProductProgress>> ProgressAsync(long contactId, IReadOnlyCollection<long> productIds,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lessons = await db.Lessons.AsNoTracking()
            .Join(db.Categories, l => l.CategoryId, c => c.Id,
                (l, c) => new { l.Id, c.ProductId, CategoryPosition = c.Position, CategoryId = c.Id, l.Position })
            .Where(x => productIds.Contains(x.ProductId))
            .ToListAsync(ct);
        var progress = await db.LessonProgress.AsNoTracking()
            .Where(p => p.ContactId == contactId && productIds.Contains(p.ProductId))
            .ToListAsync(ct);
        var result = new Dictionary<long, ProductProgress>();
        foreach (var group in lessons.GroupBy(l => l.ProductId))
        {
            var ordered = group.OrderBy(l => l.CategoryPosition).ThenBy(l => l.CategoryId).ThenBy(l => l.Position)
                .ThenBy(l => l.Id)
                .Select(l => l.Id).ToList();
            var mine = progress.Where(p => p.ProductId == group.Key).ToDictionary(p => p.LessonId);
            var done = ordered.Count(id => mine.TryGetValue(id, out var p) && p.CompletedAt is not null);
            long? next = mine.Count == 0 ? null
                : ordered.FirstOrDefault(id => !(mine.TryGetValue(id, out var p) && p.CompletedAt is not null));
            if (next == 0) next = null;
            result[group.Key] = new ProductProgress(group.Key, ordered.Count, done, next);
        }
        return result;
    }

    /// <summary>For the contact card: every course the contact can see or has progress in, lesson by lesson.</summary>
    public async Task<IReadOnlyList<CourseOutline>> ContactProgressAsync(long contactId, CancellationToken ct = default)
    {
        var visible = (await access.VisibleProductsAsync(contactId, ct)).Where(p => p.Kind == ProductKind.Course)
            .Select(p => p.Id);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var withProgress = await db.LessonProgress.Where(p => p.ContactId == contactId).Select(p => p.ProductId)
            .Distinct().ToListAsync(ct);
        var outlines = new List<CourseOutline>();
        foreach (var id in visible.Union(withProgress).Distinct())
        {
            if (await catalogProducts.ProductAsync(id, ct) is not { Kind: ProductKind.Course } product) continue;
            outlines.Add(await OutlineAsync(db, contactId, product, ct));
        }
        return outlines.OrderBy(o => o.Title).ToList();
    }

    /// <summary>A team user marks a lesson complete for a contact (audited; publishes the same events as the learner
    /// would).</summary>
    public async Task<Outcome> MarkCompleteAsync(long contactId, long lessonId, Actor actor,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var productId = await db.Lessons.Where(l => l.Id == lessonId)
            .Join(db.Categories, l => l.CategoryId, c => c.Id, (l, c) => (long?)c.ProductId).FirstOrDefaultAsync(ct);
        var contact = await db.Contacts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == contactId, ct);
        if (productId is null || contact is null) return Outcome.Fail("This lesson or contact no longer exists.");
        var product = (await catalogProducts.ProductAsync(productId.Value, ct))!;
        var lesson = LessonOrder.Of(product).First(l => l.Id == lessonId);
        db.Raise(new LessonMarkedComplete(contactId, product.Title, lesson.Title, actor, clock.GetUtcNow()
            .UtcDateTime));
        await RecordAsync(db, contactId, product, lesson, complete: true, ct, opened: false);
        return Outcome.Ok;
    }

    /// <summary>A team user clears a contact's progress in a course (audited).</summary>
    public async Task<Outcome> ResetAsync(long contactId, long productId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var title = await db.Products.Where(p => p.Id == productId).Select(p => p.Title).FirstOrDefaultAsync(ct);
        if (title is null) return Outcome.Fail("This course no longer exists.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var removed = await db.LessonProgress.Where(p => p.ContactId == contactId && p.ProductId == productId)
            .ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Raise(new ProgressReset(contactId, productId, title, removed, actor, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    private async Task<Product?> VisibleCourseAsync(long contactId, long productId, CancellationToken ct) =>
        await access.CanSeeAsync(contactId, productId, ct)
            && await catalogProducts.ProductAsync(productId, ct) is { Kind: ProductKind.Course } product
            ? product
            : null;

    private static async Task<Lesson?> ResumeLessonAsync(PortalDbContext db, long contactId, long productId,
        List<Lesson> lessons,
        CancellationToken ct)
    {
        var mine = await db.LessonProgress.AsNoTracking()
            .Where(p => p.ContactId == contactId && p.ProductId == productId).ToListAsync(ct);
        var last = mine.OrderByDescending(p => p.LastOpenedAt).FirstOrDefault();
        if (last is { CompletedAt: null }
            && lessons.FirstOrDefault(l => l.Id == last.LessonId) is { } unfinished) return unfinished;
        var done = mine.Where(p => p.CompletedAt is not null).Select(p => p.LessonId).ToHashSet();
        return lessons.FirstOrDefault(l => !done.Contains(l.Id)) ?? lessons.FirstOrDefault();
    }

    private static async Task<CoursePlayer> PlayerAsync(PortalDbContext db, long contactId, Product product,
        Lesson? lesson, CancellationToken ct) =>
        new(product, await OutlineAsync(db, contactId, product, ct), lesson);

    private static async Task<CourseOutline> OutlineAsync(PortalDbContext db, long contactId, Product product,
        CancellationToken ct)
    {
        var mine = await db.LessonProgress.AsNoTracking()
            .Where(p => p.ContactId == contactId && p.ProductId == product.Id)
            .ToDictionaryAsync(p => p.LessonId, ct);
        return new CourseOutline(product.Id, product.Title,
            product.Categories.Select(c => new CategoryOutline(c.Id, c.Title,
            c.Lessons.Select(l =>
                new LessonState(l.Id, l.Title, mine.ContainsKey(l.Id), mine.TryGetValue(l.Id, out var p)
                && p.CompletedAt is not null))
                .ToList())).ToList());
    }

    /// <summary>
    /// Writes the progress row and the milestones it reaches, in one transaction; the event of each new milestone is
    /// published when that transaction commits.
    /// </summary>
    private async Task RecordAsync(PortalDbContext db, long contactId, Product product, Lesson lesson, bool complete,
        CancellationToken ct, bool opened = true)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var category = product.Categories.First(c => c.Id == lesson.CategoryId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var newlyStarted = await db.StartLessonAsync(contactId, lesson.Id, product.Id, now, ct);
        var row = await db.LessonProgress.FirstAsync(p => p.ContactId == contactId && p.LessonId == lesson.Id, ct);
        var newlyCompleted = complete && row.CompletedAt is null;
        if (opened) row.LastOpenedAt = now;
        if (newlyCompleted) row.CompletedAt = now;
        await db.SaveChangesAsync(ct);

        if (newlyStarted)
        {
            await db.Contacts.Where(c => c.Id == contactId && c.FirstLessonStartedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.FirstLessonStartedAt, now), ct);
            if (await db.AddMilestoneAsync(contactId, ProgressKind.LessonStarted, lesson.Id, now, ct))
                db.Raise(new LessonStarted(contactId, product.Id, category.Id, lesson.Id, now));
            if (await db.AddMilestoneAsync(contactId, ProgressKind.CategoryStarted, category.Id, now, ct))
                db.Raise(new CategoryStarted(contactId, product.Id, category.Id, now));
            if (await db.AddMilestoneAsync(contactId, ProgressKind.ProductStarted, product.Id, now, ct))
                db.Raise(new ProductStarted(contactId, product.Id, now));
        }
        if (newlyCompleted)
        {
            if (await db.AddMilestoneAsync(contactId, ProgressKind.LessonCompleted, lesson.Id, now, ct))
                db.Raise(new LessonCompleted(contactId, product.Id, category.Id, lesson.Id, now));
            var completed = (await db.LessonProgress.Where(p => p.ContactId == contactId && p.ProductId == product.Id
                && p.CompletedAt != null)
                .Select(p => p.LessonId).ToListAsync(ct)).ToHashSet();
            if (category.Lessons.All(l => completed.Contains(l.Id))
                && await db.AddMilestoneAsync(contactId, ProgressKind.CategoryCompleted, category.Id, now, ct))
                db.Raise(new CategoryCompleted(contactId, product.Id, category.Id, now));
            if (LessonOrder.Of(product).All(l => completed.Contains(l.Id))
                && await db.AddMilestoneAsync(contactId, ProgressKind.ProductCompleted, product.Id, now, ct))
                db.Raise(new ProductCompleted(contactId, product.Id, now));
        }
        await db.SaveChangesAsync(ct); // hands the milestones' events to the commit
        await tx.CommitAsync(ct);
    }
}
