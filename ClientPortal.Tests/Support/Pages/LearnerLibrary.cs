using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Support.Pages;

/// <summary>A learner's library, reached through a magic link's landing page.</summary>
public sealed class LearnerLibrary(IPage page)
{
    public IPage Page => page;
    public ILocator Products => page.GetByTestId("library");
    public ILocator Empty => page.GetByTestId("library-empty");

    /// <summary>Opens the link and presses Continue, as the learner does (opening alone never uses a link).</summary>
    public static async Task<LearnerLibrary> EnterAsync(IPage page, string link)
    {
        await page.GotoAsync(link);
        await page.GetByTestId("continue").ClickAsync();
        await Expect(page.GetByTestId("library").Or(page.GetByTestId("library-empty")).First).ToBeVisibleAsync();
        return new LearnerLibrary(page);
    }
}
