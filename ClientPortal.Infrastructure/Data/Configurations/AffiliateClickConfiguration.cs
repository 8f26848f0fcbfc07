using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class AffiliateClickConfiguration : IEntityTypeConfiguration<AffiliateClick>
{
    public void Configure(EntityTypeBuilder<AffiliateClick> e)
    {
        e.HasIndex(c => new { c.AffiliateContactId, c.At });
        e.HasOne<Affiliate>().WithMany().HasForeignKey(c => c.AffiliateContactId).OnDelete(DeleteBehavior.Cascade);
    }
}
