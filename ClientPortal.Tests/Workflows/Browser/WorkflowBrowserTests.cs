using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ClientPortal.App.Features.Workflows;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Domain.Workflows;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Testing;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ClientPortal.Tests.Workflows.Browser;

[Collection(BrowserCollection.Name)]
public class WorkflowBrowserTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_workflow_built_in_the_editor_emails_a_login_link_when_the_offer_is_granted_on_the_contact_card()
    {
        await using var sink = await SmtpSink.StartAsync();
        await using var portal = await RunningPortal.StartAsync(sink.PortalEnvironment(connections: 4), "--demo");
        var page = await AdminBrowser.SignInAsOwnerAsync(Chromium, portal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Workflows" }).ClickAsync();
        await Expect(page.GetByTestId("workflows-empty")).ToBeVisibleAsync();
        await page.GetByTestId("new-workflow").ClickAsync();
        await page.GetByTestId("workflow-name").FillAsync("Welcome to Photography");
        // The default trigger is Offer Access Granted; narrow it to one offer.
        await page.GetByTestId("workflow-filter-kind").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "A specific offer" }).ClickAsync();
        await page.Locator("#workflow-filter-offer").FillAsync("Photo");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Starter: Photography" }).ClickAsync();
        await Expect(page.Locator("#workflow-filter-offer")).ToHaveValueAsync("Starter: Photography");
        await page.GetByTestId("add-step").ClickAsync(); // "Send email" is the default action

        // Validation first: an unknown field is refused with a message, nothing is saved.
        await page.GetByTestId("step-subject").FillAsync("Your course is ready, {{contact.first_name}}");
        await page.GetByTestId("step-body").FillAsync("Open it here: {{login_url:courses}} — {{contact.nickname}}");
        await Expect(page.GetByTestId("step-error")).ToContainTextAsync("nickname");
        await page.GetByTestId("publish-workflow").ClickAsync();
        await Expect(page.Locator(".cp-alert-error")).ToContainTextAsync("Action 1 (Send email)");

        await page.GetByTestId("step-body").FillAsync("Open it here: {{login_url:courses}}");
        await Expect(page.GetByTestId("step-error")).ToHaveCountAsync(0);
        await page.GetByTestId("publish-workflow").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin/workflows/\\d+$"));
        await Expect(page.GetByText("Published version 1")).ToBeVisibleAsync();
        Directory.CreateDirectory(Screenshots.Folder);
        // Toasts would cover the form in the README's picture; the page is left right after (a full navigation).
        await page.EvaluateAsync("document.querySelectorAll('.mud-snackbar').forEach(n => n.remove())");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "workflow-editor.png"),
            FullPage = true });

        // Grant the offer on a contact card.
        await page.GotoAsync(portal.BaseUrl + "/admin/contacts");
        await page.GetByTestId("add-contact").ClickAsync();
        await page.Locator("#new-contact-email").FillAsync("wren@example.com");
        await page.GetByTestId("new-contact-save").ClickAsync();
        await page.Locator("#contact-search").FillAsync("wren@");
        await page.GetByRole(AriaRole.Link, new() { Name = "wren@example.com" }).ClickAsync();
        await page.GetByTestId("grant-offer").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Starter: Photography" }).ClickAsync();
        await Expect(page.GetByTestId("visible-products")).ToContainTextAsync("Photography Foundations");

        var mail = (await sink.WaitForAsync(1, TimeSpan.FromSeconds(30)))
            .Single(m => m.RcptTos.Single() == "wren@example.com");
        Assert.Equal("Your course is ready, there", mail.Subject);
        var link = Regex.Match(mail.Text!, @"http://127\.0\.0\.1:\d+/l/[A-Za-z0-9_-]{43}").Value;
        Assert.NotEmpty(link);

        // The link signs the contact in, in a fresh Chromium, on the Courses section.
        var learner = await Chromium.NewPageAsync();
        await learner.GotoAsync(link);
        await learner.GetByTestId("continue").ClickAsync();
        await Expect(learner).ToHaveURLAsync(portal.BaseUrl + "/courses");
        await Expect(learner.GetByTestId("library")).ToContainTextAsync("Photography Foundations");

        // The run log shows the completed run.
        await page.GotoAsync(portal.BaseUrl + "/admin/workflows/runs");
        await Expect(page.GetByTestId("run-status").First).ToHaveTextAsync("Completed");
        await page.GetByTestId("run-row").First.ClickAsync();
        await Expect(page.GetByTestId("run-detail")).ToContainTextAsync("Starter: Photography");
        await Expect(page.GetByTestId("step-log")).ToContainTextAsync("Email queued.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "workflow-runs.png"),
            FullPage = true });
    }
}
