using System.Reflection;
using ClientPortal.App.Components.Shared;
using ClientPortal.Domain.Events;

namespace ClientPortal.Tests.Events.Domain;

/// <summary>Every action code the audit trail records is one constant, and every one has words on screen.</summary>
public class AuditActionTests
{
    private static readonly IReadOnlyList<string> Codes = typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

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
}
