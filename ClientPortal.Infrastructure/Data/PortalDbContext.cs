using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Infrastructure.Data;

public class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole, string>(options), IDataProtectionKeyContext
{
    /// <summary>The data-protection keys when several nodes share them (PostgreSQL); SQLite keeps them in the data
    /// folder.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// The named query filter that leaves soft-deleted rows (contacts, community posts and comments) out of every
    /// query; <c>IgnoreQueryFilters([SoftDelete])</c> lifts it where deleted rows are wanted.
    /// </summary>
    public const string SoftDelete = "SoftDelete";

    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ContactTag> ContactTags => Set<ContactTag>();
    public DbSet<ContactTally> ContactTallies => Set<ContactTally>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<CoverImage> CoverImages => Set<CoverImage>();
    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<OfferProduct> OfferProducts => Set<OfferProduct>();
    public DbSet<Grant> Grants => Set<Grant>();
    public DbSet<MagicLink> MagicLinks => Set<MagicLink>();
    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<PasskeyUse> PasskeyUses => Set<PasskeyUse>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<PortalSettings> Settings => Set<PortalSettings>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<LoginRequest> LoginRequests => Set<LoginRequest>();
    public DbSet<LoginCode> LoginCodes => Set<LoginCode>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<BulkJob> BulkJobs => Set<BulkJob>();
    public DbSet<LessonProgress> LessonProgress => Set<LessonProgress>();
    public DbSet<ProgressMilestone> ProgressMilestones => Set<ProgressMilestone>();
    public DbSet<CommunityPost> CommunityPosts => Set<CommunityPost>();
    public DbSet<CommunityComment> CommunityComments => Set<CommunityComment>();
    public DbSet<Affiliate> Affiliates => Set<Affiliate>();
    public DbSet<AffiliateClick> AffiliateClicks => Set<AffiliateClick>();
    public DbSet<AffiliateReferral> AffiliateReferrals => Set<AffiliateReferral>();
    public DbSet<Workflow> Workflows => Set<Workflow>();
    public DbSet<WorkflowVersion> WorkflowVersions => Set<WorkflowVersion>();
    public DbSet<WorkflowRun> WorkflowRuns => Set<WorkflowRun>();
    public DbSet<WorkflowStepLog> WorkflowStepLogs => Set<WorkflowStepLog>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdempotentRequest> IdempotentRequests => Set<IdempotentRequest>();
    public DbSet<PortalEventRecord> PortalEvents => Set<PortalEventRecord>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookCursor> WebhookCursors => Set<WebhookCursor>();
    public DbSet<Domain.Workflows.WorkflowTriggerRecord> WorkflowTriggerRecords =>
        Set<Domain.Workflows.WorkflowTriggerRecord>();
    public DbSet<Domain.Workflows.WorkflowTriggerCursor> WorkflowTriggerCursors =>
        Set<Domain.Workflows.WorkflowTriggerCursor>();

    /// <summary>
    /// Identity's table layout, read by Identity from the app's options (<see cref="UseIdentitySchema"/>): version 3
    /// has the passkeys table.
    /// </summary>
    public static readonly Version IdentitySchema = IdentitySchemaVersions.Version3;

    public static void UseIdentitySchema(IdentityOptions o) => o.Stores.SchemaVersion = IdentitySchema;

    // Events raised on the context itself, kept with the lease they were raised in: the context is pooled, and events a
    // lease raised without saving must never ride on the next lease's save.
    private List<IDomainEvent>? _raised;
    private int _raisedLease;

    /// <summary>
    /// Records what happened to no single entity (a bulk send, an import, a team change made through Identity): at the
    /// next save its audit row (<see cref="AuditTrail"/>) is written with the change and the event is published after
    /// the commit, exactly as for an event an entity raised.
    /// </summary>
    public void Raise(IDomainEvent e)
    {
        if (_raised is null || _raisedLease != ContextId.Lease)
        {
            _raised = [];
            _raisedLease = ContextId.Lease;
        }
        _raised.Add(e);
    }

    /// <summary>
    /// Records the events of an entity this context does not track (rows a bulk insert wrote), as if it were saved with
    /// the next change.
    /// </summary>
    public void RaiseFrom(EventSource entity)
    {
        foreach (var e in entity.DomainEvents) Raise(e);
        entity.ClearDomainEvents();
    }

    internal IReadOnlyList<IDomainEvent> TakeRaised()
    {
        if (_raised is null || _raisedLease != ContextId.Lease) return [];
        var raised = _raised;
        _raised = null;
        return raised;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder b)
    {
        base.ConfigureConventions(b);
        // Every time the portal stores is UTC (its clock is TimeProvider's UTC). PostgreSQL's timestamptz takes only
        // UTC values; a DateTime that lost its kind on the way (a date picked in a form, a value built in code) is
        // marked UTC on its way in rather than refused. SQLite stores the text as given.
        if (Database.IsNpgsql())
        {
            b.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
            b.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        }
    }

    private sealed class UtcDateTimeConverter()
        : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // One IEntityTypeConfiguration per entity, beside this context (Data/Configurations).
        b.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
