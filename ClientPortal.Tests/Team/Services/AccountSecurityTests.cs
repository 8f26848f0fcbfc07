using System.Security.Cryptography;
using ClientPortal.App.Features.Setup;
using ClientPortal.App.Features.Team;
using ClientPortal.Tests.Support;

namespace ClientPortal.Tests.Team.Services;

public class AccountSecurityTests
{
    private const string Password = "Str0ng!Passw0rd";

    [Fact]
    public async Task Authenticator_two_factor_turns_on_only_with_a_valid_code()
    {
        await using var host = await DomainHost.StartAsync();
        var owner = (await host.Get<OwnerSetup>().CreateOwnerAsync("owner@example.com", null, Password)).Value!;
        var security = host.Get<AccountSecurity>();

        var setup = await security.GetSetupAsync(owner.Id, "Client Portal");
        Assert.NotNull(setup);
        Assert.StartsWith("otpauth://totp/Client%20Portal%3Aowner%40example.com?secret=", setup!.OtpAuthUri);

        Assert.False((await security.EnableAsync(owner.Id, "000000")).Succeeded);
        Assert.False(await security.IsTwoFactorEnabledAsync(owner.Id));

        var enabled = await security.EnableAsync(owner.Id, Totp(setup.SharedKey, DateTimeOffset.UtcNow));
        Assert.True(enabled.Succeeded, enabled.ErrorText);
        Assert.Equal(10, enabled.Value!.Count);
        Assert.True(await security.IsTwoFactorEnabledAsync(owner.Id));

        Assert.True((await security.DisableAsync(owner.Id)).Succeeded);
        Assert.False(await security.IsTwoFactorEnabledAsync(owner.Id));
    }

    [Fact]
    public async Task Changing_password_needs_the_current_one()
    {
        await using var host = await DomainHost.StartAsync();
        var owner = (await host.Get<OwnerSetup>().CreateOwnerAsync("owner@example.com", null, Password)).Value!;
        var security = host.Get<AccountSecurity>();
        Assert.Contains("current password is wrong",
            (await security.ChangePasswordAsync(owner.Id, "nope", "N3w!Password")).ErrorText);
        Assert.True((await security.ChangePasswordAsync(owner.Id, Password, "N3w!Password")).Succeeded);
    }

    /// <summary>RFC 6238 with SHA-1, 30-second steps, 6 digits: what an authenticator app shows.</summary>
    private static string Totp(string base32Key, DateTimeOffset at)
    {
        var key = Base32(base32Key);
        var step = at.ToUnixTimeSeconds() / 30;
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8)
            | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6");
    }

    private static byte[] Base32(string input)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in input.TrimEnd('=').ToUpperInvariant())
        {
            value = (value << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. output];
    }
}
