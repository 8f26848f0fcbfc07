using System.ComponentModel.DataAnnotations;

namespace ClientPortal.App.Components.Shared;

/// <summary>A password chosen by a person: typed twice. Strength rules are Identity's (checked by the
/// domain).</summary>
public class NewPasswordInput
{
    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(200, MinimumLength = 8, ErrorMessage = "Use at least 8 characters.")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Type the password again.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
    public string ConfirmPassword { get; set; } = "";
}
