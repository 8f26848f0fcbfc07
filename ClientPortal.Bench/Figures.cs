using System.Diagnostics;

namespace ClientPortal.Bench;

/// <summary>Timing helpers and the printed table. Figures are medians of repeated runs.</summary>
public static class Figures
{
    public static async Task<double> MedianMsAsync(int runs, Func<int, Task> action)
    {
        var times = new List<double>(runs);
        await action(-1); // warm-up (JIT, SQLite page cache)
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            await action(i);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times.Count % 2 == 1 ? times[times.Count / 2]
            : (times[times.Count / 2 - 1] + times[times.Count / 2]) / 2;
    }

    public static void Table(string title, IEnumerable<(string Figure, string Value, string Goal)> rows)
    {
        var list = rows.ToList();
        var w1 = Math.Max(6, list.Max(r => r.Figure.Length));
        var w2 = Math.Max(5, list.Max(r => r.Value.Length));
        Console.WriteLine();
        Console.WriteLine($"## {title}");
        Console.WriteLine($"| {"figure".PadRight(w1)} | {"value".PadRight(w2)} | goal |");
        Console.WriteLine($"| {new string('-', w1)} | {new string('-', w2)} | ---- |");
        foreach (var (f, v, g) in list) Console.WriteLine($"| {f.PadRight(w1)} | {v.PadRight(w2)} | {g} |");
    }
}
