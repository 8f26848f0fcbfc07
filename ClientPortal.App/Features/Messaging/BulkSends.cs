using ClientPortal.App.Features.Contacts;
using ClientPortal.Domain;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.MagicLinks;
using ClientPortal.Domain.Messaging;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Data.Writes;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Messaging;

public sealed record InvitePlan(Guid? JobId, int Recipients, IReadOnlyList<string> Created,
    IReadOnlyList<string> Invalid,
    IReadOnlyList<string> AlreadyActive, int DuplicatesCollapsed);

public sealed record BulkProgress(Guid JobId, BulkJobKind Kind, int Total, int Done, int Skipped, int Failed,
    DateTime CreatedAt,
    string? CreatedBy, DateTime? CompletedAt)
{
    public bool Completed => CompletedAt is not null;
    public double Percent => Total == 0 ? 100 : 100.0 * (Done + Skipped + Failed) / Total;
}

/// <summary>
/// Invites and login emails to many contacts as durable background jobs: they return at once, report
/// progress (done, skipped, failed) as events and rows, and resume after a restart without sending twice.
/// </summary>
public sealed class BulkSends(IDbContextFactory<PortalDbContext> dbFactory, ContactDirectory contacts,
    BulkSendSignal signal,
    ClientPortal.Infrastructure.Events.DomainEvents events, TimeProvider clock)
{
    /// <summary>Calls <paramref name="progressed"/> as sends move on (any job, on any node with Redis); dispose to
    /// stop.</summary>
    public IDisposable WatchProgress(Func<BulkJobProgressed, Task> progressed) =>
        events.Subscribe(e => e is BulkJobProgressed p ? progressed(p) : Task.CompletedTask);

    /// <summary>Plans an invite: new addresses become contacts, invalid ones are reported, duplicates collapse, active
    /// contacts are skipped.</summary>
    public async Task<InvitePlan> StartInviteAsync(IEnumerable<long> contactIds, string? emails, Actor actor,
        string? section = null,
        CancellationToken ct = default)
    {
        var tokens = (emails ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var invalid = tokens.Where(t => !ContactEmail.IsValid(t, out _)).Distinct().ToList();
        var valid = tokens.Where(t => ContactEmail.IsValid(t, out _)).ToList();
        var ids = contactIds.ToList();
        var duplicates = valid.Count - valid.Select(ContactEmail.Normalize).Distinct().Count();
        var created = new List<string>();
        foreach (var email in valid.DistinctBy(ContactEmail.Normalize))
        {
            if (await contacts.FindByEmailAsync(email, ct) is { } existing) { ids.Add(existing.Id); continue; }
            var outcome = await contacts.CreateAsync(new ContactDetails(email, null, null, null), actor, ct);
            if (outcome.Succeeded) { ids.Add(outcome.Value!.Id); created.Add(outcome.Value.Email); }
            else invalid.Add(email);
        }
        duplicates += ids.Count - ids.Distinct().Count();
        ids = ids.Distinct().ToList();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var active = await db.Contacts.Where(c => ids.Contains(c.Id) && c.PortalStatus == PortalStatus.Active)
            .Select(c => new { c.Id, c.Email })
            .ToListAsync(ct);
        var recipients = ids.Except(active.Select(a => a.Id)).ToList();
        var jobId = recipients.Count == 0 ? (Guid?)null : await CreateJobAsync(db, BulkJobKind.Invite, recipients,
            section, actor, ct);
        return new InvitePlan(jobId, recipients.Count, created, invalid, active.Select(a => a.Email).ToList(),
            duplicates);
    }

    /// <summary>Starts login emails to the given contacts (a selection, a tag's or an offer's holders resolved by the
    /// caller).</summary>
    public async Task<Guid?> StartLoginEmailsAsync(IReadOnlyCollection<long> contactIds, Actor actor,
        string? section = null, CancellationToken ct = default)
    {
        var ids = contactIds.Distinct().ToList();
        if (ids.Count == 0) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await CreateJobAsync(db, BulkJobKind.LoginEmail, ids, section, actor, ct);
    }

    public async Task<BulkProgress?> ProgressAsync(Guid jobId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BulkJobs.AsNoTracking().Where(j => j.Id == jobId).Select(Project).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<BulkProgress>> RecentAsync(int take = 10, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.BulkJobs.AsNoTracking().OrderByDescending(j => j.CreatedAt).Take(take).Select(Project)
            .ToListAsync(ct);
    }

    private static readonly System.Linq.Expressions.Expression<Func<BulkJob, BulkProgress>> Project = j =>
        new BulkProgress(j.Id, j.Kind, j.Total, j.Done, j.Skipped, j.Failed, j.CreatedAt, j.CreatedBy, j.CompletedAt);

    internal async Task<Guid> CreateJobAsync(PortalDbContext db, BulkJobKind kind, List<long> recipients,
        string? section, Actor actor,
        CancellationToken ct)
    {
        if (!LinkSection.TryParse(section,
            out var normalized)) throw new ArgumentException(LinkSection.Unknown(section),
            nameof(section));
        var job = BulkJob.Start(kind, recipients, normalized.Text, actor, clock.GetUtcNow().UtcDateTime);
        db.BulkJobs.Add(job);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return job.Id;
    }
}

/// <summary>Wakes the bulk-send runner when a job is created.</summary>
public sealed class BulkSendSignal : WakeSignal;

/// <summary>Works through unfinished bulk jobs a chunk per transaction; a restart resumes where the counters
/// stand.</summary>
public sealed class BulkSendRunner(
    IDbContextFactory<PortalDbContext> dbFactory,
    PortalMessages messages,
    BulkSendSignal signal,
    TimeProvider clock,
    ILogger<BulkSendRunner> logger) : SignalledWorker(signal, TimeSpan.FromSeconds(5), logger)
{
    public const int ChunkSize = 250;

    protected override Task<bool> WorkAsync(CancellationToken ct) => RunNextChunkAsync(ct);

    /// <returns>False when no job has work left.</returns>
    public async Task<bool> RunNextChunkAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var next = await db.BulkJobs.Where(j => j.CompletedAt == null).OrderBy(j => j.CreatedAt)
            .Select(j => (Guid?)j.Id).FirstOrDefaultAsync(ct);
        // Another node is sending this job's next chunk: it signals when there is more.
        if (next is not { } jobId || !await db.TakeBulkJobAsync(jobId, ct)) return false;
        // Read once taken: the other node may have moved it on meanwhile.
        var job = await db.BulkJobs.SingleAsync(j => j.Id == jobId, ct);
        if (job.CompletedAt is not null) return true;
        var chunk = job.Recipients.Skip(job.Handled).Take(ChunkSize).ToList();
        var actor = new Actor(job.CreatedById, job.CreatedBy ?? "bulk send", Roles.Admin);
        var now = clock.GetUtcNow().UtcDateTime;

        var (done, failed) = (0, 0);
        if (chunk.Count > 0)
        {
            var isInvite = job.Kind is BulkJobKind.Invite or BulkJobKind.InviteResend;
            var skipped = new HashSet<long>();
            var result = await messages.QueueLoginLinksAsync(chunk,
                isInvite ? DefaultTemplates.Invite : DefaultTemplates.LoginEmail,
                isInvite ? MagicLinkPurpose.Invite : MagicLinkPurpose.LoginEmail,
                job.Section, actor,
                id => $"{KeyPrefix(job.Kind)}:{job.Id}:{id}",
                // Marked in the same transaction as its message.
                job.Kind switch
                {
                    BulkJobKind.Invite => contact => contact.Invite(actor, now, job.Id),
                    BulkJobKind.InviteResend => contact => contact.InviteResent(actor, now),
                    _ => null,
                }, ct);
            (done, failed) = (result.Queued.Count + result.AlreadyQueued, result.Missing.Count);
        }
        job.Advance(done, failed, now);
        await db.SaveChangesAsync(ct);
        if (db.Database.CurrentTransaction is { } taken) await taken.CommitAsync(ct);
        return true;
    }

    /// <summary>The idempotency key's prefix of a job's messages.</summary>
    private static string KeyPrefix(BulkJobKind kind) => kind switch
    {
        BulkJobKind.Invite => "invite",
        BulkJobKind.InviteResend => "invite-resend",
        _ => "login-email",
    };
}
