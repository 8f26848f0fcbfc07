using ClientPortal.Domain.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class PasskeyUseConfiguration : IEntityTypeConfiguration<PasskeyUse>
{
    public void Configure(EntityTypeBuilder<PasskeyUse> e)
    {
        e.HasKey(u => u.CredentialId);
        // Gone with its passkey.
        e.HasOne<IdentityUserPasskey<string>>().WithOne().HasForeignKey<PasskeyUse>(u => u.CredentialId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
