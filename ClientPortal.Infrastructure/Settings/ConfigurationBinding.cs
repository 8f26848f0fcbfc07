using System.Globalization;
using ClientPortal.Infrastructure.Data;
using Microsoft.Extensions.Configuration;

namespace ClientPortal.Infrastructure.Settings;

/// <summary>
/// Reads a configuration section into its options class once, at start: a value that cannot be read ("abc" for a
/// number) or is out of range stops start-up with one line naming the key, instead of a stack trace at the first
/// request that happens to read it.
/// </summary>
public static class ConfigurationBinding
{
    /// <exception cref="PortalStartException">a value of the section cannot be converted.</exception>
    public static T Read<T>(IConfiguration configuration, string section) where T : class, new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex) when (ex.InnerException is not null
            || ex.Message.Contains("Failed to convert", StringComparison.Ordinal))
        {
            // The binder names the key and the value: "Failed to convert configuration value 'abc' at 'Portal:X' to
            // type 'System.Int32'."
            var key = Between(ex.Message, " at '", "'") ?? section;
            var value = Between(ex.Message, "value '", "'");
            var type = Between(ex.Message, "to type '", "'")?.Split('.')[^1];
            throw new PortalStartException($"{key}: {(value is null ? "this value" : $"'{value}'")} is not " +
                $"{Describe(type)}.", ex);
        }
    }

    /// <exception cref="PortalStartException">the value is outside the range.</exception>
    public static void Require(string key, long value, long min, long max)
    {
        if (value < min || value > max)
            throw new PortalStartException(string.Create(CultureInfo.InvariantCulture,
                $"{key}: {value} is out of range; use a whole number from {min:N0} to {max:N0}."));
    }

    private static string Describe(string? type) => type switch
    {
        "Int32" or "Int64" => "a whole number",
        "Boolean" => "true or false",
        "Double" or "Decimal" => "a number",
        null => "a value of the right kind",
        _ => $"a valid {type}",
    };

    private static string? Between(string text, string start, string end)
    {
        var i = text.IndexOf(start, StringComparison.Ordinal);
        if (i < 0) return null;
        i += start.Length;
        var j = text.IndexOf(end, i, StringComparison.Ordinal);
        return j < 0 ? null : text[i..j];
    }
}
