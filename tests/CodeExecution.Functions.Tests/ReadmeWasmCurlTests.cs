namespace CodeExecution.Functions.Tests;

/// <summary>
/// The README's <c>curl</c> line for a <c>wasm</c> program, run as written with bash beside a <c>prog.wasm</c> built by
/// clang-16, against the app's functions on a real HTTP server: it answers what the README shows.
/// </summary>
public sealed class ReadmeWasmCurlTests(EventStreamTests.Server server) : IClassFixture<EventStreamTests.Server>
{
    [Fact]
    public async Task ReadmeCurlLine_SendsTheModuleInBase64_AndAnswersAsDocumented()
    {
        var directory = Directory.CreateTempSubdirectory("codeexec-readme-curl-").FullName;
        try
        {
            File.Copy(WasmPrograms.ModulePath(Path.Combine(WasmPrograms.SourceDirectory, "prog.c")), Path.Combine(directory, "prog.wasm"));
            var (command, documented) = DocumentedCommand.Find("README.md", "curl -s $BASE/execute -H 'Content-Type: application/json' \\");

            var output = await DocumentedExamples.RunAsync($"cd '{directory}'\n{command}", new Dictionary<string, string>
            {
                ["BASE"] = new Uri(server.Host.BaseAddress, "api").ToString(),
            });

            DocumentedExamples.AssertShows(documented, output);
            Assert.Contains("\"stdout\":\"arg 1: x\\n1: hi\\n\"", output[0], StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
