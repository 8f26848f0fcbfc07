namespace ClientPortal.Tests.Support;

/// <summary>A fresh folder under /tmp for one test's data, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("cp-test-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process under test may still hold a file for a moment; /tmp is cleaned anyway.
        }
    }
}
