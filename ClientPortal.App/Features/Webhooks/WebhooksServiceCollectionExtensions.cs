using ClientPortal.Infrastructure.Events;
using ClientPortal.Infrastructure.Webhooks;

namespace ClientPortal.App.Features.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<IDomainEventHandler>(sp => sp.GetRequiredService<WebhookSignal>());
        services.AddSingleton<PortalEventFeed>();
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddWebhookClient();
        return services;
    }
}
