namespace Supervisor.Master;

/// <summary>Removes a file the master created when the master is done with it.</summary>
internal sealed class DeleteOnDispose : IDisposable
{
    private readonly string _path;

    public DeleteOnDispose(string path)
    {
        _path = path;
    }

    public void Dispose() => File.Delete(_path);
}
