namespace ClientPortal.Domain.Security;

/// <summary>The one rule for redirect targets: only paths on this site, never another host.</summary>
public static class LocalPath
{
    public static bool IsSafe(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains('\\')
        && !url.Any(char.IsControl)
        && !url.Contains("%5c", StringComparison.OrdinalIgnoreCase)
        && !url.StartsWith("/%2f", StringComparison.OrdinalIgnoreCase);

    public static string OrDefault(string? url, string fallback) => IsSafe(url) ? url! : fallback;
}
