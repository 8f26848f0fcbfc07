using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
    public const string AllowPrivateNetworksKey = "Portal:Webhooks:AllowPrivateNetworks";

    public static IServiceCollection AddWebhookClient(this IServiceCollection services)
    {
        // Workflows and event subscriptions both post through it; one registration.
        if (services.Any(d => d.ServiceType == typeof(Registered))) return services;
        services.AddSingleton<Registered>();
        services.AddHttpClient(ClientName).ConfigurePrimaryHttpMessageHandler(sp =>
        {
            var allowPrivate = sp.GetRequiredService<IConfiguration>().GetValue<bool>(AllowPrivateNetworksKey);
            return new SocketsHttpHandler
            {
                // A proxy would be the address checked instead of the receiver's: webhooks dial receivers directly.
                UseProxy = false,
                ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, allowPrivate, ct),
            };
        });
        return services;
    }

    private sealed class Registered;

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint target, bool allowPrivate, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(target.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(target.Host, ct);
        if (!allowPrivate && addresses.FirstOrDefault(a => !IsPublic(a)) is { } refused)
            throw new WebhookAddressRefusedException(
                $"{target.Host} is {(target.Host == refused.ToString() ? "" : $"at {refused}, ")}an address on this server or a private network. " +
                $"Webhooks only go to public addresses (set {AllowPrivateNetworksKey}=true to allow this one).");
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

    /// <summary>False for loopback, private, shared (CGNAT), link-local, unspecified, multicast and reserved ranges.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224
                     || (b[0] == 100 && b[1] is >= 64 and < 128)
                     || (b[0] == 169 && b[1] == 254)
                     || (b[0] == 172 && b[1] is >= 16 and < 32)
                     || (b[0] == 192 && b[1] == 168)
                     || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                     || (b[0] == 198 && b[1] is 18 or 19));
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
            || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
            return false;
        return true;
    }
}
