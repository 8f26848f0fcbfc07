using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClientPortal.Tests.Api.Generated;

/// <summary>The generated client's one hand-written part: enums travel as the API's words, as its document
/// says.</summary>
public partial class PortalApiClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
}
