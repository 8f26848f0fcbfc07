using System.Collections.Concurrent;
using ClientPortal.Domain.Events;
using Microsoft.Extensions.Logging;

namespace ClientPortal.Infrastructure.Events;

/// <summary>A service that handles some kinds of event (see <see cref="IDomainEventHandler{TEvent}"/>); how DI lists
/// them.</summary>
public interface IDomainEventHandler;

/// <summary>
/// Handles the published events of type <typeparamref name="TEvent"/> (and of its subtypes: a handler of
/// <see cref="IDomainEvent"/> hears every event) for the life of the process, on the node that published them.
/// Registered in DI as <see cref="IDomainEventHandler"/>; it must return quickly.
/// </summary>
public interface IDomainEventHandler<in TEvent> : IDomainEventHandler where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent e);
}

/// <summary>
/// In-process publisher. Only the infrastructure publishes (after a commit: the SaveChanges interceptor and the group
/// commit's hook), so features raise events and cannot publish by hand. Each event goes to the registered handlers of
/// its type (the work it starts, once, here), then to the listeners, which hear other nodes' events too. A failing
/// handler or listener is logged and never breaks the operation that published the event.
/// </summary>
public sealed class DomainEvents(ILogger<DomainEvents> logger, IEnumerable<IDomainEventHandler> handlers,
    EventListeners listeners)
{
    private readonly IDomainEventHandler[] _handlers = handlers.ToArray();
    private readonly ConcurrentDictionary<Type, Func<IDomainEvent, Task>[]> _byType = new();

    /// <summary>A listener for as long as it is held (an open dashboard): hears this node's and other nodes'
    /// events.</summary>
    public IDisposable Subscribe(Func<IDomainEvent, Task> listener) => listeners.Subscribe(listener);

    internal async Task PublishAsync(IDomainEvent e)
    {
        foreach (var handle in _byType.GetOrAdd(e.GetType(), HandlersOf))
        {
            try
            {
                await handle(e);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A handler of {Event} failed", e.GetType().Name);
            }
        }
        await listeners.DeliverAsync(e);
    }

    internal async Task PublishAsync(IEnumerable<IDomainEvent> events)
    {
        foreach (var e in events) await PublishAsync(e);
    }

    private Func<IDomainEvent, Task>[] HandlersOf(Type eventType) =>
        _handlers.SelectMany(handler => handler.GetType().GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDomainEventHandler<>)
                    && i.GenericTypeArguments[0].IsAssignableFrom(eventType))
                .Select(i => (Func<IDomainEvent, Task>)typeof(DomainEvents)
                    .GetMethod(nameof(Bind),
                    System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                    .MakeGenericMethod(i.GenericTypeArguments[0]).Invoke(null, [handler])!))
            .ToArray();

    private static Func<IDomainEvent, Task> Bind<TEvent>(IDomainEventHandler handler) where TEvent : IDomainEvent
    {
        var typed = (IDomainEventHandler<TEvent>)handler;
        return e => typed.HandleAsync((TEvent)e);
    }
}

/// <summary>
/// The short-lived listeners of this node (open dashboards, the brand, bulk-send progress): they hear this node's
/// published events and, through the relay, other nodes' ones.
/// </summary>
public sealed class EventListeners(ILogger<EventListeners> logger)
{
    private readonly Lock _gate = new();
    private Func<IDomainEvent, Task>[] _listeners = [];

    public IDisposable Subscribe(Func<IDomainEvent, Task> listener)
    {
        lock (_gate) _listeners = [.. _listeners, listener];
        return new Subscription(this, listener);
    }

    internal async Task DeliverAsync(IDomainEvent e)
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            try
            {
                await listener(e);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A listener of {Event} failed", e.GetType().Name);
            }
        }
    }

    private void Unsubscribe(Func<IDomainEvent, Task> listener)
    {
        lock (_gate) _listeners = _listeners.Where(l => l != listener).ToArray();
    }

    private sealed class Subscription(EventListeners owner, Func<IDomainEvent, Task> listener) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) owner.Unsubscribe(listener);
        }
    }
}
