using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Infrastructure.Data.Writes;

public static class ProgressWrites
{
    /// <summary>
    /// Starts the contact's progress row for the lesson unless it exists; true when it is new. Two first opens at once
    /// (two tabs, two nodes) start it once: the second waits for the first and inserts nothing.
    /// </summary>
    public static async Task<bool> StartLessonAsync(this PortalDbContext db, long contactId, long lessonId,
        long productId, DateTime now,
        CancellationToken ct) =>
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "LessonProgress" ("ContactId", "LessonId", "ProductId", "StartedAt", "LastOpenedAt")
            VALUES ({contactId}, {lessonId}, {productId}, {now}, {now}) ON CONFLICT DO NOTHING
            """,
            ct) == 1;

    /// <summary>Adds the milestone unless the contact already reached it; true when it is new (two racing requests
    /// record it once).</summary>
    public static async Task<bool> AddMilestoneAsync(this PortalDbContext db, long contactId, ProgressKind kind,
        long subjectId, DateTime now,
        CancellationToken ct) =>
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO "ProgressMilestones" ("ContactId", "Kind", "SubjectId", "At")
            VALUES ({contactId}, {(int)kind}, {subjectId}, {now}) ON CONFLICT DO NOTHING
            """,
            ct) == 1;
}
