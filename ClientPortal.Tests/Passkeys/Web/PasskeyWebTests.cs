using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClientPortal.Tests.Support;
using static ClientPortal.Tests.Support.Http;

namespace ClientPortal.Tests.Passkeys.Web;

/// <summary>The passkey endpoints over HTTP: antiforgery on the options, the public host as relying party, and a bad
/// credential that changes nothing.</summary>
public class PasskeyWebTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly Regex Token = new("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");

    [Fact]
    public async Task Sign_in_options_need_the_page_token_and_name_the_public_host()
    {
        var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/login/passkey/options", null)).StatusCode);

        var page = await client.GetStringAsync("/login");
        var token = WebUtility.HtmlDecode(Token.Match(page).Groups[1].Value);
        var request = new HttpRequestMessage(HttpMethod.Post, "/login/passkey/options");
        request.Headers.Add("RequestVerificationToken", token);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var options = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("portal.example.test", options.RootElement.GetProperty("rpId").GetString());
        Assert.True(options.RootElement.GetProperty("challenge").GetString()!.Length >= 16);
    }

    [Fact]
    public async Task A_made_up_credential_signs_nobody_in()
    {
        var client = factory.NewClient();
        var refused = await Forms.SubmitAsync(client, "/login", "/login/passkey", "passkey",
            new Dictionary<string,
                string> { ["credentialJson"] = """{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{}}""" });
        Assert.True(refused.StatusCode == HttpStatusCode.Redirect,
            $"{refused.StatusCode}: {await refused.Content.ReadAsStringAsync()}");
        Assert.Equal("/login?passkey=failed", Location(refused));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        Assert.Contains("That passkey did not sign you in",
            WebUtility.HtmlDecode(await client.GetStringAsync("/login?passkey=failed")));
        // Without the form's token nothing is even tried.
        var forged = await client.PostAsync("/login/passkey",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["credentialJson"] = "{}" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }
}
