namespace CodeExecution.Core.Runtimes.JavaScript;

/// <summary>
/// The Node-like environment baked into every QuickJS image, embedded in this assembly: <c>inspect.js</c>
/// (Node's <c>util.inspect</c> and <c>util.format</c>) followed by <c>prelude.js</c> (console, timers, process, require).
/// </summary>
internal static class QuickJsPrelude
{
    private const string ResourcePrefix = "CodeExecution.Core.Runtimes.JavaScript.";

    /// <summary>The scripts in the order they are evaluated.</summary>
    public static IReadOnlyList<QuickJsImageScript> Scripts { get; } = [Load("inspect.js"), Load("prelude.js")];

    private static QuickJsImageScript Load(string name)
    {
        using var stream = typeof(QuickJsPrelude).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The assembly has no embedded {ResourcePrefix}{name}.");
        using var reader = new StreamReader(stream);
        return new QuickJsImageScript(name, reader.ReadToEnd());
    }
}
