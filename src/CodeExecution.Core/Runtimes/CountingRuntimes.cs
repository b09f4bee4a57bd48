using CodeExecution.Core.Model;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Core.Sandbox;

namespace CodeExecution.Core.Runtimes;

/// <summary>
/// The runtimes that serve runs with an instruction budget (<see cref="ExecutionLimits.MaxInstructions"/>): on a
/// second engine that counts instructions, each manifest entry with its own modules, snapshots and images (compiled
/// code of one engine cannot run on another), made the first time a run of one of its languages asks for a budget
/// and kept, like the first engine's, in the precompiled-module store under the counting engine's fingerprint.
/// </summary>
/// <remarks>
/// Counting makes every guest on the engine slower (see docs/performance.md), so it is a second engine rather than a
/// setting of the first: runs without a budget never pay for it, and a process that gets none never makes it.
/// Thread-safe: runs that wait for the same entry share one build; a build that fails is tried again by the next run.
/// </remarks>
internal sealed class CountingRuntimes(
    IReadOnlyList<RuntimeDescriptor> descriptors,
    Func<SandboxEngine> createEngine,
    Func<SandboxEngine, RuntimeDescriptor, Task<IReadOnlyList<ILanguageRuntime>>> load) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Task<IReadOnlyList<ILanguageRuntime>>> _builds = new(StringComparer.Ordinal);
    private SandboxEngine? _engine;
    private bool _disposed;

    /// <summary>The counting engine, once a run has needed it; null before.</summary>
    public SandboxEngine? Engine => _engine;

    /// <summary>
    /// The runtime serving <paramref name="language"/> on the counting engine; the first call for a manifest entry
    /// builds it (and the engine, on the first call of all), blocking until it is ready.
    /// </summary>
    /// <exception cref="RuntimeUnavailableException">The language's runtime could not be built on the counting engine.</exception>
    public ILanguageRuntime For(ExecutionLanguage language)
    {
        var name = language.ToName();
        var descriptor = descriptors.FirstOrDefault(runtime => runtime.Languages.Any(served => ExecutionLanguageNames.TryParse(served, out var parsed) && parsed == language))
            ?? throw new RuntimeUnavailableException($"No runtime serves {name} with an instruction budget.");
        var runtimes = Build(descriptor).GetAwaiter().GetResult();
        return runtimes.FirstOrDefault(runtime => runtime.Language == language && runtime.Environment.Available)
            ?? throw new RuntimeUnavailableException(
                $"{name} cannot run with an instruction budget: its runtime did not start on the counting engine"
                + (runtimes.FirstOrDefault(runtime => runtime.Language == language)?.Environment.Reason is { } reason ? $" ({reason})." : "."));
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        foreach (var build in _builds.Values.Where(build => build.IsCompletedSuccessfully))
        {
            foreach (var runtime in build.Result)
            {
                runtime.Dispose();
            }
        }

        _engine?.Dispose();
    }

    private Task<IReadOnlyList<ILanguageRuntime>> Build(RuntimeDescriptor descriptor)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_builds.TryGetValue(descriptor.Name, out var build) && !build.IsFaulted && !build.IsCanceled)
            {
                return build;
            }

            _engine ??= createEngine();
            var engine = _engine;
            build = Task.Run(() => load(engine, descriptor));
            _builds[descriptor.Name] = build;
            return build;
        }
    }
}
