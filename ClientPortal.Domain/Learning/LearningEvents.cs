using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;

namespace ClientPortal.Domain.Events;

/// <summary>Learning progress; each is published once per contact and subject, ever (see ProgressMilestone).</summary>
public interface IProgressEvent : IDomainEvent
{
    long ContactId { get; }
    long ProductId { get; }
}

public sealed record LessonStarted(long ContactId, long ProductId, long CategoryId, long LessonId, DateTime OccurredAt)
    : IProgressEvent;
public sealed record LessonCompleted(long ContactId, long ProductId, long CategoryId, long LessonId,
    DateTime OccurredAt) : IProgressEvent;
public sealed record CategoryStarted(long ContactId, long ProductId, long CategoryId, DateTime OccurredAt)
    : IProgressEvent;
public sealed record CategoryCompleted(long ContactId, long ProductId, long CategoryId, DateTime OccurredAt)
    : IProgressEvent;
public sealed record ProductStarted(long ContactId, long ProductId, DateTime OccurredAt) : IProgressEvent;
public sealed record ProductCompleted(long ContactId, long ProductId, DateTime OccurredAt) : IProgressEvent;

/// <summary>A team user marked a lesson complete for a contact.</summary>
public sealed record LessonMarkedComplete(long ContactId, string Product, string Lesson, Actor Actor,
    DateTime OccurredAt)
    : IDomainEvent;

/// <summary>A team user reset a contact's progress in a product (milestones stay: events do not fire twice).</summary>
public sealed record ProgressReset(long ContactId, long ProductId, string Product, int Lessons, Actor Actor,
    DateTime OccurredAt)
    : IDomainEvent;
