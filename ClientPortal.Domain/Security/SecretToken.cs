using System.Security.Cryptography;
using System.Text;

namespace ClientPortal.Domain.Security;

/// <summary>256-bit CSPRNG tokens, base64url; only SHA-256 hashes are stored.</summary>
public static class SecretToken
{
    public const int Bytes = 32;

    public static (string Token, byte[] Hash) New()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(Bytes));
        return (token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Rejects anything that is not shaped like one of our tokens before touching the database.</summary>
    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
