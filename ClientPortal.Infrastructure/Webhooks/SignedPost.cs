using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClientPortal.Domain.Workflows;

namespace ClientPortal.Infrastructure.Webhooks;

/// <summary>What a receiver answered: delivered, failed for now (retry later) or failed for good.</summary>
public sealed record PostResult(bool Delivered, int? Status, string Detail, bool Retry);

/// <summary>
/// One signed webhook call (workflow steps and event subscriptions alike): JSON body, the signature headers of both
/// kinds (<see cref="WebhookSignature"/>), the delivery id a receiver uses to tell a repeat, on the client that refuses
/// private addresses and follows no redirect. Only the receiver's status line and headers are read: its body is never
/// buffered, so an answer of any size costs the portal nothing.
/// </summary>
public static class SignedPost
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static async Task<PostResult> SendAsync(IHttpClientFactory http, string url, string secret,
        string deliveryId,
        string body,
        DateTimeOffset now, CancellationToken ct, params (string Name, string Value)[] headers)
    {
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post,
            url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, deliveryId);
        request.Headers.Add(WebhookSignature.StandardIdHeader, deliveryId);
        request.Headers.Add(WebhookSignature.StandardTimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.StandardSignatureHeader,
            WebhookSignature.SignStandard(secret, deliveryId, timestamp, body));
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        var client = http.CreateClient(WebhookNetwork.ClientName);
        client.Timeout = Timeout;
        var host = new Uri(url).Host;
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? new PostResult(true, status,
                $"HTTP {status} in {watch.ElapsedMilliseconds} ms.", false)
                : status is >= 300 and < 400 ? new PostResult(false, status,
                    $"HTTP {status} from {host}: a redirect, which webhooks do not follow " +
                    "(the signature must not go to another address). Use the final address.", true)
                : new PostResult(false, status, $"HTTP {status} from {host}.", true);
        }
        catch (HttpRequestException ex) when ((ex as WebhookAddressRefusedException
            ?? ex.InnerException as WebhookAddressRefusedException)
                                               is { } refused)
        {
            return new PostResult(false, null, refused.Message,
                false); // the address will not change by itself: no retry
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new PostResult(false, null, $"Could not reach {host}: {ex.Message}", true);
        }
    }
}
