using System.Text.Json;
using ClientPortal.Domain.Events;
using ClientPortal.Infrastructure.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ClientPortal.Infrastructure.Events;

/// <summary>
/// Several nodes, one portal: each node publishes its committed events on a Redis channel and hands the other nodes'
/// events to its own listeners, so a dashboard open on one node moves when a learner signs in through another. Redis
/// is a courier only: the events are already durable in the database, and a node that cannot reach Redis keeps
/// serving (its health says so) while its dashboards fall back to polling the database's change stamp; the client
/// reconnects by itself and the next poll catches up.
/// </summary>
public sealed class RedisEventRelay(
    string configuration,
    PortalNode node,
    EventListeners listeners,
    TimeProvider clock,
    ILogger<RedisEventRelay> logger) : IDomainEventHandler<IDomainEvent>, IHostedService, IAsyncDisposable
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("clientportal:events");
    private ConnectionMultiplexer? _redis;
    private int _warnedWhileDown;

    public bool IsConnected => _redis?.IsConnected == true;

    /// <summary>Why the last attempt to reach Redis failed, while it is down.</summary>
    public string? Problem { get; private set; }

    public async Task StartAsync(CancellationToken ct)
    {
        var options = ConfigurationOptions.Parse(configuration);
        // Start and keep running without Redis; the client keeps trying in the background.
        options.AbortOnConnectFail = false;
        // Back within seconds of Redis returning: retries from half a second apart, growing to at most five.
        options.ReconnectRetryPolicy = new ExponentialRetry(500, 5000);
        options.ClientName = "clientportal";
        _redis = await ConnectionMultiplexer.ConnectAsync(options);
        _redis.ConnectionFailed += (_, e) =>
        {
            Problem = $"Redis is unreachable ({e.FailureType}): live updates from other nodes wait for the database " +
                $"poll";
            logger.LogWarning("{Problem}", Problem);
        };
        _redis.ConnectionRestored += (_, _) =>
        {
            Problem = null;
            Interlocked.Exchange(ref _warnedWhileDown, 0);
            logger.LogInformation("Redis is reachable again: live updates from other nodes resume");
            // What other nodes published meanwhile is gone: listeners read afresh instead of waiting for their next
            // poll.
            _ = Task.Run(() => listeners.DeliverAsync(new EventsMissed(clock.GetUtcNow().UtcDateTime)));
        };
        if (!_redis.IsConnected)
        {
            Problem = "Redis is unreachable: live updates from other nodes wait for the database poll";
            logger.LogWarning("{Problem}", Problem);
        }
        // Re-subscribed by the client after every reconnection.
        await _redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Receive(message));
    }

    /// <summary>Sends every event this node publishes to the other nodes (for their listeners), without waiting and
    /// without failing.</summary>
    public Task HandleAsync(IDomainEvent e)
    {
        Send(e);
        return Task.CompletedTask;
    }

    private void Send(IDomainEvent e)
    {
        if (_redis is not { IsConnected: true } redis)
        {
            if (Interlocked.Exchange(ref _warnedWhileDown, 1) == 0)
                logger.LogWarning("An event was not relayed to the other nodes: Redis is unreachable");
            return;
        }
        var envelope = new Envelope(node.Name, e.GetType().FullName!,
            JsonSerializer.SerializeToElement(e, e.GetType()));
        redis.GetSubscriber().Publish(Channel, JsonSerializer.Serialize(envelope), CommandFlags.FireAndForget);
    }

    // The subscriber's callback is synchronous; delivery to the listeners goes on without holding Redis's reader.
    private void Receive(RedisValue message) => Task.Run(() => ReceiveAsync(message));

    private async Task ReceiveAsync(RedisValue message)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(message.ToString());
            if (envelope is null || envelope.Node == node.Name) return;
            var type = typeof(IDomainEvent).Assembly.GetType(envelope.Type);
            if (type is null || !typeof(IDomainEvent).IsAssignableFrom(type)) return;
            if (envelope.Event.Deserialize(type) is IDomainEvent e) await listeners.DeliverAsync(e);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException)
        {
            logger.LogWarning("An event from another node could not be read: {Error}", ex.Message);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
    }

    private sealed record Envelope(string Node, string Type, JsonElement Event);
}

/// <summary>Other nodes' events may have been missed (the relay was cut off): a listener showing them should read
/// afresh.</summary>
public sealed record EventsMissed(DateTime OccurredAt) : IDomainEvent;

public static class EventRelayServiceCollectionExtensions
{
    /// <summary>With <c>ConnectionStrings:Redis</c>: events cross nodes through Redis. Without: one node, as
    /// before.</summary>
    public static IServiceCollection AddEventRelay(this IServiceCollection services, string? redis)
    {
        if (string.IsNullOrWhiteSpace(redis)) return services;
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RedisEventRelay>(sp, redis));
        services.AddSingleton<IDomainEventHandler>(sp => sp.GetRequiredService<RedisEventRelay>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisEventRelay>());
        return services;
    }
}
