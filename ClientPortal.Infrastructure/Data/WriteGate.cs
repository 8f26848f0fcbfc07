namespace ClientPortal.Infrastructure.Data;

/// <summary>
/// Queues this process's hot write transactions (sign-ins, delivery marks) one at a time. SQLite has a single writer,
/// and a writer that finds the lock taken waits in SQLite's busy handler: a blocked thread sleeping with back-off
/// (1, 2, 5, 10, 15… ms), so under contention the lock sits idle while writers sleep. Waiting here is asynchronous and
/// the next writer starts the moment the last one commits.
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async ValueTask<Turn> EnterAsync(CancellationToken ct = default)
    {
        await _one.WaitAsync(ct);
        return new Turn(_one);
    }

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
