using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class ContactTagConfiguration : IEntityTypeConfiguration<ContactTag>
{
    public void Configure(EntityTypeBuilder<ContactTag> e)
    {
        e.HasKey(t => new { t.ContactId, t.Tag });
        e.Property(t => t.Tag).HasMaxLength(100);
        e.HasIndex(t => t.Tag);
    }
}
