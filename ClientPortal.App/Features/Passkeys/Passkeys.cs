using System.Security.Claims;
using System.Text.Json;
using ClientPortal.App.Identity;
using ClientPortal.Domain;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Events;
using ClientPortal.Domain.Security;
using ClientPortal.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClientPortal.App.Features.Passkeys;

/// <summary>
/// The passkey (WebAuthn) ceremonies, through Identity's SignInManager: adding one to the signed-in account and signing
/// in with one. Per request (SignInManager keeps a ceremony's state in a cookie of the request), so it serves
/// endpoints, never a circuit; listing, renaming and removing are <see cref="PasskeyAccounts"/>'.
/// </summary>
public sealed class Passkeys(SignInManager<PortalUser> signIn, LearnerSignIn learners,
    IDbContextFactory<PortalDbContext> dbFactory,
    TimeProvider clock, ILogger<Passkeys> logger)
{
    /// <summary>What every refused passkey sign-in says: nothing about which part failed.</summary>
    public const string Refusal = "That passkey did not sign you in. Try again, or ask for a login link.";

    private UserManager<PortalUser> Users => signIn.UserManager;

    /// <summary>The options the browser needs to create a passkey for the signed-in person (null when signed
    /// out).</summary>
    public async Task<string?> CreationOptionsAsync(ClaimsPrincipal principal)
    {
        if (await Users.GetUserAsync(principal) is not { } user) return null;
        var name = user.Email ?? user.UserName ?? user.Id;
        return await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity { Id = user.Id, Name = name,
            DisplayName = user.DisplayName ?? name });
    }

    /// <summary>Verifies what the browser created and keeps it as the signed-in person's passkey.</summary>
    public async Task<Outcome> AddAsync(ClaimsPrincipal principal, string? credentialJson, string? ipAddress)
    {
        if (await Users.GetUserAsync(principal) is not { } user) return Outcome.Fail("Sign in again to add a passkey.");
        if (string.IsNullOrWhiteSpace(credentialJson)) return Outcome.Fail("Your browser did not create a passkey.");
        PasskeyAttestationResult attestation;
        try
        {
            attestation = await signIn.PerformPasskeyAttestationAsync(credentialJson);
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException)
        {
            logger.LogWarning("A passkey was not added: {Reason}", e.Message);
            return Outcome.Fail("The passkey could not be added: start again from the button.");
        }
        if (!attestation.Succeeded)
        {
            logger.LogWarning("A passkey was not added: {Reason}", attestation.Failure.Message);
            return Outcome.Fail($"The passkey could not be added: {attestation.Failure.Message}");
        }
        if (attestation.UserEntity.Id != user.Id) return Outcome.Fail("The passkey could not be added: it was made " +
            "for another account.");
        var now = clock.GetUtcNow().UtcDateTime;
        attestation.Passkey.Name = $"Passkey added {now:d MMM yyyy}";
        var saved = await Users.AddOrUpdatePasskeyAsync(user, attestation.Passkey);
        if (!saved.Succeeded) return Outcome.Fail(saved.Errors.Select(e => e.Description).ToArray());
        await RecordAsync(new PasskeyAdded(user.ContactId, attestation.Passkey.Name, Actor(user, ipAddress), now));
        return Outcome.Ok;
    }

    /// <summary>The options for a sign-in with any passkey of this portal (the browser offers the ones it
    /// holds).</summary>
    public Task<string> RequestOptionsAsync() => signIn.MakePasskeyRequestOptionsAsync(null);

    /// <summary>
    /// Signs in with the passkey the browser used: a learner as by any other method (their entry recorded), a team
    /// member with the passkey counting as both factors. A disabled or locked account, or a deleted contact, is refused
    /// alike.
    /// </summary>
    public async Task<Outcome<PortalUser>> SignInAsync(HttpContext http, string? credentialJson)
    {
        if (string.IsNullOrWhiteSpace(credentialJson)) return Outcome<PortalUser>.Fail(Refusal);
        PasskeyAssertionResult<PortalUser> assertion;
        try
        {
            assertion = await signIn.PerformPasskeyAssertionAsync(credentialJson);
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException)
        {
            // No ceremony of this browser under way (a replayed or forged post), or no credential at all.
            logger.LogInformation("A passkey sign-in was refused: {Reason}", e.Message);
            return Outcome<PortalUser>.Fail(Refusal);
        }
        if (!assertion.Succeeded)
        {
            logger.LogInformation("A passkey sign-in was refused: {Reason}", assertion.Failure.Message);
            return Outcome<PortalUser>.Fail(Refusal);
        }
        var user = assertion.User;
        if (user.IsDisabled || await Users.IsLockedOutAsync(user)) return Outcome<PortalUser>.Fail(Refusal);
        // The counter and backup state the authenticator reported, so a cloned authenticator shows up.
        await Users.AddOrUpdatePasskeyAsync(user, assertion.Passkey);
        if (user.ContactId is { } contactId)
        {
            if (!(await learners.SignInContactAsync(http, contactId, "passkey"))
                .Succeeded) return Outcome<PortalUser>.Fail(Refusal);
        }
        else
        {
            await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "passkey");
        }
        await MarkUsedAsync(assertion.Passkey.CredentialId);
        return Outcome<PortalUser>.Success(user);
    }

    private async Task MarkUsedAsync(byte[] credentialId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.PasskeyUses.FindAsync(credentialId) is { } use) use.LastUsedAt = now;
        else db.PasskeyUses.Add(new PasskeyUse { CredentialId = credentialId, LastUsedAt = now });
        await db.SaveChangesAsync();
    }

    private async Task RecordAsync(IDomainEvent e)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.Raise(e);
        await db.SaveChangesAsync();
    }

    private static Actor Actor(PortalUser user, string? ip) => new(user.Id, user.Email ?? "", null, ip);
}
