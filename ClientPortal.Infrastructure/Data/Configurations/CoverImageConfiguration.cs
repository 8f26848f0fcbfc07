using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class CoverImageConfiguration : IEntityTypeConfiguration<CoverImage>
{
    public void Configure(EntityTypeBuilder<CoverImage> e)
    {
        e.HasKey(c => c.Name);
        e.Property(c => c.Name).HasMaxLength(64);
    }
}
