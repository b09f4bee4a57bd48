using System.Text.Json;
using System.Text.RegularExpressions;
using CodeExecution.Core.Model;
using CodeExecution.Core.Serialization;

namespace CodeExecution.Core.Tests;

/// <summary>The README's request with files runs as written and gives the files its result shows.</summary>
[Collection(ExecutorCollection.Name)]
public sealed partial class ReadmeFilesExampleTests(ExecutorFixture fixture)
{
    [Fact]
    public async Task ReadmeRequestWithFiles_GivesTheResultItShows()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("### Files in and out", StringComparison.Ordinal)..];
        var blocks = JsonBlock().Matches(section).Select(match => match.Groups[1].Value).Take(2).ToList();
        var request = ExecutionRequestReader.Read(blocks[0]);
        var shown = JsonSerializer.Deserialize<ExecutionResult>(blocks[1], CodeExecutionJson.Options)!;

        var result = await fixture.Executor.ExecuteAsync(request);

        Assert.True(result.Success, result.Stderr);
        Assert.Equal(shown.Stdout, result.Stdout);
        Assert.Equal(shown.Files, result.Files);
    }

    [GeneratedRegex(@"```json\n(.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CodeExecution.Functions.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("No CodeExecution.Functions.sln above the test output.");
    }
}
