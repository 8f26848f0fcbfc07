using System.Text.Json;

namespace ClientPortal.Domain.Events;

/// <summary>
/// The events other systems can read (the API's event feed) and subscribe to (webhooks), by their public names. A
/// domain event that maps to one is recorded as a <see cref="Entities.PortalEventRecord"/> with the change that raised
/// it.
/// </summary>
public static class PublicEvents
{
    public const string ContactCreated = "contact.created";
    public const string ContactUpdated = "contact.updated";
    public const string ContactDeleted = "contact.deleted";
    public const string InviteSent = "invite.sent";
    public const string PortalJoined = "portal.joined";
    public const string SignUp = "signup.completed";
    public const string Login = "login";
    public const string OfferGranted = "offer.granted";
    public const string OfferRevoked = "offer.revoked";
    public const string ProductStarted = "product.started";
    public const string ProductCompleted = "product.completed";
    public const string LessonCompleted = "lesson.completed";

    public static readonly IReadOnlyList<string> All =
    [
        ContactCreated, ContactUpdated, ContactDeleted, InviteSent, PortalJoined, SignUp, Login, OfferGranted,
            OfferRevoked,
        ProductStarted, ProductCompleted, LessonCompleted,
    ];

    /// <summary>In the words of the Settings page.</summary>
    public static string Describe(string type) => type switch
    {
        ContactCreated => "A contact was created",
        ContactUpdated => "A contact's details changed",
        ContactDeleted => "A contact was deleted",
        InviteSent => "An invite was sent",
        PortalJoined => "A contact entered the portal for the first time",
        SignUp => "Someone signed up on the portal",
        Login => "A learner signed in",
        OfferGranted => "An offer was granted",
        OfferRevoked => "An offer was revoked",
        ProductStarted => "A learner started a product",
        ProductCompleted => "A learner completed a product",
        LessonCompleted => "A learner completed a lesson",
        _ => type,
    };

    /// <summary>
    /// The API permission that reading an event needs: every public event names its contact (email and name, as the
    /// feed and webhooks show them), which is what <see cref="Entities.ApiScopes.ContactsRead"/> guards.
    /// </summary>
    public static string ReadScope(string type) => Entities.ApiScopes.ContactsRead;

    /// <summary>The public form of a domain event, or null for one other systems do not see.</summary>
    public static (string Type, long? ContactId, string Data, DateTime OccurredAt)? From(IDomainEvent e) => e switch
    {
        Events.ContactCreated c => Record(ContactCreated, c.ContactId, c.OccurredAt),
        Events.ContactUpdated c => Record(ContactUpdated, c.ContactId, c.OccurredAt),
        Events.ContactDeleted c => Record(ContactDeleted, c.ContactId, c.OccurredAt),
        Events.InviteSent i => Record(InviteSent, i.ContactId, i.OccurredAt),
        Events.PortalJoined j => Record(PortalJoined, j.ContactId, j.OccurredAt),
        NewSignUp s => Record(SignUp, s.ContactId, s.OccurredAt),
        LearnerSignedIn l => Record(Login, l.ContactId, l.OccurredAt, ("method", l.Method)),
        OfferAccessGranted g => Record(OfferGranted, g.ContactId, g.OccurredAt, ("offer_id", g.OfferId)),
        GrantRevoked { WasActive: true } r => Record(OfferRevoked, r.ContactId, r.OccurredAt, ("offer_id", r.OfferId)),
        Events.ProductStarted p => Record(ProductStarted, p.ContactId, p.OccurredAt, ("product_id", p.ProductId)),
        Events.ProductCompleted p => Record(ProductCompleted, p.ContactId, p.OccurredAt, ("product_id", p.ProductId)),
        Events.LessonCompleted l =>
            Record(LessonCompleted, l.ContactId, l.OccurredAt, ("product_id", l.ProductId), ("lesson_id", l.LessonId)),
        _ => null,
    };

    private static (string, long?, string, DateTime) Record(string type, long contactId, DateTime at,
        params (string Name, object Value)[] ids)
    {
        var data = new Dictionary<string, object> { ["contact_id"] = contactId };
        foreach (var (name, value) in ids) data[name] = value;
        return (type, contactId, JsonSerializer.Serialize(data), at);
    }
}
