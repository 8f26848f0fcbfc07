using System.Linq.Expressions;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Entities;

/// <summary>A contact's progress in one lesson. Resume uses the latest <see cref="LastOpenedAt"/>.</summary>
public class LessonProgress
{
    public long ContactId { get; set; }
    public long LessonId { get; set; }

    /// <summary>Denormalised so a product's progress is one indexed range.</summary>
    public long ProductId { get; set; }

    public DateTime StartedAt { get; set; }
    public DateTime LastOpenedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}

public enum ProgressKind
{
    LessonStarted = 0,
    LessonCompleted = 1,
    CategoryStarted = 2,
    CategoryCompleted = 3,
    ProductStarted = 4,
    ProductCompleted = 5,
}

/// <summary>
/// A progress event that has been emitted for a contact. Its key makes each event happen once per contact
/// and subject, ever: re-opening a lesson, or a reset followed by a second run, does not fire workflows again.
/// </summary>
public class ProgressMilestone
{
    public long ContactId { get; set; }
    public ProgressKind Kind { get; set; }
    public long SubjectId { get; set; }
    public DateTime At { get; set; }
}
