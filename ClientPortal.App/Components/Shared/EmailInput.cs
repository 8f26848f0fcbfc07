using System.ComponentModel.DataAnnotations;

namespace ClientPortal.App.Components.Shared;

/// <summary>The one email address a learner's sign-in forms ask for, with the same messages everywhere.</summary>
public sealed class EmailInput
{
    [Required(ErrorMessage = "Enter your email.")] [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(320)]
    public string Email { get; set; } = "";
}
