using Bunit;
using ClientPortal.App.Components.Admin;
using ClientPortal.App.Features.Messaging;
using ClientPortal.Domain.Entities;
using ClientPortal.Tests.Support;
using MudBlazor;

namespace ClientPortal.Tests.Messaging.Components;

/// <summary>A message opened in the Mailbox.</summary>
public class MessageViewComponentTests : PortalComponentTest
{
    private const string Link = "http://localhost:5000/l/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";

    private static MailboxMessage Message(string text) =>
        new(new MailboxRow(7, MessageChannel.Email, "login-email", "ada@example.com", "Your sign-in link",
            MessageStatus.Sent, 1, DateTime.UtcNow, DateTime.UtcNow, DateTime.UtcNow, null, 3),
            $"<!DOCTYPE html><html><head><title>x</title></head><body><a href=\"{Link}\">Sign in</a></body></html>",
            text, null);

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync(MailboxMessage message)
    {
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        await dialogs.InvokeAsync(() => Get<IDialogService>().ShowAsync<MessageView>("Message",
            new DialogParameters<MessageView> { { v => v.Message, message } }));
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=message-html]"), Patience);
        return dialogs;
    }

    [Fact]
    public async Task A_message_with_a_sign_in_link_offers_to_copy_it()
    {
        var dialogs = await OpenAsync(Message($"Hi Ada,\n\nSign in: {Link}\n\nThis link works until Monday."));
        Assert.Equal(Link, dialogs.Find("[data-testid=message-sign-in-link]").TextContent);
        Assert.Contains(dialogs.FindAll("button"), b => b.GetAttribute("aria-label") == "Copy sign-in link");
    }

    [Fact]
    public async Task A_message_without_one_offers_nothing_to_copy()
    {
        var dialogs = await OpenAsync(Message("Your code is 123456. See http://localhost:5000/l/too-short."));
        Assert.Empty(dialogs.FindAll("[data-testid=message-sign-in-link]"));
    }

    [Fact]
    public async Task Links_in_the_preview_open_in_a_new_tab_and_scripts_stay_off()
    {
        var dialogs = await OpenAsync(Message("Sign in: " + Link));
        var frame = dialogs.Find("[data-testid=message-html]");
        Assert.StartsWith("<!DOCTYPE html><html><head><base target=\"_blank\"><title>",
            frame.GetAttribute("srcdoc"));
        var sandbox = frame.GetAttribute("sandbox")!.Split(' ');
        Assert.Contains("allow-popups", sandbox);
        Assert.DoesNotContain("allow-scripts", sandbox);
        Assert.DoesNotContain("allow-same-origin", sandbox);
    }
}
