using System.Globalization;
using System.Threading.RateLimiting;
using ClientPortal.App.Endpoints.Api;
using ClientPortal.App.Features.ApiKeys;

namespace ClientPortal.App.Hosting;

/// <summary>Rate limits on the public auth endpoints, per client address.</summary>
public static class RateLimits
{
    private static readonly string[] AuthPaths = ["/hooks/", "/l/", "/login", "/account/login", "/account/accept",
        "/setup", "/account/login-2fa", "/signup", "/r/"];

    /// <summary>Portal:RateLimit:* (per client address, per minute, on the public auth endpoints).</summary>
    public sealed class Limits
    {
        public int PostsPerMinute { get; set; } = 30;
        public int GetsPerMinute { get; set; } = 120;
    }

    /// <summary>Portal:Api:* — each API key's rate: a burst, then so many calls per second.</summary>
    public sealed class ApiLimits
    {
        public int RequestsPerSecond { get; set; } = 20;
        public int Burst { get; set; } = 100;
        /// <summary>Calls with a wrong or revoked key one client address may make in a minute before it is answered
        /// 429.</summary>
        public int FailedAuthenticationsPerMinute { get; set; } = 20;
    }

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = ClientPortal.Infrastructure.Settings.ConfigurationBinding.Read<Limits>(configuration,
            "Portal:RateLimit");
        var api = ClientPortal.Infrastructure.Settings.ConfigurationBinding.Read<ApiLimits>(configuration,
            "Portal:Api");
        services.AddSingleton(new ApiAuthenticationFailures(api.FailedAuthenticationsPerMinute));
        return services.AddRateLimiter(o =>
        {
            // Per API key (authorization has run, so the caller is known): one integration cannot starve the portal.
            o.AddPolicy(ApiV1.RateLimitPolicy, http => RateLimitPartition.GetTokenBucketLimiter(
                ApiKeyAuthenticationHandler.CallerOf(http.User)?.KeyId ?? 0, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, api.Burst),
                    TokensPerPeriod = Math.Max(1, api.RequestsPerSecond),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                }));
            // Every public auth endpoint, per client address: a fixed window wide enough for people, too narrow for
            // guessing.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var path = http.Request.Path.Value ?? "";
                if (!AuthPaths.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
                    return RateLimitPartition.GetNoLimiter("none");
                var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var isPost = HttpMethods.IsPost(http.Request.Method);
                return RateLimitPartition.GetFixedWindowLimiter($"{(isPost ? "post" : "get")}:{ip}",
                    _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = isPost ? limits.PostsPerMinute : limits.GetsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after
                    : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (ApiV1.IsApiRequest(context.HttpContext))
                {
                    await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>()
                        .WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context.HttpContext,
                        ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests",
                            Detail = $"This key made more calls than its rate allows. Try again in {seconds} seconds."
                                },
                    });
                    return;
                }
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync($"Too many attempts. Try again in {seconds} seconds.",
                    ct);
            };
        });
    }
}
