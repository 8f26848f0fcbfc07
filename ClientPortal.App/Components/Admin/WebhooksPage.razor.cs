using ClientPortal.App.Features.Webhooks;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Workflows;
using ClientPortal.Domain;

namespace ClientPortal.App.Components.Admin;

public partial class WebhooksPage
{
    private sealed class HookInput
    {
        public string? Url { get; set; }
        public List<string> Events { get; set; } = [];
    }

    private HookInput input = new();
    private Outcome? outcome;
    private bool busy;
    private IReadOnlyList<WebhookRow>? hooks;
    private long? shownSecret;
    private long? openLog;
    private IReadOnlyList<DeliveryRow>? log;

    protected override async Task LoadAsync() => hooks = await Webhooks.ListAsync();

    private void Toggle(string type, bool on)
    {
        if (on && !input.Events.Contains(type)) input.Events.Add(type);
        if (!on) input.Events.Remove(type);
    }

    private static string Result(DeliveryRow d) => d.Status switch
    {
        WebhookDeliveryStatus.Delivered => $"Delivered (HTTP {d.LastStatusCode})",
        WebhookDeliveryStatus.Failed => $"Given up: {d.LastError}",
        _ when d.Attempts == 0 => "Waiting to be sent",
        _ => $"Will try again: {d.LastError}",
    };

    private async Task CreateAsync()
    {
        busy = true;
        try
        {
            var made = await Webhooks.CreateAsync(input.Url, input.Events, Me);
            outcome = made;
            if (!Report(made, "Webhook added: chosen events are posted from now on.")) return;
            input = new HookInput();
            hooks = await Webhooks.ListAsync();
            shownSecret = made.Value!.Id;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task SetEnabledAsync(WebhookRow hook, bool enabled)
    {
        if (Report(await Webhooks.UpdateAsync(hook.Id, hook.Url, hook.Events.ToList(), enabled, Me),
            enabled ? "Resumed." : "Paused."))
            hooks = await Webhooks.ListAsync();
    }

    private async Task DeleteAsync(WebhookRow hook)
    {
        if (await ConfirmAsync($"{hook.Url} gets no more events, and its delivery log is removed.",
            "Remove this webhook?", "Remove") != true) return;
        if (Report(await Webhooks.DeleteAsync(hook.Id, Me), "Webhook removed.")) hooks = await Webhooks.ListAsync();
    }

    private async Task ToggleLogAsync(long id)
    {
        if (openLog == id) { openLog = null; return; }
        (openLog, log) = (id, null);
        log = await Webhooks.DeliveriesAsync(id);
    }

    private async Task RedeliverAsync(long hookId, long deliveryId)
    {
        if (!Report(await Webhooks.RedeliverAsync(hookId, deliveryId, Me), "Sending again now.")) return;
        log = await Webhooks.DeliveriesAsync(hookId);
    }
}
