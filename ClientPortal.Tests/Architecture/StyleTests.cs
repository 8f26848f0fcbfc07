namespace ClientPortal.Tests.Architecture;

/// <summary>What the .editorconfig says and the compiler cannot check: lines fit in 120 columns.</summary>
public class StyleTests
{
    private const int Columns = 120;

    [Theory]
    [InlineData("*.cs")]
    [InlineData("*.razor")]
    public void Lines_fit_in_120_columns(string pattern)
    {
        var root = Support.Repository.Root;
        var sep = Path.DirectorySeparatorChar;
        var files = Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}") && !f.Contains($"{sep}bin{sep}")
                && !f.Contains($"{sep}Migrations{sep}")
                && !f.EndsWith(".g.cs", StringComparison.Ordinal) && !f.Contains($"{sep}node_modules{sep}"));
        var longLines = files
            .SelectMany(f => File.ReadLines(f)
                .Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, line.Length)))
            .Where(l => l.Length > Columns).ToList();
        Assert.True(longLines.Count == 0,
            $"{longLines.Count} lines of {pattern} longer than {Columns} columns:\n"
            + string.Join("\n", longLines.Take(40).Select(l => $"{l.File}:{l.Line} ({l.Length})")));
    }
}
