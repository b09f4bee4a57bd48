namespace CodeExecution.Core.Validation;

/// <summary>Bounds on a request that do not depend on its limits (the seed's input validation).</summary>
public static class RequestLimits
{
    /// <summary>Largest program, in UTF-8 bytes (100 KiB).</summary>
    public const int MaxCodeBytes = 100 * 1024;

    public const int MaxArgs = 20;

    public const int MaxArgLength = 1000;

    public const int MaxEnvVariables = 100;

    /// <summary>Longest environment variable name plus value, in characters.</summary>
    public const int MaxEnvEntryLength = 4096;

    public const int MaxWorkingDirectoryLength = 256;

    /// <summary>Longest name in <c>workingDirectory</c>, in UTF-8 bytes: the file system's own limit (NAME_MAX).</summary>
    public const int MaxPathComponentBytes = 255;

    /// <summary>Most files a request may give.</summary>
    public const int MaxFiles = 100;

    /// <summary>Longest path of a request's file, in characters.</summary>
    public const int MaxFilePathLength = 1024;

    /// <summary>Most patterns in <c>outputFiles</c>.</summary>
    public const int MaxOutputFilePatterns = 20;
}
