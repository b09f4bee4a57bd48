using System.Text;
using CodeExecution.Core.Model;
using CodeExecution.Core.Network;
using Wasmtime;

namespace CodeExecution.Core.Sandbox;

/// <summary>
/// One execution's <see cref="Store"/>, fully configured before any guest code can run: WASI with only
/// what the request allowed, memory limits, the epoch deadline, captured output, and temporary files
/// that are deleted on dispose (on a sandbox thread, once the execution's result has reached its caller).
/// </summary>
/// <remarks>
/// Single-threaded like the store it owns. Its settings, guard and output are fixed when it is made. The store's
/// data is this session, so host functions reach the guard, the output and the runtime's own
/// <see cref="HostState"/> through <see cref="From(Caller)"/>.
/// </remarks>
public sealed class SandboxSession : IDisposable
{
    private readonly string? _inputFile;
    private readonly StdinPipe? _stdinPipe;
    private readonly ulong? _instructionBudget;
    private object? _hostState;
    private GuestHttpExchange? _network;
    private bool _disposed;

    public SandboxSession(SandboxEngine engine, SandboxSettings settings, CancellationToken cancellation = default)
    {
        if (settings.Limits.MaxInstructions is not null && !engine.CountsInstructions)
        {
            throw new ArgumentException("A run with an instruction budget needs an engine that counts instructions.", nameof(engine));
        }

        Settings = settings;
        Guard = new ExecutionGuard(TimeSpan.FromMilliseconds(settings.Limits.TimeoutMs), cancellation);
        Output = new OutputCapture(settings.Limits.MaxOutputSize, Guard, settings.OnOutput);

        var wasi = new WasiConfiguration()
            .WithArgs(settings.Args)
            .WithStandardOutputCallback(data => Output.WriteStdout(data))
            .WithStandardErrorCallback(data => Output.WriteStderr(data));

        if (settings.Env is { } env)
        {
            wasi.WithEnvironmentVariables(env.Select(pair => (pair.Key, pair.Value)));
        }

        if (settings.InteractiveInput is { } interactive)
        {
            var input = settings.Input ?? "";
            var room = settings.Limits.MaxInputSize - (long)Encoding.UTF8.GetByteCount(input);
            _stdinPipe = new StdinPipe(input, new StdinFeed(interactive, room), Guard.Remaining, cancellation, StopAtDeadline);
            wasi.WithStandardInput(_stdinPipe.ReadingEndPath);
        }
        else if (!string.IsNullOrEmpty(settings.Input))
        {
            _inputFile = Path.Combine(engine.ScratchDirectory, $"stdin-{Guid.NewGuid():N}");
            File.WriteAllText(_inputFile, settings.Input, new UTF8Encoding(false));
            wasi.WithStandardInput(_inputFile);
        }

        foreach (var directory in settings.ReadOnlyDirectories)
        {
            wasi.WithPreopenedDirectory(directory.HostPath, directory.GuestPath, mutable: false);
        }

        if (settings.Limits.AllowFileSystem)
        {
            HostDirectory = Directory.CreateDirectory(Path.Combine(engine.ScratchDirectory, $"fs-{Guid.NewGuid():N}")).FullName;
            DirectoryQuota = new DirectoryQuota(HostDirectory);
            try
            {
                SandboxFiles.Place(HostDirectory, settings.Files);
            }
            catch
            {
                // No store yet, so Dispose cannot run: what was made so far goes here.
                GuestDirectoryRemover.TryDelete(HostDirectory);
                _stdinPipe?.Dispose();
                if (_inputFile is not null)
                {
                    File.Delete(_inputFile);
                }

                throw;
            }
            wasi.WithPreopenedDirectory(HostDirectory, settings.GuestDirectory, mutable: true);
        }

        Store = new Store(engine.Engine, this);
        Store.SetWasiConfiguration(wasi);
        Store.SetLimits(memorySize: settings.Limits.MaxMemoryBytes, tableElements: 1_000_000, instances: 10, tables: 10, memories: 2);
        Store.SetEpochDeadline(1);
        // Fuel before any guest code: on a counting engine a store without any traps at its first instruction.
        if (settings.Limits.MaxInstructions is { } budget)
        {
            Store.Fuel = (ulong)budget;
            _instructionBudget = (ulong)budget;
        }
        else
        {
            engine.Unmetered(Store);
        }

        Store.SetEpochDeadlineCallback(_ =>
        {
            if (DirectoryQuota?.ExceededOnTick() == true)
            {
                Guard.RequestStop(StopReason.FileSystemQuota);
            }

            Guard.ThrowIfStopped();
            return 1;
        });

        // The store is set up and has opened the pipe's reading end: only now may input flow into it.
        _stdinPipe?.Start();
    }

    public SandboxSettings Settings { get; }

    public Store Store { get; }

    public ExecutionGuard Guard { get; }

    public OutputCapture Output { get; }

    /// <summary>The host directory behind the guest's file system, when it has one.</summary>
    public string? HostDirectory { get; }

    /// <summary>What the guest may keep in <see cref="HostDirectory"/>, when it has one.</summary>
    public DirectoryQuota? DirectoryQuota { get; }

    /// <summary>When the runtime first called into the program (<see cref="MarkProgramStart"/>), from the session's start.</summary>
    public TimeSpan? ProgramStartedAt { get; private set; }

    /// <summary>
    /// Instructions the guest has executed in this store so far (Wasmtime fuel spent), when its limits set a budget;
    /// null otherwise. Counts everything the guest runs from instantiation on: the runtime's own start for the run,
    /// which is the same for every run from the same image, and the program.
    /// </summary>
    public long? InstructionsUsed => _instructionBudget is { } budget ? (long)(budget - Store.Fuel) : null;

    /// <summary>
    /// The guest's HTTP requests through <see cref="SandboxSettings.Network"/> (refused, each with the same answer, when
    /// it is null), and the answer a runtime keeps between its two calls for one.
    /// </summary>
    public GuestHttpExchange Network => _network ??= new GuestHttpExchange(Settings.Network, Guard);

    /// <summary>Marks the end of instantiation: the runtime is about to call into the program.</summary>
    public void MarkProgramStart() => ProgramStartedAt ??= Guard.Elapsed;

    /// <summary>
    /// What the runtime's own host functions need for this execution (a resumed interpreter's stdin, a QuickJS
    /// execution), or null; given once with <see cref="Attach"/>.
    /// </summary>
    public object? HostState => _hostState;

    /// <summary>
    /// Gives the runtime's host functions their state for this execution. Call once, before any guest code that
    /// calls them runs: until then they see no state.
    /// </summary>
    public void Attach(object hostState)
    {
        ArgumentNullException.ThrowIfNull(hostState);
        if (_hostState is not null)
        {
            throw new InvalidOperationException("The session already has its host state.");
        }

        _hostState = hostState;
    }

    /// <summary>The session whose store the caller runs in.</summary>
    public static SandboxSession From(Caller caller) =>
        caller.GetData() as SandboxSession
        ?? throw new InvalidOperationException("The store was not created by a SandboxSession.");

    /// <summary>
    /// Releases the store and the temporary files; on a sandbox thread, after the execution's result has reached its
    /// caller (<see cref="SandboxWorkers.AfterResult"/>).
    /// </summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            SandboxWorkers.AfterResult(Release);
        }
    }

    /// <summary>
    /// The deadline or cancellation ended the guest's interactive input: it is stopped with the time limit's verdict,
    /// and what it writes between reading end of file and the next epoch check is past its time and dropped.
    /// </summary>
    private void StopAtDeadline()
    {
        Guard.RequestStop(StopReason.Timeout);
        Output.Close();
    }

    private void Release()
    {
        // The pipe first: Wasmtime's reader of it waits for its end of file.
        _stdinPipe?.Dispose();
        Store.Dispose();
        if (_inputFile is not null)
        {
            File.Delete(_inputFile);
        }

        if (HostDirectory is not null)
        {
            GuestDirectoryRemover.TryDelete(HostDirectory);
        }
    }
}
