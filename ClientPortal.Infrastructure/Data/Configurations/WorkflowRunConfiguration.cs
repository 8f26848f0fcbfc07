using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class WorkflowRunConfiguration : IEntityTypeConfiguration<WorkflowRun>
{
    public void Configure(EntityTypeBuilder<WorkflowRun> e)
    {
        e.Property(r => r.LeasedBy).HasMaxLength(200);
        e.HasIndex(r => new { r.Status, r.NextAttemptAt });
        e.HasIndex(r => new { r.WorkflowId, r.Id });
        e.HasIndex(r => new { r.ContactId, r.Id });
        e.HasOne<Workflow>().WithMany().HasForeignKey(r => r.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<WorkflowVersion>().WithMany().HasForeignKey(r => r.WorkflowVersionId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
