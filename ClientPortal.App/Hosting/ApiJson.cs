using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClientPortal.App.Hosting;

/// <summary>The JSON other systems read and write: the API's bodies and the webhook payloads alike.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Apply(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Apply(JsonSerializerOptions o)
    {
        // Unknown fields are refused (a misspelt field must not be ignored silently); enums are words; times are UTC.
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // A missing required field or a null where none may be is refused, never bound as an empty value.
        o.RespectRequiredConstructorParameters = true;
        o.RespectNullableAnnotations = true;
        // A number is a JSON number (the web default also reads "5"; the document would then say "integer or string").
        o.NumberHandling = JsonNumberHandling.Strict;
        // {"email": "a@x", "email": "b@x"}: which one a reader takes differs between parsers, so neither is guessed.
        o.AllowDuplicateProperties = false;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        o.Converters.Add(new UtcDateTimeConverter());
        return o;
    }

    /// <summary>Writes every DateTime as UTC ISO-8601 with a Z (SQLite hands back unspecified kinds); reads offsets as
    /// UTC.</summary>
    private sealed class UtcDateTimeConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset().UtcDateTime;

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime()
                : value, DateTimeKind.Utc));
    }
}
