using System.Globalization;
using System.Threading.RateLimiting;

namespace ClientPortal.App.Hosting;

/// <summary>Rate limits on the public auth endpoints, per client address.</summary>
public static class RateLimits
{
    private static readonly string[] AuthPaths = ["/l/", "/login", "/account/login", "/account/accept", "/setup", "/account/login-2fa", "/signup", "/r/"];

    /// <summary>Portal:RateLimit:* (per client address, per minute, on the public auth endpoints).</summary>
    public sealed class Limits
    {
        public int PostsPerMinute { get; set; } = 30;
        public int GetsPerMinute { get; set; } = 120;
    }

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("Portal:RateLimit").Get<Limits>() ?? new Limits();
        return services.AddRateLimiter(o =>
        {
            // Every public auth endpoint, per client address: a fixed window wide enough for people, too narrow for guessing.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var path = http.Request.Path.Value ?? "";
                if (!AuthPaths.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
                    return RateLimitPartition.GetNoLimiter("none");
                var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var isPost = HttpMethods.IsPost(http.Request.Method);
                return RateLimitPartition.GetFixedWindowLimiter($"{(isPost ? "post" : "get")}:{ip}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = isPost ? limits.PostsPerMinute : limits.GetsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync($"Too many attempts. Try again in {seconds} seconds.", ct);
            };
        });
    }
}
