using ClientPortal.Domain.Contacts;
using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Data;

namespace ClientPortal.App.Features.Contacts;

public static class ContactsServiceCollectionExtensions
{
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.AddSingleton<ContactDirectory>();
        services.AddSingleton<ContactImport>();
        return services;
    }
}
