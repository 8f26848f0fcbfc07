using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> e)
    {
        e.Property(p => p.Title).HasMaxLength(200);
        e.HasMany(p => p.Categories).WithOne().HasForeignKey(c => c.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
