using System.Text;
using CodeExecution.Core.Model;
using Wasmtime;

namespace CodeExecution.Core.Sandbox;

/// <summary>
/// One execution's <see cref="Store"/>, fully configured before any guest code can run: WASI with only
/// what the request allowed, memory limits, the epoch deadline, captured output, and temporary files
/// that are deleted on dispose.
/// </summary>
/// <remarks>
/// Single-threaded like the store it owns. The store's data is this session, so host functions reach
/// the guard and output through <see cref="From(Caller)"/>.
/// A session can also be <see cref="Prestart">started ahead of its request</see>: its guest runs under start-up
/// limits until it reads stdin, where it waits in <see cref="Handoff"/>; <see cref="Bind"/> then gives it the
/// request's limits, a fresh guard (the timeout starts there) and a fresh output capture. A guest resumed from a
/// snapshot taken in that wait is <see cref="Resume">bound from the start</see>.
/// </remarks>
public sealed class SandboxSession : IDisposable
{
    /// <summary>What a pre-started guest is held to until it is bound: generous, since it runs only the runtime's own start-up.</summary>
    public static readonly EffectiveLimits StartupLimits = new()
    {
        TimeoutMs = 60_000,
        MaxMemoryMB = EffectiveLimits.MaxMemoryMBBound,
        MaxOutputSize = 64 * 1024,
    };

    private readonly string? _inputFile;

    public SandboxSession(SandboxEngine engine, SandboxSettings settings, CancellationToken cancellation = default)
        : this(engine, settings, handoff: null, bound: true, cancellation)
    {
    }

    private SandboxSession(SandboxEngine engine, SandboxSettings settings, InputHandoff? handoff, bool bound, CancellationToken cancellation)
    {
        Settings = settings;
        Handoff = handoff;
        IsBound = bound;
        Guard = new ExecutionGuard(TimeSpan.FromMilliseconds(settings.Limits.TimeoutMs), cancellation);
        Output = new OutputCapture(settings.Limits.MaxOutputSize, Guard);

        var wasi = new WasiConfiguration()
            .WithArgs(settings.Args)
            .WithStandardOutputCallback(data => Output.WriteStdout(data))
            .WithStandardErrorCallback(data => Output.WriteStderr(data));

        if (settings.Env is { } env)
        {
            wasi.WithEnvironmentVariables(env.Select(pair => (pair.Key, pair.Value)));
        }

        if (!string.IsNullOrEmpty(settings.Input))
        {
            _inputFile = Path.Combine(Path.GetTempPath(), $"codeexec-stdin-{Guid.NewGuid():N}");
            File.WriteAllText(_inputFile, settings.Input, new UTF8Encoding(false));
            wasi.WithStandardInput(_inputFile);
        }

        if (settings.Limits.AllowFileSystem)
        {
            HostDirectory = Directory.CreateTempSubdirectory("codeexec-fs-").FullName;
            DirectoryQuota = new DirectoryQuota(HostDirectory);
            wasi.WithPreopenedDirectory(HostDirectory, settings.GuestDirectory, mutable: true);
        }

        Store = new Store(engine.Engine, this);
        Store.SetWasiConfiguration(wasi);
        SetStoreLimits(settings.Limits);
        Store.SetEpochDeadline(1);
        Store.SetEpochDeadlineCallback(_ =>
        {
            if (DirectoryQuota?.ExceededOnTick() == true)
            {
                Guard.RequestStop(StopReason.FileSystemQuota);
            }

            Guard.ThrowIfStopped();
            return 1;
        });
    }

    public SandboxSettings Settings { get; private set; }

    public Store Store { get; }

    public ExecutionGuard Guard { get; private set; }

    public OutputCapture Output { get; private set; }

    /// <summary>Where a pre-started guest's stdin comes from; null for a session made for its request.</summary>
    public InputHandoff? Handoff { get; }

    /// <summary>True once the session runs under its request's limits: at once, or after <see cref="Bind"/>.</summary>
    public bool IsBound { get; private set; }

    /// <summary>The host directory behind the guest's file system, when it has one.</summary>
    public string? HostDirectory { get; }

    /// <summary>What the guest may keep in <see cref="HostDirectory"/>, when it has one.</summary>
    public DirectoryQuota? DirectoryQuota { get; }

    /// <summary>
    /// A session for a guest started before its request: <paramref name="args"/> and no environment, no input file,
    /// no directory, held to <see cref="StartupLimits"/>; its stdin is read from <paramref name="handoff"/>
    /// (see <see cref="HandoffWasi"/>).
    /// </summary>
    public static SandboxSession Prestart(SandboxEngine engine, IReadOnlyList<string> args, InputHandoff handoff) =>
        new(engine, new SandboxSettings { Limits = StartupLimits, Args = args }, handoff, bound: false, CancellationToken.None);

    /// <summary>
    /// A session for a guest resumed inside its first read of stdin (from a snapshot taken there): bound to its
    /// request at once, with stdin read from <paramref name="handoff"/>, which must already hold the request.
    /// <paramref name="settings"/> must not ask for a file system or input file (see <see cref="Prestart"/>).
    /// </summary>
    public static SandboxSession Resume(SandboxEngine engine, SandboxSettings settings, InputHandoff handoff, CancellationToken cancellation)
    {
        if (!handoff.IsAssigned || settings.Limits.AllowFileSystem || !string.IsNullOrEmpty(settings.Input))
        {
            throw new ArgumentException("A resumed session takes its request from an assigned handoff, with no file system.");
        }

        return new(engine, settings, handoff, bound: true, cancellation);
    }

    /// <summary>
    /// Puts a pre-started session under its request's limits: store limits, a new guard whose timeout starts now,
    /// and a new output capture (anything written during start-up is dropped). Call on the guest's thread.
    /// </summary>
    /// <remarks>
    /// Memory the guest already has counts toward <see cref="EffectiveLimits.MaxMemoryBytes"/>. A file system
    /// cannot be granted here: directories are preopened only when the store is made.
    /// </remarks>
    public void Bind(EffectiveLimits limits, CancellationToken cancellation)
    {
        if (IsBound)
        {
            throw new InvalidOperationException("The session is already bound to a request.");
        }

        if (limits.AllowFileSystem)
        {
            throw new InvalidOperationException("A pre-started session cannot be given a file system.");
        }

        Settings = Settings with { Limits = limits };
        Guard = new ExecutionGuard(TimeSpan.FromMilliseconds(limits.TimeoutMs), cancellation);
        Output = new OutputCapture(limits.MaxOutputSize, Guard);
        SetStoreLimits(limits);
        IsBound = true;
    }

    /// <summary>The session whose store the caller runs in.</summary>
    public static SandboxSession From(Caller caller) =>
        caller.GetData() as SandboxSession
        ?? throw new InvalidOperationException("The store was not created by a SandboxSession.");

    private void SetStoreLimits(EffectiveLimits limits) =>
        Store.SetLimits(memorySize: limits.MaxMemoryBytes, tableElements: 1_000_000, instances: 10, tables: 10, memories: 2);

    public void Dispose()
    {
        Store.Dispose();
        if (_inputFile is not null)
        {
            File.Delete(_inputFile);
        }

        if (HostDirectory is not null)
        {
            try
            {
                Directory.Delete(HostDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean; it holds only what this guest wrote.
            }
        }
    }
}
