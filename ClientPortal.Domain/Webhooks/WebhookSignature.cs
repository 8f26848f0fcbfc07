using System.Security.Cryptography;
using System.Text;

namespace ClientPortal.Domain.Workflows;

/// <summary>
/// How webhook calls (workflow steps and event subscriptions) are signed, two ways at once:
/// <list type="bullet">
/// <item>the Standard Webhooks way, which the spec's own libraries verify: <c>webhook-id</c>, <c>webhook-timestamp</c>
/// (Unix seconds) and <c>webhook-signature: v1,BASE64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))</c>, where the key
/// is
/// the bytes a <c>whsec_…</c> secret encodes;</item>
/// <item>the portal's own headers, kept for receivers built on them:
/// <c>X-Portal-Signature: sha256=HEX(HMAC-SHA256(secret, "{timestamp}.{body}"))</c>, <c>X-Portal-Timestamp</c>,
/// <c>X-Portal-Delivery</c>, with the secret's text as the key.</item>
/// </list>
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Portal-Timestamp";
    public const string SignatureHeader = "X-Portal-Signature";
    public const string DeliveryHeader = "X-Portal-Delivery";

    public const string StandardIdHeader = "webhook-id";
    public const string StandardTimestampHeader = "webhook-timestamp";
    public const string StandardSignatureHeader = "webhook-signature";
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: 256 random bits in the Standard Webhooks form.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, long timestamp, string body) =>
        "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{timestamp}.{body}"))).ToLowerInvariant();

    public static bool Verify(string secret, long timestamp, string body, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)),
            Encoding.ASCII.GetBytes(signature));

    /// <summary>The <c>webhook-signature</c> value of the Standard Webhooks spec.</summary>
    public static string SignStandard(string secret, string id, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(StandardKey(secret),
            Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

    /// <summary>
    /// The HMAC key of a secret: what a <c>whsec_</c> secret encodes; a subscription made before secrets had that form
    /// (64 hex digits) signs with its text, which a standard library reads as <c>whsec_</c> + BASE64(text).
    /// </summary>
    public static byte[] StandardKey(string secret)
    {
        if (secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            var bytes = new byte[secret.Length];
            if (Convert.TryFromBase64String(secret[SecretPrefix.Length..], bytes,
                out var written)) return bytes[..written];
        }
        return Encoding.UTF8.GetBytes(secret);
    }
}
