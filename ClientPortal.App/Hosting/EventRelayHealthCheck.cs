using ClientPortal.Infrastructure.Events;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClientPortal.App.Hosting;

/// <summary>Redis, when configured: without it the node still serves (degraded), only other nodes' live updates slow
/// down.</summary>
public sealed class EventRelayHealthCheck(RedisEventRelay relay) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(relay.IsConnected
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded(relay.Problem ?? "Redis is unreachable"));
}
