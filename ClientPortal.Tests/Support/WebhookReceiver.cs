using System.Net;
using System.Text;
using ClientPortal.Domain.Workflows;

namespace ClientPortal.Tests.Support;

/// <summary>A webhook receiver on loopback that records what it got and can answer 500 a few times.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    public string Url { get; }
    public int FailNext { get; set; }
    public List<(string Body, string Timestamp, string Signature, string Delivery, string? Event)> Calls { get; } = [];

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
            lock (Calls)
                Calls.Add((body, context.Request.Headers[WebhookSignature.TimestampHeader]!, context.Request.Headers[WebhookSignature.SignatureHeader]!,
                    context.Request.Headers[WebhookSignature.DeliveryHeader]!, context.Request.Headers["X-Portal-Event"]));
            context.Response.StatusCode = FailNext-- > 0 ? 500 : 204;
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();
}
