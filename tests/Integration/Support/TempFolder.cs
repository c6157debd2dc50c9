namespace Integration.Support;

/// <summary>A folder of the test's own under the temp folder, removed with what is in it.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("supervisor-it-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A socket file a process still held; temp is cleaned eventually.
        }
    }
}
