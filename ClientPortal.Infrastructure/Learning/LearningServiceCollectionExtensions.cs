using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Domain.Learning;

public static class LearningServiceCollectionExtensions
{
    public static IServiceCollection AddLearning(this IServiceCollection services)
    {
        services.AddSingleton<CourseProgress>();
        services.AddSingleton<Library>();
        return services;
    }
}
