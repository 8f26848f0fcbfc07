
namespace ClientPortal.App.Features.Audit;

public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditTrail>();
        return services;
    }
}
