namespace CodeExecution.Testing;

/// <summary>The repository's root folder, found upwards from the test assembly.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string BuildConfiguration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "CodeExecution.Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CodeExecution.Functions.sln above {AppContext.BaseDirectory}.");
    }
}
