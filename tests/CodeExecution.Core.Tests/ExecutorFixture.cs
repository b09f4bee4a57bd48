using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>One initialized executor (one engine, modules compiled or deserialized once) shared by a test collection.</summary>
public sealed class ExecutorFixture : IAsyncLifetime
{
    /// <summary>Precompiled modules shared by test runs on this machine, so only the first run compiles.</summary>
    public static readonly string ModuleCacheDirectory = Path.Combine(Path.GetTempPath(), "codeexec-tests", "modules");

    public CodeExecutor Executor { get; } = new(new CodeExecutorOptions
    {
        ModuleCacheDirectory = ModuleCacheDirectory,
        MaxConcurrency = 4,
    });

    public Task InitializeAsync() => Executor.InitializeAsync();

    public Task DisposeAsync()
    {
        Executor.Dispose();
        return Task.CompletedTask;
    }

    public Task<ExecutionResult> RunAsync(ExecutionLanguage language, string code, string? input = null, ExecutionLimits? limits = null, IReadOnlyList<string>? args = null, IReadOnlyDictionary<string, string>? env = null) =>
        Executor.ExecuteAsync(new ExecutionRequest { Language = language, Code = code, Input = input, Limits = limits, Args = args, Env = env });
}

[CollectionDefinition(Name)]
public sealed class ExecutorCollection : ICollectionFixture<ExecutorFixture>
{
    public const string Name = "executor";
}
