using Bunit;
using ClientPortal.App.Components.Shared;
using ClientPortal.App.Identity;
using ClientPortal.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace ClientPortal.Tests.Learners.Components;

/// <summary>
/// The learner sign-in's two steps, rendered as the server renders them (a GET, then a POST of the first step's
/// form): one Email field, then this portal's ways in, the one last used on this browser first.
/// </summary>
public class EmailFirstSignInComponentTests : PortalComponentTest
{
    public EmailFirstSignInComponentTests() =>
        Services.AddSingleton(new ExternalSignIn([new ExternalProvider("google", "Google")]));

    private static HttpContext Request(string? postedForm = null, string? email = null, string? lastMethod = null)
    {
        var http = new DefaultHttpContext();
        if (lastMethod is not null) http.Request.Headers.Cookie = $"cp.signin-method={lastMethod}";
        if (postedForm is not null)
        {
            http.Request.Method = "POST";
            http.Request.ContentType = "application/x-www-form-urlencoded";
            http.Request.Form = new FormCollection(new Dictionary<string,
                StringValues> { ["_handler"] = postedForm, ["Input.Email"] = email ?? "" });
        }
        return http;
    }

    private IRenderedComponent<EmailFirstSignIn> RenderSignIn(HttpContext http) =>
        Render<EmailFirstSignIn>(p => p.AddCascadingValue(http).Add(c => c.PasswordForm, "learner-login")
            .Add(c => c.Password,
                method => b =>
                b.AddMarkupContent(0,
                $"""
                <p data-testid="password-method" data-primary="{method.Primary}">password for {method.Email}</p>
                """)));

    [Fact]
    public void First_one_email_field_and_nothing_else()
    {
        var cut = RenderSignIn(Request());
        Assert.Single(cut.FindAll("input[type=email]"));
        Assert.NotNull(cut.Find("[data-testid=continue-email]"));
        Assert.Empty(cut.FindAll("[data-testid=password-method]"));
        Assert.Empty(cut.FindAll("[data-testid=request-link]"));
    }

    [Fact]
    public void Then_every_way_in_for_the_address_carried_hidden_link_first()
    {
        // A second-step form posted (here "email me a code" with a bad answer would re-render): the step stays.
        var cut = RenderSignIn(Request("request-code", "ada@example.com"));
        Assert.Equal("ada@example.com", cut.Find("[data-testid=chosen-email]").TextContent);
        Assert.Empty(cut.FindAll("input[type=email]"));
        Assert.All(cut.FindAll("input[type=hidden][name='Input.Email']"),
            i => Assert.Equal("ada@example.com", i.GetAttribute("value")));
        var ways = cut.FindAll("[data-testid=request-link], [data-testid=request-code], " +
            "[data-testid=password-method], [data-testid=external-login-google]")
            .Select(e => e.GetAttribute("data-testid")).ToList();
        Assert.Equal(["request-link", "request-code", "password-method", "external-login-google"], ways);
        Assert.Contains("mud-button-filled", cut.Find("[data-testid=request-link]").ClassName);
        Assert.Equal("False", cut.Find("[data-testid=password-method]").GetAttribute("data-primary"));
        Assert.DoesNotContain("Last used on this browser", cut.Markup);
    }

    [Fact]
    public void The_way_last_used_on_this_browser_comes_first_and_is_the_main_button()
    {
        var cut = RenderSignIn(Request("request-link", "ada@example.com", lastMethod: SignInMethodMemory.Password));
        var ways = cut.FindAll("[data-testid=request-link], [data-testid=request-code], " +
            "[data-testid=password-method], [data-testid=external-login-google]")
            .Select(e => e.GetAttribute("data-testid")).ToList();
        Assert.Equal("password-method", ways[0]);
        Assert.Equal("True", cut.Find("[data-testid=password-method]").GetAttribute("data-primary"));
        Assert.Contains("mud-button-outlined", cut.Find("[data-testid=request-link]").ClassName);
        Assert.Contains("Last used on this browser", cut.Markup);

        var google = RenderSignIn(Request("request-link", "ada@example.com",
            lastMethod: SignInMethodMemory.External("google")));
        Assert.Equal("external-login-google",
            google.FindAll("[data-testid^=request-], [data-testid=password-method], " +
            "[data-testid=external-login-google]")[0].GetAttribute("data-testid"));
    }
}
