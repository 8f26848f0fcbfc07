namespace ClientPortal.Domain.Security;

/// <summary>Who is doing something, for authorization rules and the audit trail; an API key carries its id.</summary>
public sealed record Actor(string? UserId, string Name, string? Role, string? IpAddress = null, long? ApiKeyId = null)
{
    public static Actor System(string name = "system") => new(null, name, null);
    public bool IsOwner => Role == Entities.Roles.Owner;
}
