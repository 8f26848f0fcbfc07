using ClientPortal.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClientPortal.Tests.Hosting.Domain;

public class SignalledWorkerTests
{
    private sealed class CountingWorker(WakeSignal signal, TimeSpan gather)
        : SignalledWorker(signal, TimeSpan.FromMinutes(10), NullLogger.Instance)
    {
        private int _rounds;
        public readonly SemaphoreSlim Ran = new(0);
        public int Rounds => Volatile.Read(ref _rounds);
        protected override TimeSpan Gather => gather;

        protected override Task<bool> WorkAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref _rounds);
            Ran.Release();
            return Task.FromResult(false);
        }
    }

    [Fact]
    public async Task Wakes_that_arrive_while_a_worker_gathers_make_one_round_not_one_each()
    {
        var gather = TimeSpan.FromSeconds(3);
        var signal = new WakeSignal();
        var worker = new CountingWorker(signal, gather);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            Assert.True(await worker.Ran.WaitAsync(TimeSpan.FromSeconds(60))); // the round at start
            // Fifty events, one every 10 ms: without gathering, each finds the worker idle and makes its own round.
            for (var i = 0; i < 50; i++)
            {
                signal.Notify();
                await Task.Delay(10);
            }
            Assert.True(await worker.Ran.WaitAsync(TimeSpan.FromSeconds(60)));
            // A slow machine may stretch the events past the gathering: then one more round, never one per event.
            await worker.Ran.WaitAsync(gather + TimeSpan.FromSeconds(2));
            Assert.InRange(worker.Rounds - 1, 1, 2);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }
}
