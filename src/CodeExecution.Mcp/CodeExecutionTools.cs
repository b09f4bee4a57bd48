using System.ComponentModel;
using CodeExecution.Core;
using CodeExecution.Core.Errors;
using CodeExecution.Core.Model;
using CodeExecution.Core.Statistics;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CodeExecution.Mcp;

/// <summary>
/// What an AI agent gets over the Model Context Protocol (<c>codeexec mcp</c>, <c>/api/mcp</c>): run a program in the
/// sandbox, and see which languages can run.
/// </summary>
[McpServerToolType]
public sealed class CodeExecutionTools(CodeExecutor executor, RunRequest run)
{
    /// <summary>How the server names itself to a client, over stdio and over HTTP alike.</summary>
    public static Implementation ServerInfo { get; } = new()
    {
        Name = "codeexec",
        Version = typeof(CodeExecutionTools).Assembly.GetName().Version?.ToString() ?? "1.0.0",
    };

    [McpServerTool(Name = "run_code", Title = "Run code in a sandbox", ReadOnly = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Runs a Python, JavaScript, TypeScript or Ruby program, or a WASI preview 1 module compiled from C, C++, Rust... (language wasm), in a WebAssembly sandbox, with no files and no network beyond the hosts in allowHosts, and answers its stdout, stderr, exit code, verdict (success, failure, timeout, memoryLimit, outputLimit or instructionLimit) and the HTTP requests it made.")]
    public async Task<RunCodeResult> RunCodeAsync(
        [Description("python, javascript, typescript, ruby or wasm (also py, js, ts, rb).")] string language,
        [Description("The program's source; for wasm, the module's bytes in base64.")] string code,
        [Description("Text given to the program on stdin.")] string? input = null,
        [Description("Command-line arguments the program sees.")] string[]? args = null,
        [Description("Time limit in ms, 100 to 10000 (default 5000).")] int? timeoutMs = null,
        [Description("Memory limit in MB, 16 to 512 (default 256).")] int? maxMemoryMB = null,
        [Description("Output limit in bytes, stdout and stderr together (default 1 MB).")] int? maxOutputSize = null,
        [Description("An instruction budget, 1000000 to 1000000000000: the same program counts the same on any machine, however loaded (default none).")] long? maxInstructions = null,
        [Description("Host names (api.example.com) or *.domain the program may send HTTP(S) requests to, through the host: JavaScript's fetch, Python's urllib and http.client; public addresses only. No network when left out.")] string[]? allowHosts = null,
        CancellationToken cancellationToken = default)
    {
        if (!ExecutionLanguageNames.TryParse(language, out var known))
        {
            throw new McpException($"language: '{language}' is not one of {string.Join(", ", ExecutionLanguageNames.Canonical)} (or py, js, ts, rb).");
        }

        var request = new ExecutionRequest
        {
            Language = known.Value,
            Code = code,
            Input = input,
            Args = args,
            Limits = timeoutMs is null && maxMemoryMB is null && maxOutputSize is null && maxInstructions is null && allowHosts is null
                ? null
                : new ExecutionLimits
                {
                    TimeoutMs = timeoutMs, MaxMemoryMB = maxMemoryMB, MaxOutputSize = maxOutputSize, MaxInstructions = maxInstructions,
                    AllowNetwork = allowHosts is null ? null : true,
                },
            Network = allowHosts is null ? null : new NetworkAccess { Allow = allowHosts },
        };
        ExecutionResult result;
        try
        {
            result = await run(request, cancellationToken);
        }
        catch (CodeExecutionError error)
        {
            throw new McpException(error.Message);
        }

        return new RunCodeResult(result.Stdout, result.Stderr, result.ExitCode, ExecutionOutcomes.Of(result), result.Error, result.ExecutionTime, result.Network);
    }

    [McpServerTool(Name = "languages", Title = "Languages the sandbox runs", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("The languages run_code accepts, with their runtime, version and whether they are available now.")]
    public LanguagesResult Languages() =>
        new([.. Enum.GetValues<ExecutionLanguage>().Select(executor.GetEnvironmentInfo).Select(info =>
            new LanguageInfo(info.Language.ToName(), info.Runtime, info.Version, info.Available))]);
}

/// <summary>What <c>languages</c> answers (an object, as MCP's structured content must be).</summary>
public sealed record LanguagesResult(IReadOnlyList<LanguageInfo> Languages);

/// <summary>
/// How <c>run_code</c> runs a request: when a sandbox is free for the CLI, through the instance's bounded wait queue for
/// the Functions app. A request that cannot run throws <see cref="CodeExecutionError"/>, or <see cref="McpException"/>
/// with the reason.
/// </summary>
public delegate Task<ExecutionResult> RunRequest(ExecutionRequest request, CancellationToken cancellationToken);

/// <summary>What <c>run_code</c> answers.</summary>
/// <param name="Verdict">success, failure, timeout, memoryLimit, outputLimit or instructionLimit: what the engine saw, not what the program printed.</param>
/// <param name="Error">Why the run did not succeed (the limit hit, the exit code); left out when it did.</param>
/// <param name="NetworkRequests">The HTTP requests the program asked for, in order, answered or refused; left out without <c>allowHosts</c>.</param>
public sealed record RunCodeResult(string Stdout, string Stderr, int ExitCode, string Verdict, string? Error, double ExecutionTimeMs, IReadOnlyList<NetworkRequestRecord>? NetworkRequests = null);

/// <summary>A language <c>run_code</c> accepts.</summary>
public sealed record LanguageInfo(string Language, string Runtime, string Version, bool Available);
