using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Messaging;

namespace ClientPortal.App.Features.Messaging;

public static class MessagingServiceCollectionExtensions
{
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddSingleton<MessageProtector>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<MessageTemplates>();
        services.AddSingleton<EmailSettingsStore>();
        services.AddSingleton<SmtpTransport>();
        services.AddSingleton<SmsTransport>();
        services.AddSingleton<Mailbox>();
        services.AddSingleton<OutboxDelivery>();
        services.AddSingleton<BulkSends>();
        services.AddSingleton<BulkSendSignal>();
        services.AddSingleton<BulkSendRunner>();
        services.AddSingleton<InviteReminders>();
        services.AddHttpClient();
        services.AddSingleton<PortalMessages>();
        return services;
    }
}
