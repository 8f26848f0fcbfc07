using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> e)
    {
        e.Property(c => c.Title).HasMaxLength(200);
        e.HasIndex(c => new { c.ProductId, c.Position });
        e.HasMany(c => c.Lessons).WithOne().HasForeignKey(l => l.CategoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
