using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class LoginRequestConfiguration : IEntityTypeConfiguration<LoginRequest>
{
    public void Configure(EntityTypeBuilder<LoginRequest> e)
    {
        e.Property(r => r.NormalizedEmail).HasMaxLength(320);
        e.HasIndex(r => new { r.NormalizedEmail, r.RequestedAt });
        e.HasIndex(r => new { r.IpAddress, r.RequestedAt });
        e.HasIndex(r => r.ProcessedAt);
    }
}
