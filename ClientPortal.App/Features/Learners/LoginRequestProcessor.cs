using ClientPortal.App.Features.Affiliates;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.Messaging;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Messaging;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Learners;

/// <summary>
/// Turns learners' requests into outbox messages in the background. Unknown addresses are dropped here,
/// out of the request's sight. Each message's idempotency key is the request id, so a crash between
/// queueing and marking the request done never sends twice.
/// </summary>
public sealed class LoginRequestProcessor(
    IDbContextFactory<PortalDbContext> dbFactory,
    LoginRequestSignal signal,
    PortalMessages messages,
    LoginCodes codes,
    PasswordResets resets,
    ContactDirectory contacts,
    AffiliateProgram affiliates,
    TimeProvider clock,
    ILogger<LoginRequestProcessor> logger) : SignalledWorker(signal, TimeSpan.FromSeconds(5), logger)
{
    private static readonly Actor Self = Actor.System("learner request");
    private static readonly Actor SignUpActor = Actor.System("sign-up");

    protected override async Task<bool> WorkAsync(CancellationToken ct) => await ProcessBatchAsync(ct) > 0;

    /// <returns>How many requests were processed.</returns>
    public async Task<int> ProcessBatchAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = await db.LoginRequests.Where(r => r.ProcessedAt == null).OrderBy(r => r.Id).Take(50)
            .ToListAsync(ct);
        foreach (var request in pending)
        {
            var contact = await db.Contacts.AsNoTracking()
                .FirstOrDefaultAsync(c => c.NormalizedEmail == request.NormalizedEmail, ct);
            if (contact is null && request.Kind == LoginRequestKind.SignUp) contact = await SignUpAsync(db, request,
                ct);
            if (contact is not null)
            {
                var key = $"login-request:{request.Id}";
                switch (request.Kind)
                {
                    case LoginRequestKind.Link or LoginRequestKind.SignUp:
                        await messages.SendLoginLinkAsync(contact.Id, DefaultTemplates.LoginEmail,
                            MagicLinkPurpose.SelfRequested,
                            request.Target, Self, key, ct);
                        break;
                    case LoginRequestKind.Code:
                        if (!await db.Outbox.AnyAsync(m => m.IdempotencyKey == key, ct))
                            await messages.SendCodeAsync(contact.Id, await codes.IssueAsync(contact.Id, ct), key, ct);
                        break;
                    case LoginRequestKind.PasswordReset:
                        await resets.SendAsync(contact, key, ct);
                        break;
                }
            }
            request.ProcessedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
        return pending.Count;
    }

    /// <summary>A new address on the sign-up page becomes a contact (attributed to a referral click when it carries
    /// one).</summary>
    private async Task<Contact?> SignUpAsync(PortalDbContext db, LoginRequest request, CancellationToken ct)
    {
        var created = await contacts.CreateAsync(new ContactDetails(request.NormalizedEmail, request.FirstName, null,
            null), SignUpActor, ct);
        if (!created.Succeeded)
        {
            // A deleted contact keeps its address; staff decide whether it comes back.
            logger.LogInformation("Sign-up request {Id} not turned into a contact: {Reason}", request.Id,
                created.ErrorText);
            return null;
        }
        var contact = created.Value!;
        var affiliate = request.ReferralClickId is { } click ? await affiliates.AttributeAsync(contact.Id, click,
            request.RequestedAt, ct) : null;
        // Published once the request is marked processed.
        db.Raise(new NewSignUp(contact.Id, affiliate, clock.GetUtcNow().UtcDateTime));
        return contact;
    }
}
