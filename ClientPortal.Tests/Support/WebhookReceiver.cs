using System.Net;
using System.Text;
using ClientPortal.Domain.Workflows;

namespace ClientPortal.Tests.Support;

/// <summary>
/// A webhook receiver on loopback that records what it got and can answer 500 a few times, or answer as a test says
/// (<see cref="Answer"/>).
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    public string Url { get; }
    public int FailNext { get; set; }
    public List<(string Body, string Timestamp, string Signature, string Delivery, string? Event)> Calls { get; } = [];
    /// <summary>The Standard Webhooks headers of each call, in the order of <see cref="Calls"/>.</summary>
    public List<(string Id, string Timestamp, string Signature)> StandardHeaders { get; } = [];
    /// <summary>Answers a call instead of the 500/204 default (its body is recorded first).</summary>
    public Func<HttpListenerResponse, Task>? Answer { get; set; }

    public WebhookReceiver()
    {
        var port = ClientPortal.Testing.LoopbackPort.Free();
        Url = $"http://127.0.0.1:{port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers;
            lock (Calls)
            {
                Calls.Add((body, headers[WebhookSignature.TimestampHeader]!, headers[WebhookSignature.SignatureHeader]!,
                    headers[WebhookSignature.DeliveryHeader]!, headers["X-Portal-Event"]));
                StandardHeaders.Add((headers[WebhookSignature.StandardIdHeader]!,
                    headers[WebhookSignature.StandardTimestampHeader]!,
                    headers[WebhookSignature.StandardSignatureHeader]!));
            }
            if (Answer is { } answer)
            {
                _ = Task.Run(async () =>
                {
                    // The portal hangs up on an answer it does not want to read: that ends the answer here, as it
                    // should.
                    try { await answer(context.Response); }
                    catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException) { }
                    try { context.Response.Close(); }
                    catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or
                        InvalidOperationException) { }
                });
                continue;
            }
            context.Response.StatusCode = FailNext-- > 0 ? 500 : 204;
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
