using System.Collections.Concurrent;
using ClientPortal.App.Endpoints.Api;
using ClientPortal.App.Features.ApiKeys;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientPortal.Tests.Api.Services;

public class IdempotencyStoreTests
{
    /// <summary>Everything logged at Warning or above.</summary>
    private sealed class Recorded : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void Dispose() { }

        private sealed class Logger(Recorded owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState,
                Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} " +
                    $"{exception}");
            }
        }
    }

    [Fact]
    public async Task
        Racing_requests_with_one_key_start_once_and_the_others_hear_it_is_running_without_an_error_in_the_log()
    {
        var recorded = new Recorded();
        await using var host = await DomainHost.StartAsync(configure: s => s.AddLogging(b => b.AddProvider(recorded)));
        var key = (await host.Get<ApiKeys>().CreateAsync("Racer", [ApiScopes.GrantsWrite], Actor.System())).Value;
        var store = new
            IdempotencyStore(host.Get<IDbContextFactory<ClientPortal.Infrastructure.Data.PortalDbContext>>(),
            host.Clock,
            new EphemeralDataProtectionProvider());
        var fingerprint = new byte[32];

        var begun = await Task.WhenAll(Enumerable.Range(0, 12)
            .Select(_ =>
            Task.Run(() => store.BeginAsync(key.Key.Id, "same-key", fingerprint, CancellationToken.None))));

        Assert.Single(begun, b => b is IdempotencyStore.Started);
        Assert.All(begun.Where(b => b is not IdempotencyStore.Started),
            b => Assert.IsType<IdempotencyStore.Running>(b));
        Assert.DoesNotContain(recorded.Lines, l => l.Contains("Exception") || l.StartsWith("Error")
            || l.StartsWith("Critical"));
    }
}
