using ClientPortal.Domain.Events;
using ClientPortal.Infrastructure.Events;
using ClientPortal.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClientPortal.Tests.Events.Domain;

/// <summary>Handlers say by their type what they hear; listeners hear everything; neither can break a
/// publish.</summary>
public class EventDispatchTests
{
    private static readonly DateTime Now = EventSamples.Now;

    private sealed class Grants : IDomainEventHandler<OfferAccessGranted>
    {
        public readonly List<OfferAccessGranted> Heard = [];
        public Task HandleAsync(OfferAccessGranted e) { Heard.Add(e); return Task.CompletedTask; }
    }

    private sealed class Everything : IDomainEventHandler<IDomainEvent>
    {
        public readonly List<IDomainEvent> Heard = [];
        public Task HandleAsync(IDomainEvent e) { Heard.Add(e); return Task.CompletedTask; }
    }

    private sealed class Broken : IDomainEventHandler<IDomainEvent>
    {
        public Task HandleAsync(IDomainEvent e) => throw new InvalidOperationException("broken");
    }

    [Fact]
    public async Task A_failing_handler_breaks_neither_the_publish_nor_the_others()
    {
        var everything = new Everything();
        var events = new DomainEvents(NullLogger<DomainEvents>.Instance, [new Broken(), everything],
            new EventListeners(NullLogger<EventListeners>.Instance));
        await events.PublishAsync(new PortalJoined(1, Now));
        Assert.Single(everything.Heard);
    }

    [Fact]
    public async Task A_handler_hears_only_the_events_of_its_type_even_beside_a_broken_one()
    {
        var grants = new Grants();
        var everything = new Everything();
        var events = new DomainEvents(NullLogger<DomainEvents>.Instance, [new Broken(), grants, everything],
            new EventListeners(NullLogger<EventListeners>.Instance));
        var granted = new OfferAccessGranted(1, 2, "Starter", null, Seed.Admin, Now);
        var joined = new PortalJoined(1, Now);
        await events.PublishAsync([granted, joined, granted]);
        Assert.Equal([granted, granted], grants.Heard);
        Assert.Equal([granted, joined, granted], everything.Heard);
    }

    [Fact]
    public async Task A_listener_hears_every_event_while_it_is_subscribed()
    {
        var events = new DomainEvents(NullLogger<DomainEvents>.Instance, [],
            new EventListeners(NullLogger<EventListeners>.Instance));
        var listened = new List<IDomainEvent>();
        var granted = new OfferAccessGranted(1, 2, "Starter", null, Seed.Admin, Now);
        var joined = new PortalJoined(1, Now);
        using (events.Subscribe(e => { listened.Add(e); return Task.CompletedTask; }))
            await events.PublishAsync([granted, joined]);
        await events.PublishAsync(new PortalJoined(2, Now));
        Assert.Equal([granted, joined], listened); // the subscription ended before the last one
    }
}
