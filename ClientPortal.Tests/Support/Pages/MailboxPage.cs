using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ClientPortal.Tests.Support.Pages;

/// <summary>The embedded outbox's messages, as the team reads them; where tests find a learner's link.</summary>
public sealed class MailboxPage(IPage page)
{
    public ILocator Grid => page.GetByTestId("mailbox-grid");
    public ILocator Text => page.GetByTestId("message-text");

    /// <summary>Opens the newest message with this subject and shows its plain text.</summary>
    public async Task OpenAsync(string subject)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = subject }).First.ClickAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Plain text" }).ClickAsync();
    }

    /// <summary>The magic link in the open message's plain text.</summary>
    public async Task<string> LinkAsync()
    {
        var link = Regex.Match((await Text.TextContentAsync())!, @"http://\S+/l/[A-Za-z0-9_-]{43}").Value;
        Assert.NotEmpty(link);
        return link;
    }
}
