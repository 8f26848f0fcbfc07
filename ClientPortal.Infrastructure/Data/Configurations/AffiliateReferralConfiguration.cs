using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class AffiliateReferralConfiguration : IEntityTypeConfiguration<AffiliateReferral>
{
    public void Configure(EntityTypeBuilder<AffiliateReferral> e)
    {
        e.HasKey(r => r.ContactId);
        e.HasIndex(r => r.AffiliateContactId);
        e.HasOne<Contact>().WithMany().HasForeignKey(r => r.ContactId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Affiliate>().WithMany().HasForeignKey(r => r.AffiliateContactId).OnDelete(DeleteBehavior.Cascade);
    }
}
