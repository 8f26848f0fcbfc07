namespace ClientPortal.Tests.Support;

/// <summary>Where browser tests save the screenshots the README shows (copied into docs/screenshots by hand).</summary>
public static class Screenshots
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "screenshots");
}
