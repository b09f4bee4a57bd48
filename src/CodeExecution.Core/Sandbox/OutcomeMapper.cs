using CodeExecution.Core.Model;
using Wasmtime;

namespace CodeExecution.Core.Sandbox;

/// <summary>
/// The one place that turns how a guest ended (exit, trap, limit hit) into an <see cref="ExecutionResult"/>.
/// </summary>
public static class OutcomeMapper
{
    /// <summary>Exit code of a program stopped at its time limit (as GNU <c>timeout</c> reports it).</summary>
    public const int TimeoutExitCode = 124;

    /// <summary>Exit code of a program stopped for writing past its output limit (as a broken pipe would).</summary>
    public const int OutputLimitExitCode = 141;

    /// <summary>Exit code of a program stopped for going over its directory's quota (as SIGXFSZ would end it).</summary>
    public const int FileSystemQuotaExitCode = 153;

    /// <summary>Exit code of a program stopped for using up its instruction budget (as SIGXCPU would end it).</summary>
    public const int InstructionLimitExitCode = 152;

    /// <summary>Exit code of a program that trapped (crashed) inside the sandbox.</summary>
    public const int CrashExitCode = 134;

    /// <summary>How close to its memory limit a trapped guest must be for the trap to count as running out of memory.</summary>
    private const long MemoryLimitSlack = 1024 * 1024;

    /// <summary>
    /// Whether a run that failed most likely failed for want of memory, for guests that cannot tell the host the engine
    /// refused them memory: a WASI program (<c>memory.grow</c> answers -1, malloc NULL, and it exits or aborts as it
    /// sees fit) and ruby.wasm (whose allocator leaves no sign the host could read). Wasmtime's limiter does not report
    /// refusals either, so the verdict is read from what the engine does show, the memory the guest ended with: one
    /// that failed holding three quarters of its limit was most likely refused its next growth, which may have been
    /// large (a 16 MB Ruby string refused at 121 MB of 128). A guest refused one huge allocation while holding little
    /// is reported by its exit alone.
    /// </summary>
    public static bool FailedNearTheMemoryLimit(GuestTermination termination, long? memoryUsed, EffectiveLimits limits) =>
        termination.ExitCode is not 0 && memoryUsed >= limits.MaxMemoryBytes - (limits.MaxMemoryBytes / 4);

    public static ExecutionResult ToResult(
        SandboxSession session,
        GuestTermination termination,
        RuntimeIdentity runtime,
        long startedAtUnixMs,
        long? memoryUsed,
        bool allocationRefused)
    {
        var limits = session.Settings.Limits;
        var elapsed = session.Guard.Elapsed;
        var stop = session.Guard.StopReason;
        var directory = session.DirectoryQuota?.Measure();
        if (stop == StopReason.None && directory?.IsOverQuota == true)
        {
            // Over the quota by its last writes, ended before a check stopped it.
            stop = StopReason.FileSystemQuota;
        }

        var trapped = termination.ExitCode is null;
        var instructions = session.InstructionsUsed;
        var instructionLimitHit = stop == StopReason.None && trapped && instructions is not null
            && termination.Trap is TrapException { Type: TrapCode.OutOfFuel };
        var memoryLimitHit = stop == StopReason.None && !instructionLimitHit
            && (allocationRefused || (trapped && memoryUsed + MemoryLimitSlack >= limits.MaxMemoryBytes));

        var exitCode = stop switch
        {
            StopReason.Timeout => TimeoutExitCode,
            StopReason.OutputLimit => OutputLimitExitCode,
            StopReason.FileSystemQuota => FileSystemQuotaExitCode,
            _ when instructionLimitHit => InstructionLimitExitCode,
            // An exit status is reported as a POSIX parent sees it: its low 8 bits (exit(300) is 44, exit(-1) is 255).
            _ => termination.ExitCode is { } code ? code & 0xFF : CrashExitCode,
        };

        string? error = stop switch
        {
            StopReason.Timeout => $"Time limit of {limits.TimeoutMs} ms exceeded; the program was stopped.",
            StopReason.OutputLimit => $"Output limit of {limits.MaxOutputSize} bytes exceeded; the output was truncated and the program stopped.",
            StopReason.FileSystemQuota when directory?.Unreadable == true =>
                $"File system quota exceeded: the program nested directories in {session.Settings.GuestDirectory} deeper than the host's path limit ({DirectoryQuota.MaxPathBytes:N0} bytes); it was stopped.",
            StopReason.FileSystemQuota => $"File system quota exceeded: the program kept more than {DirectoryQuota.Description} in {session.Settings.GuestDirectory}; it was stopped.",
            _ when instructionLimitHit => $"Instruction limit of {limits.MaxInstructions} exceeded; the program was stopped.",
            _ when memoryLimitHit => $"Memory limit of {limits.MaxMemoryMB} MB exceeded (exit code {exitCode}).",
            _ when trapped => $"The program crashed inside the sandbox: {Describe(termination.Trap!)}.",
            _ when exitCode != 0 => $"Process exited with code {exitCode}.",
            _ => null,
        };

        (IReadOnlyList<OutputFile>? files, bool filesTruncated) = session.HostDirectory is { } hostDirectory
            ? SandboxFiles.Collect(hostDirectory, session.Settings.Files, session.Settings.OutputFiles, limits.MaxFilesSize)
            : (null, false);

        return new ExecutionResult
        {
            Success = error is null,
            ExitCode = exitCode,
            Stdout = session.Output.Stdout,
            Stderr = session.Output.Stderr,
            Output = session.Output.Combined,
            Error = error,
            Language = runtime.Language,
            ExecutionTime = Math.Round(elapsed.TotalMilliseconds, 3),
            MemoryUsed = memoryUsed,
            Metadata = new ExecutionMetadata
            {
                StartTime = startedAtUnixMs,
                EndTime = startedAtUnixMs + (long)elapsed.TotalMilliseconds,
                TimeoutHit = stop == StopReason.Timeout,
                MemoryLimitHit = memoryLimitHit,
                OutputTruncated = session.Output.Truncated,
                InstructionLimitHit = instructionLimitHit,
                Instructions = instructions,
                WasSandboxed = true,
                RuntimeUsed = runtime.Name,
                Version = runtime.Version,
                ProcessesCreated = 0,
                FilesCreated = directory?.Files,
                NetworkRequests = session.Settings.Network?.Requests.Count ?? 0,
                Timings = new ExecutionTimings
                {
                    InstantiateMs = ExecutionTimings.Ms(session.ProgramStartedAt ?? elapsed),
                    RunMs = ExecutionTimings.Ms(elapsed - (session.ProgramStartedAt ?? elapsed)),
                },
            },
            Files = files,
            FilesTruncated = filesTruncated,
            Network = session.Settings.Network is { } network ? [.. network.Requests] : null,
        };
    }

    /// <summary>
    /// What a trap means, in words, from what the engine saw: its trap code; a host function that failed (its
    /// exception is the host's business, not the guest's); else the first line of Wasmtime's message that says more
    /// than a header.
    /// </summary>
    private static string Describe(WasmtimeException trap)
    {
        if (trap is TrapException { Type: var code } && code != TrapCode.Undefined)
        {
            return TrapDescriptions.TryGetValue(code, out var description) ? description : $"wasm trap ({code})";
        }

        if (trap.InnerException is not null)
        {
            return "a host function failed";
        }

        var line = trap.Message.Split('\n')
            .Select(text => text.Trim())
            .FirstOrDefault(text => text.Length > 0 && !text.EndsWith(':'));
        return line?.TrimEnd('.') ?? "wasm trap";
    }

    private static readonly Dictionary<TrapCode, string> TrapDescriptions = new()
    {
        [TrapCode.StackOverflow] = "stack overflow (it recursed deeper than the sandbox's stack)",
        [TrapCode.MemoryOutOfBounds] = "out-of-bounds memory access",
        [TrapCode.HeapMisaligned] = "misaligned memory access",
        [TrapCode.TableOutOfBounds] = "out-of-bounds table access",
        [TrapCode.IndirectCallToNull] = "call through a null function pointer",
        [TrapCode.BadSignature] = "call through a function pointer of the wrong type",
        [TrapCode.IntegerOverflow] = "integer overflow",
        [TrapCode.IntegerDivisionByZero] = "integer division by zero",
        [TrapCode.BadConversionToInteger] = "invalid conversion to an integer",
        [TrapCode.Unreachable] = "wasm unreachable executed (the program or its runtime aborted)",
    };
}
