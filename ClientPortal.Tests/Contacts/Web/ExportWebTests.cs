using System.Net;
using ClientPortal.App.Features.Contacts;
using ClientPortal.App.Features.Setup;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Tests.Contacts.Web;

public class ExportWebTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public ExportWebTests(PortalFactory factory) => _factory = factory;

    [Fact]
    public async Task Export_streams_the_filtered_contacts_as_safe_csv()
    {
        var services = _factory.Services;
        await services.GetRequiredService<OwnerSetup>().CreateOwnerAsync("owner@example.com", null, "Str0ng!Passw0rd");
        var directory = services.GetRequiredService<ContactDirectory>();
        await directory.CreateAsync(new ContactDetails("amy@example.com", "Amy", "=HYPERLINK(\"x\")", null, ["vip"]),
            Actor.System());
        await directory.CreateAsync(new ContactDetails("ben@example.com", "Ben", "Stone, Jr", null), Actor.System());
        // Full-width formula starts and a DDE pipe are formulas to spreadsheets too.
        await directory.CreateAsync(new ContactDetails("cy@example.com", "＝1+1", "|calc", null, ["＋x", "－y"]),
            Actor.System());
        await directory.CreateAsync(new ContactDetails("di@example.com", "＠SUM(A1)", "Ok", null), Actor.System());

        var client = _factory.NewClient();
        var login = await Forms.SubmitAsync(client, "/account/login", "team-login",
            new Dictionary<string,
                string> { ["Input.Email"] = "owner@example.com", ["Input.Password"] = "Str0ng!Passw0rd" });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        var all = await client.GetAsync("/admin/contacts/export?sort=Email&desc=false");
        Assert.Equal("text/csv", all.Content.Headers.ContentType!.MediaType);
        var lines = (await all.Content.ReadAsStringAsync()).TrimStart('\uFEFF')
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("email,first_name,last_name,status,tags,created_at,last_access_at", lines[0].TrimEnd('\r'));
        Assert.StartsWith("amy@example.com,Amy,\"'=HYPERLINK(\"\"x\"\")\",None,vip,", lines[1]);
        Assert.StartsWith("ben@example.com,Ben,\"Stone, Jr\",None,,", lines[2]);
        Assert.StartsWith("cy@example.com,'＝1+1,'|calc,None,'－y;＋x,", lines[3]);
        Assert.StartsWith("di@example.com,'＠SUM(A1),Ok,None,,", lines[4]);

        var vip = await client.GetStringAsync("/admin/contacts/export?tag=vip");
        Assert.Contains("amy@example.com", vip);
        Assert.DoesNotContain("ben@example.com", vip);
    }

    [Fact]
    public async Task Export_defuses_control_and_direction_characters_an_older_version_stored()
    {
        var services = _factory.Services;
        await services.GetRequiredService<OwnerSetup>().CreateOwnerAsync("owner@example.com", null, "Str0ng!Passw0rd");
        // Written past the text rule, as a row from before it would be.
        await using (var db =
            services.GetRequiredService<IDbContextFactory<PortalDbContext>>()
                         .CreateDbContext())
        {
            var contact = ClientPortal.Domain.Entities.Contact.Create(new
                ClientPortal.Domain.Entities.ContactDetails("old@example.com", "x", "y", null, null),
                DateTime.UtcNow);
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            await RelationalDatabaseFacadeExtensions.ExecuteSqlInterpolatedAsync(db.Database,
                $"""
                UPDATE "Contacts" SET "FirstName" = {"Ev\u202Eil\u0007"}, "LastName" = {"Esc\u001B[31m\u007F"}
                WHERE "Id" = {contact.Id}
                """);
        }
        var client = _factory.NewClient();
        await Forms.SubmitAsync(client, "/account/login", "team-login",
            new Dictionary<string,
                string> { ["Input.Email"] = "owner@example.com", ["Input.Password"] = "Str0ng!Passw0rd" });
        var csv = await client.GetStringAsync("/admin/contacts/export?search=old%40example.com");
        Assert.Contains("old@example.com,Evil,Esc[31m,", csv);
        Assert.DoesNotContain('\u202E', csv);
        Assert.DoesNotContain('\u001B', csv);
        Assert.DoesNotContain('\u0007', csv);
    }
}
