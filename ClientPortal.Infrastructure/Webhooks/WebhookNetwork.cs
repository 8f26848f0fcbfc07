using System.Net;
using System.Net.Sockets;
using ClientPortal.Infrastructure.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClientPortal.Infrastructure.Webhooks;

/// <summary>A webhook step was pointed at this machine or a private network, which the portal refuses.</summary>
public sealed class WebhookAddressRefusedException(string message) : HttpRequestException(message);

/// <summary>
/// Keeps workflow webhooks off this machine and private networks (server-side request forgery): an admin's URL
/// must not reach the portal's own ports, a database or a cloud metadata service. The check runs where the
/// connection is made, on the addresses DNS returned, so a public-looking name that resolves to 127.0.0.1 is refused
/// too and nothing can change between the check and the connect. Portal:Webhooks:AllowPrivateNetworks=true lifts it
/// for receivers on the same network.
/// </summary>
public static class WebhookNetwork
{
    public const string ClientName = "workflow-webhooks";

    public static IServiceCollection AddWebhookClient(this IServiceCollection services)
    {
        // Workflows and event subscriptions both post through it; one registration.
        if (services.Any(d => d.ServiceType == typeof(Registered))) return services;
        services.AddSingleton<Registered>();
        services.AddHttpClient(ClientName).ConfigurePrimaryHttpMessageHandler(sp =>
        {
            var allowPrivate = sp.GetRequiredService<IOptions<PortalOptions>>().Value.Webhooks.AllowPrivateNetworks;
            return new SocketsHttpHandler
            {
                // A proxy would be the address checked instead of the receiver's: webhooks dial receivers directly.
                UseProxy = false,
                // A redirect would carry the signature headers to an address nobody checked or chose.
                AllowAutoRedirect = false,
                // Only the status counts: an unread answer is not drained beyond this before the connection is dropped.
                MaxResponseDrainSize = 16 * 1024,
                ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, allowPrivate, ct),
            };
        });
        return services;
    }

    private sealed class Registered;

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint target, bool allowPrivate, CancellationToken ct)
    {
        var addresses = await AddressesOfAsync(target.Host, ct);
        if (!allowPrivate
            && Refusal(target.Host, addresses) is { } refused) throw new WebhookAddressRefusedException(refused);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, target.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The addresses a host name stands for: a literal address as it is, a name as DNS resolves it. A trailing dot
    /// (<c>localhost.</c>, <c>127.0.0.1.</c>) names the same host, so it is dropped first.
    /// </summary>
    public static async Task<IPAddress[]> AddressesOfAsync(string host, CancellationToken ct)
    {
        host = host.Trim('[', ']').TrimEnd('.');
        return IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
    }

    /// <summary>Why a connection to these addresses of <paramref name="host"/> is refused, or null when every one is
    /// public.</summary>
    public static string? Refusal(string host, IEnumerable<IPAddress> addresses) =>
        addresses.FirstOrDefault(a => !IsPublic(a) || IsThisServer(a)) is { } refused
            ? $"{host} is {(host.Trim('[', ']').TrimEnd('.') == refused.ToString() ? "" : $"at {refused}, ")}" +
              "an address on this server or a private network. Webhooks only go to public addresses (set " +
              "Portal:Webhooks:AllowPrivateNetworks=true to allow this one)."
            : null;

    /// <summary>
    /// The save-time check of an address a person or a key gives: the same rule as the connection's, on the addresses
    /// the name resolves to now (the connection checks again, since DNS may answer otherwise later). A name that does
    /// not resolve now is left to that later check.
    /// </summary>
    public static async Task<string?> RefusalAsync(Uri url, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            return Refusal(url.Host, await AddressesOfAsync(url.Host, timeout.Token));
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// False for loopback, private, shared (CGNAT), link-local, unspecified, multicast, documentation and reserved
    /// ranges, and for IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) when the address
    /// they carry is not public.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return !(b[0] is 0 or 10 or 127 or >= 224
                     || (b[0] == 100 && b[1] is >= 64 and < 128)
                     || (b[0] == 169 && b[1] == 254)
                     || (b[0] == 172 && b[1] is >= 16 and < 32)
                     || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
                     || (b[0] == 198 && b[1] is 18 or 19)
                     || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                     || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal
            || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
            return false;
        // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks) and NAT64's well-known 64:ff9b::a.b.c.d.
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 || b.AsSpan(0, 12).SequenceEqual(Nat64Prefix))
            return IsPublic(new IPAddress(b.AsSpan(12, 4)));
        // NAT64's local-use prefix 64:ff9b:1::/48 is never global, whatever it carries.
        if (b.AsSpan(0, 6).SequenceEqual(Nat64LocalPrefix)) return false;
        // 6to4: 2002:AABB:CCDD::/48 carries AA.BB.CC.DD.
        if (b[0] == 0x20 && b[1] == 0x02) return IsPublic(new IPAddress(b.AsSpan(2, 4)));
        // Teredo 2001:0::/32: the server's address in plain, the client's with its bits flipped; both must be public.
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
        {
            Span<byte> client = [(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]];
            return IsPublic(new IPAddress(b.AsSpan(4, 4))) && IsPublic(new IPAddress(client));
        }
        // Documentation 2001:db8::/32 and the discard prefix 100::/64.
        if ((b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
            || (b[0] == 0x01 && b[1] == 0 && b.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0))
            return false;
        return true;
    }

    private static readonly byte[] Nat64Prefix = [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];
    private static readonly byte[] Nat64LocalPrefix = [0, 0x64, 0xff, 0x9b, 0, 1];

    /// <summary>An address of one of this server's own interfaces (a public one too: the portal must not call
    /// itself).</summary>
    public static bool IsThisServer(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return OwnAddresses().Contains(address);
    }

    private static (HashSet<IPAddress>? Addresses, long ReadAt) _own;

    /// <summary>This server's interface addresses, read again at most every 30 seconds (interfaces come and
    /// go).</summary>
    private static HashSet<IPAddress> OwnAddresses()
    {
        var own = _own;
        if (own.Addresses is not null && Environment.TickCount64 - own.ReadAt < 30_000) return own.Addresses;
        var addresses = new HashSet<IPAddress>();
        try
        {
            foreach (var nic in System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces())
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                addresses.Add(unicast.Address.IsIPv4MappedToIPv6 ? unicast.Address.MapToIPv4() : unicast.Address);
        }
        catch (System.Net.NetworkInformation.NetworkInformationException)
        {
            // Interfaces that cannot be listed leave the other checks, which cover every private range, in force.
        }
        _own = (addresses, Environment.TickCount64);
        return addresses;
    }
}
