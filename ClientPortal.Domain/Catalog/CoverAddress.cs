using System.Text.RegularExpressions;

namespace ClientPortal.Domain.Catalog;

/// <summary>
/// The address of an uploaded cover, <c>/covers/{product}-{hash}.{png|jpg|webp}</c>: the one grammar the product rule,
/// the upload and the endpoint that serves covers share (a name outside it never reaches the file system).
/// </summary>
public static partial class CoverAddress
{
    public const string Prefix = "/covers/";

    private static readonly StoredImageAddress Address = new(Prefix, StoredName());

    public static string For(string name) => Address.For(name);

    /// <summary>The stored name in a <c>/covers/…</c> address or a bare name; null for anything else.</summary>
    public static string? NameIn(string? urlOrName) => Address.NameIn(urlOrName);

    /// <summary>An address of an uploaded cover (a bare name is not).</summary>
    public static bool IsStored(string? url) => Address.IsStored(url);

    [GeneratedRegex(@"^[0-9]+-[0-9a-f]{16}\.(png|jpg|webp)$")]
    private static partial Regex StoredName();
}
