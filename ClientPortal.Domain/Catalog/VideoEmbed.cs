using System.Text.RegularExpressions;

namespace ClientPortal.Domain.Catalog;

public enum VideoKind
{
    Link,
    Frame,
    File,
}

/// <summary>
/// How a lesson's video URL is shown: YouTube and Vimeo as their privacy-friendly players (the CSP allows
/// exactly these frame hosts), direct video files in a &lt;video&gt; element, anything else as a link.
/// </summary>
public static partial class VideoEmbed
{
    public static readonly string[] FrameHosts = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"];

    public static (VideoKind Kind, string Url) For(string url)
    {
        // The editor only accepts http(s), but a link must never carry another scheme whatever is stored.
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http")) return (VideoKind.Link, "#");
        var host = uri.Host.ToLowerInvariant();
        var youtubeId = host switch
        {
            "youtu.be" => uri.AbsolutePath.Trim('/'),
            "www.youtube.com" or "youtube.com" or "m.youtube.com" when uri.AbsolutePath == "/watch" =>
                System.Web.HttpUtility.ParseQueryString(uri.Query)["v"],
            "www.youtube.com" or "youtube.com" when uri.AbsolutePath.StartsWith("/embed/") =>
                uri.AbsolutePath["/embed/".Length..],
            _ => null,
        };
        if (youtubeId is not null && YouTubeId().IsMatch(youtubeId))
            return (VideoKind.Frame, $"https://www.youtube-nocookie.com/embed/{youtubeId}");
        if (host is "vimeo.com" or "www.vimeo.com" && VimeoId().Match(uri.AbsolutePath) is { Success: true } m)
            return (VideoKind.Frame, $"https://player.vimeo.com/video/{m.Groups[1].Value}");
        if (uri.AbsolutePath.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase)
            || uri.AbsolutePath.EndsWith(".webm", StringComparison.OrdinalIgnoreCase))
            return (VideoKind.File, uri.ToString());
        return (VideoKind.Link, uri.ToString());
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{6,20}$")]
    private static partial Regex YouTubeId();

    [GeneratedRegex("^/([0-9]{3,12})/?$")]
    private static partial Regex VimeoId();
}
