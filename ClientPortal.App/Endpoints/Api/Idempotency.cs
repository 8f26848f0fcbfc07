using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClientPortal.App.Features.ApiKeys;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Data.Writes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClientPortal.App.Endpoints.Api;

/// <summary>Marks an endpoint that honours Idempotency-Key (the OpenAPI document lists the header on it).</summary>
public sealed class IdempotentEndpoint;

/// <summary>
/// Before a stored answer is given again: whether what it hands out (a link, a secret) still holds. Null to replay it;
/// otherwise the answer to give instead (a revoked link's replay answers as the revoked link would).
/// </summary>
public delegate Task<IResult?> ReplayCheck(HttpContext http, JsonElement storedAnswer);

/// <summary>The endpoint's <see cref="ReplayCheck"/>.</summary>
public sealed record ReplayGuard(ReplayCheck Check);

/// <summary>
/// Idempotency-Key on the POSTs that grant, send or create: the first request with a key (per API key) runs and its
/// answer is stored for 24 hours; the same key with the same request gets that answer again and changes nothing; with
/// a different request, 422; while the first is still running, 409. A 5xx answer is not kept, so a retry runs afresh;
/// so does one after a request that never answered (cut off by a crash or restart). Stored answers may carry secrets (a
/// magic link's URL, a webhook's signing secret), so they are kept encrypted with the data-protection keys, never in
/// plain text in the database or its backups; and an endpoint with a <see cref="ReplayGuard"/> re-checks on replay that
/// what it handed out still holds.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder, ReplayCheck? replayCheck = null)
    {
        if (replayCheck is not null) builder.WithMetadata(new ReplayGuard(replayCheck))
            .ProducesProblem(StatusCodes.Status410Gone);
        return builder.WithMetadata(new IdempotentEndpoint()).AddEndpointFilter<IdempotencyFilter>()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private sealed class IdempotencyFilter(IdempotencyStore store,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context,
            EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            var key = http.Request.Headers[Header].ToString();
            if (key.Length == 0
                || ApiKeyAuthenticationHandler.CallerOf(http.User) is not { } caller) return await next(context);
            if (key.Length > MaxKeyLength || key.Any(char.IsControl))
                return ApiV1.Invalid(Header, $"An Idempotency-Key has 1 to {MaxKeyLength} printable characters.");

            var begun = await store.BeginAsync(caller.KeyId, key, Fingerprint(context, json.Value.SerializerOptions),
                http.RequestAborted);
            switch (begun)
            {
                case IdempotencyStore.Replay { Body: null }:
                    return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Answer unreadable",
                        detail: "The first answer to this Idempotency-Key can't be read with this portal's keys " +
                            "(they were replaced). " +
                                "Check whether the first request took effect, then use a new key.");
                case IdempotencyStore.Replay replay:
                    if (replay.Request.StatusCode is >= 200 and < 300
                        && http.GetEndpoint()?.Metadata.GetMetadata<ReplayGuard>() is { } guard)
                    {
                        using var answer = JsonDocument.Parse(replay.Body);
                        if (await guard.Check(http, answer.RootElement) is { } instead) return instead;
                    }
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                    return new StoredAnswer(replay.Request, replay.Body);
                case IdempotencyStore.Mismatch:
                    return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                        title: "Idempotency-Key reused",
                        detail: "This Idempotency-Key was used with a different request. Use a new key for a new " +
                            "request.");
                case IdempotencyStore.Running:
                    return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Still running",
                        detail: "A request with this Idempotency-Key is still running. Retry in a moment to get its " +
                            "answer.");
            }
            var started = (IdempotencyStore.Started)begun;
            try
            {
                var result = await next(context);
                // The answer is made here, so it can be kept byte for byte and written again for a repeat.
                var original = http.Response.Body;
                using var buffer = new MemoryStream();
                http.Response.Body = buffer;
                try
                {
                    if (result is IResult r) await r.ExecuteAsync(http);
                }
                finally
                {
                    http.Response.Body = original;
                }
                var status = http.Response.StatusCode;
                if (status >= 500) await store.AbandonAsync(started.Id);
                else await store.CompleteAsync(started.Id, status, http.Response.ContentType,
                    http.Response.Headers.Location.ToString(), buffer.ToArray());
                buffer.Position = 0;
                await buffer.CopyToAsync(original, http.RequestAborted);
                return Results.Empty;
            }
            catch
            {
                await store.AbandonAsync(started.Id);
                throw;
            }
        }

        /// <summary>The method, path, query and the call's own arguments (route values and body), not the services it
        /// is given.</summary>
        private static byte[] Fingerprint(EndpointFilterInvocationContext context, JsonSerializerOptions options)
        {
            var request = context.HttpContext.Request;
            var text = new StringBuilder().Append(request.Method).Append(' ').Append(request.Path)
                .Append(request.QueryString);
            foreach (var argument in context.Arguments)
                if (argument is not null
                    && (argument.GetType().Namespace == typeof(ApiV1).Namespace || argument.GetType().IsPrimitive
                                             || argument is string or Guid))
                    text.Append('\n').Append(JsonSerializer.Serialize(argument, argument.GetType(), options));
            return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        }
    }

    private sealed class StoredAnswer(IdempotentRequest stored, byte[] body) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = stored.StatusCode;
            if (stored.ContentType is { } type) http.Response.ContentType = type;
            if (!string.IsNullOrEmpty(stored.Location)) http.Response.Headers.Location = stored.Location;
            await http.Response.Body.WriteAsync(body, http.RequestAborted);
        }
    }
}

/// <summary>The stored answers of idempotent requests, their bodies encrypted with the data-protection keys.</summary>
public sealed class IdempotencyStore(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock,
    IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("ClientPortal.Api.IdempotentAnswer.v1");

    public abstract record Begun;
    public sealed record Started(long Id) : Begun;
    /// <param name="Body">The stored answer decrypted; null when this portal's keys can no longer read it.</param>
    public sealed record Replay(IdempotentRequest Request, byte[]? Body) : Begun;
    public sealed record Mismatch : Begun;
    public sealed record Running : Begun;

    private long _nextSweep;

    public async Task<Begun> BeginAsync(long apiKeyId, string key, byte[] fingerprint, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await SweepAsync(db, now, ct);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await db.IdempotentRequests.AsNoTracking()
                .FirstOrDefaultAsync(r => r.ApiKeyId == apiKeyId && r.Key == key, ct);
            if (existing is not null && existing.HoldsKeyAt(now))
                return !existing.RequestHash.AsSpan().SequenceEqual(fingerprint) ? new Mismatch()
                    : existing.StatusCode == 0 ? new Running() : new Replay(existing, Unprotect(existing.Body));
            if (existing is not null) await db.IdempotentRequests.Where(r => r.Id == existing.Id)
                .ExecuteDeleteAsync(ct);
            if (await db.TryBeginIdempotentRequestAsync(apiKeyId, key, fingerprint, now,
                ct) is { } id) return new Started(id);
            // The same key arrived twice at once: the other one runs; this one reports it (read again above).
            if (attempt > 0) return new Running();
        }
    }

    public async Task CompleteAsync(long id, int status, string? contentType, string? location, byte[] body)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.IdempotentRequests.Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.StatusCode, status).SetProperty(r => r.ContentType, contentType)
            .SetProperty(r => r.Location, string.IsNullOrEmpty(location) ? null : location)
                .SetProperty(r => r.Body, _protector.Protect(body)));
    }

    private byte[]? Unprotect(byte[] body)
    {
        try
        {
            return _protector.Unprotect(body);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Forgets a request that failed, so its retry runs afresh.</summary>
    public async Task AbandonAsync(long id)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.IdempotentRequests.Where(r => r.Id == id).ExecuteDeleteAsync();
    }

    /// <summary>Drops expired answers, at most once an hour per node.</summary>
    private async Task SweepAsync(PortalDbContext db, DateTime now, CancellationToken ct)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now.Ticks < due || Interlocked.CompareExchange(ref _nextSweep, now.AddHours(1).Ticks, due) != due) return;
        var cutoff = now - IdempotentRequest.Lifetime;
        await db.IdempotentRequests.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
