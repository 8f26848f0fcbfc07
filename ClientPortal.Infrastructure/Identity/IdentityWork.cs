using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Infrastructure.Identity;

/// <summary>
/// Opens one unit of work with Identity: UserManager and the context its stores write to, from a DI scope that ends
/// with the operation. Services behind interactive pages are singletons, so a Blazor circuit never holds a DbContext
/// (nor shares one between two clicks); they open one of these per operation instead of a scope of their own.
/// </summary>
public sealed class IdentityWorkFactory(IServiceScopeFactory scopes)
{
    public IdentityWork Open() => new(scopes.CreateAsyncScope());
}

/// <summary>UserManager and its context for one operation; a transaction begun on <see cref="Db"/> covers UserManager's
/// writes.</summary>
public sealed class IdentityWork(AsyncServiceScope scope) : IAsyncDisposable
{
    public UserManager<PortalUser> Users => scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();

    /// <summary>The store under <see cref="Users"/>, for what UserManager does not expose without side
    /// effects.</summary>
    public IUserStore<PortalUser> Store => scope.ServiceProvider.GetRequiredService<IUserStore<PortalUser>>();

    public PortalDbContext Db => scope.ServiceProvider.GetRequiredService<PortalDbContext>();

    public ValueTask DisposeAsync() => scope.DisposeAsync();
}
