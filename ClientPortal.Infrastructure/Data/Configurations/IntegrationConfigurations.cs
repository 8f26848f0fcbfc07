using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> e)
    {
        e.Property(k => k.Name).HasMaxLength(100);
        e.Property(k => k.Hint).HasMaxLength(10);
        e.Property(k => k.Scopes).HasMaxLength(300);
        e.Property(k => k.CreatedBy).HasMaxLength(256);
        e.Property(k => k.RevokedBy).HasMaxLength(256);
        e.HasIndex(k => k.KeyHash).IsUnique();
    }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> e)
    {
        e.Property(r => r.Key).HasMaxLength(200);
        e.Property(r => r.ContentType).HasMaxLength(200);
        e.Property(r => r.Location).HasMaxLength(500);
        e.HasIndex(r => new { r.ApiKeyId, r.Key }).IsUnique();
        e.HasIndex(r => r.CreatedAt);
        e.HasOne<ApiKey>().WithMany().HasForeignKey(r => r.ApiKeyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PortalEventRecordConfiguration : IEntityTypeConfiguration<PortalEventRecord>
{
    public void Configure(EntityTypeBuilder<PortalEventRecord> e)
    {
        e.ToTable("PortalEvents");
        e.Property(r => r.Type).HasMaxLength(50);
        e.HasIndex(r => new { r.Type, r.Id });
    }
}

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> e)
    {
        e.Property(s => s.Url).HasMaxLength(2000);
        e.Property(s => s.Events).HasMaxLength(500);
        e.Property(s => s.Secret).HasMaxLength(100);
        e.Property(s => s.CreatedBy).HasMaxLength(256);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> e)
    {
        e.Property(d => d.LeasedBy).HasMaxLength(200);
        e.Property(d => d.LastError).HasMaxLength(500);
        e.HasIndex(d => new { d.Status, d.NextAttemptAt });
        e.HasIndex(d => new { d.SubscriptionId, d.EventId }).IsUnique();
        e.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId)
            .OnDelete(DeleteBehavior.Cascade);
        e.HasOne<PortalEventRecord>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookCursorConfiguration : IEntityTypeConfiguration<WebhookCursor>
{
    public void Configure(EntityTypeBuilder<WebhookCursor> e)
    {
        e.Property(c => c.Id).ValueGeneratedNever();
        e.HasData(new WebhookCursor { Id = 1, LastEventId = 0 });
    }
}
