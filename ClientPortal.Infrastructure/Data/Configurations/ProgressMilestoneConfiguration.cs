using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class ProgressMilestoneConfiguration : IEntityTypeConfiguration<ProgressMilestone>
{
    public void Configure(EntityTypeBuilder<ProgressMilestone> e)
    {
        e.HasKey(m => new { m.ContactId, m.Kind, m.SubjectId });
        e.HasOne<Contact>().WithMany().HasForeignKey(m => m.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}
