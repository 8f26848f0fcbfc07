using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Domain.Learners;

public static class LearnersServiceCollectionExtensions
{
    public static IServiceCollection AddLearners(this IServiceCollection services)
    {
        services.AddSingleton<LearnerAccounts>();
        services.AddSingleton<PortalEntry>();
        services.AddSingleton<LoginCodes>();
        services.AddSingleton<LoginRequests>();
        services.AddSingleton<LoginRequestSignal>();
        services.AddSingleton<PasswordResets>();
        services.AddSingleton<LearnerProfile>();
        services.AddSingleton<LoginRequestProcessor>();
        return services;
    }
}
