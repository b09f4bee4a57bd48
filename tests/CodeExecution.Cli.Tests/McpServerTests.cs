using System.Diagnostics;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CodeExecution.Cli.Tests;

/// <summary><c>codeexec mcp</c> as an AI agent meets it: started over stdio by the Model Context Protocol SDK's own client.</summary>
public sealed class McpServerTests : IAsyncLifetime
{
    private McpClient? _client;

    private McpClient Client => _client ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() =>
        _client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "codeexec",
            Command = "dotnet",
            Arguments = [Codeexec.DllPath, "--cache-dir", Codeexec.SharedModuleCacheDirectory, "mcp"],
        }),
        // The SDK's 60 s is for a server already on disk and warm; this one loads every runtime's modules at start, and
        // on a loaded machine that took longer.
        new McpClientOptions { InitializationTimeout = TimeSpan.FromMinutes(5) });

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }

    [Fact]
    public async Task ListsRunCodeAndLanguages_WithTheirInputs()
    {
        var tools = await Client.ListToolsAsync();

        Assert.Equal(["languages", "run_code"], tools.Select(t => t.Name).Order());
        var runCode = tools.Single(t => t.Name == "run_code");
        var properties = runCode.JsonSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name);
        Assert.Equal(["allowHosts", "args", "code", "input", "language", "maxInstructions", "maxMemoryMB", "maxOutputSize", "timeoutMs"], properties.Order());
        Assert.Equal(["language", "code"], runCode.JsonSchema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task RunCode_Python_AnswersWhatNativePythonPrints()
    {
        const string Code = "import sys\nprint(sum(range(10)), sys.argv[1:], input().upper())";

        var result = await Client.CallToolAsync("run_code", new Dictionary<string, object?>
        {
            ["language"] = "python", ["code"] = Code, ["input"] = "hi\n", ["args"] = new[] { "a", "b" },
        });

        Assert.NotEqual(true, result.IsError);
        var answer = result.StructuredContent!.Value;
        Assert.Equal(await NativePythonAsync(Code, "hi\n", "a", "b"), answer.GetProperty("stdout").GetString());
        Assert.Equal(0, answer.GetProperty("exitCode").GetInt32());
        Assert.Equal("success", answer.GetProperty("verdict").GetString());
        Assert.False(answer.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task RunCode_EndlessLoop_IsStoppedAtItsTimeLimit_WithTheVerdictTimeout()
    {
        var result = await Client.CallToolAsync("run_code", new Dictionary<string, object?>
        {
            ["language"] = "js", ["code"] = "console.log('before'); while (true) {}", ["timeoutMs"] = 1000,
        });

        var answer = result.StructuredContent!.Value;
        Assert.Equal("before\n", answer.GetProperty("stdout").GetString());
        Assert.Equal(124, answer.GetProperty("exitCode").GetInt32());
        Assert.Equal("timeout", answer.GetProperty("verdict").GetString());
        Assert.Equal("Time limit of 1000 ms exceeded; the program was stopped.", answer.GetProperty("error").GetString());
    }

    [Fact]
    public async Task RunCode_WithAnInstructionBudget_IsStoppedWhenItRunsOut_WithTheVerdictInstructionLimit()
    {
        var result = await Client.CallToolAsync("run_code", new Dictionary<string, object?>
        {
            ["language"] = "python", ["code"] = "print('before', flush=True)\nwhile True: pass", ["maxInstructions"] = 5_000_000,
        });

        var answer = result.StructuredContent!.Value;
        Assert.Equal("before\n", answer.GetProperty("stdout").GetString());
        Assert.Equal("instructionLimit", answer.GetProperty("verdict").GetString());
        Assert.Equal("Instruction limit of 5000000 exceeded; the program was stopped.", answer.GetProperty("error").GetString());
    }

    [Fact]
    public async Task RunCode_AllowHosts_SendsTheProgramsRequestsThroughTheHostsRules_AndListsThem()
    {
        const string Code = "(async () => { for (const url of ['http://127.0.0.1:9/', 'https://example.org/']) { try { await fetch(url); } catch (e) { console.log(e.cause.message); } } })();";

        var result = await Client.CallToolAsync("run_code", new Dictionary<string, object?>
        {
            ["language"] = "javascript", ["code"] = Code, ["allowHosts"] = new[] { "127.0.0.1", "*.example.com" },
        });

        var answer = result.StructuredContent!.Value;
        const string Private = "127.0.0.1 resolves only to local, private or metadata addresses (127.0.0.1); programs reach public hosts only.";
        const string OffTheList = "example.org is not in network.allow (127.0.0.1, *.example.com); the request was refused.";
        Assert.Equal($"{Private}\n{OffTheList}\n", answer.GetProperty("stdout").GetString());
        Assert.Equal("success", answer.GetProperty("verdict").GetString());
        var requests = answer.GetProperty("networkRequests").EnumerateArray().ToArray();
        Assert.Equal(["GET 127.0.0.1: " + Private, "GET example.org: " + OffTheList], requests.Select(r => $"{r.GetProperty("method")} {r.GetProperty("host")}: {r.GetProperty("error")}"));
        Assert.All(requests, r => Assert.False(r.TryGetProperty("status", out _)));
    }

    [Fact]
    public async Task RunCode_WithoutAllowHosts_HasNoNetwork_AndListsNoRequests()
    {
        var result = await Client.CallToolAsync("run_code", new Dictionary<string, object?>
        {
            ["language"] = "python", ["code"] = "import urllib.request\ntry:\n    urllib.request.urlopen('https://example.org/')\nexcept OSError as e:\n    print(type(e).__name__)",
        });

        var answer = result.StructuredContent!.Value;
        Assert.Equal("URLError\n", answer.GetProperty("stdout").GetString());
        Assert.False(answer.TryGetProperty("networkRequests", out _));
    }

    [Fact]
    public async Task RunCode_InvalidRequest_IsAToolErrorNamingTheFieldAndBound()
    {
        var unknown = await Client.CallToolAsync("run_code", new Dictionary<string, object?> { ["language"] = "cobol", ["code"] = "x" });
        var tooLong = await Client.CallToolAsync("run_code", new Dictionary<string, object?> { ["language"] = "python", ["code"] = "x", ["timeoutMs"] = 999_999 });
        var noHosts = await Client.CallToolAsync("run_code", new Dictionary<string, object?> { ["language"] = "python", ["code"] = "x", ["allowHosts"] = Array.Empty<string>() });

        Assert.True(unknown.IsError);
        Assert.Equal("An error occurred invoking 'run_code': language: 'cobol' is not one of python, javascript, typescript, ruby, wasm (or py, js, ts, rb).", Text(unknown));
        Assert.True(tooLong.IsError);
        Assert.StartsWith("An error occurred invoking 'run_code': limits.timeoutMs: ", Text(tooLong));
        Assert.True(noHosts.IsError);
        Assert.Equal("An error occurred invoking 'run_code': network.allow: limits.allowNetwork needs the hosts the program may reach, e.g. [\"api.example.com\", \"*.example.org\"]; it was empty.", Text(noHosts));
    }

    [Fact]
    public async Task Languages_ListsEachWithItsRuntime()
    {
        var result = await Client.CallToolAsync("languages", new Dictionary<string, object?>());

        var languages = result.StructuredContent!.Value.GetProperty("languages").EnumerateArray().ToList();
        Assert.Equal(["python", "javascript", "typescript", "ruby", "wasm"], languages.Select(l => l.GetProperty("language").GetString()));
        Assert.All(languages, l => Assert.True(l.GetProperty("available").GetBoolean()));
        Assert.Equal("CPython (WASI)", languages[0].GetProperty("runtime").GetString());
    }

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    private static async Task<string> NativePythonAsync(string code, string input, params string[] args)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(code);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
