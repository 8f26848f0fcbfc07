using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClientPortal.Infrastructure.Data;
using ClientPortal.Infrastructure.Events;
using ClientPortal.Infrastructure.Identity;
using ClientPortal.Infrastructure.Settings;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientPortal.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>The database (one context per operation through the factory) and the core services.</summary>
    /// <param name="database">The configured database; the embedded SQLite file in <paramref name="dataDirectory"/>
    /// when null.</param>
    public static IServiceCollection AddPortalData(this IServiceCollection services, string dataDirectory,
        KeyProtectionOptions? keyProtection = null, DatabaseTarget? database = null, string? nodeName = null)
    {
        var tightened = DataFolder.Secure(dataDirectory);
        services.AddSingleton(new DataFolderReport(tightened));
        database ??= DatabaseTarget.Sqlite(dataDirectory);
        services.AddSingleton(database);
        services.AddSingleton(PortalNode.For(nodeName, dataDirectory));
        // Pooled: a fresh context builds its internal services on first use, a cost every sign-in would otherwise pay.
        services.AddSingleton<DomainEventsInterceptor>();
        services.AddSingleton<SqliteWriteTurns>();
        services.AddPooledDbContextFactory<PortalDbContext>((sp, o) =>
        {
            PortalDatabase.Configure(o, database);
            // Before the events interceptor: a turn ends at the commit, before listeners hear of it (and may write).
            if (!database.IsPostgreSql) o.AddInterceptors(sp.GetRequiredService<SqliteWriteTurns>());
            o.AddInterceptors(sp.GetRequiredService<DomainEventsInterceptor>());
        });
        // Identity's stores take a scoped context: lent from the same pool, returned when the scope ends.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        services.AddSingleton<IdentityWorkFactory>();
        // The context's Identity tables follow this, in every host (web, command line, tests).
        services.Configure<IdentityOptions>(PortalDbContext.UseIdentitySchema);
        // Keys beside the database: restarts keep everyone signed in and links valid. On PostgreSQL, in the database,
        // so that every node reads the same keys: a cookie, antiforgery token or sealed email body made on one node
        // opens on any other.
        var protection = services.AddDataProtection().SetApplicationName("ClientPortal");
        if (database.IsPostgreSql) protection.PersistKeysToDbContext<PortalDbContext>();
        else protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        protection
            // AES-256-GCM instead of the default CBC + HMAC: one authenticated pass instead of encrypt-then-MAC, paid
            // on every sign-in (antiforgery, cookie) and twice per queued email.
            // Applies to keys created from now on; payloads under older keys still read with their own algorithm.
            .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration
            {
                EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM,
                ValidationAlgorithm = ValidationAlgorithm.HMACSHA256,
            });
        if (keyProtection?.CertificatePath is { Length: > 0 } certificatePath)
            protection.ProtectKeysWithCertificate(LoadKeyCertificate(certificatePath,
                keyProtection.CertificatePassword));
        // Stateless, and used by singletons (learner accounts): registered before Identity's scoped default so no
        // singleton holds a scoped service.
        services.AddSingleton<ILookupNormalizer, UpperInvariantLookupNormalizer>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DomainEvents>();
        services.AddSingleton<EventListeners>();
        services.AddSingleton<WriteGate>();
        services.AddSingleton<GroupCommit>();
        services.AddSingleton<Identity.LearnerAccountRows>();
        services.AddSingleton<Data.Writes.SignInWrites>();
        services.AddSingleton<Domain.SignIn.ISignInWrites>(sp => sp.GetRequiredService<Data.Writes.SignInWrites>());
        services.AddSingleton<Domain.SignIn.IDeliveryMarks>(sp => sp.GetRequiredService<Data.Writes.SignInWrites>());
        services.AddSingleton(sp =>
            new PortalBackup(sp.GetRequiredService<IDbContextFactory<PortalDbContext>>(), database, dataDirectory,
            keysUnderCertificate: keyProtection?.CertificatePath is { Length: > 0 }));
        return services;
    }

    private static X509Certificate2 LoadKeyCertificate(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            if (!certificate.HasPrivateKey) throw new InvalidOperationException("it holds no private key, which " +
                "reading the keys back needs");
            return certificate;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or
            InvalidOperationException)
        {
            throw new InvalidOperationException($"Portal:KeyProtection:CertificatePath: cannot use {path}: " +
                $"{ex.Message}",
                ex);
        }
    }
}
