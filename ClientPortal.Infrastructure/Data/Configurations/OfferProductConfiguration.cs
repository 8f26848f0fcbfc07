using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class OfferProductConfiguration : IEntityTypeConfiguration<OfferProduct>
{
    public void Configure(EntityTypeBuilder<OfferProduct> e)
    {
        e.HasKey(op => new { op.OfferId, op.ProductId });
        e.HasOne(op => op.Product).WithMany().HasForeignKey(op => op.ProductId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(op => op.ProductId);
    }
}
