using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class GrantConfiguration : IEntityTypeConfiguration<Grant>
{
    public void Configure(EntityTypeBuilder<Grant> e)
    {
        e.HasOne(g => g.Offer).WithMany().HasForeignKey(g => g.OfferId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(g => new { g.ContactId, g.OfferId })
            .IsUnique()
            .HasFilter("\"RevokedAt\" IS NULL")
            .HasDatabaseName("IX_Grants_ContactId_OfferId_Unrevoked");
        e.HasIndex(g => g.OfferId);
        e.HasIndex(g => g.BatchId);
        e.ToTable(t => t.HasCheckConstraint("CK_Grants_ExpiresAfterGranted",
            "\"ExpiresAt\" IS NULL OR \"ExpiresAt\" > \"GrantedAt\""));
    }
}
