using ClientPortal.Domain.Learning;
using ClientPortal.Infrastructure;

namespace ClientPortal.App.Features.Learning;

public static class LearningServiceCollectionExtensions
{
    public static IServiceCollection AddLearning(this IServiceCollection services)
    {
        services.AddSingleton<CourseProgress>();
        services.AddSingleton<Library>();
        services.AddSingleton<LearnerMenu>();
        return services;
    }
}
