using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class MagicLinkConfiguration : IEntityTypeConfiguration<MagicLink>
{
    public void Configure(EntityTypeBuilder<MagicLink> e)
    {
        e.HasIndex(m => m.TokenHash).IsUnique();
        e.HasIndex(m => new { m.ContactId, m.CreatedAt });
        e.HasIndex(m => m.UserId);
        e.Property(m => m.TargetSection).HasMaxLength(100);
        e.HasOne<Contact>().WithMany().HasForeignKey(m => m.ContactId).OnDelete(DeleteBehavior.Cascade);
        e.ToTable(t => t.HasCheckConstraint("CK_MagicLinks_Subject",
            "\"ContactId\" IS NOT NULL OR \"UserId\" IS NOT NULL"));
    }
}
