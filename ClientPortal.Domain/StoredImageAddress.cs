using System.Text.RegularExpressions;

namespace ClientPortal.Domain;

/// <summary>
/// The address of an uploaded image: a path prefix and the grammar of the stored name after it. Only a name that
/// matches ever reaches storage, so an address can never point outside it.
/// </summary>
public sealed class StoredImageAddress(string prefix, Regex storedName)
{
    public string Prefix { get; } = prefix;

    public string For(string name) => Prefix + name;

    /// <summary>The stored name in an address or a bare name; null for anything else.</summary>
    public string? NameIn(string? urlOrName)
    {
        var name = urlOrName?.StartsWith(Prefix, StringComparison.Ordinal) == true ? urlOrName[Prefix.Length..]
            : urlOrName;
        return name is not null && storedName.IsMatch(name) ? name : null;
    }

    /// <summary>An address of an uploaded image (a bare name is not).</summary>
    public bool IsStored(string? url) =>
        url?.StartsWith(Prefix, StringComparison.Ordinal) == true && NameIn(url) is not null;
}
