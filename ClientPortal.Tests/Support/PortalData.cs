using System.Text.RegularExpressions;
using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Catalog;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.MagicLinks;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Tests.Support;

/// <summary>Arranges portal data through the app's own domain services (for web tests on a PortalFactory).</summary>
public sealed class PortalData(IServiceProvider services)
{
    public static readonly Actor Admin = new("admin", "admin@example.com", Roles.Admin);
    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public async Task<long> ContactAsync(string email, string? first = null)
    {
        var existing = await Get<ContactDirectory>().FindByEmailAsync(email);
        return existing?.Id
            ?? (await Get<ContactDirectory>().CreateAsync(new ContactDetails(email, first, null, null), Admin))
            .Value!.Id;
    }

    public async Task<(long Course, long Offer)> CourseWithOfferAsync(string title, bool published = true)
    {
        var catalogProducts = Get<CatalogProducts>();
        var catalogCurriculum = Get<CatalogCurriculum>();
        var catalogOffers = Get<CatalogOffers>();
        var course = (await catalogProducts.CreateProductAsync(
            new ProductDetails(title, null, ProductKind.Course, null), Admin)).Value;
        var category = (await catalogCurriculum.AddCategoryAsync(course, "Module 1", Admin)).Value;
        var lesson = (await catalogCurriculum.AddLessonAsync(category, $"{title}: first lesson", Admin)).Value;
        await catalogCurriculum.UpdateLessonAsync(lesson, $"{title}: first lesson", $"Welcome to **{title}**.", null,
            Admin);
        if (published) await catalogProducts.SetPublishedAsync(course, true, Admin);
        var offer = (await catalogOffers.SaveOfferAsync(null, $"{title} offer", null, [course], Admin)).Value;
        return (course, offer);
    }

    public Task GrantAsync(long contact, long offer) => Get<AccessGrants>().GrantAsync(contact, offer, null, Admin);

    public async Task<string> LinkAsync(long contact, string? section = null, LinkUsePolicy? policy = null) =>
        (await Get<MagicLinkIssuing>()
            .IssueAsync(new LinkRequest(contact, null, MagicLinkPurpose.AdminGenerated, section, policy), Admin))
            .Value!.Url;

    /// <summary>Waits for the portal's background worker to queue a mail to this address, and returns the newest one's
    /// text.</summary>
    public async Task<string> LatestMailTextAsync(string to)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await using (var db = await Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            {
                var row = await db.Outbox.Where(m => m.To == to).OrderByDescending(m => m.Id).FirstOrDefaultAsync();
                if (row is not null)
                    return Get<MessageProtector>().TryUnprotect(row.ProtectedText)!;
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No mail to {to} was queued.");
            await Task.Delay(50);
        }
    }

    public static string TokenIn(string text) => Regex.Match(text, @"/l/([A-Za-z0-9_-]{43})").Groups[1].Value;
}
