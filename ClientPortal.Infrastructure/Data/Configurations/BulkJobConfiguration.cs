using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using ClientPortal.Infrastructure.Data.Configurations;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class BulkJobConfiguration : IEntityTypeConfiguration<BulkJob>
{
    public void Configure(EntityTypeBuilder<BulkJob> e)
    {
        e.HasIndex(j => j.CompletedAt);
        e.HasIndex(j => j.CreatedAt);
    }
}
