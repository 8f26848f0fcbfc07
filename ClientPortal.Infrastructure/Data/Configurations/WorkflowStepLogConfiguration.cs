using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class WorkflowStepLogConfiguration : IEntityTypeConfiguration<WorkflowStepLog>
{
    public void Configure(EntityTypeBuilder<WorkflowStepLog> e)
    {
        e.HasIndex(l => new { l.RunId, l.Id });
        e.HasOne<WorkflowRun>().WithMany().HasForeignKey(l => l.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
