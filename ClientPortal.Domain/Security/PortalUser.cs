using ClientPortal.Domain.Security;
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

    /// <summary>When the learner last said "Not now" to adding a passkey (asked again a month later).</summary>
    public DateTime? PasskeyOfferDismissedAt { get; set; }

    public static readonly TimeSpan PasskeyOfferPause = TimeSpan.FromDays(30);

    /// <summary>Whether to offer this learner a passkey: they have none, and did not decline in the last
    /// month.</summary>
    public bool ShouldOfferPasskey(int passkeys, DateTime now) =>
        ContactId is not null && passkeys == 0
            && (PasskeyOfferDismissedAt is not { } at || now - at >= PasskeyOfferPause);
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

    /// <summary>What a team role may do, to follow "may" in the invite form and the invitation email.</summary>
    public static string WhatTheyMayDo(string role) => role switch
    {
        Owner => "do everything, the portal's settings and its team included",
        Admin => "run contacts, courses, offers and access, messages and templates, workflows, webhooks, API keys " +
            "and the team, but not the portal's settings",
        Staff => "do the everyday work (contacts, courses, offers and access, login emails and links), but not " +
            "delete, nor change templates, workflows, the team or settings",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a team role."),
    };

    /// <summary>What is wrong with inviting <paramref name="email"/> as <paramref name="role"/> (field names of the
    /// invite form).</summary>
    public static Problems InviteProblems(string email, string role, Actor actor)
    {
        var problems = new Problems();
        if (!Contacts.ContactEmail.IsValid(email, out var emailError)) problems.Add("Email", emailError);
        // Ownership is never handed out through an emailed link: an Owner promotes someone already on the team.
        if (role == Owner) problems.Add("Role", "Invite them as Admin or Staff. Once they are on the team, an Owner " +
            "can make them an Owner from the team list.");
        else if (!Team.Contains(role)) problems.Add("Role", $"Unknown role '{role}'.");
        return problems;
    }
}

/// <summary>The name a person gives a passkey (the device it is on).</summary>
public static class PasskeyNames
{
    public const int MaxLength = 50;

    /// <summary>What is wrong with a name (under the form's field Name), trimmed first.</summary>
    public static Problems Check(string? name)
    {
        var problems = new Problems();
        if (string.IsNullOrEmpty(name?.Trim())) problems.Add("Name",
            "Give the passkey a name, such as the device it is on.");
        else if (name.Trim().Length > MaxLength) problems.Add("Name", $"Keep the name under {MaxLength} characters.");
        return problems;
    }
}
