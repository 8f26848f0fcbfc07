using ClientPortal.Domain.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientPortal.Infrastructure.Events;

/// <summary>Carries this node's events to the portal's other nodes (Redis), without waiting and without ever failing the caller.</summary>
public interface IEventRelay
{
    void Send(IDomainEvent e);
}

/// <summary>A service that reacts to every published event for the life of the process (registered in DI).</summary>
public interface IDomainEventHandler
{
    Task HandleAsync(IDomainEvent e);
}

/// <summary>
/// In-process publisher. Only the infrastructure publishes (after a commit: the SaveChanges interceptor and the group
/// commit's hook), so features raise events and cannot publish by hand. Handlers registered as <see cref="IDomainEventHandler"/> (workflows) hear every event;
/// short-lived listeners (open dashboards) <see cref="Subscribe"/>. Both must return quickly; a failing one is logged
/// and never breaks the operation that published the event.
/// </summary>
public sealed class DomainEvents(ILogger<DomainEvents> logger, IServiceProvider services)
{
    private readonly Lock _gate = new();
    private Func<IDomainEvent, Task>[] _handlers = [];
    // Resolved at the first event, not in the constructor: a handler may itself depend on services that publish.
    private IDomainEventHandler[]? _registered;

    public IDisposable Subscribe(Func<IDomainEvent, Task> handler)
    {
        lock (_gate) _handlers = [.. _handlers, handler];
        return new Subscription(this, handler);
    }

    internal async Task PublishAsync(IDomainEvent e)
    {
        _registered ??= services.GetServices<IDomainEventHandler>().ToArray();
        // Other nodes' listeners hear it too (when a relay is configured); their handlers do not: the work an event
        // starts (a workflow) happens once, here.
        (_relay ??= services.GetService<IEventRelay>() ?? NoRelay.Instance).Send(e);
        await DispatchAsync(e, _registered.Select(h => (Func<IDomainEvent, Task>)h.HandleAsync).Concat(Volatile.Read(ref _handlers)));
    }

    /// <summary>An event another node published: for this node's listeners (open dashboards) only.</summary>
    internal Task DeliverFromAnotherNodeAsync(IDomainEvent e) => DispatchAsync(e, Volatile.Read(ref _handlers));

    private IEventRelay? _relay;

    private async Task DispatchAsync(IDomainEvent e, IEnumerable<Func<IDomainEvent, Task>> handlers)
    {
        foreach (var handler in handlers)
        {
            try
            {
                await handler(e);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Domain event subscriber failed for {Event}", e.GetType().Name);
            }
        }
    }

    internal async Task PublishAsync(IEnumerable<IDomainEvent> events)
    {
        foreach (var e in events) await PublishAsync(e);
    }

    private sealed class NoRelay : IEventRelay
    {
        public static readonly NoRelay Instance = new();
        public void Send(IDomainEvent e) { }
    }

    private void Unsubscribe(Func<IDomainEvent, Task> handler)
    {
        lock (_gate) _handlers = _handlers.Where(h => h != handler).ToArray();
    }

    private sealed class Subscription(DomainEvents owner, Func<IDomainEvent, Task> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Unsubscribe(handler);
        }
    }
}
