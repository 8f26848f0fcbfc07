using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

using ClientPortal.Infrastructure.Data.Configurations;
using ClientPortal.Domain;
using ClientPortal.Infrastructure;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> e)
    {
        e.HasKey(t => t.Key);
        e.Property(t => t.Key).HasMaxLength(50);
        e.Property(t => t.Subject).HasMaxLength(300);
    }
}
