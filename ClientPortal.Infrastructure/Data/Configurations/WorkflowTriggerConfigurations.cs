using ClientPortal.Domain.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class WorkflowTriggerRecordConfiguration : IEntityTypeConfiguration<WorkflowTriggerRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowTriggerRecord> e) => e.Ignore(r => r.Occurrence);
}

internal sealed class WorkflowTriggerCursorConfiguration : IEntityTypeConfiguration<WorkflowTriggerCursor>
{
    public void Configure(EntityTypeBuilder<WorkflowTriggerCursor> e)
    {
        e.Property(c => c.Id).ValueGeneratedNever();
        e.HasData(new { Id = 1, LastRecordId = 0L });
    }
}
