using System.Text.Json.Nodes;

namespace CodeExecution.Infrastructure.Tests;

/// <summary><c>infra/main.bicep</c> compiled once per test class with the Bicep CLI.</summary>
public sealed class CompiledTemplateFixture : IAsyncLifetime
{
    private ArmTemplate? _main;

    public Bicep.Run Build { get; private set; } = new(-1, "", "");

    public ArmTemplate Main => _main ?? throw new InvalidOperationException($"main.bicep did not compile: {Build.Stderr}");

    public async Task InitializeAsync()
    {
        Build = await Bicep.RunAsync("build", "main.bicep", "--stdout");
        if (Build.ExitCode == 0)
        {
            _main = new ArmTemplate(JsonNode.Parse(Build.Stdout)!.AsObject());
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
