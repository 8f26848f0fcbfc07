using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientPortal.Infrastructure;

/// <summary>Wakes a background worker when there is new work (it also polls, so nothing waits past a
/// restart).</summary>
public class WakeSignal
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Notify()
    {
        if (_signal.CurrentCount == 0) _signal.Release();
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}

/// <summary>
/// The loop every durable worker shares: work while there is work, log and carry on after a failure,
/// then sleep until woken or the poll interval passes. Stopping ends the loop between units of work.
/// </summary>
public abstract class SignalledWorker(WakeSignal signal, TimeSpan poll, ILogger logger) : BackgroundService
{
    /// <summary>Once, before the loop (e.g. recovering what a crash left behind).</summary>
    protected virtual Task StartingAsync(CancellationToken ct) => Task.CompletedTask;

    /// <returns>True when it did something (so the loop goes again at once).</returns>
    protected abstract Task<bool> WorkAsync(CancellationToken ct);

    /// <summary>
    /// How long a woken worker lets more work gather before its round. Zero: at once. A worker woken by frequent
    /// events (every sign-in) would otherwise run a round per event, its reads competing with the requests that raised
    /// them.
    /// </summary>
    protected virtual TimeSpan Gather => TimeSpan.Zero;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await StartingAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (!stoppingToken.IsCancellationRequested && await WorkAsync(stoppingToken)) { }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "{Worker} failed; retrying shortly", GetType().Name);
            }
            try
            {
                if (await signal.WaitAsync(poll, stoppingToken) && Gather > TimeSpan.Zero) await Task.Delay(Gather,
                    stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
