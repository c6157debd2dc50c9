namespace Supervisor.Tests.Support;

/// <summary>Finds files of the repository the tests were built from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string File(string relativePath) => Path.Combine(Root, relativePath);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "Supervisor.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Supervisor.sln above {AppContext.BaseDirectory}.");
    }
}
