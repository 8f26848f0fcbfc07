namespace ClientPortal.Infrastructure.Data;

/// <summary>
/// Queues this process's write transactions (group commit's batches, EF Core's writes) one at a time. SQLite has a
/// single writer, and a writer that finds the lock taken waits in SQLite's busy handler: a blocked thread sleeping with
/// back-off (1, 2, 5, 10, 15… ms), so under contention the lock sits idle while writers sleep. Waiting here is
/// asynchronous and the next writer starts the moment the last one commits.
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>A turn, or null when the gate stays taken for <paramref name="most"/> (the caller goes on without
    /// it).</summary>
    public async ValueTask<Turn?> TryEnterAsync(TimeSpan most, CancellationToken ct = default) =>
        await _one.WaitAsync(most, ct) ? new Turn(_one) : null;

    /// <summary>The blocking <see cref="TryEnterAsync"/>, for EF Core's synchronous calls.</summary>
    public Turn? TryEnter(TimeSpan most) => _one.Wait(most) ? new Turn(_one) : null;

    /// <summary>For a dedicated thread (the group-commit writer), which may block.</summary>
    public Turn Enter()
    {
        _one.Wait();
        return new Turn(_one);
    }

    /// <summary>Ends the turn; safe to call again (a <c>using</c> after an early end).</summary>
    public sealed class Turn(SemaphoreSlim one) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0) one.Release();
        }
    }
}
