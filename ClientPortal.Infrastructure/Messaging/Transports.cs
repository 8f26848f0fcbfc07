using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Messaging;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace ClientPortal.Infrastructure.Messaging;

/// <summary>
/// SMTP through MailKit: one connection per delivery lane, reused for many messages; a plain-text body with an HTML
/// alternative, and a Message-ID derived from the idempotency key.
/// </summary>
public sealed class SmtpTransport
{
    /// <summary>TLS as configured: implicit TLS on port 465, otherwise STARTTLS (required, never silently skipped);
    /// none when off.</summary>
    public static SecureSocketOptions Security(EmailSettings s) =>
        !s.EnableTls ? SecureSocketOptions.None : s.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;

    public async Task<SmtpClient> ConnectAsync(EmailSettings s, CancellationToken ct)
    {
        var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            var host = string.IsNullOrWhiteSpace(s.Host)
                ? throw new InvalidOperationException("No SMTP host is set (Settings → Email, or Email:Smtp:Host).")
                : s.Host;
            await client.ConnectAsync(host, s.Port, Security(s), ct);
            if (!string.IsNullOrEmpty(s.UserName)) await client.AuthenticateAsync(s.UserName, s.Password ?? "", ct);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task<string> SendAsync(SmtpClient client, EmailSettings s, OutboxMessage m, string html, string text,
        CancellationToken ct)
    {
        var messageId = MessageId(m.IdempotencyKey, s.From);
        using var mail = new MimeMessage
        {
            Subject = m.Subject ?? "",
            // The same logical message always carries the same Message-ID: mail systems collapse a re-delivery
            // after a crash in the instant between the server's acceptance and our "sent" record.
            MessageId = messageId.Trim('<', '>'),
            Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody(),
        };
        mail.From.Add(new MailboxAddress(s.FromName, s.From));
        mail.To.Add(MailboxAddress.Parse(m.To));
        await client.SendAsync(mail, ct);
        return messageId;
    }

    /// <summary>Failures of a send or a connection that a later attempt may get past (the message is
    /// retried).</summary>
    public static bool IsDeliveryFailure(Exception ex) =>
        ex is MailKit.CommandException or MailKit.ProtocolException or MailKit.Security.AuthenticationException
            or MailKit.Security.SslHandshakeException or IOException or System.Net.Sockets.SocketException or
                TimeoutException
            or OperationCanceledException or NotSupportedException or InvalidOperationException or ParseException or
                FormatException;

    /// <summary>The connection itself broke (the server closed it, a network error): reconnecting may be
    /// enough.</summary>
    public static bool IsBrokenConnection(Exception ex) =>
        ex is MailKit.ServiceNotConnectedException or MailKit.ProtocolException or IOException or
            System.Net.Sockets.SocketException;

    public static string MessageId(string idempotencyKey, string from)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];
        var domain = from.Contains('@') ? from[(from.IndexOf('@') + 1)..] : "localhost";
        return $"<{hash}@{domain}>";
    }
}

/// <summary>
/// SMS through a configurable HTTP provider (Sms:Endpoint, Sms:ApiKey, Sms:From): a JSON POST
/// {"to","from","text","idempotencyKey"} with a Bearer key; the provider's "id" is kept.
/// </summary>
public sealed class SmsTransport(IConfiguration configuration, IHttpClientFactory httpClients)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(configuration["Sms:Endpoint"]);

    public async Task<string?> SendAsync(OutboxMessage m, string text, CancellationToken ct)
    {
        if (!IsConfigured) throw new InvalidOperationException("No SMS provider is configured (Sms:Endpoint).");
        using var http = httpClients.CreateClient("sms");
        using var request = new HttpRequestMessage(HttpMethod.Post, configuration["Sms:Endpoint"])
        {
            Content = JsonContent.Create(new { to = m.To, from = configuration["Sms:From"], text,
                idempotencyKey = m.IdempotencyKey }),
        };
        if (configuration["Sms:ApiKey"] is { Length: > 0 } key) request.Headers.Authorization = new("Bearer", key);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"SMS provider answered " +
            $"{(int)response.StatusCode}: {body[..Math.Min(200, body.Length)]}");
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("id", out var id) ? id.ToString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
