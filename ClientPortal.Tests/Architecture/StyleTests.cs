namespace ClientPortal.Tests.Architecture;

/// <summary>What the .editorconfig says and the compiler cannot check: lines fit in 120 columns.</summary>
public class StyleTests
{
    private const int Columns = 120;

    // Lines the wrapping could not break without hurting them (long string literals, URLs, SQL, test names, Razor
    // text and expressions). The counts may only go down.
    private const int CsharpLinesLeft = 158;
    private const int RazorLinesLeft = 242;

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClientPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }

    [Theory]
    [InlineData("*.cs", CsharpLinesLeft)]
    [InlineData("*.razor", RazorLinesLeft)]
    public void Lines_fit_in_120_columns(string pattern, int left)
    {
        var root = Root();
        var sep = Path.DirectorySeparatorChar;
        var files = Directory.EnumerateFiles(root, pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{sep}obj{sep}") && !f.Contains($"{sep}bin{sep}")
                && !f.Contains($"{sep}Migrations{sep}")
                && !f.EndsWith(".g.cs", StringComparison.Ordinal) && !f.Contains($"{sep}node_modules{sep}"));
        var longLines = files
            .SelectMany(f => File.ReadLines(f)
                .Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, line.Length)))
            .Where(l => l.Length > Columns).ToList();
        Assert.True(longLines.Count <= left,
            $"{longLines.Count} lines of {pattern} longer than {Columns} columns (at most {left} may remain):\n"
            + string.Join("\n", longLines.Take(40).Select(l => $"{l.File}:{l.Line} ({l.Length})")));
    }
}
