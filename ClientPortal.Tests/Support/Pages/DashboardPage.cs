using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ClientPortal.Tests.Support.Pages;

/// <summary>The admin dashboard: the counts, the feed and today's bar of the sign-ins chart.</summary>
public sealed class DashboardPage(IPage page)
{
    public ILocator Invited => page.GetByTestId("invited-count");
    public ILocator Active => page.GetByTestId("active-count");
    public ILocator Feed => page.GetByTestId("feed");
    public ILocator SignInsToday => page.GetByTestId("logins-chart").Locator("li").Last;

    public async Task<int> InvitedAsync() => int.Parse((await Invited.TextContentAsync())!);

    public async Task<int> ActiveAsync() => int.Parse((await Active.TextContentAsync())!);

    public async Task<int> SignInsTodayAsync() =>
        int.Parse(Regex.Match((await SignInsToday.TextContentAsync())!, @":\s*(\d+)\s*$").Groups[1].Value);
}
