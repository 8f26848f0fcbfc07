using ClientPortal.App.Features.Catalog;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Infrastructure.Events;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Events.Services;

/// <summary>Entities raise events; the save writes their audit rows with the change and publishes them after it
/// commits.</summary>
public class DomainEventTests
{
    [Fact]
    public async Task A_saved_change_is_audited_with_it_and_published_once_committed()
    {
        await using var host = await DomainHost.StartAsync();
        var heard = new List<(AuditEvent Event, bool AuditVisible)>();
        using var _ = host.Get<DomainEvents>().Subscribe(async e =>
        {
            if (AuditTrail.RowOf(e) is not { } changed) return;
            // Published after the commit: a fresh connection already sees the audit row.
            await using var db = host.NewDb();
            heard.Add((changed,
                await db.AuditEvents.AnyAsync(a => a.Action == changed.Action && a.Subject == changed.Subject)));
        });

        var catalogProducts = host.Get<CatalogProducts>();
        var product = (await catalogProducts.CreateProductAsync(new ProductDetails("Photography Foundations", null,
            ProductKind.Course, null), Seed.Admin)).Value;
        await catalogProducts.SetPublishedAsync(product, true, Seed.Admin);
        await catalogProducts.DeleteProductAsync(product, Seed.Admin);

        Assert.Equal(["product.create", "product.publish", "product.delete"], heard.Select(h => h.Event.Action));
        Assert.All(heard,
            h => Assert.True(h.AuditVisible, $"{h.Event.Action} was published before its audit row was committed"));
        await using (var db = host.NewDb())
        {
            var rows = await db.AuditEvents.Where(a => a.Subject == "Photography Foundations").OrderBy(a => a.Id)
                .ToListAsync();
            Assert.Equal(["product.create", "product.publish", "product.delete"], rows.Select(r => r.Action));
            Assert.All(rows, r => Assert.Equal(Seed.Admin.Name, r.ActorName));
        }
    }

    [Fact]
    public async Task A_rolled_back_change_leaves_no_audit_row_and_publishes_nothing()
    {
        await using var host = await DomainHost.StartAsync();
        var heard = 0;
        using var _ = host.Get<DomainEvents>()
            .Subscribe(e => { if (AuditTrail.RowOf(e) is not null) heard++; return Task.CompletedTask; });

        await using (var db = host.NewDb())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Products.Add(Product.Create(new ProductDetails("Never mind", null, ProductKind.Course, null, false,
                null),
                Seed.Admin, DateTime.UtcNow));
            await db.SaveChangesAsync();
            Assert.Equal(0, heard); // not before the commit
            await tx.RollbackAsync();
        }

        Assert.Equal(0, heard);
        await using var check = host.NewDb();
        Assert.False(await check.AuditEvents.AnyAsync(a => a.Subject == "Never mind"));
        Assert.False(await check.Products.AnyAsync(p => p.Title == "Never mind"));
    }

    [Fact]
    public async Task Events_of_a_transaction_disposed_without_commit_do_not_ride_on_the_next_save()
    {
        await using var host = await DomainHost.StartAsync();
        var heard = new List<string?>();
        using var _ = host.Get<DomainEvents>()
            .Subscribe(e => { if (AuditTrail.RowOf(e) is { } a) heard.Add(a.Subject); return Task.CompletedTask; });

        await using (var db = host.NewDb())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.Products.Add(Product.Create(new ProductDetails("Abandoned", null, ProductKind.Course, null, false, null),
                Seed.Admin, DateTime.UtcNow));
            await db.SaveChangesAsync();
        } // disposed: rolled back, never committed

        // Contexts are pooled, so the next one may well be the same instance.
        for (var i = 0; i < 3; i++)
        {
            await using var db = host.NewDb();
            db.Products.Add(Product.Create(new ProductDetails($"Kept {i}", null, ProductKind.Course, null, false, null),
                Seed.Admin, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        Assert.Equal(["Kept 0", "Kept 1", "Kept 2"], heard);
    }

    [Fact]
    public async Task Events_raised_on_the_context_are_audited_at_its_save_and_never_outlive_its_lease()
    {
        await using var host = await DomainHost.StartAsync();
        var heard = new List<string?>();
        using var _ = host.Get<DomainEvents>()
            .Subscribe(e => { if (e is TemplateChanged t) heard.Add(t.Key); return Task.CompletedTask; });
        TemplateChanged Note(string subject) => new(subject, false, Seed.Admin, DateTime.UtcNow);

        await using (var db = host.NewDb()) db.Raise(Note("raised, never saved"));
        for (var i = 0; i < 3; i++)
        {
            // Pooled: the next context may be the very instance that raised without saving.
            await using var db = host.NewDb();
            db.Raise(Note($"saved {i}"));
            await db.SaveChangesAsync(); // nothing else changed: the save still writes the row and publishes
        }

        Assert.Equal(["saved 0", "saved 1", "saved 2"], heard);
        await using var check = host.NewDb();
        Assert.Equal(["saved 0", "saved 1", "saved 2"],
            await check.AuditEvents.Where(a => a.Action == AuditActions.TemplateUpdate).OrderBy(a => a.Id)
                .Select(a => a.Subject).ToListAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Many_audit_rows_in_one_transaction_commit_or_roll_back_with_it(bool commit)
    {
        // Enough rows for the interceptor's bulk path (a bulk send's chunk).
        await using var host = await DomainHost.StartAsync();
        var heard = 0;
        using var _ = host.Get<DomainEvents>()
            .Subscribe(e => { if (e is TemplateChanged) Interlocked.Increment(ref heard); return Task.CompletedTask; });

        await using (var db = host.NewDb())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            for (var i = 0; i < 300; i++) db.Raise(new TemplateChanged($"row {i}", false, Seed.Admin, DateTime.UtcNow));
            await db.SaveChangesAsync();
            Assert.Equal(0, heard);
            if (commit) await tx.CommitAsync();
            else await tx.RollbackAsync();
        }

        Assert.Equal(commit ? 300 : 0, heard);
        await using var check = host.NewDb();
        Assert.Equal(commit ? 300 : 0,
            await check.AuditEvents.CountAsync(a => a.Action == AuditActions.TemplateUpdate));
    }
}
