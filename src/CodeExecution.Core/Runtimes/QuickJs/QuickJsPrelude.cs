namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// The Node-like environment baked into every QuickJS image, embedded in this assembly: <c>inspect.js</c>
/// (Node's <c>util.inspect</c> and <c>util.format</c>) followed by <c>prelude.js</c> (console, timers, process, require).
/// </summary>
internal static class QuickJsPrelude
{
    /// <summary>The scripts in the order they are evaluated.</summary>
    public static IReadOnlyList<QuickJsImageScript> Scripts { get; } = [Load("inspect.js"), Load("prelude.js")];

    /// <summary>Evaluated after the prelude in an image with the full modules: makes them, and Intl, ready.</summary>
    public static QuickJsImageScript WarmUp { get; } = Load("warm-up.js");

    private static QuickJsImageScript Load(string name) => new(name, EmbeddedSource.Read(typeof(QuickJsPrelude), name));
}
