using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CodeExecution.Testing;

/// <summary>
/// Azurite from the repository's npm dev dependency, on free ports, in memory (or on disk, to survive a restart);
/// killed on dispose.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Azurite's own ports, where <c>UseDevelopmentStorage=true</c> looks: Blob, Queue, Table.</summary>
    public static readonly int[] DefaultPorts = [10000, 10001, 10002];

    private readonly Process _process;
    private readonly string _location;
    private readonly bool _persistent;
    private bool _startedByShell;

    private AzuriteServer(Process process, string location, bool persistent, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _location = location;
        _persistent = persistent;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public static Task<AzuriteServer> StartAsync(bool persistent = false) => StartAsync(FreePort(), FreePort(), FreePort(), persistent ? Directory.CreateTempSubdirectory("azurite-").FullName : null);

    /// <summary>
    /// Azurite started the way a document says: <paramref name="commandLine"/> run as written by bash in the
    /// repository root, on Azurite's default ports. Its whole process tree is killed on dispose.
    /// </summary>
    public static async Task<AzuriteServer> StartDocumentedAsync(string commandLine)
    {
        foreach (var port in DefaultPorts)
        {
            if (await AnswersAsync(port))
            {
                throw new InvalidOperationException($"Port {port} is taken: something already listens where Azurite's defaults are.");
            }
        }

        var start = new ProcessStartInfo("bash")
        {
            // The line as written (a trailing & included), then wait, so the shell lives as long as what it started.
            ArgumentList = { "-c", commandLine + "\nwait" },
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var server = new AzuriteServer(process, Directory.CreateTempSubdirectory("azurite-").FullName, false, DefaultPorts[0], DefaultPorts[1], DefaultPorts[2])
        {
            _startedByShell = true,
        };
        await server.WaitUntilAnsweringAsync();
        return server;
    }

    /// <summary>
    /// Stops this server and starts another on the same ports (storage that went away and came back): empty when
    /// in memory, with everything it held when persistent.
    /// </summary>
    public async Task<AzuriteServer> RestartAsync()
    {
        await StopAsync();
        return await StartAsync(BlobPort, QueuePort, TablePort, _persistent ? _location : null);
    }

    /// <summary>
    /// Stops the process, keeping its data folder: asked to end first (SIGTERM, so a persistent Azurite saves what it
    /// holds, as durable storage would have), killed if it has not ended within ten seconds.
    /// </summary>
    public async Task StopAsync()
    {
        try
        {
            if (_startedByShell)
            {
                // The shell would end on SIGTERM and leave what it started running.
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            else if (!_process.HasExited)
            {
                _ = Terminate(_process.Id, Sigterm);
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static async Task<AzuriteServer> StartAsync(int blob, int queue, int table, string? persistentLocation)
    {
        var executable = Path.Combine(RepositoryRoot.Path, "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"{executable} is missing; run npm ci in {RepositoryRoot.Path}.");
        }

        var location = persistentLocation ?? Directory.CreateTempSubdirectory("azurite-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList =
            {
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(),
                "--skipApiVersionCheck", "--silent", "--disableTelemetry",
            },
            WorkingDirectory = location,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (persistentLocation is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(persistentLocation);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        var server = new AzuriteServer(process, location, persistentLocation is not null, blob, queue, table);
        await server.WaitUntilAnsweringAsync();
        return server;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        _process.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await AnswersAsync(port))
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    await DisposeAsync();
                    throw new InvalidOperationException(
                        $"Azurite did not answer on port {port} (exited: {_process.HasExited}): {string.Join("\n", output)}");
                }

                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private const int Sigterm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Terminate(int pid, int signal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
