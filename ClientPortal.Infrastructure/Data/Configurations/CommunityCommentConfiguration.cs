using ClientPortal.Domain.Communities;
using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class CommunityCommentConfiguration : IEntityTypeConfiguration<CommunityComment>
{
    public void Configure(EntityTypeBuilder<CommunityComment> e)
    {
        e.HasQueryFilter(PortalDbContext.SoftDelete, CommunityComment.NotDeleted);
        e.Property(c => c.AuthorName).HasMaxLength(200);
        e.Property(c => c.BodyMarkdown).HasMaxLength(CommunityLimits.MaxBody);
        e.HasIndex(c => new { c.PostId, c.Id });
    }
}
