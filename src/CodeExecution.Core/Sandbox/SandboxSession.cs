using System.Text;
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
/// </remarks>
public sealed class SandboxSession : IDisposable
{
    private readonly string? _inputFile;

    public SandboxSession(SandboxEngine engine, SandboxSettings settings, CancellationToken cancellation = default)
    {
        Settings = settings;
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
            wasi.WithPreopenedDirectory(HostDirectory, settings.GuestDirectory, mutable: true);
        }

        Store = new Store(engine.Engine, this);
        Store.SetWasiConfiguration(wasi);
        Store.SetLimits(memorySize: settings.Limits.MaxMemoryBytes, tableElements: 1_000_000, instances: 10, tables: 10, memories: 2);
        Store.SetEpochDeadline(1);
        Store.SetEpochDeadlineCallback(_ =>
        {
            Guard.ThrowIfStopped();
            return 1;
        });
    }

    public SandboxSettings Settings { get; }

    public Store Store { get; }

    public ExecutionGuard Guard { get; }

    public OutputCapture Output { get; }

    /// <summary>The host directory behind the guest's file system, when it has one.</summary>
    public string? HostDirectory { get; }

    /// <summary>The session whose store the caller runs in.</summary>
    public static SandboxSession From(Caller caller) =>
        caller.GetData() as SandboxSession
        ?? throw new InvalidOperationException("The store was not created by a SandboxSession.");

    /// <summary>Files the guest left in its directory, or null when it had none.</summary>
    public int? CountFilesCreated() =>
        HostDirectory is null ? null : Directory.EnumerateFiles(HostDirectory, "*", SearchOption.AllDirectories).Count();

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
