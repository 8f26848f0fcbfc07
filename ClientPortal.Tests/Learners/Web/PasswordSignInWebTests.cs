using System.Diagnostics;
using System.Net;
using ClientPortal.App.Features.Setup;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ClientPortal.Tests.Learners.Web;

/// <summary>
/// A portal whose test clients can each come from their own address: TestServer gives every request the same
/// (empty) one, so a header the test sets stands in for the connection's address, ahead of the app's own pipeline.
/// </summary>
public sealed class AddressedPortalFactory : PortalFactory
{
    public const string AddressHeader = "X-Test-Client-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, AddressFromHeader>());
    }

    public HttpClient ClientFrom(string address)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    private sealed class AddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader],
                    out var address)) context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Password sign-in tells nobody which accounts exist, and nobody can lock another person out.</summary>
public class PasswordSignInWebTests(AddressedPortalFactory factory, ITestOutputHelper output)
    : IClassFixture<AddressedPortalFactory>
{
    private const string OwnerEmail = "owner@example.com";
    private const string OwnerPassword = "Str0ng!Passw0rd";

    private async Task EnsureOwnerAsync()
    {
        var setup = factory.Services.GetRequiredService<OwnerSetup>();
        if (!await setup.HasOwnerAsync()) await setup.CreateOwnerAsync(OwnerEmail, null, OwnerPassword);
    }

    private static async Task<string> SignInAsync(HttpClient client, string form, string email, string password)
    {
        var (page, name) = form == "team" ? ("/account/login", "team-login") : ("/login", "learner-login");
        var response = await Forms.SubmitAsync(client, page, name,
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        return response.StatusCode == HttpStatusCode.Redirect ? "signed in"
            : WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("learner")]
    [InlineData("team")]
    public async Task A_refused_password_is_not_written_back_into_the_page(string form)
    {
        await EnsureOwnerAsync();
        var answer = await SignInAsync(factory.ClientFrom("198.51.100.41"), form, OwnerEmail, "Not-the-Passw0rd");
        Assert.Contains("Wrong email or password", answer);
        Assert.DoesNotContain("Not-the-Passw0rd", answer);
        Assert.Contains(OwnerEmail, answer); // the email stays, for the next try
    }

    [Fact]
    public async Task Wrong_passwords_slow_one_address_answer_like_an_unknown_email_and_tell_the_owner()
    {
        await EnsureOwnerAsync();
        var attacker = factory.ClientFrom("203.0.113.7");

        // Five wrong passwords for the Owner from the learner page, and five for an email nobody has: the same answers.
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains("Wrong email or password",
                await SignInAsync(attacker, "learner", OwnerEmail, $"guess-{i}"));
            Assert.Contains("Wrong email or password",
                await SignInAsync(attacker, "learner", "nobody@example.com", $"guess-{i}"));
        }
        foreach (var email in new[] { OwnerEmail, "nobody@example.com" })
        {
            var answer = await SignInAsync(attacker, "learner", email, "guess-6");
            Assert.Contains("Too many wrong passwords for this email from your network", answer);
            Assert.DoesNotContain("locked", answer);
        }
        // Even the right password waits at that address: guessing cannot go on.
        Assert.Contains("Too many wrong passwords",
            await SignInAsync(factory.ClientFrom("203.0.113.7"), "team", OwnerEmail, OwnerPassword));

        // The Owner, from her own address, is not locked out.
        Assert.Equal("signed in",
            await SignInAsync(factory.ClientFrom("198.51.100.20"), "team", OwnerEmail, OwnerPassword));

        // ...and her feed says what happened (written in the background, so the answer took no longer).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>()
            .CreateDbContextAsync();
        while (!await db.AuditEvents.AnyAsync(e => e.Action == "signin.throttled" && e.Subject == OwnerEmail))
        {
            Assert.True(DateTime.UtcNow < deadline, "No slowed-down sign-in in the activity feed.");
            await Task.Delay(100);
        }
        var told = await db.AuditEvents.SingleAsync(e => e.Action == "signin.throttled");
        Assert.Contains("5 wrong passwords in a row from 203.0.113.7", told.Details);
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == "signin.throttled"
            && e.Subject == "nobody@example.com"));
    }

    [Fact]
    public async Task After_a_hundred_wrong_passwords_from_anywhere_the_password_way_pauses_but_links_sign_in()
    {
        await EnsureOwnerAsync();
        var contact = await new PortalData(factory.Services).ContactAsync("ceiling@example.com");
        var throttle = factory.Services.GetRequiredService<ClientPortal.App.Features.Security.SignInThrottle>();
        // A botnet: each address guesses once, which no per-address limit sees. The last guesses go through the form.
        foreach (var email in new[] { "ceiling@example.com", "nobody-ceiling@example.com" })
        {
            for (var i = 0; i < ClientPortal.App.Features.Security.SignInThrottle.AccountCeiling - 1; i++)
                throttle.RecordFailure(email, $"192.0.2.{i}", accountExists: email.StartsWith("ceiling"));
            Assert.Contains("Wrong email or password",
                await SignInAsync(factory.ClientFrom("198.51.100.99"), "learner", email, "guess"));
            // Now paused for everyone, from any address, known or unknown email alike.
            Assert.Contains("Password sign-in for this email is paused",
                await SignInAsync(factory.ClientFrom("198.51.100.100"), "learner", email, "guess"));
        }
        // The other ways in still work.
        var signedIn = await factory.SignedInViaLinkAsync(contact);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/")).StatusCode);
        // And other accounts are untouched.
        Assert.Equal("signed in",
            await SignInAsync(factory.ClientFrom("198.51.100.101"), "team", OwnerEmail, OwnerPassword));
    }

    [Theory]
    [InlineData("team")]
    [InlineData("learner")]
    public async Task An_unknown_email_costs_a_password_check_like_a_known_one(string form)
    {
        await EnsureOwnerAsync();
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 31; i++)
        {
            // Each sample from its own address, so the throttle never answers early.
            foreach (var (email, times) in new[] { (OwnerEmail, known), ($"nobody{i}@example.com", unknown) })
            {
                var client = factory.ClientFrom($"10.{(form == "team" ? 1 : 2)}.{i}.{(times == known ? 1 : 2)}");
                var page = await client.GetStringAsync(form == "team" ? "/account/login"
                    : "/login"); // warm the client outside the timing
                Assert.NotEmpty(page);
                var watch = Stopwatch.StartNew();
                var answer = await SignInAsync(client, form, email, "not-the-password");
                watch.Stop();
                Assert.Contains("Wrong email or password", answer);
                if (i > 0) times.Add(watch.Elapsed.TotalMilliseconds); // the first pair warms up the server
            }
        }
        double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        output.WriteLine($"FIGURE {form} sign-in, wrong password: known email median {Median(known):F1} ms, unknown " +
            $"email median {Median(unknown):F1} ms");
        // Before, an unknown email skipped the password hash and answered ~14x faster; now both verify one.
        Assert.True(Median(unknown) >= 0.5 * Median(known),
            $"Unknown emails answer faster ({Median(unknown):F1} ms) than known ones ({Median(known):F1} ms): the " +
                "difference tells which accounts exist.");
    }
}
