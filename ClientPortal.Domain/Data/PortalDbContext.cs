using ClientPortal.Domain.Communities;
using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Domain.Data;

public class PortalDbContext(DbContextOptions<PortalDbContext> options)
    : IdentityDbContext<PortalUser, IdentityRole, string>(options)
{
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ContactTag> ContactTags => Set<ContactTag>();
    public DbSet<ContactTally> ContactTallies => Set<ContactTally>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Lesson> Lessons => Set<Lesson>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<OfferProduct> OfferProducts => Set<OfferProduct>();
    public DbSet<Grant> Grants => Set<Grant>();
    public DbSet<MagicLink> MagicLinks => Set<MagicLink>();
    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
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

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);

        b.Entity<ContactTally>(e => e.Property(t => t.Id).ValueGeneratedNever());

        b.Entity<PortalUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.HasIndex(u => u.ContactId).IsUnique();
        });

        b.Entity<Contact>(e =>
        {
            // Triggers keep ContactTallies; SQLite's RETURNING does not go with AFTER triggers.
            e.ToTable(t => t.UseSqlReturningClause(false));
            e.Property(c => c.Email).HasMaxLength(320);
            e.Property(c => c.NormalizedEmail).HasMaxLength(320);
            e.Property(c => c.FirstName).HasMaxLength(100);
            e.Property(c => c.LastName).HasMaxLength(100);
            e.Property(c => c.Phone).HasMaxLength(40);
            // Unique and case-insensitive: NormalizedEmail is always lower-cased by ContactEmail.Normalize.
            e.HasIndex(c => c.NormalizedEmail).IsUnique();
            e.HasIndex(c => new { c.PortalStatus, c.DeletedAt });
            e.HasIndex(c => c.CreatedAt);
            // The dashboard's funnel counts (invited, joined) as index ranges rather than table scans.
            e.HasIndex(c => new { c.InvitedAt, c.FirstAccessAt, c.DeletedAt });
            e.Property(c => c.FirstNameKey).HasMaxLength(100);
            e.Property(c => c.LastNameKey).HasMaxLength(100);
            e.HasIndex(c => c.LastNameKey);
            e.HasIndex(c => c.FirstNameKey);
            e.HasIndex(c => c.UserId);
            e.HasIndex(c => new { c.FirstLessonStartedAt, c.InvitedAt, c.DeletedAt });
            e.Ignore(c => c.DisplayName);
            e.HasMany(c => c.Tags).WithOne().HasForeignKey(t => t.ContactId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Grants).WithOne().HasForeignKey(g => g.ContactId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<ContactTag>(e =>
        {
            e.HasKey(t => new { t.ContactId, t.Tag });
            e.Property(t => t.Tag).HasMaxLength(100);
            e.HasIndex(t => t.Tag);
        });

        b.Entity<Product>(e =>
        {
            e.Property(p => p.Title).HasMaxLength(200);
            e.HasMany(p => p.Categories).WithOne().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Category>(e =>
        {
            e.Property(c => c.Title).HasMaxLength(200);
            e.HasIndex(c => new { c.ProductId, c.Position });
            e.HasMany(c => c.Lessons).WithOne().HasForeignKey(l => l.CategoryId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Lesson>(e =>
        {
            e.Property(l => l.Title).HasMaxLength(200);
            e.HasIndex(l => new { l.CategoryId, l.Position });
        });

        b.Entity<Offer>(e =>
        {
            e.Property(o => o.Name).HasMaxLength(200);
            e.HasIndex(o => o.Name).IsUnique();
            e.HasMany(o => o.Products).WithOne().HasForeignKey(op => op.OfferId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<OfferProduct>(e =>
        {
            e.HasKey(op => new { op.OfferId, op.ProductId });
            e.HasOne(op => op.Product).WithMany().HasForeignKey(op => op.ProductId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(op => op.ProductId);
        });

        b.Entity<Grant>(e =>
        {
            e.HasOne(g => g.Offer).WithMany().HasForeignKey(g => g.OfferId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(g => new { g.ContactId, g.OfferId })
                .IsUnique()
                .HasFilter("\"RevokedAt\" IS NULL")
                .HasDatabaseName("IX_Grants_ContactId_OfferId_Unrevoked");
            e.HasIndex(g => g.OfferId);
            e.HasIndex(g => g.BatchId);
            e.ToTable(t => t.HasCheckConstraint("CK_Grants_ExpiresAfterGranted",
                "\"ExpiresAt\" IS NULL OR \"ExpiresAt\" > \"GrantedAt\""));
        });

        b.Entity<MagicLink>(e =>
        {
            e.HasIndex(m => m.TokenHash).IsUnique();
            e.HasIndex(m => new { m.ContactId, m.CreatedAt });
            e.HasIndex(m => m.UserId);
            e.Property(m => m.TargetSection).HasMaxLength(100);
            e.HasOne<Contact>().WithMany().HasForeignKey(m => m.ContactId).OnDelete(DeleteBehavior.Cascade);
            e.ToTable(t => t.HasCheckConstraint("CK_MagicLinks_Subject",
                "\"ContactId\" IS NOT NULL OR \"UserId\" IS NOT NULL"));
        });

        b.Entity<SignInSession>(e =>
        {
            e.HasIndex(s => s.TokenHash).IsUnique();
            e.HasIndex(s => s.UserId);
            e.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(s => s.IsActive);
        });

        b.Entity<AccountToken>(e =>
        {
            e.HasIndex(t => t.TokenHash).IsUnique();
            e.HasIndex(t => new { t.Purpose, t.UsedAt });
        });

        b.Entity<AuditEvent>(e =>
        {
            e.Property(a => a.Action).HasMaxLength(100);
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.ContactId, a.At });
            e.HasIndex(a => a.BatchId);
        });

        b.Entity<OutboxMessage>(e =>
        {
            e.ToTable("Outbox");
            e.Property(m => m.Kind).HasMaxLength(50);
            e.Property(m => m.To).HasMaxLength(320);
            e.Property(m => m.IdempotencyKey).HasMaxLength(200);
            e.HasIndex(m => m.IdempotencyKey).IsUnique();
            e.HasIndex(m => new { m.Status, m.NextAttemptAt });
            e.HasIndex(m => new { m.ContactId, m.CreatedAt });
            e.HasIndex(m => m.MagicLinkId);
        });

        b.Entity<LoginRequest>(e =>
        {
            e.Property(r => r.NormalizedEmail).HasMaxLength(320);
            e.HasIndex(r => new { r.NormalizedEmail, r.RequestedAt });
            e.HasIndex(r => new { r.IpAddress, r.RequestedAt });
            e.HasIndex(r => r.ProcessedAt);
        });

        b.Entity<LoginCode>(e =>
        {
            e.HasIndex(c => new { c.ContactId, c.CreatedAt });
            e.HasOne<Contact>().WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<MessageTemplate>(e =>
        {
            e.HasKey(t => t.Key);
            e.Property(t => t.Key).HasMaxLength(50);
            e.Property(t => t.Subject).HasMaxLength(300);
        });

        b.Entity<BulkJob>(e =>
        {
            e.HasIndex(j => j.CompletedAt);
            e.HasIndex(j => j.CreatedAt);
        });

        b.Entity<LessonProgress>(e =>
        {
            e.HasKey(p => new { p.ContactId, p.LessonId });
            e.HasIndex(p => new { p.ContactId, p.ProductId, p.LastOpenedAt });
            e.HasIndex(p => p.LessonId);
            e.HasOne<Contact>().WithMany().HasForeignKey(p => p.ContactId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Lesson>().WithMany().HasForeignKey(p => p.LessonId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<ProgressMilestone>(e =>
        {
            e.HasKey(m => new { m.ContactId, m.Kind, m.SubjectId });
            e.HasOne<Contact>().WithMany().HasForeignKey(m => m.ContactId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<CommunityPost>(e =>
        {
            e.Property(p => p.AuthorName).HasMaxLength(200);
            e.Property(p => p.BodyMarkdown).HasMaxLength(CommunityLimits.MaxBody);
            e.HasIndex(p => new { p.ProductId, p.DeletedAt, p.Id });
            e.HasOne<Product>().WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Comments).WithOne().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<CommunityComment>(e =>
        {
            e.Property(c => c.AuthorName).HasMaxLength(200);
            e.Property(c => c.BodyMarkdown).HasMaxLength(CommunityLimits.MaxBody);
            e.HasIndex(c => new { c.PostId, c.Id });
        });

        b.Entity<Affiliate>(e =>
        {
            e.HasKey(a => a.ContactId);
            e.Property(a => a.Code).HasMaxLength(40);
            e.HasIndex(a => a.Code).IsUnique();
            e.HasOne<Contact>().WithMany().HasForeignKey(a => a.ContactId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<AffiliateClick>(e =>
        {
            e.HasIndex(c => new { c.AffiliateContactId, c.At });
            e.HasOne<Affiliate>().WithMany().HasForeignKey(c => c.AffiliateContactId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<AffiliateReferral>(e =>
        {
            e.HasKey(r => r.ContactId);
            e.HasIndex(r => r.AffiliateContactId);
            e.HasOne<Contact>().WithMany().HasForeignKey(r => r.ContactId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Affiliate>().WithMany().HasForeignKey(r => r.AffiliateContactId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<Workflow>(e =>
        {
            e.Property(w => w.Name).HasMaxLength(200);
            e.Property(w => w.WebhookSecret).HasMaxLength(100);
            e.HasIndex(w => w.Name).IsUnique();
        });

        b.Entity<WorkflowVersion>(e =>
        {
            e.Property(v => v.FilterTag).HasMaxLength(100);
            e.HasIndex(v => new { v.WorkflowId, v.Number }).IsUnique();
            e.HasOne<Workflow>().WithMany().HasForeignKey(v => v.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<WorkflowRun>(e =>
        {
            e.HasIndex(r => new { r.Status, r.NextAttemptAt });
            e.HasIndex(r => new { r.WorkflowId, r.Id });
            e.HasIndex(r => new { r.ContactId, r.Id });
            e.HasOne<Workflow>().WithMany().HasForeignKey(r => r.WorkflowId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<WorkflowVersion>().WithMany().HasForeignKey(r => r.WorkflowVersionId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<WorkflowStepLog>(e =>
        {
            e.HasIndex(l => new { l.RunId, l.Id });
            e.HasOne<WorkflowRun>().WithMany().HasForeignKey(l => l.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<PortalSettings>(e =>
        {
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.PortalName).HasMaxLength(100);
            e.Property(s => s.BrandColor).HasMaxLength(20);
            // A column added by a migration to an existing row needs a database default.
            e.Property(s => s.AllowSignUp).HasDefaultValue(false);
        });
    }
}
