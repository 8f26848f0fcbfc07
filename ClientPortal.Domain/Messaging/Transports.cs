using System.Net;
using System.Net.Http.Json;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClientPortal.Domain.Entities;
using Microsoft.Extensions.Configuration;

namespace ClientPortal.Domain.Messaging;

/// <summary>SMTP through System.Net.Mail: a plain-text body with an HTML alternative, and a Message-ID derived from the idempotency key.</summary>
public sealed class SmtpTransport
{
    public SmtpClient Connect(EmailSettings s) => new(s.Host, s.Port)
    {
        EnableSsl = s.EnableTls,
        DeliveryMethod = SmtpDeliveryMethod.Network,
        Credentials = string.IsNullOrEmpty(s.UserName) ? null : new NetworkCredential(s.UserName, s.Password),
        Timeout = 30_000,
    };

    public async Task<string> SendAsync(SmtpClient client, EmailSettings s, OutboxMessage m, string html, string text, CancellationToken ct)
    {
        using var mail = new MailMessage
        {
            From = new MailAddress(s.From, s.FromName, Encoding.UTF8),
            Subject = m.Subject ?? "",
            SubjectEncoding = Encoding.UTF8,
            Body = text,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        mail.To.Add(new MailAddress(m.To));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(html, Encoding.UTF8, "text/html"));
        var messageId = MessageId(m.IdempotencyKey, s.From);
        // The same logical message always carries the same Message-ID: mail systems collapse a re-delivery
        // after a crash in the instant between the server's acceptance and our "sent" record.
        mail.Headers.Add("Message-ID", messageId);
        await client.SendMailAsync(mail, ct);
        return messageId;
    }

    public static string MessageId(string idempotencyKey, string from)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32].ToLowerInvariant();
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
            Content = JsonContent.Create(new { to = m.To, from = configuration["Sms:From"], text, idempotencyKey = m.IdempotencyKey }),
        };
        if (configuration["Sms:ApiKey"] is { Length: > 0 } key) request.Headers.Authorization = new("Bearer", key);
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"SMS provider answered {(int)response.StatusCode}: {body[..Math.Min(200, body.Length)]}");
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
