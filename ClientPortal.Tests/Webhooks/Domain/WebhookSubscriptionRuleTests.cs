using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;

namespace ClientPortal.Tests.Webhooks.Domain;

/// <summary>Who manages a subscription: the method and its query form give the same answers.</summary>
public class WebhookSubscriptionRuleTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ManageableBy_and_its_expression_agree_for_people_the_key_that_made_it_and_other_keys()
    {
        var owner = new Actor("owner", "owner@example.com", Roles.Owner);
        var keyOne = new Actor(null, ApiKey.ActorName("One"), ApiKey.ActorRole, ApiKeyId: 1);
        var keyTwo = new Actor(null, ApiKey.ActorName("Two"), ApiKey.ActorRole, ApiKeyId: 2);
        var byPerson = WebhookSubscription.Create("https://example.com/a", [PublicEvents.ContactCreated], "whsec_x",
            owner, Now).Value!;
        var byKey = WebhookSubscription.Create("https://example.com/b", [PublicEvents.ContactCreated], "whsec_y",
            keyOne,
            Now).Value!;

        foreach (var subscription in new[] { byPerson, byKey })
        foreach (var actor in new[] { owner, keyOne, keyTwo })
            Assert.Equal(subscription.ManageableBy(actor), WebhookSubscription.ManageableByExpression(actor)
                .Compile()(subscription));

        Assert.True(byPerson.ManageableBy(owner));
        Assert.False(byPerson.ManageableBy(keyOne));
        Assert.True(byKey.ManageableBy(keyOne));
        Assert.False(byKey.ManageableBy(keyTwo));
        Assert.True(byKey.ManageableBy(owner));
    }
}
