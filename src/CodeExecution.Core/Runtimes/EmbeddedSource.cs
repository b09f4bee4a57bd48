namespace CodeExecution.Core.Runtimes;

/// <summary>
/// Guest-side sources (<c>.py</c>, <c>.js</c>, <c>.rb</c>) kept as files in a runtime's folder and embedded in this assembly
/// under the folder's namespace, e.g. <c>CodeExecution.Core.Runtimes.Python.bootstrap.py</c>.
/// </summary>
internal static class EmbeddedSource
{
    /// <summary>The text of <paramref name="fileName"/> from the folder of <paramref name="owner"/>'s namespace.</summary>
    public static string Read(Type owner, string fileName)
    {
        var name = $"{owner.Namespace}.{fileName}";
        using var stream = owner.Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The assembly has no embedded {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
