namespace ClientPortal.App.Hosting;

/// <summary>
/// Where things are for this process. The published single file extracts its bundled files (assemblies, wwwroot)
/// to a cache folder and runs from there; its appsettings.json and (relative) data folder are beside the executable.
/// Built or `dotnet run` output keeps both where they were: content beside the assemblies, data under the working
/// directory.
/// </summary>
public static class ExecutableLayout
{
    public static readonly string? ExecutableDirectory = Path.GetDirectoryName(Environment.ProcessPath);

    public static readonly bool IsExtractedSingleFile =
        // Not GetFileNameWithoutExtension: "ClientPortal.App" would lose its ".App".
        Path.GetFileName(Environment.ProcessPath) == typeof(ExecutableLayout).Assembly.GetName()
            .Name + (OperatingSystem.IsWindows() ? ".exe" : "")
        && ExecutableDirectory is not null
        && Path.GetFullPath(ExecutableDirectory).TrimEnd('/') != Path.GetFullPath(AppContext.BaseDirectory)
            .TrimEnd('/');

    /// <summary>Where appsettings.json is read from.</summary>
    public static string ContentRoot => IsExtractedSingleFile ? ExecutableDirectory! : AppContext.BaseDirectory;

    public static string? WebRoot => IsExtractedSingleFile ? Path.Combine(AppContext.BaseDirectory, "wwwroot") : null;

    /// <summary>What a relative Portal:DataDirectory is relative to.</summary>
    public static string DataBase => IsExtractedSingleFile ? ExecutableDirectory! : Directory.GetCurrentDirectory();
}
