using System.Reflection;
using ClientPortal.App.Components.Shared;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Events.Domain;

/// <summary>Every action code the audit trail records is one constant, and every one has words on screen.</summary>
public class AuditActionTests
{
    private static readonly IReadOnlyList<string> Codes = typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!).ToList();

    [Fact]
    public void Each_code_is_spelled_once()
    {
        Assert.True(Codes.Count > 50);
        Assert.Equal(Codes.Count, Codes.Distinct().Count());
    }

    [Fact]
    public void Each_code_has_words_a_course_creator_reads()
    {
        var bare = Codes.Where(c => Words.AuditAction(c) == c).ToList();
        Assert.True(bare.Count == 0, $"shown as codes: {string.Join(", ", bare)}");
    }

    /// <summary>The trail is read by course creators: an enum's name (<c>AdminGenerated</c>), a section code
    /// (<c>course:5</c>) or a row id (<c>#201</c>) is never what a row says.</summary>
    [Fact]
    public void An_audit_row_says_what_happened_in_words_not_codes()
    {
        var enumNames = typeof(AuditTrail).Assembly.GetTypes().Where(t => t.IsEnum)
            .SelectMany(Enum.GetNames).Where(n => n.Skip(1).Any(char.IsUpper)).ToHashSet();
        var coded = EventSamples.All.Select(AuditTrail.RowOf).OfType<AuditEvent>()
            .SelectMany(r => new[] { r.Subject, r.Details }).OfType<string>()
            .Where(text => enumNames.Any(n => System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{n}\b"))
                || System.Text.RegularExpressions.Regex.IsMatch(text, @"#\d|course:\d"))
            .Distinct().ToList();
        Assert.True(coded.Count == 0, string.Join("\n", coded));
    }

    [Fact]
    public void Every_event_a_person_caused_is_audited_under_a_known_code()
    {
        var rows = EventSamples.All.Select(e => (Event: e, Row: AuditTrail.RowOf(e))).ToList();
        var unknown = rows.Where(r => r.Row is { } row && !Codes.Contains(row.Action)).Select(r => r.Row!.Action)
            .Distinct().ToList();
        Assert.True(unknown.Count == 0, $"not in AuditActions: {string.Join(", ", unknown)}");
        // Every code but the ones only history has (older rows, the demo's) is written by some event.
        var written = rows.Where(r => r.Row is not null).Select(r => r.Row!.Action).ToHashSet();
        Assert.Equal([AuditActions.ContactEmail], Codes.Except(written).Order());
    }

    [Fact]
    public void An_audited_event_carries_who_did_it_and_when()
    {
        var e = new GrantRevoked(5, 6, "Starter", true, Seed.Admin with { IpAddress = "203.0.113.9" }, EventSamples.Now,
            Guid.Empty);
        var row = AuditTrail.RowOf(e)!;
        Assert.Equal((AuditActions.GrantRevoke, 5L, "Starter", Seed.Admin.UserId, Seed.Admin.Name, "203.0.113.9",
            EventSamples.Now, Guid.Empty),
            (row.Action, row.ContactId!.Value, row.Subject, row.ActorId, row.ActorName, row.IpAddress, row.At,
                row.BatchId!.Value));
    }
}
