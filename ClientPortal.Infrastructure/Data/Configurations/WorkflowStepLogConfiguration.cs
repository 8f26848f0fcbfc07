using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using ClientPortal.Infrastructure.Data.Configurations;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class WorkflowStepLogConfiguration : IEntityTypeConfiguration<WorkflowStepLog>
{
    public void Configure(EntityTypeBuilder<WorkflowStepLog> e)
    {
        e.HasIndex(l => new { l.RunId, l.Id });
        e.HasOne<WorkflowRun>().WithMany().HasForeignKey(l => l.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
