using ClientPortal.Testing;

namespace ClientPortal.Tests.Support;

/// <summary>
/// Two portal processes on one PostgreSQL database and one Redis, behind Debian's nginx running deploy/nginx.conf: the
/// multi-node deployment of docs/scaling.md on loopback. Each node delivers mail to the same SMTP sink.
/// </summary>
public sealed class PortalCluster : IAsyncDisposable
{
    private readonly string _databaseKey;
    public RunningPortal A { get; }
    public RunningPortal B { get; }
    public RedisServer Redis { get; }
    public NginxProxy Proxy { get; }
    public SmtpSink Mail { get; }
    public string DatabaseConnectionString { get; }

    private PortalCluster(string databaseKey, string database, RunningPortal a, RunningPortal b, RedisServer redis,
        NginxProxy proxy, SmtpSink mail)
    {
        _databaseKey = databaseKey;
        DatabaseConnectionString = database;
        (A, B, Redis, Proxy, Mail) = (a, b, redis, proxy, mail);
    }

    public static string SiteFile =>
        Path.Combine(Repository.Root, "deploy", "nginx.conf");

    public static async Task<PortalCluster> StartAsync()
    {
        var key = "cluster-" + Guid.NewGuid().ToString("N");
        var database = TestDatabase.PostgreSql(key);
        var redis = await RedisServer.StartAsync();
        var mail = await SmtpSink.StartAsync();
        var proxyPort = LoopbackPort.Free();
        Dictionary<string, string> Node(string name)
        {
            var env = new Dictionary<string, string>(mail.PortalEnvironment(connections: 4))
            {
                ["Portal__Database__Provider"] = "PostgreSQL",
                ["ConnectionStrings__Portal"] = database,
                ["ConnectionStrings__Redis"] = redis.ConnectionString,
                ["Portal__NodeName"] = name,
                ["Portal__PublicBaseUrl"] = $"http://127.0.0.1:{proxyPort}",
                // Every request of a test comes from one address.
                ["Portal__RateLimit__PostsPerMinute"] = "100000",
                // Live updates from the other node come through Redis; the database poll, which would also bring them,
                // is made too slow to be mistaken for it.
                ["Portal__DashboardPollSeconds"] = "600",
            };
            return env;
        }
        var a = await RunningPortal.StartAsync(Node("node-a"));
        var b = await RunningPortal.StartAsync(Node("node-b"));
        var proxy = await NginxProxy.StartAsync(SiteFile, [new Uri(a.BaseUrl).Port, new Uri(b.BaseUrl).Port],
            proxyPort);
        return new PortalCluster(key, database, a, b, redis, proxy, mail);
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
        await Mail.DisposeAsync();
        await TestDatabase.ReleaseAsync(_databaseKey);
    }
}
