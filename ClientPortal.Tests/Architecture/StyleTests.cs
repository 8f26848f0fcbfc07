namespace ClientPortal.Tests.Architecture;

/// <summary>What the .editorconfig says and the compiler cannot check: lines fit in 120 columns.</summary>
public class StyleTests
{
    private const int Columns = 120;

    // Lines the wrapping could not break without hurting them (long string literals, URLs, SQL, test names), and the
    // Razor markup, which has its own wrapping still to do. The count may only go down.
    private const int LongLinesLeft = Baseline;
    private const int Baseline = 158;

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClientPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }

    [Fact]
    public void Csharp_lines_fit_in_120_columns()
    {
        var root = Root();
        var sep = Path.DirectorySeparatorChar;
        var files = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}") && !f.Contains($"{sep}bin{sep}")
                && !f.Contains($"{sep}Migrations{sep}")
                && !f.EndsWith(".g.cs", StringComparison.Ordinal) && !f.Contains($"{sep}node_modules{sep}"));
        var longLines = files.SelectMany(f => File.ReadLines(f)
            .Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, line.Length)))
            .Where(l => l.Length > Columns).ToList();
        Assert.True(longLines.Count <= LongLinesLeft,
            $"{longLines.Count} lines longer than {Columns} columns (at most {LongLinesLeft} may remain):\n"
            + string.Join("\n", longLines.Take(40).Select(l => $"{l.File}:{l.Line} ({l.Length})")));
    }
}
