namespace CodeExecution.Core.Runtimes.JavaScript;

/// <summary>The Node-like prelude (<c>prelude.js</c>, embedded in this assembly) baked into every QuickJS image.</summary>
internal static class QuickJsPrelude
{
    public const string ResourceName = "CodeExecution.Core.Runtimes.JavaScript.prelude.js";

    public static string Source { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(QuickJsPrelude).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly has no embedded {ResourceName}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
