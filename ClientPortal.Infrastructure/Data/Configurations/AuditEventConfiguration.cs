using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        e.Property(a => a.Action).HasMaxLength(100);
        e.HasIndex(a => a.At);
        e.HasIndex(a => new { a.ContactId, a.At });
        e.HasIndex(a => a.BatchId);
    }
}
