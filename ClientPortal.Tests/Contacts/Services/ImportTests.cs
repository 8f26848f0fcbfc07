using System.Text;
using ClientPortal.App.Features.Access;
using ClientPortal.App.Features.Contacts;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Contacts.Services;

public class ImportTests
{
    private static MemoryStream Csv(string text, bool bom = false) =>
        new((bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray());

    private const string Messy = "Email,First_Name,last_name,phone,tags\n" +
                                 "ada@example.com,Ada,\"Lovelace, Countess\",+44 1,vip;newsletter\n" +
                                 "not-an-email,Bad,Row,,\n" +
                                 "\n" +
                                 "ADA@example.com,Dup,Row,,\n" +
                                 "bob@example.com,Bob,,,\n";

    [Fact]
    public async Task Import_reads_a_bom_with_quoted_fields_naming_duplicate_or_invalid_rows()
    {
        await using var host = await DomainHost.StartAsync();
        var import = host.Get<ContactImport>();
        var preview = await import.PreviewAsync(Csv(Messy, bom: true));
        Assert.Equal(2, preview.Count(ImportRowStatus.New));
        Assert.Equal(2, preview.Count(ImportRowStatus.Error));
        Assert.Contains(preview.Errors, r => r.Line == 3 && r.Error!.Contains("not a valid email"));
        Assert.Contains(preview.Errors, r => r.Line == 5 && r.Error!.Contains("Duplicate of line 2"));

        var result = await import.ImportAsync(preview, Seed.Admin);
        Assert.Equal((2, 0, 0, 2), (result.Created, result.Updated, result.Unchanged, result.Skipped));
        var ada = await host.Get<ContactDirectory>().FindByEmailAsync("ada@example.com");
        Assert.Equal("Lovelace, Countess", ada!.LastName);
        Assert.Equal(["newsletter", "vip"], ada.Tags.Select(t => t.Tag).Order());
    }

    [Fact]
    public async Task A_reimport_tells_unchanged_rows_from_updates()
    {
        await using var host = await DomainHost.StartAsync();
        var import = host.Get<ContactImport>();
        await import.ImportAsync(await import.PreviewAsync(Csv(Messy)), Seed.Admin);

        var again = await import.ImportAsync(await import.PreviewAsync(Csv(Messy)), Seed.Admin);
        Assert.Equal((0, 0, 2, 2), (again.Created, again.Updated, again.Unchanged, again.Skipped));
        var changed = await import.PreviewAsync(Csv("email,first_name\nbob@example.com,Robert\n"));
        Assert.Equal(ImportRowStatus.Update, changed.Rows.Single().Status);
    }

    [Fact]
    public async Task Unreadable_file_or_missing_email_column_is_a_file_error()
    {
        await using var host = await DomainHost.StartAsync();
        var import = host.Get<ContactImport>();
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => import.PreviewAsync(Csv("name,phone\nAda,1\n")));
        Assert.Contains("no 'email' column", ex.Message);
        await Assert.ThrowsAsync<InvalidDataException>(() => import.PreviewAsync(Csv("")));
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused_whole()
    {
        await using var host = await DomainHost.StartAsync();
        var import = host.Get<ContactImport>();
        var latin1 = new MemoryStream(
            Encoding.Latin1.GetBytes("email,first_name\nzoe@example.com,Zo\u00eb\nrene@example.com,Ren\u00e9e\n"));
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => import.PreviewAsync(latin1));
        Assert.Contains("Line 2 is not UTF-8 text", ex.Message);
        Assert.Null(await host.Get<ContactDirectory>().FindByEmailAsync("zoe@example.com"));
    }

    [Fact]
    public async Task Control_characters_are_reported_by_line_and_never_stored()
    {
        await using var host = await DomainHost.StartAsync();
        var import = host.Get<ContactImport>();
        var preview = await import.PreviewAsync(Csv(
            "email,first_name,last_name\nzoe@example.com,Zo\u00eb\0,\"Line\nbreak\"\nrene@example.com,Ren\u00e9e,\n"));
        Assert.Equal([2], preview.CleanedLines);
        Assert.Contains("removed from line 2.", preview.CleanedNotice);
        await import.ImportAsync(preview, Seed.Admin);
        var zoe = await host.Get<ContactDirectory>().FindByEmailAsync("zoe@example.com");
        Assert.Equal(("Zo\u00eb", "Line break"), (zoe!.FirstName, zoe.LastName));
        Assert.Equal("Ren\u00e9e",
            (await host.Get<ContactDirectory>().FindByEmailAsync("rene@example.com"))!.FirstName);
    }

    [Fact]
    public async Task Ten_thousand_rows_import_with_progress()
    {
        await using var host = await DomainHost.StartAsync();
        var import = host.Get<ContactImport>();
        var sb = new StringBuilder("email,first_name,last_name,tags\n");
        for (var i = 0; i < 10_000; i++) sb.Append($"person{i}@example.com,P{i},L{i},t{i % 5}\n");
        var reports = new List<ImportProgress>();
        var result = await import.ImportAsync(await import.PreviewAsync(Csv(sb.ToString())), Seed.Admin,
            new SynchronousProgress<ImportProgress>(reports.Add));
        Assert.Equal(10_000, result.Created);
        Assert.Equal(new ImportProgress(10_000, 10_000), reports[^1]);
        Assert.True(reports.Count >= 10);
        await using var db = host.NewDb();
        Assert.Equal(10_000, await db.Contacts.CountAsync());
        Assert.Equal(2_000, await db.ContactTags.CountAsync(t => t.Tag == "t3"));
    }

    [Fact]
    public async Task Bulk_grants_dry_run_apply_and_undo_as_a_batch()
    {
        await using var host = await DomainHost.StartAsync();
        var course = await Seed.ProductAsync(host, "Course");
        var offer = await Seed.OfferAsync(host, "Gold", course);
        var a = await Seed.ContactAsync(host, "a@example.com");
        var b = await Seed.ContactAsync(host, "b@example.com");
        var access = host.Get<AccessGrants>();
        await access.GrantAsync(b, offer, null, Seed.Admin); // already held: the batch must leave it alone
        var grants = host.Get<GrantImport>();

        var dry = await grants.DryRunAsync(Csv("""
            email,offer,expires
            a@example.com,gold,2030-01-01
            b@example.com,Gold,
            c@example.com,Gold,
            a@example.com,Silver,

            """));
        Assert.Equal([GrantPlan.Grant, GrantPlan.AlreadyHeld, GrantPlan.Error, GrantPlan.Error],
            dry.Select(r => r.Plan));
        Assert.Contains("No contact with email c@example.com", dry[2].Error);
        Assert.Contains("No offer named 'Silver'", dry[3].Error);
        Assert.Empty(await access.VisibleProductsAsync(a)); // a dry run changes nothing

        var (batch, result) = await grants.ApplyAsync(dry, Seed.Admin);
        Assert.Equal(1, result.Changed);
        Assert.Single(await access.VisibleProductsAsync(a));
        Assert.Equal(new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc), (await access.GrantsOfAsync(a)).Single()
            .ExpiresAt);

        var undo = await grants.UndoAsync(batch, Seed.Admin);
        Assert.Equal(1, undo.Value);
        Assert.Empty(await access.VisibleProductsAsync(a));
        Assert.Single(await access.VisibleProductsAsync(b));
        Assert.False((await grants.UndoAsync(batch, Seed.Admin)).Succeeded);
        Assert.NotNull((await grants.BatchesAsync()).Single().UndoneAt);
    }
}

/// <summary>IProgress that reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool).</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
