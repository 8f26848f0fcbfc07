using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Messaging;
using MailKit.Net.Smtp;

namespace ClientPortal.Infrastructure.Messaging;

/// <summary>
/// One lane's SMTP connection, opened on its first message and reused for the next ones. When a reused connection
/// turns out to be broken (the server closed an idle connection, restarted), the message is sent again once on a
/// fresh connection rather than waiting for the retry backoff.
/// </summary>
public sealed class SmtpLane(SmtpTransport smtp, EmailSettings settings)
{
    private SmtpClient? _client;

    public async Task<string> SendAsync(OutboxMessage message, string html, string text)
    {
        var reused = _client is not null;
        try
        {
            _client ??= await smtp.ConnectAsync(settings, CancellationToken.None);
            return await smtp.SendAsync(_client, settings, message, html, text, CancellationToken.None);
        }
        catch (Exception ex) when (reused && SmtpTransport.IsBrokenConnection(ex))
        {
            await DisconnectAsync();
            _client = await smtp.ConnectAsync(settings, CancellationToken.None);
            return await smtp.SendAsync(_client, settings, message, html, text, CancellationToken.None);
        }
    }

    public async Task DisconnectAsync()
    {
        if (_client is null) return;
        try
        {
            if (_client.IsConnected) await _client.DisconnectAsync(quit: true);
        }
        catch (Exception ex) when (SmtpTransport.IsDeliveryFailure(ex))
        {
            // QUIT on a connection that is already broken: nothing to close politely.
        }
        finally
        {
            _client.Dispose();
            _client = null;
        }
    }
}
