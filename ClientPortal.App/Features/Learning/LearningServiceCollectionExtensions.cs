using Microsoft.Extensions.DependencyInjection;

using ClientPortal.Domain.Learning;
using ClientPortal.App.Features.Learning;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;
using ClientPortal.App.Features;

namespace ClientPortal.App.Features.Learning;

public static class LearningServiceCollectionExtensions
{
    public static IServiceCollection AddLearning(this IServiceCollection services)
    {
        services.AddSingleton<CourseProgress>();
        services.AddSingleton<Library>();
        return services;
    }
}
