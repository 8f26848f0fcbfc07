using ClientPortal.Domain.Contacts;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Contacts;

public enum ImportRowStatus
{
    New,
    Update,
    Unchanged,
    Error,
}

/// <param name="Cleaned">Control characters were removed from the row's cells; the preview says so.</param>
public sealed record ImportRow(int Line, ContactDetails Input, ImportRowStatus Status, string? Error,
    bool Cleaned = false);

public sealed record ImportPreview(IReadOnlyList<ImportRow> Rows)
{
    public IReadOnlyList<int> CleanedLines => Rows.Where(r => r.Cleaned).Select(r => r.Line).ToList();

    /// <summary>One sentence for the preview and the command line, or null when no cell was cleaned.</summary>
    public string? CleanedNotice => CleanedLines is { Count: > 0 } lines
        ? $"Invisible control characters (such as NUL, tabs or line breaks inside a cell) were removed from " +
          $"{(lines.Count == 1 ? "line" : "lines")} " +
              $"{string.Join(", ", lines.Take(20))}{(lines.Count > 20 ? $" and {lines.Count - 20} more" : "")}."
        : null;

    public int Count(ImportRowStatus status) => Rows.Count(r => r.Status == status);
    public IEnumerable<ImportRow> Errors => Rows.Where(r => r.Status == ImportRowStatus.Error);
}

public sealed record ImportResult(int Created, int Updated, int Unchanged, int Skipped, IReadOnlyList<string> Errors);

public sealed record ImportProgress(int Done, int Total);

/// <summary>
/// CSV import of contacts (columns email, first_name, last_name, phone, tags with ';' between tags).
/// Upserts by email: empty cells never erase existing values and tags are added, so importing the same
/// file twice changes nothing. Bad rows are reported with their line number and skipped.
/// </summary>
public sealed class ContactImport(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    private const int BatchSize = 1000;

    /// <exception cref="InvalidDataException">The file itself is unreadable.</exception>
    public async Task<ImportPreview> ParseAsync(Stream csv, CancellationToken ct = default)
    {
        var rows = new List<ImportRow>();
        var seen = new Dictionary<string, int>();
        await foreach (var r in CsvRows.ReadAsync(csv, ["email"], ct))
        {
            var input = new ContactDetails(r["email"] ?? "", r["first_name"], r["last_name"], r["phone"],
                ContactTags.NormalizeAll((r["tags"] ?? "").Split(';')));
            var errors = input.Check();
            if (errors.Count > 0) { rows.Add(new ImportRow(r.Line, input, ImportRowStatus.Error,
                string.Join(" ", errors), r.Cleaned)); continue; }
            var key = ContactEmail.Normalize(input.Email);
            if (seen.TryGetValue(key, out var first))
            {
                rows.Add(new ImportRow(r.Line, input, ImportRowStatus.Error,
                    $"Duplicate of line {first} ({input.Email}).", r.Cleaned));
                continue;
            }
            seen[key] = r.Line;
            rows.Add(new ImportRow(r.Line, input, ImportRowStatus.New, null, r.Cleaned));
        }
        return new ImportPreview(rows);
    }

    /// <summary>Parses and classifies each good row as new, update or unchanged against the database.</summary>
    public async Task<ImportPreview> PreviewAsync(Stream csv, CancellationToken ct = default)
    {
        var parsed = await ParseAsync(csv, ct);
        var classified = new List<ImportRow>(parsed.Rows.Count);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        foreach (var chunk in parsed.Rows.Chunk(BatchSize))
        {
            var existing = await ExistingAsync(db, chunk, ct);
            classified.AddRange(chunk.Select(r => r.Status == ImportRowStatus.Error ? r
                : existing.TryGetValue(ContactEmail.Normalize(r.Input.Email), out var c)
                    ? r with { Status = Merge(c, r.Input, apply: false) ? ImportRowStatus.Update
                        : ImportRowStatus.Unchanged }
                    : r));
        }
        return new ImportPreview(classified);
    }

    public async Task<ImportResult> ImportAsync(ImportPreview preview, Actor actor,
        IProgress<ImportProgress>? progress = null,
        CancellationToken ct = default)
    {
        int created = 0, updated = 0, unchanged = 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var good = preview.Rows.Where(r => r.Status != ImportRowStatus.Error).ToList();
        var done = 0;
        progress?.Report(new ImportProgress(0, good.Count));
        foreach (var chunk in good.Chunk(BatchSize))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var existing = await ExistingAsync(db, chunk, ct);
            var fresh = new List<Contact>();
            foreach (var row in chunk)
            {
                if (existing.TryGetValue(ContactEmail.Normalize(row.Input.Email), out var contact))
                {
                    if (Merge(contact, row.Input, apply: true)) updated++;
                    else unchanged++;
                    continue;
                }
                var input = row.Input;
                fresh.Add(Contact.Create(new ContactDetails(input.Email, input.FirstName, input.LastName, input.Phone,
                    input.Tags ?? []), now));
            }
            await db.SaveChangesAsync(ct); // updates to existing contacts
            await ContactBulkInsert.InsertAsync(db, fresh, ct); // assigns the ids the events carry
            foreach (var c in fresh) db.Raise(new ContactCreated(c.Id, c.Email, actor, now, Imported: true));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            created += fresh.Count;
            done += chunk.Length;
            progress?.Report(new ImportProgress(done, good.Count));
        }

        var skipped = preview.Rows.Count - good.Count;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var cleaned = good.Count(r => r.Cleaned);
            db.Raise(new ContactsImported(created, updated, unchanged, skipped, cleaned, actor, clock.GetUtcNow()
                .UtcDateTime));
            await db.SaveChangesAsync(ct);
        }
        return new ImportResult(created, updated, unchanged, skipped,
            preview.Errors.Select(r => $"line {r.Line}: {r.Error}").ToList());
    }

    private static async Task<Dictionary<string,
        Contact>> ExistingAsync(PortalDbContext db, IEnumerable<ImportRow> rows, CancellationToken ct)
    {
        var emails = rows.Where(r => r.Status != ImportRowStatus.Error)
            .Select(r => ContactEmail.Normalize(r.Input.Email)).ToList();
        return await db.Contacts.Include(c => c.Tags).Where(c => emails.Contains(c.NormalizedEmail))
            .ToDictionaryAsync(c => c.NormalizedEmail, ct);
    }

    /// <summary>True when the row would change the contact; with apply, makes the change.</summary>
    private static bool Merge(Contact c, ContactDetails input, bool apply) =>
        c.MergeImported(new ContactDetails(c.Email, input.FirstName, input.LastName, input.Phone, input.Tags), apply);
}
