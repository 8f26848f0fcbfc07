using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Domain.Contacts;

public static class ContactsServiceCollectionExtensions
{
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.AddSingleton<ContactDirectory>();
        services.AddSingleton<ContactImport>();
        return services;
    }
}
