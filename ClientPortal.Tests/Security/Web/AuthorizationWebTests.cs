using System.Net;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.Learners;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static ClientPortal.Tests.Support.Http;

namespace ClientPortal.Tests.Security.Web;

/// <summary>Learners and anonymous visitors get no admin page and no admin data.</summary>
public class AuthorizationWebTests : IClassFixture<PortalFactory>
{
    private const string Password = "Learn3r!Password";
    private readonly PortalFactory _factory;

    public AuthorizationWebTests(PortalFactory factory) => _factory = factory;

    private static readonly string[] AdminPaths =
        ["/admin", "/admin/contacts", "/admin/contacts/1", "/admin/products", "/admin/offers", "/admin/grants/import",
            "/admin/team",
         "/admin/profile", "/admin/contacts/export"];

    private async Task<HttpClient> SignedInLearnerAsync()
    {
        var services = _factory.Services;
        var contact = await services.GetRequiredService<ContactDirectory>().FindByEmailAsync("learner@example.com")
                      ?? (await services.GetRequiredService<ContactDirectory>()
                          .CreateAsync(new ContactDetails("learner@example.com", "Lea", "Rner", null), Actor.System()))
                              .Value!;
        var account = (await services.GetRequiredService<LearnerAccounts>().EnsureAccountAsync(contact.Id)).Value!;
        await using (var scope = services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = (await users.FindByIdAsync(account.Id))!;
            if (!await users.HasPasswordAsync(user)) await users.AddPasswordAsync(user, Password);
        }
        var client = _factory.NewClient();
        var response = await Forms.SubmitAsync(client, "/login", "learner-login",
            new Dictionary<string, string> { ["Input.Email"] = "learner@example.com", ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Location(response));
        return client;
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_team_sign_in_for_every_admin_address()
    {
        var client = _factory.NewClient();
        foreach (var path in AdminPaths)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path} answered {response.StatusCode}");
            Assert.StartsWith("/account/login?ReturnUrl=", Location(response));
        }
    }

    [Fact]
    public async Task A_signed_in_learner_is_refused_every_admin_address_and_gets_no_data()
    {
        var client = await SignedInLearnerAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        foreach (var path in AdminPaths)
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path} answered {response.StatusCode}");
            Assert.StartsWith("/account/access-denied", Location(response));
            Assert.DoesNotContain("learner@example.com", await response.Content.ReadAsStringAsync());
        }
    }
}
