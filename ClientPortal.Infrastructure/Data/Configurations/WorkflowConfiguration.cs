using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class WorkflowConfiguration : IEntityTypeConfiguration<Workflow>
{
    public void Configure(EntityTypeBuilder<Workflow> e)
    {
        e.Property(w => w.Name).HasMaxLength(200);
        e.Property(w => w.WebhookSecret).HasMaxLength(100);
        e.HasIndex(w => w.Name).IsUnique();
    }
}
