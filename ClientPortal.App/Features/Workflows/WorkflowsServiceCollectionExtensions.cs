using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Webhooks;

namespace ClientPortal.App.Features.Workflows;

public static class WorkflowsServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.AddSingleton<WorkflowSignal>();
        services.AddSingleton<WorkflowTriggers>();
        services.AddSingleton<ClientPortal.Infrastructure.Events.IDomainEventHandler>(sp =>
            sp.GetRequiredService<WorkflowSignal>());
        services.AddSingleton<WorkflowEditor>();
        services.AddSingleton<WorkflowRunLog>();
        services.AddSingleton<WorkflowInbound>();
        services.AddSingleton<WorkflowRunner>();
        services.AddWebhookClient();
        return services;
    }
}
