namespace ClientPortal.App.Hosting;

/// <summary>The per-browser id magic links use, and the options of every cookie only the server reads.</summary>
public static class BrowserCookies
{
    public const string BrowserCookie = "cp.b";

    /// <summary>A random per-browser id (HttpOnly cookie), so a magic link's short re-use window is for the browser
    /// that used it.</summary>
    public static string BrowserId(HttpContext http)
    {
        if (http.Request.Cookies.TryGetValue(BrowserCookie, out var id) && id.Length >= 32) return id;
        id = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        if (!http.Response.HasStarted)
            http.Response.Cookies.Append(BrowserCookie, id, PrivateCookie(http, TimeSpan.FromDays(365)));
        return id;
    }

    /// <summary>A cookie only the server reads: HttpOnly, SameSite=Lax, Secure on HTTPS (directly or via a trusted
    /// proxy).</summary>
    public static CookieOptions PrivateCookie(HttpContext http, TimeSpan maxAge) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = http.Request.IsHttps,
        IsEssential = true,
        MaxAge = maxAge,
    };
}
