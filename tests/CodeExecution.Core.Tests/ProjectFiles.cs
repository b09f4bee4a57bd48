using System.Text;
using CodeExecution.Core.Model;

namespace CodeExecution.Core.Tests;

/// <summary>Programs of several files in tests: the files, and a run compared with the native interpreter on the same files.</summary>
public static class ProjectFiles
{
    public static ExecutionFile Text(string path, string content) => new() { Path = path, Content = content };

    public static ExecutionFile Binary(string path, byte[] content) =>
        new() { Path = path, Content = Convert.ToBase64String(content), Encoding = FileEncoding.Base64 };

    /// <summary>The result's files as bytes, by path.</summary>
    public static IReadOnlyDictionary<string, byte[]> Decoded(ExecutionResult result) =>
        (result.Files ?? []).ToDictionary(
            file => file.Path,
            file => file.Encoding == FileEncoding.Base64 ? Convert.FromBase64String(file.Content) : Encoding.UTF8.GetBytes(file.Content));

    /// <summary>
    /// Runs <paramref name="entry"/> among <paramref name="files"/> in the sandbox and with <paramref name="interpreter"/>:
    /// the same exit code and stdout, and the same files created or changed, byte for byte.
    /// </summary>
    public static async Task<ExecutionResult> AssertSameAsNativeAsync(
        ExecutorFixture fixture, ExecutionLanguage language, string interpreter, string entry, IReadOnlyList<ExecutionFile> files)
    {
        var result = await fixture.Executor.ExecuteAsync(new ExecutionRequest { Language = language, Entry = entry, Files = files });
        var (native, changed) = await Native.RunProjectAsync(interpreter, entry, files);

        Assert.Equal((native.ExitCode, native.Stdout), (result.ExitCode, result.Stdout));
        var returned = Decoded(result);
        Assert.Equal(changed.Keys, returned.Keys);
        foreach (var (path, bytes) in changed)
        {
            Assert.Equal(bytes, returned[path]);
        }

        return result;
    }
}
