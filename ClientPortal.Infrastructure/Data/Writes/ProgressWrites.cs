using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Infrastructure.Data.Writes;

public static class ProgressWrites
{
    /// <summary>Adds the milestone unless the contact already reached it; true when it is new (two racing requests record it once).</summary>
    public static async Task<bool> AddMilestoneAsync(this PortalDbContext db, long contactId, ProgressKind kind, long subjectId, DateTime now,
        CancellationToken ct) =>
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT INTO "ProgressMilestones" ("ContactId", "Kind", "SubjectId", "At") VALUES ({contactId}, {(int)kind}, {subjectId}, {now}) ON CONFLICT DO NOTHING""",
            ct) == 1;
}
