using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using ClientPortal.Infrastructure.Data.Configurations;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class ContactTallyConfiguration : IEntityTypeConfiguration<ContactTally>
{
    public void Configure(EntityTypeBuilder<ContactTally> e)
    {
        e.Property(t => t.Id).ValueGeneratedNever();
    }
}
