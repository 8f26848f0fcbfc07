using ClientPortal.Domain;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Messaging;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Messaging;

/// <summary>
/// Email delivery settings: the Owner's (stored, password encrypted) overridden key by key by configuration
/// (Email:Provider, Email:Smtp:Host, Email:Smtp:Port, Email:Smtp:EnableTls, Email:Smtp:UserName,
/// Email:Smtp:Password, Email:From, Email:FromName; environment variables Email__Smtp__Host and so on).
/// </summary>
public sealed class EmailSettingsStore(IDbContextFactory<PortalDbContext> dbFactory, IConfiguration configuration,
    MessageProtector protector,
    TimeProvider clock)
{
    public async Task<EmailSettings> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.Settings.AsNoTracking().SingleAsync(ct);
        var fromConfig = new HashSet<string>();
        string? Pick(string key, string? stored)
        {
            var configured = configuration[key];
            if (string.IsNullOrWhiteSpace(configured)) return stored;
            fromConfig.Add(key);
            return configured;
        }
        var provider = Pick("Email:Provider", s.EmailProvider) ?? EmailProviders.Outbox;
        var host = Pick("Email:Smtp:Host", s.SmtpHost);
        var port = int.TryParse(Pick("Email:Smtp:Port", s.SmtpPort?.ToString()), out var p) ? p : 587;
        var tls = bool.TryParse(Pick("Email:Smtp:EnableTls", s.SmtpEnableTls?.ToString()), out var t) ? t : true;
        var user = Pick("Email:Smtp:UserName", s.SmtpUserName);
        var stored = s.SmtpPasswordProtected is null ? null : protector.TryUnprotect(s.SmtpPasswordProtected);
        var password = Pick("Email:Smtp:Password", stored);
        var from = Pick("Email:From", s.EmailFrom) ?? "portal@localhost";
        var fromName = Pick("Email:FromName", s.EmailFromName) ?? s.PortalName;
        var connections = int.TryParse(configuration["Email:Smtp:Connections"], out var n)
            && n > 0 ? n : EmailSettings.DefaultConnections;
        return new EmailSettings(provider, host, port, tls, user, password, from, fromName, fromConfig, connections)
        {
            PasswordUnreadable = s.SmtpPasswordProtected is not null && stored is null
                && !fromConfig.Contains("Email:Smtp:Password"),
        };
    }

    public async Task<Outcome> UpdateAsync(EmailSettingsInput input, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsOwner) return Outcome.Fail("Only an Owner can change email delivery.");
        if (input.Check() is { Count: > 0 } errors) return Outcome.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.Settings.SingleAsync(ct);
        s.ConfigureEmail(input.Provider, input.Host, input.Port, input.EnableTls, input.UserName,
            string.IsNullOrEmpty(input.NewPassword) ? null : protector.Protect(input.NewPassword), input.From,
                input.FromName, actor,
            clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }
}
