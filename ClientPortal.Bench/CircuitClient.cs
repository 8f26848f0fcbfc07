using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Bench;

/// <summary>
/// An open admin dashboard without a browser: speaks Blazor Server's circuit protocol as blazor.web.js does (SignalR
/// with the "blazorpack" MessagePack protocol) — fetches the page (its component markers), starts a circuit for its
/// root components, acknowledges every render batch and answers the page's JS calls with success. The server does all
/// the work of a real tab (circuit, renders, diffs, sends); the client only notes when a batch arrives, so a hundred of
/// them measure the server rather than a hundred Chromium tabs sharing its cores.
/// </summary>
public sealed partial class CircuitClient : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly HttpClient _http;
    private readonly string _baseUrl;
    private string? _circuitId;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _rendered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (byte[] Needle, TaskCompletionSource<double> Seen)? _expected;

    private CircuitClient(HubConnection hub, HttpClient http, string baseUrl)
    {
        _hub = hub;
        _http = http;
        _baseUrl = baseUrl;
    }

    public static async Task<CircuitClient> OpenAsync(HttpClient http, string baseUrl, string path, string cookieHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + path);
        request.Headers.Add("Cookie", cookieHeader);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync();
        var state = StateMarker().Match(html) is { Success: true } s ? s.Groups[1].Value : "";
        // The operations blazor.web.js sends for the page's server root components (descriptors are protected by the
        // server).
        var operations = new JsonArray();
        foreach (var (marker, index) in ComponentMarker().Matches(html)
            .Select((m, i) => (JsonNode.Parse(m.Groups[1].Value)!.AsObject(), i)))
        {
            if ((string?)marker["type"] != "server") continue;
            operations.Add(new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = index + 1,
                ["marker"] = new JsonObject
                {
                    ["type"] = "server", ["key"] = marker["key"]?.DeepClone(),
                        ["sequence"] = marker["sequence"]?.DeepClone(),
                    ["descriptor"] = marker["descriptor"]?.DeepClone(), ["uniqueId"] = index,
                },
            });
        }
        if (operations.Count == 0) throw new InvalidOperationException($"{path} has no interactive server components " +
            $"(signed out?)");

        var builder = new HubConnectionBuilder().WithUrl(baseUrl + "/_blazor", o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.Headers["Cookie"] = cookieHeader;
        });
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPack());
        var hub = builder.Build();
        var client = new CircuitClient(hub, http, baseUrl);
        hub.On<long, string, string, int, long>("JS.BeginInvokeJS", (handle, _, _, _, _) =>
            handle == 0 ? Task.CompletedTask : hub.SendAsync("EndInvokeJSFromDotNet", handle, true,
                $"[{handle},true,null]"));
        hub.On<long, byte[]>("JS.RenderBatch", (id, batch) =>
        {
            client.Received(batch);
            return hub.SendAsync("OnRenderCompleted", id, null);
        });
        hub.On<string>("JS.Error", error => Console.Error.WriteLine($"  circuit error: {error}"));
        await hub.StartAsync();
        client._circuitId = await hub.InvokeAsync<string?>("StartCircuit", baseUrl + "/", baseUrl + path, "[]", state)
            ?? throw new InvalidOperationException("the server refused to start a circuit");
        await hub.SendAsync("UpdateRootComponents",
            new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString(), state);
        // Interactive once the page's first render has arrived.
        await client._rendered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return client;
    }

    /// <summary>
    /// Completes with the Unix time (ms) at which a render batch carrying <paramref name="text"/> arrives: the renderer
    /// writes each string once into the batch's table, UTF-8 after its 7-bit encoded length.
    /// </summary>
    public Task<double> ExpectText(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        if (utf8.Length > 127) throw new ArgumentException("short texts only", nameof(text));
        var seen = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _expected = ([(byte)utf8.Length, .. utf8], seen);
        return seen.Task;
    }

    private void Received(byte[] batch)
    {
        var at = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
        _rendered.TrySetResult();
        lock (_gate)
        {
            if (_expected is not { } e || batch.AsSpan().IndexOf(e.Needle) < 0) return;
            _expected = null;
            e.Seen.TrySetResult(at);
        }
    }

    /// <summary>Closes like a tab: the disconnect beacon ends the circuit now, not after the server's retention
    /// period.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_circuitId is not null)
        {
            using var beacon = await _http.PostAsync(_baseUrl + "/_blazor/disconnect",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["circuitId"] = _circuitId }));
        }
        await _hub.DisposeAsync();
    }

    /// <summary>SignalR's MessagePack protocol under the name Blazor's hub accepts.</summary>
    private sealed class BlazorPack : IHubProtocol
    {
        private readonly MessagePackHubProtocol _inner = new();

        public string Name => "blazorpack";
        public int Version => 1;
        public TransferFormat TransferFormat => TransferFormat.Binary;
        public bool IsVersionSupported(int version) => version <= Version;

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder,
            [NotNullWhen(true)] out HubMessage? message) =>
            _inner.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) =>
            _inner.WriteMessage(message, output);
        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->")]
    private static partial Regex ComponentMarker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex StateMarker();
}
