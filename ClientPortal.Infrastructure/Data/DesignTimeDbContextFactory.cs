using Microsoft.EntityFrameworkCore.Design;

namespace ClientPortal.Infrastructure.Data;

/// <summary>
/// How `dotnet ef` (migrations add, has-pending-model-changes) builds the context: the same provider settings as the
/// running portal, over a scratch folder it never needs to open.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        PortalDatabase.Standalone(DatabaseTarget.Sqlite(Path.GetTempPath()));
}
