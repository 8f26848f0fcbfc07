using ClientPortal.Domain.Entities;

namespace ClientPortal.Domain.Learning;

/// <summary>The order a course is taken in: its categories in order, each category's lessons in order.</summary>
public static class LessonOrder
{
    public static List<Lesson> Of(Product product) => product.Categories.SelectMany(c => c.Lessons).ToList();

    /// <summary>The lessons before and after this one (null at either end, or when it is not in the course).</summary>
    public static (long? Previous, long? Next) Neighbours(Product product, long? lessonId)
    {
        var lessons = Of(product);
        var i = lessonId is null ? -1 : lessons.FindIndex(l => l.Id == lessonId);
        return (i > 0 ? lessons[i - 1].Id : null, i >= 0 && i < lessons.Count - 1 ? lessons[i + 1].Id : null);
    }
}
