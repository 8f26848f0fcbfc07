using System.Threading.RateLimiting;

namespace ClientPortal.App.Features.ApiKeys;

/// <summary>
/// Wrong or revoked API keys, counted per client address: past the limit in a minute, that address is answered 429
/// (with Retry-After) before any key it sends is looked up, so keys cannot be guessed at the rate of the network. The
/// per-key rate limit cannot do this: a caller without a valid key has no key to be limited by.
/// </summary>
public sealed class ApiAuthenticationFailures(int perMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Whether this address has used up its failures for the current minute.</summary>
    public bool IsBlocked(string address) => _limiter.GetStatistics(address)?.CurrentAvailablePermits == 0;

    /// <summary>Counts one failed authentication from this address.</summary>
    public void Record(string address)
    {
        using var _ = _limiter.AttemptAcquire(address);
    }

    public void Dispose() => _limiter.Dispose();
}
