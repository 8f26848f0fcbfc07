using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class PortalSettingsConfiguration : IEntityTypeConfiguration<PortalSettings>
{
    public void Configure(EntityTypeBuilder<PortalSettings> e)
    {
        e.Property(s => s.Id).ValueGeneratedNever();
        e.Property(s => s.PortalName).HasMaxLength(100);
        e.Property(s => s.BrandColor).HasMaxLength(20);
        // A column added by a migration to an existing row needs a database default.
        e.Property(s => s.AllowSignUp).HasDefaultValue(false);
    }
}
