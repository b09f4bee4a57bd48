using System.CommandLine;
using CodeExecution.Core.Runtimes;
using CodeExecution.Core.Runtimes.Modules;
using CodeExecution.Storage;
using CodeExecution.Storage.Runtimes;
using Microsoft.Extensions.Configuration;

namespace CodeExecution.Cli.Commands;

/// <summary>
/// <c>codeexec runtimes publish|verify (--account NAME | --connection-string CS)</c>: puts the runtimes and their
/// precompiled artifacts in the Functions app's <c>runtimes</c> container, or checks what is there.
/// </summary>
internal static class RuntimesCommand
{
    private static readonly Option<string?> Account = new("--account")
    {
        Description = "Storage account name; signs in with DefaultAzureCredential (az login, azd auth login, managed identity).",
        Recursive = true,
    };

    private static readonly Option<string?> ConnectionString = new("--connection-string")
    {
        Description = "Storage connection string instead (UseDevelopmentStorage=true for Azurite).",
        Recursive = true,
    };

    private static readonly Option<string> Container = new("--container")
    {
        Description = "Blob container the app reads (Storage__RuntimesContainer).",
        DefaultValueFactory = _ => StorageNames.RuntimesContainer,
        Recursive = true,
    };

    private static readonly Option<int> AccessWait = new("--access-wait")
    {
        Description = "Seconds to keep retrying while the account answers 403 (fresh role assignments take minutes).",
        DefaultValueFactory = _ => 300,
    };

    public static Command Create()
    {
        var publish = new Command("publish", "Upload each runtime's .wasm and its precompiled artifacts (compiled by this engine) where the app looks for them, then check them.")
        {
            AccessWait,
        };
        publish.SetAction((parse, cancellationToken) => RunAsync(parse, (blobs, token) => blobs.PublishAsync(TimeSpan.FromSeconds(parse.GetValue(AccessWait)), token), cancellationToken));

        var verify = new Command("verify", "Check that every runtime's .wasm and precompiled artifact is there, matches its sha256 metadata, and fits the current manifest and engine.");
        verify.SetAction((parse, cancellationToken) => RunAsync(parse, (blobs, token) => blobs.VerifyAsync(token), cancellationToken));

        return new Command("runtimes", "Manage the runtimes in the Functions app's Blob storage.") { Account, ConnectionString, Container, publish, verify };
    }

    private static async Task<int> RunAsync(ParseResult parse, Func<RuntimeBlobs, CancellationToken, Task<bool>> action, CancellationToken cancellationToken)
    {
        var account = parse.GetValue(Account);
        var connectionString = parse.GetValue(ConnectionString);
        if (string.IsNullOrWhiteSpace(account) == string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("codeexec: give exactly one of --account NAME or --connection-string CS.");
            return CommonOptions.RequestRefusedExitCode;
        }

        // The same connection settings, and so the same client set-up, as the app's AzureWebJobsStorage.
        var settings = new Dictionary<string, string?>();
        if (connectionString is not null)
        {
            settings[StorageNames.Connection] = connectionString;
        }
        else
        {
            settings[$"{StorageNames.Connection}:accountName"] = account;
        }

        var clients = StorageClients.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), StorageNames.Connection);
        var catalog = RuntimeCatalog.Load(parse.GetValue(CommonOptions.RuntimesDirectory)?.FullName);
        var blobs = new RuntimeBlobs(clients, parse.GetValue(Container)!, catalog, Console.Out);
        await Console.Out.WriteLineAsync($"{blobs.ContainerUri} ({clients.Description}), engine {Core.Sandbox.SandboxEngine.Fingerprint}");
        return await ServiceFailure.RunAsync($"storage at {blobs.ContainerUri}", async () =>
        {
            var ok = await action(blobs, cancellationToken);
            await Console.Out.WriteLineAsync(ok ? "ok" : "failed: see the lines marked FAILED");
            return ok ? 0 : 1;
        }, cancellationToken);
    }
}
