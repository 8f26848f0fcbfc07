using ClientPortal.Domain;
using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Contacts;


public enum ContactSort
{
    Created,
    Email,
    Name,
    Status,
    LastAccess,
}

public sealed record ContactQuery(
    string? Search = null,
    PortalStatus? Status = null,
    string? Tag = null,
    long? OfferId = null,
    ContactSort Sort = ContactSort.Created,
    bool Descending = true,
    int Skip = 0,
    int Take = 50,
    long? AfterId = null);

public sealed record ContactRow(long Id, string Email, string? FirstName, string? LastName, PortalStatus Status,
    DateTime CreatedAt, DateTime? InvitedAt, DateTime? LastAccessAt, IReadOnlyList<string> Tags)
{
    public string Name => $"{FirstName} {LastName}".Trim();
}

/// <summary>Contacts: create, edit, soft delete, tags and the grid's search (paged and sorted in SQL).</summary>
public sealed class ContactDirectory(IDbContextFactory<PortalDbContext> dbFactory,
    TimeProvider clock)
{
    public const int MaxPageSize = 500;

    public async Task<Outcome<Contact>> CreateAsync(ContactDetails input, Actor actor, CancellationToken ct = default)
    {
        if (input.Check() is { Count: > 0 } errors) return Outcome<Contact>.Invalid(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var normalized = ContactEmail.Normalize(input.Email);
        if (await db.Contacts.AsNoTracking()
            .FirstOrDefaultAsync(c => c.NormalizedEmail == normalized, ct) is { } existing)
            return Outcome<Contact>.Invalid(nameof(input.Email), DuplicateMessage(existing));
        var contact = Contact.Create(input, now);
        db.Contacts.Add(contact);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request created the same address between our check and our insert.
            if (await FindByEmailAsync(normalized,
                ct) is { } raced) return Outcome<Contact>.Invalid(nameof(input.Email),
                DuplicateMessage(raced));
            throw;
        }
        // The id comes from the database, so the creation is recorded (audited and published) by a second save.
        contact.Created(actor, now);
        await db.SaveChangesAsync(ct);
        return Outcome<Contact>.Success(contact);
    }

    /// <summary>
    /// Creates the contact with this email, or updates the one that has it: given fields replace theirs, missing ones
    /// are kept, tags are added (another system names what it knows, not everything).
    /// </summary>
    /// <returns>The contact and whether it was created.</returns>
    public async Task<Outcome<(Contact Contact, bool Created)>> UpsertAsync(ContactDetails input, Actor actor,
        CancellationToken ct = default)
    {
        if (input.Check() is { Count: > 0 } errors) return Outcome<(Contact, bool)>.Invalid(errors);
        for (var attempt = 0; ; attempt++)
        {
            if (await FindByEmailAsync(input.Email, ct) is not { } existing)
            {
                var created = await CreateAsync(input, actor, ct);
                // Another call created it meanwhile: update that one instead.
                if (!created.Succeeded && attempt == 0 && await FindByEmailAsync(input.Email, ct) is not null) continue;
                return created.Succeeded ? Outcome<(Contact, bool)>.Success((created.Value!, true))
                    : created.FailureAs<(Contact, bool)>();
            }
            var held = existing.Tags.Select(t => t.Tag).ToList();
            if (ContactTags.CeilingProblem(held, input.Tags ?? []) is { } ceiling) return Outcome<(Contact,
                bool)>.Invalid(nameof(input.Tags), ceiling);
            var merged = new ContactDetails(input.Email.Trim(),
                input.FirstName ?? existing.FirstName, input.LastName ?? existing.LastName, input.Phone
                    ?? existing.Phone,
                ContactTags.NormalizeAll(held.Concat(input.Tags ?? [])));
            var updated = await UpdateAsync(existing.Id, merged, actor, ct);
            if (!updated.Succeeded) return updated.FailureAs<(Contact, bool)>();
            return Outcome<(Contact, bool)>.Success((await GetAsync(existing.Id, ct) ?? existing, false));
        }
    }

    public async Task<Outcome> UpdateAsync(long id, ContactDetails input, Actor actor, CancellationToken ct = default)
    {
        if (input.Check() is { Count: > 0 } errors) return Outcome.Invalid(errors);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contact = await db.Contacts.Include(c => c.Tags).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null) return Outcome.Fail("This contact no longer exists.");
        var normalized = ContactEmail.Normalize(input.Email);
        if (normalized != contact.NormalizedEmail
            && await db.Contacts.AsNoTracking()
                .FirstOrDefaultAsync(c => c.NormalizedEmail == normalized, ct) is { } other)
            return Outcome.Invalid(nameof(input.Email), DuplicateMessage(other));

        if (!contact.Change(input, actor, clock.GetUtcNow().UtcDateTime)) return Outcome.Ok;
        await db.SaveChangesAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>Soft delete (Owner/Admin): the contact disappears from lists and loses its access; the audit trail
    /// stays.</summary>
    public async Task<Outcome> DeleteAsync(long id, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role is not (Roles.Owner or Roles.Admin)) return Outcome.Fail("Only an Owner or Admin can delete " +
            "contacts.");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contact is null) return Outcome.Fail("This contact no longer exists.");
        var revoked = await db.Grants.Where(Grant.Open).Where(g => g.ContactId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.RevokedAt, now).SetProperty(g => g.RevokedBy, actor.Name),
                ct);
        contact.Delete(revoked, actor, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome.Ok;
    }

    /// <summary>Adds or removes one tag on many contacts (bulk action).</summary>
    public async Task<int> TagAsync(IReadOnlyCollection<long> contactIds, string tag, bool add, Actor actor,
        CancellationToken ct = default)
    {
        var normalized = ContactTags.Normalize(tag);
        if (normalized.Length == 0 || contactIds.Count == 0) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var live = await db.Contacts.Where(c => contactIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        var tagged = await db.ContactTags.Where(t => live.Contains(t.ContactId) && t.Tag == normalized)
            .Select(t => t.ContactId).ToListAsync(ct);
        int changed;
        if (add)
        {
            // A contact that holds the most tags it may is left as it is (a bulk action does not fail for one contact).
            var full = await db.ContactTags.Where(t => live.Contains(t.ContactId)).GroupBy(t => t.ContactId)
                .Where(g => g.Count() >= ContactTags.MaxPerContact).Select(g => g.Key).ToListAsync(ct);
            tagged.AddRange(full);
            var toAdd = live.Except(tagged).ToList();
            db.ContactTags.AddRange(toAdd.Select(id => new ContactTag { ContactId = id, Tag = normalized }));
            changed = toAdd.Count;
        }
        else
        {
            changed = await db.ContactTags.Where(t => tagged.Contains(t.ContactId) && t.Tag == normalized)
                .ExecuteDeleteAsync(ct);
        }
        var batch = Guid.NewGuid();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var id in add ? live.Except(tagged) : tagged)
            db.Raise(new ContactTagged(id, normalized, add, actor, now, batch));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return changed;
    }

    public async Task<Contact?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Contacts.AsNoTracking().Include(c => c.Tags).FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    public async Task<Contact?> FindByEmailAsync(string email, CancellationToken ct = default)
    {
        var normalized = ContactEmail.Normalize(email);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Contacts.AsNoTracking().Include(c => c.Tags)
            .FirstOrDefaultAsync(c => c.NormalizedEmail == normalized, ct);
    }

    public async Task<IReadOnlyList<string>> AllTagsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ContactTags.Select(t => t.Tag).Distinct().OrderBy(t => t).Take(1000).ToListAsync(ct);
    }

    public async Task<Page<ContactRow>> SearchAsync(ContactQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var total = await Filter(db, query).CountAsync(ct);
        return new Page<ContactRow>(await RowsAsync(db, query, ct), total);
    }

    /// <summary>Every id matching the filter, for bulk actions on "all results".</summary>
    public async Task<IReadOnlyList<long>> IdsAsync(ContactQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Filter(db, query).Select(c => c.Id).ToListAsync(ct);
    }

    /// <summary>Those of <paramref name="ids"/> that are contacts (not deleted).</summary>
    public async Task<IReadOnlyList<long>> LiveIdsAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Contacts.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
    }

    /// <summary>Streams the filtered contacts for export, in the grid's order, a page at a time.</summary>
    public async IAsyncEnumerable<ContactRow> StreamAsync(ContactQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        for (var skip = 0; ; skip += MaxPageSize)
        {
            var rows = await RowsAsync(db, query with { Skip = skip, Take = MaxPageSize }, ct);
            foreach (var row in rows) yield return row;
            if (rows.Count < MaxPageSize) yield break;
        }
    }

    private async Task<List<ContactRow>> RowsAsync(PortalDbContext db, ContactQuery query, CancellationToken ct)
    {
        var page = await Sort(Filter(db, query), query.Sort, query.Descending)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, MaxPageSize))
            .Select(c =>
                new { c.Id, c.Email, c.FirstName, c.LastName, c.PortalStatus, c.CreatedAt, c.InvitedAt,
                c.LastAccessAt })
            .ToListAsync(ct);
        var ids = page.Select(p => p.Id).ToList();
        var tags = (await db.ContactTags.AsNoTracking().Where(t => ids.Contains(t.ContactId)).ToListAsync(ct))
            .ToLookup(t => t.ContactId, t => t.Tag);
        return page.Select(p => new ContactRow(p.Id, p.Email, p.FirstName, p.LastName, p.PortalStatus,
            p.CreatedAt, p.InvitedAt, p.LastAccessAt, tags[p.Id].Order().ToList())).ToList();
    }

    internal IQueryable<Contact> Filter(PortalDbContext db, ContactQuery q)
    {
        var contacts = db.Contacts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var term = q.Search.Trim().ToLowerInvariant();
            // Email prefix as an index range on NormalizedEmail (stays fast at a million rows).
            var upper = term + "\uffff";
            if (term.Contains('@'))
                contacts = contacts.Where(c => c.NormalizedEmail.CompareTo(term) >= 0
                    && c.NormalizedEmail.CompareTo(upper) < 0);
            else
                contacts = contacts.Where(c =>
                    (c.NormalizedEmail.CompareTo(term) >= 0 && c.NormalizedEmail.CompareTo(upper) < 0)
                                               || (c.LastNameKey!.CompareTo(term) >= 0
                                                   && c.LastNameKey.CompareTo(upper) < 0)
                                               || (c.FirstNameKey!.CompareTo(term) >= 0
                                                   && c.FirstNameKey.CompareTo(upper) < 0));
        }
        if (q.AfterId is { } after) contacts = contacts.Where(c => c.Id > after);
        if (q.Status is { } status) contacts = contacts.Where(c => c.PortalStatus == status);
        if (!string.IsNullOrWhiteSpace(q.Tag))
        {
            var tag = ContactTags.Normalize(q.Tag);
            contacts = contacts.Where(c => db.ContactTags.Any(t => t.ContactId == c.Id && t.Tag == tag));
        }
        if (q.OfferId is { } offerId)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var activeGrants = db.Grants.Where(Grant.ActiveAt(now));
            contacts = contacts.Where(c => activeGrants.Any(g => g.ContactId == c.Id && g.OfferId == offerId));
        }
        return contacts;
    }

    private static IQueryable<Contact> Sort(IQueryable<Contact> q, ContactSort sort, bool desc) => (sort, desc) switch
    {
        (ContactSort.Email, false) => q.OrderBy(c => c.NormalizedEmail),
        (ContactSort.Email, true) => q.OrderByDescending(c => c.NormalizedEmail),
        (ContactSort.Name, false) => q.OrderBy(c => c.LastNameKey).ThenBy(c => c.FirstNameKey).ThenBy(c => c.Id),
        (ContactSort.Name, true) => q.OrderByDescending(c => c.LastNameKey).ThenByDescending(c => c.FirstNameKey)
            .ThenByDescending(c => c.Id),
        (ContactSort.Status, false) => q.OrderBy(c => c.PortalStatus).ThenBy(c => c.Id),
        (ContactSort.Status, true) => q.OrderByDescending(c => c.PortalStatus).ThenByDescending(c => c.Id),
        (ContactSort.LastAccess, false) => q.OrderBy(c => c.LastAccessAt).ThenBy(c => c.Id),
        (ContactSort.LastAccess, true) => q.OrderByDescending(c => c.LastAccessAt).ThenByDescending(c => c.Id),
        (_, false) => q.OrderBy(c => c.Id),
        _ => q.OrderByDescending(c => c.Id),
    };

    private static string DuplicateMessage(Contact existing) =>
        $"A contact with this email already exists: {existing.DisplayName} <{existing.Email}> (#{existing.Id}).";

}
