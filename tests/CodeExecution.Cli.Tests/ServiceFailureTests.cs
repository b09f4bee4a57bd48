using System.Net;
using System.Net.Sockets;
using Azure;

namespace CodeExecution.Cli.Tests;

/// <summary>A command whose service (Blob storage, the app) fails or is not there says so in one line and exits 1.</summary>
public sealed class ServiceFailureTests
{
    [Fact]
    public async Task RuntimesVerify_StorageNotThere_SaysSoInOneLine()
    {
        var port = ClosedPort();
        var connection = $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{port}/{AzuriteServer.AccountName};";

        var run = await Codeexec.RunAsync(["runtimes", "verify", "--connection-string", connection]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"codeexec: storage at http://127.0.0.1:{port}/{AzuriteServer.AccountName}/runtimes: Connection refused (127.0.0.1:{port})\n", run.Stderr);
    }

    [Fact]
    public async Task JobStatus_AppNotThere_SaysSoInOneLine()
    {
        var port = ClosedPort();

        var run = await Codeexec.RunAsync(["job", "status", "j1", "--url", $"http://127.0.0.1:{port}/api"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"codeexec: the app at http://127.0.0.1:{port}/api: Connection refused (127.0.0.1:{port})\n", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void StorageRefusal_IsItsStatusCodeAndFirstLine()
    {
        var refusal = new RequestFailedException(400, "The API version 2026-10-06 is not supported by Azurite.\nRequestId:1\nStatus: 400", "InvalidHeaderValue", null);

        Assert.Equal("400 InvalidHeaderValue: The API version 2026-10-06 is not supported by Azurite.", ServiceFailure.Describe(refusal));
        Assert.Equal("400 InvalidHeaderValue: The API version 2026-10-06 is not supported by Azurite.", ServiceFailure.Describe(new AggregateException(new HttpRequestException("first try"), refusal)));
        Assert.Null(ServiceFailure.Describe(new InvalidOperationException("a bug")));
    }

    /// <summary>A loopback port nothing listens on (bound, then freed).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
