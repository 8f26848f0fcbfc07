using Microsoft.AspNetCore.Identity;

namespace ClientPortal.Domain.Entities;

/// <summary>An Identity account: a team user (Owner/Admin/Staff role) or a learner (linked to a contact).</summary>
public class PortalUser : IdentityUser
{
    public string? DisplayName { get; set; }
    public long? ContactId { get; set; }
    public bool IsDisabled { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The admin screens in their dark palette, on every device this person signs in on.</summary>
    public bool PrefersDarkMode { get; set; }
}

public static class Roles
{
    public const string Owner = "Owner";
    public const string Admin = "Admin";
    public const string Staff = "Staff";
    public const string Learner = "Learner";

    public static readonly string[] Team = [Owner, Admin, Staff];
    public static readonly string[] All = [Owner, Admin, Staff, Learner];

    /// <summary>Comma list for [Authorize(Roles = ...)].</summary>
    public const string AnyTeam = "Owner,Admin,Staff";
    public const string OwnerOrAdmin = "Owner,Admin";
}
