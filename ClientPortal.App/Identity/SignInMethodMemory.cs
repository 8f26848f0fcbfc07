namespace ClientPortal.App.Identity;

/// <summary>
/// The way of signing in last used on this browser ("link", "code", "password" or "external:&lt;scheme&gt;"), offered
/// first next time. It is about the browser, never the address typed, so the sign-in page reads the same for every
/// email.
/// </summary>
public static class SignInMethodMemory
{
    public const string Link = "link";
    public const string Code = "code";
    public const string Password = "password";
    private const string CookieName = "cp.signin-method";

    public static string External(string scheme) => $"external:{scheme}";

    public static void Remember(HttpContext http, string method) =>
        http.Response.Cookies.Append(CookieName, method, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(400),
        });

    public static string? Recall(HttpContext http) =>
        http.Request.Cookies.TryGetValue(CookieName, out var value)
            && value is { Length: > 0 and <= 80 } ? value : null;
}
