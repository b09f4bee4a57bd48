namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// A language's QuickJS images: <paramref name="Core"/>, with Node's smaller core modules, which most programs
/// run in; <paramref name="Full"/> (when it could be baked), with the larger modules and Intl ready, for programs
/// that name them; and the larger modules' source, which the core image evaluates when a program reaches them
/// anyway (see <see cref="FullModulesScan"/>).
/// </summary>
internal sealed record QuickJsImages(QuickJsImage Core, QuickJsImage? Full, string? FullModulesSource)
{
    /// <summary>Room a program in the full image keeps beyond the image's own memory (its baked heap counts against the limit).</summary>
    public const long FullImageHeadroomBytes = 32L * 1024 * 1024;

    /// <summary>The image to run <paramref name="source"/> in under a store limit of <paramref name="memoryLimitBytes"/>.</summary>
    public QuickJsImage For(string source, long memoryLimitBytes) =>
        Full is { } full && memoryLimitBytes >= full.MemoryBytes + FullImageHeadroomBytes && FullModulesScan.Names(source) ? full : Core;
}
