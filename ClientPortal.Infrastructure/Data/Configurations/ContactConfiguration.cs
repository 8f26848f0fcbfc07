using ClientPortal.Domain.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientPortal.Infrastructure.Data.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> e)
    {
        // Triggers keep ContactTallies; SQLite's RETURNING does not go with AFTER triggers.
        e.ToTable(t => t.UseSqlReturningClause(false));
        e.HasQueryFilter(PortalDbContext.SoftDelete, Contact.NotDeleted);
        e.Property(c => c.Email).HasMaxLength(320);
        e.Property(c => c.NormalizedEmail).HasMaxLength(320);
        e.Property(c => c.FirstName).HasMaxLength(100);
        e.Property(c => c.LastName).HasMaxLength(100);
        e.Property(c => c.Phone).HasMaxLength(40);
        // Unique and case-insensitive: NormalizedEmail is always lower-cased by ContactEmail.Normalize.
        e.HasIndex(c => c.NormalizedEmail).IsUnique();
        e.HasIndex(c => new { c.PortalStatus, c.DeletedAt });
        e.HasIndex(c => c.CreatedAt);
        // The dashboard's funnel counts (invited, joined) as index ranges rather than table scans.
        e.HasIndex(c => new { c.InvitedAt, c.FirstAccessAt, c.DeletedAt });
        e.Property(c => c.FirstNameKey).HasMaxLength(100);
        e.Property(c => c.LastNameKey).HasMaxLength(100);
        e.HasIndex(c => c.LastNameKey);
        e.HasIndex(c => c.FirstNameKey);
        e.HasIndex(c => c.UserId);
        e.HasIndex(c => new { c.FirstLessonStartedAt, c.InvitedAt, c.DeletedAt });
        e.Ignore(c => c.DisplayName);
        e.HasMany(c => c.Tags).WithOne().HasForeignKey(t => t.ContactId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(c => c.Grants).WithOne().HasForeignKey(g => g.ContactId).OnDelete(DeleteBehavior.Cascade);
    }
}
