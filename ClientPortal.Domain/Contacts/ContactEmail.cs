using System.Net.Mail;

namespace ClientPortal.Domain.Contacts;

/// <summary>The one place that decides what a valid email is and how it is compared.</summary>
public static class ContactEmail
{
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static bool IsValid(string? email, out string error)
    {
        error = "";
        var e = email?.Trim() ?? "";
        if (e.Length == 0) { error = "Email is required."; return false; }
        if (e.Length > 320) { error = "Email is too long (320 characters at most)."; return false; }
        if (!MailAddress.TryCreate(e, out var parsed) || parsed.Address != e || parsed.DisplayName.Length > 0
            || e.Contains(' ') || !parsed.Host.Contains('.') || parsed.Host.StartsWith('.')
                || parsed.Host.EndsWith('.'))
        {
            error = $"'{e}' is not a valid email address.";
            return false;
        }
        return true;
    }
}
