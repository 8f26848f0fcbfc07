using ClientPortal.Infrastructure;

namespace ClientPortal.App.Features.Learners;

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
