using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> e)
    {
        e.Property(o => o.Name).HasMaxLength(200);
        e.HasIndex(o => o.Name).IsUnique();
        e.HasMany(o => o.Products).WithOne().HasForeignKey(op => op.OfferId).OnDelete(DeleteBehavior.Cascade);
    }
}
