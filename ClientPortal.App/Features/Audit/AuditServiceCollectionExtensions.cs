using Microsoft.Extensions.DependencyInjection;

using ClientPortal.App.Features.Audit;
using ClientPortal.Infrastructure.Audit;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;
using ClientPortal.App.Features;

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
