using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class ContactTallyConfiguration : IEntityTypeConfiguration<ContactTally>
{
    public void Configure(EntityTypeBuilder<ContactTally> e)
    {
        e.Property(t => t.Id).ValueGeneratedNever();
    }
}
