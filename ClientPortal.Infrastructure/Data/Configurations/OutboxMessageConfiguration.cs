using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.ToTable("Outbox");
        e.Property(m => m.Kind).HasMaxLength(50);
        e.Property(m => m.To).HasMaxLength(320);
        e.Property(m => m.IdempotencyKey).HasMaxLength(200);
        e.Property(m => m.LeasedBy).HasMaxLength(200);
        e.HasIndex(m => m.IdempotencyKey).IsUnique();
        e.HasIndex(m => new { m.Status, m.NextAttemptAt });
        e.HasIndex(m => new { m.ContactId, m.CreatedAt });
        e.HasIndex(m => m.MagicLinkId);
    }
}
