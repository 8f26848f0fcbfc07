using ClientPortal.App.Features.Dashboard;
using ClientPortal.Domain.Events;
using ClientPortal.Infrastructure.Events;

namespace ClientPortal.App.Realtime;

/// <summary>
/// Fans domain events out to every open dashboard. Bursts are coalesced: whatever happens within a
/// quarter second becomes one refresh (10,000 invites do not cause 10,000 re-renders). A refresh re-reads
/// the numbers once — one snapshot from the database, whatever the number of open dashboards — and hands
/// that same immutable snapshot to every dashboard at once, so nothing is lost or counted twice and a
/// hundred tabs cost one query. Other nodes' events arrive through the event relay (Redis); changes made by another
/// process without it (the command line, a node while Redis is down) are caught by polling the audit log's change
/// stamp.
/// </summary>
public sealed class DashboardHub : BackgroundService
{
    public static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(250);
    private readonly TimeSpan _pollInterval;

    private readonly PortalStats _stats;
    private readonly ILogger<DashboardHub> _logger;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private Func<DashboardData, Task>[] _listeners = [];
    private DashboardData? _latest;
    private int _pending;
    private long _lastFlush;

    /// <param name="portal">Portal:DashboardPollSeconds (default 2): how often open dashboards look for changes made
    /// elsewhere (the command line; other nodes while Redis is unreachable).</param>
    public DashboardHub(DomainEvents events, PortalStats stats, ILogger<DashboardHub> logger,
        Microsoft.Extensions.Options.IOptions<ClientPortal.Infrastructure.Settings.PortalOptions> portal)
    {
        _pollInterval = TimeSpan.FromSeconds(portal.Value.DashboardPollSeconds);
        _stats = stats;
        _logger = logger;
        events.Subscribe(e =>
        {
            if (PortalStats.Shows(e)) Schedule();
            return Task.CompletedTask;
        });
    }

    /// <summary>The callback runs on the hub's thread: a component marshals with InvokeAsync and must not
    /// block.</summary>
    public IDisposable Subscribe(Func<DashboardData, Task> refresh)
    {
        lock (_gate) _listeners = [.. _listeners, refresh];
        return new Subscription(this, refresh);
    }

    /// <summary>
    /// The numbers now: the latest snapshot while dashboards are open (refreshes keep it current), else a fresh read.
    /// </summary>
    public async Task<DashboardData> CurrentAsync(CancellationToken ct = default) =>
        ListenerCount > 0 && Latest is { } latest ? latest : await LoadAsync(ct);

    /// <summary>The most recently read snapshot (reads are serialised, so the last one written is the
    /// newest).</summary>
    public DashboardData? Latest => Volatile.Read(ref _latest);

    private async Task<DashboardData> LoadAsync(CancellationToken ct)
    {
        await _loading.WaitAsync(ct);
        try
        {
            var data = await _stats.DashboardAsync(ct);
            Volatile.Write(ref _latest, data);
            return data;
        }
        finally
        {
            _loading.Release();
        }
    }

    public int ListenerCount => Volatile.Read(ref _listeners).Length;

    private void Schedule()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1) return; // a flush is already on its way
        // Leading edge: a lone change goes out at once; within a window of the last flush it waits for the
        // window's end, so a burst still yields at most one refresh per window.
        var since = Environment.TickCount64 - Interlocked.Read(ref _lastFlush);
        var delay = since >= CoalesceWindow.TotalMilliseconds ? TimeSpan.Zero
            : CoalesceWindow - TimeSpan.FromMilliseconds(since);
        _ = Task.Run(async () =>
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay);
            Interlocked.Exchange(ref _lastFlush, Environment.TickCount64);
            Interlocked.Exchange(ref _pending, 0);
            await NotifyAsync();
        });
    }

    private async Task NotifyAsync()
    {
        var listeners = Volatile.Read(ref _listeners);
        if (listeners.Length == 0)
        {
            Volatile.Write(ref _latest, null); // nobody watching: the next dashboard reads fresh numbers
            return;
        }
        DashboardData snapshot;
        try
        {
            snapshot = await LoadAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Reading the dashboard's numbers failed");
            return;
        }
        // All at once: each dashboard renders on its own circuit; none waits for another.
        await Task.WhenAll(listeners.Select(async listener =>
        {
            try
            {
                await listener(snapshot);
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "A dashboard listener failed");
            }
        }));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_pollInterval, stoppingToken);
                if (ListenerCount == 0) continue;
                // Against the snapshot's own stamp: this process's changes, already shown, cause no second refresh.
                var stamp = await _stats.ChangeStampAsync(stoppingToken);
                if (Latest?.ChangeStamp != stamp) Schedule();
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Polling for dashboard changes failed");
            }
        }
    }

    private void Unsubscribe(Func<DashboardData, Task> refresh)
    {
        lock (_gate)
        {
            _listeners = _listeners.Where(l => l != refresh).ToArray();
            // Unwatched, the snapshot would go stale (the command line changes nothing here); read afresh next time.
            if (_listeners.Length == 0) Volatile.Write(ref _latest, null);
        }
    }

    private sealed class Subscription(DashboardHub hub, Func<DashboardData, Task> refresh) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) hub.Unsubscribe(refresh);
        }
    }
}
