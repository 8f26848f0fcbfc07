using ClientPortal.Infrastructure.Audit;

namespace ClientPortal.App.Features.Audit;

public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditTrail>();
        return services;
    }
}
