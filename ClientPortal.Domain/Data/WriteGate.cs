namespace ClientPortal.Domain.Data;

/// <summary>
/// Queues this process's hot write transactions (sign-ins) one at a time. SQLite has a single writer, and a
/// writer that finds the lock taken waits in SQLite's busy handler: a blocked thread sleeping with back-off
/// (1, 2, 5, 10, 15… ms), so under contention the lock sat idle while writers slept (p50 49 ms at 16
/// concurrent sign-ins). Waiting here is asynchronous and the next writer starts the moment the last commits.
/// </summary>
public sealed class WriteGate
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async ValueTask<Turn> EnterAsync(CancellationToken ct = default)
    {
        await _one.WaitAsync(ct);
        return new Turn(_one);
    }

    public readonly struct Turn(SemaphoreSlim one) : IDisposable
    {
        public void Dispose() => one.Release();
    }
}
