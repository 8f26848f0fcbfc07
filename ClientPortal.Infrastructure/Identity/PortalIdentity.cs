using ClientPortal.Domain.Entities;
using ClientPortal.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Infrastructure.Identity;

public static class PortalIdentity
{
    /// <summary>Identity rules shared by the web host and the command line.</summary>
    public static void Configure(IdentityOptions o)
    {
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedAccount = false;
        o.Password.RequiredLength = 8;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
        o.Lockout.AllowedForNewUsers = true;
    }

    /// <summary>Identity without cookies or sign-in, for the command line.</summary>
    public static IServiceCollection AddPortalIdentityCore(this IServiceCollection services)
    {
        services.AddIdentityCore<PortalUser>(Configure)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders();
        return services;
    }
}
