using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using CodeExecution.Functions.Testing;

namespace CodeExecution.Functions.Tests;

/// <summary>
/// <c>POST /api/execute</c> with <c>Accept: text/event-stream</c>, read as a client reads it: events parsed as they
/// arrive over a real HTTP connection, from the app's functions on Kestrel.
/// </summary>
public sealed class EventStreamTests(EventStreamTests.Server server) : IClassFixture<EventStreamTests.Server>
{
    public sealed class Server : IAsyncLifetime
    {
        private AzuriteServer? _azurite;

        public FunctionsWebHost Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _azurite = await AzuriteServer.StartAsync();
            Host = await FunctionsWebHost.StartAsync(TestHost.Settings(_azurite, StorageNamesForRun.Unique()));
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            await _azurite!.DisposeAsync();
        }
    }

    private sealed record Event(string Type, string Data, DateTimeOffset ArrivedAt);

    [Theory]
    [InlineData("python", "import sys, time\nprint('first')\ntime.sleep(1)\nprint(time.time_ns() // 1000000)\nprint('done', file=sys.stderr)")]
    [InlineData("javascript", "console.log('first');\nconst end = Date.now() + 1000; while (Date.now() < end) {}\nconsole.log(Date.now());\nconsole.error('done');")]
    public async Task Output_ArrivesAsWritten_ThenTheResult(string language, string code)
    {
        var (status, contentType, events) = await StreamAsync(new { code, language });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/event-stream", contentType);
        Assert.Equal(["stdout", "stdout", "stderr", "result"], events.Select(e => e.Type));
        Assert.Equal("first\n", Text(events[0]));
        Assert.Equal("done\n", Text(events[2]));
        // The guest wrote its second line at this time (Unix ms, the same clock): the first had reached us before.
        var secondWrittenAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Text(events[1]), CultureInfo.InvariantCulture));
        Assert.True(events[0].ArrivedAt < secondWrittenAt, $"first arrived at {events[0].ArrivedAt:O}, second was written at {secondWrittenAt:O}");
        using var result = JsonDocument.Parse(events[3].Data);
        Assert.True(result.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal($"first\n{Text(events[1])}", result.RootElement.GetProperty("stdout").GetString());
        Assert.Equal("done\n", result.RootElement.GetProperty("stderr").GetString());
    }

    [Fact]
    public async Task ProgramWithoutOutput_SendsOnlyTheResult()
    {
        var (status, _, events) = await StreamAsync(new { code = "raise SystemExit(3)", language = "python" });

        Assert.Equal(HttpStatusCode.OK, status);
        var only = Assert.Single(events);
        Assert.Equal("result", only.Type);
        using var result = JsonDocument.Parse(only.Data);
        Assert.Equal(3, result.RootElement.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task TextKeepsCarriageReturnsAndNewlines_AndOutputStopsAtTheLimit()
    {
        var (_, _, events) = await StreamAsync(new
        {
            code = "import sys\nsys.stdout.write('a\\r\\nb\\rc\\n')\nwhile True: print('x' * 100)",
            language = "python",
            limits = new { maxOutputSize = 1024 },
        });

        var stdout = string.Concat(events.Where(e => e.Type == "stdout").Select(Text));
        Assert.StartsWith("a\r\nb\rc\n", stdout, StringComparison.Ordinal);
        using var result = JsonDocument.Parse(events[^1].Data);
        Assert.Equal("result", events[^1].Type);
        Assert.Equal(result.RootElement.GetProperty("stdout").GetString(), stdout);
        Assert.True(result.RootElement.GetProperty("metadata").GetProperty("outputTruncated").GetBoolean());
        Assert.True(Encoding.UTF8.GetByteCount(stdout) <= 1024);
    }

    [Fact]
    public async Task InvalidRequest_IsAProblem_NotAStream()
    {
        using var http = Client();
        using var response = await http.SendAsync(Post(new { code = "print(1)", language = "python", limits = new { timeoutMs = -1 } }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("limits.timeoutMs", problem.RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task NoSandboxInTime_Is429_BeforeAnyEvent()
    {
        using var http = Client();
        // Both sandboxes (MaxConcurrency 2) sleep; the streamed request waits MaxQueueWaitMs (400) and is refused.
        var sleepers = Enumerable.Range(0, 2).Select(_ => http.SendAsync(Post(new { code = "import time\ntime.sleep(3)", language = "python" }))).ToArray();
        await server.Host.WaitUntilRunningAsync(2);

        using var refused = await http.SendAsync(Post(new { code = "print('never')", language = "python" }));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("No sandbox of this instance freed up within 400 ms", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var sleeper in await Task.WhenAll(sleepers))
        {
            Assert.Equal(HttpStatusCode.OK, sleeper.StatusCode);
            sleeper.Dispose();
        }
    }

    [Fact]
    public async Task DocumentedCurlExample_AnswersAsDocumented()
    {
        var (command, documented) = DocumentedCommand.Find("docs/functions.md", "curl -sN ");
        var start = new System.Diagnostics.ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true };
        start.Environment["BASE"] = new Uri(server.Host.BaseAddress, "api").ToString();

        using var curl = System.Diagnostics.Process.Start(start)!;
        var output = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();

        Assert.Equal(0, curl.ExitCode);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(documented.Count, lines.Length);
        foreach (var (expected, actual) in documented.Zip(lines))
        {
            // A documented line ending in ",...}" stands for the rest of the result.
            if (expected.EndsWith(",...}", StringComparison.Ordinal))
            {
                Assert.StartsWith(expected[..^4], actual, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(expected, actual);
            }
        }
    }

    private HttpClient Client() => new() { BaseAddress = server.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    private static HttpRequestMessage Post(object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/execute") { Content = JsonContent.Create(body) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }

    private async Task<(HttpStatusCode Status, string? ContentType, List<Event> Events)> StreamAsync(object body)
    {
        using var http = Client();
        using var response = await http.SendAsync(Post(body), HttpCompletionOption.ResponseHeadersRead);
        var events = new List<Event>();
        await using var stream = await response.Content.ReadAsStreamAsync();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            events.Add(new Event(item.EventType, item.Data, DateTimeOffset.UtcNow));
        }

        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, events);
    }

    private static string Text(Event e) => JsonSerializer.Deserialize<string>(e.Data)!;
}
