using Microsoft.Extensions.Logging;

namespace ClientPortal.Domain.Events;

public interface IDomainEvent
{
    DateTime OccurredAt { get; }
}

/// <summary>
/// In-process publisher. Subscribers (live dashboards, workflows) must return quickly; a failing
/// subscriber is logged and never breaks the operation that published the event.
/// </summary>
public sealed class DomainEvents(ILogger<DomainEvents> logger)
{
    private readonly Lock _gate = new();
    private Func<IDomainEvent, Task>[] _handlers = [];

    public IDisposable Subscribe(Func<IDomainEvent, Task> handler)
    {
        lock (_gate) _handlers = [.. _handlers, handler];
        return new Subscription(this, handler);
    }

    public async Task PublishAsync(IDomainEvent e)
    {
        foreach (var handler in Volatile.Read(ref _handlers))
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

    public async Task PublishAsync(IEnumerable<IDomainEvent> events)
    {
        foreach (var e in events) await PublishAsync(e);
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
