using ClientPortal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace ClientPortal.Infrastructure.PostgreSql;

/// <summary>
/// How `dotnet ef` builds the context for PostgreSQL's migrations (this project as project and startup project). Adding
/// a migration or checking for model changes never connects; the connection string only names the provider.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        PortalDatabase.Standalone(new DatabaseTarget(DatabaseProvider.PostgreSql,
            "Host=localhost;Database=clientportal"));
}
