using ClientPortal.Domain.Communities;
using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class CommunityPostConfiguration : IEntityTypeConfiguration<CommunityPost>
{
    public void Configure(EntityTypeBuilder<CommunityPost> e)
    {
        e.HasQueryFilter(PortalDbContext.SoftDelete, CommunityPost.NotDeleted);
        e.Property(p => p.AuthorName).HasMaxLength(200);
        e.Property(p => p.BodyMarkdown).HasMaxLength(CommunityLimits.MaxBody);
        e.HasIndex(p => new { p.ProductId, p.DeletedAt, p.Id });
        e.HasOne<Product>().WithMany().HasForeignKey(p => p.ProductId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(p => p.Comments).WithOne().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}
