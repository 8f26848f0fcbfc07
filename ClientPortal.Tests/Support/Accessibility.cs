using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ClientPortal.Tests.Support;

/// <summary>axe-core, run in the real page: no serious or critical violation may remain.</summary>
public static class Accessibility
{
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string where)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0,
            $"{where}: {serious.Count} serious accessibility problem(s)\n" + string.Join("\n", serious.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}\n    " + string.Join("\n    ", v.Nodes.Take(4).Select(n => n.Html)))));
    }
}
