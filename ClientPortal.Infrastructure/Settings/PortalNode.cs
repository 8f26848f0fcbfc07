namespace ClientPortal.Infrastructure.Settings;

/// <summary>
/// This process among the portal's nodes (<c>Portal:NodeName</c>; by default the machine's name and the data folder,
/// which stay the same across restarts). Work a node leases (messages it sends, workflow runs it moves) carries the
/// name, so a node that restarts after a crash takes back its own unfinished work and never another node's.
/// </summary>
public sealed record PortalNode(string Name)
{
    public static PortalNode For(string? configured, string dataDirectory)
    {
        var name = string.IsNullOrWhiteSpace(configured) ? $"{Environment.MachineName}:{dataDirectory}"
            : configured.Trim();
        return new PortalNode(name.Length > 200 ? name[..200] : name);
    }
}
