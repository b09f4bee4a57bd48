using System.CommandLine;
using CodeExecution.Core;
using CodeExecution.Core.Model;

namespace CodeExecution.Cli.Commands;

/// <summary>Options the commands share, and the executor they configure.</summary>
internal static class CommonOptions
{
    /// <summary>Exit code for a request the service refused (invalid, too large, unsupported).</summary>
    public const int RequestRefusedExitCode = 2;

    public static readonly Option<DirectoryInfo?> RuntimesDirectory = new("--runtimes")
    {
        Description = "Folder holding the runtime manifest (default: the runtimes folder beside codeexec).",
        Recursive = true,
    };

    public static readonly Option<DirectoryInfo?> CacheDirectory = new("--cache-dir")
    {
        Description = "Folder for precompiled modules (default: the per-user cache).",
        Recursive = true,
    };

    /// <summary>For the commands that show progress on stderr (<c>batch</c>, <c>job --wait</c>): stderr keeps only messages.</summary>
    public static readonly Option<bool> NoProgress = new("--no-progress")
    {
        Description = "Show no progress on stderr (shown by default: redrawn on a terminal, a few plain lines otherwise).",
    };

    /// <summary>An initialized executor; with <paramref name="languages"/>, only the runtimes serving them are loaded.</summary>
    public static async Task<CodeExecutor> CreateExecutorAsync(
        ParseResult parse, int? concurrency, CancellationToken cancellationToken, IReadOnlyList<ExecutionLanguage>? languages = null)
    {
        var executor = new CodeExecutor(new CodeExecutorOptions
        {
            RuntimesDirectory = parse.GetValue(RuntimesDirectory)?.FullName,
            ModuleCacheDirectory = parse.GetValue(CacheDirectory)?.FullName,
            MaxConcurrency = concurrency ?? Environment.ProcessorCount,
            Languages = languages,
        });
        await executor.InitializeAsync(cancellationToken);
        return executor;
    }
}
