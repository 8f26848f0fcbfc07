using System.Data.Common;
using ClientPortal.App.Features.Learners;
using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Identity;
using ClientPortal.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.Tests.Learners.Services;

/// <summary>
/// The sign-in write makes a learner's account by hand (LearnerAccountRows); the rows must be what Identity's own
/// UserManager.CreateAsync and AddToRoleAsync write, or Identity would later read or update them differently.
/// </summary>
public class LearnerAccountRowsTests
{
    // Columns that name the person or are random by design; the rest must be equal.
    private static readonly string[] Personal =
        ["Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "SecurityStamp", "ConcurrencyStamp",
            "ContactId", "CreatedAt"];

    [Fact]
    public async Task A_hand_written_learner_account_has_the_rows_UserManager_writes()
    {
        await using var host = await DomainHost.StartAsync();
        var byHand = await Seed.ContactAsync(host, "By.Hand@Example.com", "Ada");
        var byIdentity = await Seed.ContactAsync(host, "By.Identity@Example.com", "Ada");

        var handId = (await host.Get<LearnerAccounts>().EnsureAccountAsync(byHand)).Value!.Id;
        string identityId;
        await using (var work = host.Get<IdentityWorkFactory>().Open())
        {
            var user = new PortalUser
            {
                UserName = "By.Identity@Example.com", Email = "By.Identity@Example.com", EmailConfirmed = true,
                    DisplayName = "Ada",
                ContactId = byIdentity, CreatedAt = DateTime.UtcNow,
            };
            Assert.True((await work.Users.CreateAsync(user)).Succeeded);
            Assert.True((await work.Users.AddToRoleAsync(user, Roles.Learner)).Succeeded);
            identityId = user.Id;
        }

        await using var db = host.NewDb();
        var hand = await RowAsync(db, handId);
        var identity = await RowAsync(db, identityId);
        Assert.Equal(identity.Keys.Order(), hand.Keys.Order());
        foreach (var column in identity.Keys.Except(Personal))
            Assert.True(Equals(identity[column], hand[column]),
                $"{column}: Identity wrote '{identity[column]}', the sign-in write '{hand[column]}'");
        var normalizer = host.Get<ILookupNormalizer>();
        Assert.Equal((normalizer.NormalizeName("By.Hand@Example.com"),
            normalizer.NormalizeEmail("By.Hand@Example.com")),
            (hand["NormalizedUserName"], hand["NormalizedEmail"]));
        Assert.All(["SecurityStamp", "ConcurrencyStamp"],
            c => Assert.True(hand[c] is string { Length: >= 32 }, $"{c}: '{hand[c]}'"));

        // And Identity reads and updates it as one of its own.
        await using var check = host.Get<IdentityWorkFactory>().Open();
        var found = await check.Users.FindByEmailAsync("by.hand@example.com");
        Assert.Equal(handId, found?.Id);
        Assert.Equal([Roles.Learner], await check.Users.GetRolesAsync(found!));
        Assert.Equal([Roles.Learner], await check.Users.GetRolesAsync((await check.Users.FindByIdAsync(identityId))!));
        Assert.True((await check.Users.UpdateSecurityStampAsync(found!)).Succeeded);
    }

    private static async Task<Dictionary<string, object?>> RowAsync(DbContext db, string id)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT * FROM "AspNetUsers" WHERE "Id" = @id""";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = id;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return Enumerable.Range(0, reader.FieldCount)
            .ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    }
}
