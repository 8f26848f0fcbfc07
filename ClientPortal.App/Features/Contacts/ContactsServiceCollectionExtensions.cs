using Microsoft.Extensions.DependencyInjection;

using ClientPortal.Domain.Contacts;
using ClientPortal.App.Features.Contacts;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;
using ClientPortal.App.Features;

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
