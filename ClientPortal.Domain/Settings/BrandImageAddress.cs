using System.Text.RegularExpressions;

namespace ClientPortal.Domain.Settings;

/// <summary>Which brand image: the logo in headers and emails, or the icon in the browser's tab.</summary>
public enum BrandImageKind { Logo, Favicon }

/// <summary>
/// Where an uploaded logo or favicon is served: <c>/brand/logo-{hash}.png</c>, public (the sign-in page and emails
/// show it) and named by its content, so browsers may keep it for good.
/// </summary>
public static partial class BrandImageAddress
{
    public const string Prefix = "/brand/";

    public static string NameFor(BrandImageKind kind, string hash16, string extension) =>
        $"{(kind == BrandImageKind.Logo ? "logo" : "icon")}-{hash16}.{extension}";

    private static readonly StoredImageAddress Address = new(Prefix, StoredName());

    public static string For(string name) => Address.For(name);

    /// <summary>The stored name in a <c>/brand/…</c> address or a bare name; null for anything else.</summary>
    public static string? NameIn(string? urlOrName) => Address.NameIn(urlOrName);

    /// <summary>An address of an uploaded brand image (a bare name is not).</summary>
    public static bool IsStored(string? url) => Address.IsStored(url);

    [GeneratedRegex(@"^(logo|icon)-[0-9a-f]{16}\.(png|jpg|webp)$")]
    private static partial Regex StoredName();
}
