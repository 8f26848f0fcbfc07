using ClientPortal.Domain;
using ClientPortal.Domain.Catalog;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Catalog;

/// <summary>Modules and lessons by id, each named with where it sits.</summary>
public sealed record CurriculumNames(IReadOnlyList<(long Id, string Text)> Categories,
    IReadOnlyList<(long Id, string Text)> Lessons);

/// <summary>A product's curriculum: its categories and their lessons, in order.</summary>
public sealed class CatalogCurriculum(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Outcome<long>> AddCategoryAsync(long productId, string title, Actor actor,
        CancellationToken ct = default)
    {
        if (CatalogRules.TitleProblem(title) is { } error) return Outcome<long>.Fail(error);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Products.AnyAsync(p => p.Id == productId,
            ct)) return Outcome<long>.Fail("This product no longer exists.");
        var position = await db.Categories.Where(c => c.ProductId == productId).MaxAsync(c => (int?)c.Position, ct)
            ?? -1;
        var category = Category.Create(productId, title, position + 1, actor, clock.GetUtcNow().UtcDateTime);
        db.Categories.Add(category);
        await db.SaveChangesAsync(ct);
        return Outcome<long>.Success(category.Id);
    }

    public async Task<Outcome> DeleteCategoryAsync(long categoryId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == categoryId, ct);
        if (category is null) return Outcome.Fail("This category no longer exists.");
        category.Delete(actor, clock.GetUtcNow().UtcDateTime);
        db.Categories.Remove(category);
        await db.SaveChangesAsync(ct);
        await Renumber(db, db.Categories.Where(c => c.ProductId == category.ProductId), ct);
        return Outcome.Ok;
    }

    /// <summary>Moves a category one place up (-1) or down (+1).</summary>
    public async Task<Outcome> MoveCategoryAsync(long categoryId, int direction, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var category = await db.Categories.FirstOrDefaultAsync(c => c.Id == categoryId, ct);
        if (category is null) return Outcome.Fail("This category no longer exists.");
        await Move(db, db.Categories.Where(c => c.ProductId == category.ProductId), categoryId, direction, ct);
        return Outcome.Ok;
    }

    /// <summary>Every module and lesson named with its place ("Course › Module › Lesson"), for pickers; one
    /// read.</summary>
    public async Task<CurriculumNames> NamesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var products = await db.Products.AsNoTracking().Include(p => p.Categories).ThenInclude(c => c.Lessons)
            .AsSplitQuery().OrderBy(p => p.Title).ToListAsync(ct);
        var categories = new List<(long, string)>();
        var lessons = new List<(long, string)>();
        foreach (var product in products)
            foreach (var category in product.Categories.OrderBy(c => c.Position))
            {
                categories.Add((category.Id, $"{product.Title} › {category.Title}"));
                lessons.AddRange(category.Lessons.OrderBy(l => l.Position)
                    .Select(l => (l.Id, $"{product.Title} › {category.Title} › {l.Title}")));
            }
        return new CurriculumNames(categories, lessons);
    }

    public async Task<Lesson?> LessonAsync(long lessonId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Lessons.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lessonId, ct);
    }

    public async Task<Outcome<long>> AddLessonAsync(long categoryId, string title, Actor actor,
        CancellationToken ct = default)
    {
        if (CatalogRules.TitleProblem(title) is { } error) return Outcome<long>.Fail(error);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Categories.AnyAsync(c => c.Id == categoryId,
            ct)) return Outcome<long>.Fail("This category no longer exists.");
        var position = await db.Lessons.Where(l => l.CategoryId == categoryId).MaxAsync(l => (int?)l.Position, ct)
            ?? -1;
        var lesson = Lesson.Create(categoryId, title, position + 1, actor, clock.GetUtcNow().UtcDateTime);
        db.Lessons.Add(lesson);
        await db.SaveChangesAsync(ct);
        return Outcome<long>.Success(lesson.Id);
    }

    public async Task<Outcome> UpdateLessonAsync(long lessonId, string title, string? bodyMarkdown, string? videoUrl,
        Actor actor,
        CancellationToken ct = default)
    {
        if (CatalogRules.LessonProblems(title, videoUrl) is { Count: > 0 } problems) return Outcome.Invalid(problems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lesson = await db.Lessons.FirstOrDefaultAsync(l => l.Id == lessonId, ct);
        if (lesson is null) return Outcome.Fail("This lesson no longer exists.");
        lesson.Write(title, bodyMarkdown, videoUrl, actor, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    public async Task<Outcome> DeleteLessonAsync(long lessonId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lesson = await db.Lessons.FirstOrDefaultAsync(l => l.Id == lessonId, ct);
        if (lesson is null) return Outcome.Fail("This lesson no longer exists.");
        lesson.Delete(actor, clock.GetUtcNow().UtcDateTime);
        db.Lessons.Remove(lesson);
        await db.SaveChangesAsync(ct);
        await Renumber(db, db.Lessons.Where(l => l.CategoryId == lesson.CategoryId), ct);
        return Outcome.Ok;
    }

    public async Task<Outcome> MoveLessonAsync(long lessonId, int direction, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lesson = await db.Lessons.FirstOrDefaultAsync(l => l.Id == lessonId, ct);
        if (lesson is null) return Outcome.Fail("This lesson no longer exists.");
        await Move(db, db.Lessons.Where(l => l.CategoryId == lesson.CategoryId), lessonId, direction, ct);
        return Outcome.Ok;
    }

    private static async Task Move<T>(PortalDbContext db, IQueryable<T> siblings, long id, int direction,
        CancellationToken ct)
        where T : class, IOrdered
    {
        var ordered = (await siblings.ToListAsync(ct)).OrderBy(x => x.Position).ToList();
        var index = ordered.FindIndex(x => x.Id == id);
        var target = index + Math.Sign(direction);
        if (index < 0 || target < 0 || target >= ordered.Count) return;
        (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        for (var i = 0; i < ordered.Count; i++) ordered[i].Position = i;
        await db.SaveChangesAsync(ct);
    }

    private static async Task Renumber<T>(PortalDbContext db, IQueryable<T> siblings, CancellationToken ct) where T
        : class, IOrdered
    {
        var ordered = (await siblings.ToListAsync(ct)).OrderBy(x => x.Position).ToList();
        for (var i = 0; i < ordered.Count; i++) ordered[i].Position = i;
        await db.SaveChangesAsync(ct);
    }
}
