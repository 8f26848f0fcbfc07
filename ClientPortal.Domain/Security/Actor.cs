namespace ClientPortal.Domain.Security;

/// <summary>Who is doing something, for authorization rules and the audit trail.</summary>
public sealed record Actor(string? UserId, string Name, string? Role, string? IpAddress = null)
{
    public static Actor System(string name = "system") => new(null, name, null);
    public bool IsOwner => Role == Entities.Roles.Owner;
}
