using System.Security.Claims;
using ClientPortal.Domain.Entities;
using ClientPortal.Domain.Security;

namespace ClientPortal.App.Identity;

public static class ActorExtensions
{
    public static Actor ToActor(this ClaimsPrincipal user, string? ipAddress = null) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier),
            user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown",
            Roles.Team.FirstOrDefault(user.IsInRole),
            ipAddress);

    public static bool IsTeam(this ClaimsPrincipal user) => Roles.Team.Any(user.IsInRole);
}
