using ClientPortal.Domain;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Messaging;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Messaging;

public sealed record EmailSettingsInput(string Provider, string? Host, int? Port, bool EnableTls, string? UserName, string? NewPassword,
    string? From, string? FromName);

/// <summary>
/// Email delivery settings: the Owner's (stored, password encrypted) overridden key by key by configuration
/// (Email:Provider, Email:Smtp:Host, Email:Smtp:Port, Email:Smtp:EnableTls, Email:Smtp:UserName,
/// Email:Smtp:Password, Email:From, Email:FromName; environment variables Email__Smtp__Host and so on).
/// </summary>
public sealed class EmailSettingsStore(IDbContextFactory<PortalDbContext> dbFactory, IConfiguration configuration, MessageProtector protector,
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
        var connections = int.TryParse(configuration["Email:Smtp:Connections"], out var n) && n > 0 ? n : EmailSettings.DefaultConnections;
        return new EmailSettings(provider, host, port, tls, user, password, from, fromName, fromConfig, connections)
        {
            PasswordUnreadable = s.SmtpPasswordProtected is not null && stored is null && !fromConfig.Contains("Email:Smtp:Password"),
        };
    }

    public static Problems Validate(EmailSettingsInput input)
    {
        var errors = new Problems();
        if (input.Provider is not (EmailProviders.Outbox or EmailProviders.Smtp)) errors.Add(nameof(input.Provider), "Choose the embedded outbox or SMTP.");
        if (input.Provider == EmailProviders.Smtp)
        {
            if (string.IsNullOrWhiteSpace(input.Host)) errors.Add(nameof(input.Host), "Enter the SMTP host.");
            if (input.Port is null or < 1 or > 65535) errors.Add(nameof(input.Port), "Enter an SMTP port between 1 and 65535.");
        }
        if (!string.IsNullOrWhiteSpace(input.From) && !ContactEmail.IsValid(input.From, out var fromError)) errors.Add(nameof(input.From), "From: " + fromError);
        return errors;
    }

    public async Task<Outcome> UpdateAsync(EmailSettingsInput input, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsOwner) return Outcome.Fail("Only an Owner can change email delivery.");
        if (Validate(input) is { Count: > 0 } errors) return Outcome.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.Settings.SingleAsync(ct);
        s.ConfigureEmail(input.Provider, input.Host, input.Port, input.EnableTls, input.UserName,
            string.IsNullOrEmpty(input.NewPassword) ? null : protector.Protect(input.NewPassword), input.From, input.FromName, actor,
            clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }
}
