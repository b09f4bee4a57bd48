using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using CodeExecution.Functions.Functions;
using CodeExecution.Functions.Jobs;
using CodeExecution.Storage;
using CodeExecution.Storage.Jobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CodeExecution.Functions.Tests;

/// <summary>Queued jobs end to end on real Azurite queues, blobs and tables, with the queue functions driven by <see cref="QueuePump"/>.</summary>
[Collection(JobsAppCollection.Name)]
public sealed class JobsTests(JobsAppFixture app)
{
    private JobsFunction Api => app.Host.Function<JobsFunction>();

    [Fact]
    public async Task Job_Of100MixedItems_CompletesWithEveryResultInOrder()
    {
        var requests = Enumerable.Range(0, 100).Select(MixedRequest).ToList();

        var accepted = await HttpCall.SendAsync(HttpCall.Post("/api/jobs", $"{{\"requests\":[{string.Join(",", requests)}]}}"), Api.SubmitJob);
        var id = accepted.Text("id")!;
        var queued = await GetJobAsync(id);
        await app.RunJobAsync(id);
        var done = await GetJobAsync(id);

        Assert.Equal(202, accepted.Status);
        Assert.Equal($"/api/jobs/{id}", accepted.Headers.Location.ToString());
        Assert.Equal($"/api/jobs/{id}", accepted.Text("location"));
        Assert.Equal(100, accepted.Json.GetProperty("total").GetInt32());
        Assert.Equal("queued", queued.Text("status"));
        Assert.False(queued.Json.TryGetProperty("results", out _));
        Assert.Equal("completed", done.Text("status"));
        Assert.Equal(100, done.Json.GetProperty("total").GetInt32());
        Assert.Equal(60, done.Json.GetProperty("completed").GetInt32());
        Assert.Equal(40, done.Json.GetProperty("failed").GetInt32());
        var results = done.Json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 100), results.Select(r => r.GetProperty("index").GetInt32()));
        for (var i = 0; i < 100; i++)
        {
            var result = results[i].GetProperty("result");
            var (success, stdout, exitCode) = Expected(i);
            Assert.Equal(success, result.GetProperty("success").GetBoolean());
            Assert.Equal(success, results[i].GetProperty("success").GetBoolean());
            Assert.Equal(exitCode, result.GetProperty("exitCode").GetInt32());
            if (stdout is not null)
            {
                Assert.Equal(stdout, result.GetProperty("stdout").GetString());
            }
        }

        Assert.Contains("unsupported", results[4].GetProperty("result").GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        var timings = results[0].GetProperty("result").GetProperty("metadata").GetProperty("timings");
        Assert.True(timings.GetProperty("jobQueueMs").GetDouble() > 0);
        Assert.True(timings.GetProperty("queuedMs").GetDouble() >= 0);
        Assert.True(timings.GetProperty("instantiateMs").GetDouble() > 0);
        Assert.True(timings.GetProperty("runMs").GetDouble() > 0);
        Assert.All(requests, request => Assert.Equal(1, app.Executions[request]));
    }

    [Fact]
    public async Task SameMessageDeliveredTwice_RunsEachItemOnce()
    {
        var id = NewJobId();
        var requests = Enumerable.Range(0, 12).Select(i => $"{{\"code\":\"print('twice {id} {i}')\",\"language\":\"python\"}}").ToList();
        var message = $"{{\"jobId\":\"{id}\",\"requests\":[{string.Join(",", requests)}]}}";
        var jobs = app.Clients.Queues.GetQueueClient(StorageNames.JobsQueue);
        await app.Queues.EnsureReadyAsync();

        // The job message twice: the second delivery finds the fan-out done and enqueues nothing.
        await jobs.SendMessageAsync(message);
        await jobs.SendMessageAsync(message);
        var job = app.Host.Function<ProcessJobFunction>();
        await new QueuePump(app.Clients.Queues).Route(StorageNames.JobsQueue, job.ProcessJob).RunUntilAsync(() => Task.FromResult(true), TimeSpan.FromMinutes(1));
        var items = app.Clients.Queues.GetQueueClient(StorageNames.JobItemsQueue);
        var fannedOut = (await items.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value;

        // Every item message twice, side by side, so copies also run concurrently.
        foreach (var item in fannedOut)
        {
            await items.SendMessageAsync(item.Body);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        await app.RunJobAsync(id);
        var done = await GetJobAsync(id);

        Assert.Equal(12, fannedOut.Length);
        Assert.Equal("completed", done.Text("status"));
        Assert.Equal(12, done.Json.GetProperty("completed").GetInt32());
        Assert.Equal(0, done.Json.GetProperty("failed").GetInt32());
        Assert.Equal(
            Enumerable.Range(0, 12).Select(i => $"twice {id} {i}\n"),
            done.Json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("result").GetProperty("stdout").GetString()));
        Assert.All(requests, request => Assert.Equal(1, app.Executions[request]));
    }

    [Fact]
    public async Task ItemThatAlwaysCrashesItsWorker_EndsFailedAfterTheRetries_AndTheJobCompletes()
    {
        var id = NewJobId();
        var crashing = $"{{\"code\":\"print('never') {JobsAppFixture.CrashMarker} {id}\",\"language\":\"python\"}}";
        string[] requests = [$"{{\"code\":\"print('a {id}')\",\"language\":\"python\"}}", crashing, $"{{\"code\":\"console.log('c {id}')\",\"language\":\"javascript\"}}"];

        await app.Queues.SendJobAsync(id, new JobSubmission(requests, null), CancellationToken.None);
        await app.RunJobAsync(id);
        var done = await GetJobAsync(id);

        Assert.Equal("completed", done.Text("status"));
        Assert.Equal(2, done.Json.GetProperty("completed").GetInt32());
        Assert.Equal(1, done.Json.GetProperty("failed").GetInt32());
        var failed = done.Json.GetProperty("results")[1];
        Assert.False(failed.GetProperty("success").GetBoolean());
        Assert.Equal(-1, failed.GetProperty("result").GetProperty("exitCode").GetInt32());
        Assert.Equal(
            "Item 1 could not be run: its message failed on every delivery (5); last error: InvalidOperationException: The worker crashed running this item.",
            failed.GetProperty("result").GetProperty("error").GetString());
        Assert.Equal(5, app.Executions[crashing]);
        Assert.Equal($"c {id}\n", done.Json.GetProperty("results")[2].GetProperty("result").GetProperty("stdout").GetString());
    }

    [Fact]
    public async Task MessageOver64KB_GoesThroughTheClaimCheck()
    {
        var id = NewJobId();
        var padding = new string('x', 4000);
        var requests = Enumerable.Range(0, 20).Select(i => $"{{\"code\":\"# {padding}\\nprint({i} * 3)\",\"language\":\"python\"}}").ToList();

        var claimed = await app.Queues.SendJobAsync(id, new JobSubmission(requests, null), CancellationToken.None);
        var peeked = (await app.Clients.Queues.GetQueueClient(StorageNames.JobsQueue).PeekMessagesAsync(32)).Value
            .Select(message => message.Body.ToString()).Single(body => body.Contains(id, StringComparison.Ordinal));
        await app.RunJobAsync(id);
        var done = await GetJobAsync(id);

        Assert.True(claimed);
        Assert.Equal($"{{\"jobId\":\"{id}\",\"payload\":{{\"container\":\"{StorageNames.JobPayloadsContainer}\",\"blob\":\"{id}/job.json\"}}}}", peeked);
        Assert.Equal("completed", done.Text("status"));
        Assert.Equal(
            Enumerable.Range(0, 20).Select(i => $"{i * 3}\n"),
            done.Json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("result").GetProperty("stdout").GetString()));
    }

    [Fact]
    public async Task AJobsWasmItem_Completes()
    {
        var id = NewJobId();
        var code = Convert.ToBase64String(WasmPrograms.Module("args_env.c"));
        var request = $"{{\"language\":\"wasm\",\"code\":\"{code}\",\"args\":[\"0\",\"job\"]}}";

        await app.Queues.SendJobAsync(id, new JobSubmission([request], null), CancellationToken.None);
        await app.RunJobAsync(id);
        var done = await GetJobAsync(id);

        Assert.Equal("completed", done.Text("status"));
        var result = done.Json.GetProperty("results")[0].GetProperty("result");
        Assert.True(result.GetProperty("success").GetBoolean());
        Assert.Equal("argv[0]=main.wasm\nargv[1]=0\nargv[2]=job\n0 variables\n", result.GetProperty("stdout").GetString());
    }

    [Fact]
    public async Task AJobsRubyItem_Completes_WithItsArgumentsAndInput()
    {
        var id = NewJobId();
        const string Request = """{"language":"ruby","code":"puts ARGV.inspect\nputs $stdin.gets.upcase\nexit 3","args":["a","job"],"input":"hi\n"}""";

        await app.Queues.SendJobAsync(id, new JobSubmission([Request], null), CancellationToken.None);
        await app.RunJobAsync(id);
        var done = await GetJobAsync(id);

        Assert.Equal("completed", done.Text("status"));
        var result = done.Json.GetProperty("results")[0].GetProperty("result");
        Assert.False(result.GetProperty("success").GetBoolean());
        Assert.Equal(3, result.GetProperty("exitCode").GetInt32());
        Assert.Equal("[\"a\", \"job\"]\nHI\n", result.GetProperty("stdout").GetString());
        Assert.Equal("ruby", result.GetProperty("language").GetString());
    }

    [Fact]
    public async Task AJobsFiles_GoThroughTheClaimCheck_AndItsResultsHoldTheFilesWritten()
    {
        var id = NewJobId();
        var data = Convert.ToBase64String(Enumerable.Range(0, 70_000).Select(i => (byte)(i % 251)).ToArray());
        var request = "{\"entry\":\"main.py\",\"language\":\"python\",\"files\":["
            + "{\"path\":\"main.py\",\"content\":\"from lib import total\\nopen('sum.txt', 'w').write(str(total(open('data.bin', 'rb').read())))\\n\"},"
            + "{\"path\":\"lib.py\",\"content\":\"def total(data):\\n    return sum(data)\\n\"},"
            + $"{{\"path\":\"data.bin\",\"content\":\"{data}\",\"encoding\":\"base64\"}}]}}";

        var claimed = await app.Queues.SendJobAsync(id, new JobSubmission([request], null), CancellationToken.None);
        await app.RunJobAsync(id);
        var done = await GetJobAsync(id);

        Assert.True(claimed);
        Assert.Equal("completed", done.Text("status"));
        var file = done.Json.GetProperty("results")[0].GetProperty("result").GetProperty("files")[0];
        Assert.Equal("sum.txt", file.GetProperty("path").GetString());
        Assert.Equal(Enumerable.Range(0, 70_000).Sum(i => i % 251).ToString(System.Globalization.CultureInfo.InvariantCulture), file.GetProperty("content").GetString());
    }

    [Fact]
    public async Task LargeOutput_IsKeptInBlobStorage_AndLinked()
    {
        var id = NewJobId();
        string[] requests = ["{\"code\":\"print('y' * 40000)\",\"language\":\"python\"}", "{\"code\":\"print('small')\",\"language\":\"python\"}"];

        await app.Queues.SendJobAsync(id, new JobSubmission(requests, null), CancellationToken.None);
        await app.RunJobAsync(id);
        var done = await GetJobAsync(id);
        var link = done.Json.GetProperty("results")[0].GetProperty("resultUrl").GetString();
        var full = await HttpCall.SendAsync(HttpCall.Get(link!), request => Api.GetJobResult(request, id, "0"));

        Assert.Equal($"/api/jobs/{id}/results/0", link);
        Assert.False(done.Json.GetProperty("results")[0].TryGetProperty("result", out _));
        Assert.Equal("small\n", done.Json.GetProperty("results")[1].GetProperty("result").GetProperty("stdout").GetString());
        Assert.Equal(200, full.Status);
        Assert.Equal(new string('y', 40000) + "\n", full.Text("stdout"));
    }

    [Theory]
    [InlineData("{\"jobId\":\"bad-requests\",\"requests\":\"nope\"}", "bad-requests", "The job message was rejected: requests: is required and must be an array.")]
    [InlineData("{\"jobId\":\"bad-field\",\"requests\":[{}],\"priority\":1}", "bad-field", "The job message was rejected: priority: is not a known field.")]
    [InlineData("{\"jobId\":\"bad-claim\",\"payload\":{\"container\":\"job-payloads\",\"blob\":\"nowhere.json\"}}", "bad-claim", "The job message was rejected: payload.blob: job-payloads/nowhere.json does not exist.")]
    [InlineData("{\"jobId\":\"bad-container\",\"payload\":{\"container\":\"runtimes\",\"blob\":\"x\"}}", "bad-container", "The job message was rejected: payload.container: must be 'job-payloads'; it was 'runtimes'.")]
    [InlineData("this is not json", null, "The job message was rejected: body: is not valid JSON")]
    public async Task MalformedQueueMessage_IsRecordedAsRejectedWithItsReason(string message, string? jobId, string reason)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var text = jobId is null ? message : message.Replace(jobId, $"{jobId}-{suffix}", StringComparison.Ordinal);
        await app.Queues.EnsureReadyAsync();

        var receipt = (await app.Clients.Queues.GetQueueClient(StorageNames.JobsQueue).SendMessageAsync(text)).Value;
        var id = jobId is null ? receipt.MessageId : $"{jobId}-{suffix}";
        await app.RunJobAsync(id);
        var rejected = await GetJobAsync(id);

        Assert.Equal(200, rejected.Status);
        Assert.Equal("failed", rejected.Text("status"));
        Assert.StartsWith(reason, rejected.Text("error"), StringComparison.Ordinal);
        Assert.Equal(0, rejected.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task UnknownJob_Is404()
    {
        var answer = await HttpCall.SendAsync(HttpCall.Get("/api/jobs/no-such-job"), request => Api.GetJob(request, "no-such-job"));
        var invalid = await HttpCall.SendAsync(HttpCall.Get("/api/jobs/a%2Fb"), request => Api.GetJob(request, "a/b"));

        Assert.Equal(404, answer.Status);
        Assert.Equal("Unknown job", answer.Text("title"));
        Assert.Equal("There is no job no-such-job.", answer.Text("detail"));
        Assert.Equal(404, invalid.Status);
    }

    [Theory]
    [InlineData("{\"requests\":[]}", "requests", "requests: must hold 1 to 200 requests; it holds 0.")]
    [InlineData("{\"requests\":[{}],\"callbackUrl\":\"ftp://example.com/x\"}", "callbackUrl", "callbackUrl: must be an absolute http or https URL without credentials.")]
    [InlineData("{\"requests\":[{}],\"jobId\":\"mine\"}", "jobId", "jobId: is not a known field.")]
    [InlineData("[1]", "$", "body: must be a JSON object with a \"requests\" array or a \"grading\" request.")]
    public async Task InvalidJob_Is400NamingTheField(string body, string field, string detail)
    {
        var answer = await HttpCall.SendAsync(HttpCall.Post("/api/jobs", body), Api.SubmitJob);

        Assert.Equal(400, answer.Status);
        Assert.Equal(field, answer.Text("field"));
        Assert.Equal(detail, answer.Text("detail"));
    }

    [Fact]
    public async Task TooManyItems_Is400()
    {
        var body = $"{{\"requests\":[{string.Join(",", Enumerable.Repeat("{}", 201))}]}}";

        var answer = await HttpCall.SendAsync(HttpCall.Post("/api/jobs", body), Api.SubmitJob);

        Assert.Equal(400, answer.Status);
        Assert.Equal("requests: must hold 1 to 200 requests; it holds 201.", answer.Text("detail"));
    }

    [Fact]
    public async Task Callback_IsPostedSigned_AndRetriedWhenTheReceiverFails()
    {
        await using var receiver = CallbackReceiver.Start(failuresBeforeSuccess: 2);
        var body = $"{{\"requests\":[{{\"code\":\"print(1)\",\"language\":\"python\"}},{{\"code\":\"x\",\"language\":\"cobol\"}}],\"callbackUrl\":\"{receiver.Url}\"}}";

        var accepted = await HttpCall.SendAsync(HttpCall.Post("/api/jobs", body), Api.SubmitJob);
        var id = accepted.Text("id")!;
        await app.RunJobAsync(id);
        var done = await GetJobAsync(id);

        Assert.Equal(3, receiver.Requests.Count);
        Assert.All(receiver.Requests, request =>
        {
            Assert.Equal(id, request.JobHeader);
            Assert.True(CallbackSignature.Verify(JobsAppFixture.SigningKey, request.Signature, request.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
            Assert.False(CallbackSignature.Verify("another-key-0123456789", request.Signature, request.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        });
        var summary = JsonDocument.Parse(receiver.Requests[^1].Body).RootElement;
        Assert.Equal(id, summary.GetProperty("jobId").GetString());
        Assert.Equal("completed", summary.GetProperty("status").GetString());
        Assert.Equal(1, summary.GetProperty("completed").GetInt32());
        Assert.Equal(1, summary.GetProperty("failed").GetInt32());
        Assert.Equal($"/api/jobs/{id}", summary.GetProperty("results").GetString());
        Assert.Equal("completed", done.Text("status"));
        var callback = done.Json.GetProperty("callback");
        Assert.Equal("delivered", callback.GetProperty("state").GetString());
        Assert.Equal(3, callback.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task CallbackThatAlwaysFails_IsRecordedFailed_AndTheJobStaysCompleted()
    {
        await using var receiver = CallbackReceiver.Start(failuresBeforeSuccess: int.MaxValue);
        var body = $"{{\"requests\":[{{\"code\":\"print(2)\",\"language\":\"python\"}}],\"callbackUrl\":\"{receiver.Url}\"}}";

        var accepted = await HttpCall.SendAsync(HttpCall.Post("/api/jobs", body), Api.SubmitJob);
        var id = accepted.Text("id")!;
        await app.RunJobAsync(id);
        var done = await GetJobAsync(id);

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal("completed", done.Text("status"));
        Assert.Equal(1, done.Json.GetProperty("completed").GetInt32());
        var callback = done.Json.GetProperty("callback");
        Assert.Equal("failed", callback.GetProperty("state").GetString());
        Assert.Equal(3, callback.GetProperty("attempts").GetInt32());
        Assert.Equal("The receiver answered 503 Service Unavailable.", callback.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Callback_ToANameResolvingToAPrivateAddress_IsRefusedWhenConnecting_UnlessPrivateHostsAreAllowed(bool allowPrivate)
    {
        // This machine's own name passes the URL check at submission (it is no literal and not "localhost") and
        // resolves to loopback; only the check made when connecting can catch it.
        var host = Dns.GetHostName();
        var addresses = (await Dns.GetHostAddressesAsync(host)).Distinct().ToArray();
        Assert.All(addresses, address => Assert.True(CallbackAddresses.IsPrivate(address), $"{host} resolves to {address}"));
        Assert.False(CallbackAddresses.IsPrivateHost(new Uri($"http://{host}/hook")));
        using var receiver = new TcpListener(IPAddress.IPv6Any, 0);
        receiver.Server.DualMode = true;
        receiver.Start();
        var url = $"http://{host}:{((IPEndPoint)receiver.LocalEndpoint).Port}/hook";
        var id = NewJobId();
        await app.Store.CreateJobAsync(id, 1, url, JobKind.Execution, CancellationToken.None);
        await app.Store.SetCallbackStateAsync(id, CallbackState.Pending, 0, null, CancellationToken.None);
        var options = Options.Create(new JobsOptions
        {
            AllowPrivateCallbackHosts = allowPrivate, CallbackAttempts = 1, CallbackTimeoutMs = 500, CallbackSigningKey = JobsAppFixture.SigningKey,
        });
        using var sender = new CallbackSender(app.Store, options, NullLogger<CallbackSender>.Instance);
        var connection = receiver.AcceptTcpClientAsync();

        await sender.DeliverAsync(id, CancellationToken.None);

        var job = await app.Store.GetJobAsync(id, CancellationToken.None);
        Assert.Equal(CallbackState.Failed, job!.CallbackState);
        if (allowPrivate)
        {
            Assert.True(connection.IsCompletedSuccessfully);
            Assert.Equal("The receiver did not answer within 500 ms.", job.CallbackError);
        }
        else
        {
            Assert.False(connection.IsCompleted);
            Assert.Equal(
                $"The request failed: {host} resolves only to local, private or metadata addresses ({string.Join(", ", addresses.AsEnumerable())}); callbacks reach public hosts only. ({host}:{((IPEndPoint)receiver.LocalEndpoint).Port})",
                job.CallbackError);
        }

        receiver.Stop();
    }

    [Fact]
    public async Task Results_ComeInPages_LinkedByNextResults()
    {
        var requests = Enumerable.Range(0, 12).Select(i => $"{{\"code\":\"console.log('page item {i}')\",\"language\":\"javascript\"}}");
        var accepted = await HttpCall.SendAsync(HttpCall.Post("/api/jobs", $"{{\"requests\":[{string.Join(",", requests)}]}}"), Api.SubmitJob);
        var id = accepted.Text("id")!;
        await app.RunJobAsync(id);

        var pages = new List<HttpAnswer>();
        string? query = "?limit=5";
        while (query is not null)
        {
            var page = await HttpCall.SendAsync(HttpCall.Get($"/api/jobs/{id}", query), request => Api.GetJob(request, id));
            pages.Add(page);
            query = page.Json.TryGetProperty("nextResults", out var next) ? next.GetString()![$"/api/jobs/{id}".Length..] : null;
        }

        Assert.Equal(3, pages.Count);
        Assert.Equal($"/api/jobs/{id}?offset=5&limit=5", pages[0].Text("nextResults"));
        Assert.Equal($"/api/jobs/{id}?offset=10&limit=5", pages[1].Text("nextResults"));
        Assert.All(pages, page => Assert.Equal(12, page.Json.GetProperty("completed").GetInt32()));
        Assert.Equal(
            Enumerable.Range(0, 12).Select(i => (i, (string?)$"page item {i}\n")),
            pages.SelectMany(page => page.Json.GetProperty("results").EnumerateArray())
                .Select(r => (r.GetProperty("index").GetInt32(), r.GetProperty("result").GetProperty("stdout").GetString())));
        var whole = await GetJobAsync(id);
        Assert.Equal(12, whole.Json.GetProperty("results").GetArrayLength());
        Assert.False(whole.Json.TryGetProperty("nextResults", out _));
        var end = await HttpCall.SendAsync(HttpCall.Get($"/api/jobs/{id}", "?offset=12"), request => Api.GetJob(request, id));
        Assert.Equal(0, end.Json.GetProperty("results").GetArrayLength());
    }

    [Theory]
    [InlineData("?limit=0", "limit", "limit: must be one whole number from 1 to 1000; it was '0'.")]
    [InlineData("?limit=1001", "limit", "limit: must be one whole number from 1 to 1000; it was '1001'.")]
    [InlineData("?limit=ten", "limit", "limit: must be one whole number from 1 to 1000; it was 'ten'.")]
    [InlineData("?offset=-1", "offset", "offset: must be one whole number from 0 to 2147483647; it was '-1'.")]
    [InlineData("?offset=1&offset=2", "offset", "offset: must be one whole number from 0 to 2147483647; it was '1,2'.")]
    [InlineData("?offset=4", "offset", "offset: must be at most 3, the job's number of items; it was 4.")]
    public async Task ResultsPage_OutOfRange_Answers400NamingTheParameter(string query, string field, string detail)
    {
        var id = NewJobId();
        await app.Store.CreateJobAsync(id, 3, null, JobKind.Execution, CancellationToken.None);

        var answer = await HttpCall.SendAsync(HttpCall.Get($"/api/jobs/{id}", query), request => Api.GetJob(request, id));

        ExecuteFunctionTests.AssertProblem(answer, 400, "Invalid request", field: field, code: "INVALID_REQUEST");
        Assert.Equal(detail, answer.Text("detail"));
    }

    private async Task<HttpAnswer> GetJobAsync(string id) =>
        await HttpCall.SendAsync(HttpCall.Get($"/api/jobs/{id}"), request => Api.GetJob(request, id));

    private static string NewJobId() => $"job-{Guid.NewGuid():N}";

    private static string MixedRequest(int i) => (i % 5) switch
    {
        0 => $"{{\"code\":\"print({i})\",\"language\":\"python\"}}",
        1 => $"{{\"code\":\"console.log({i} * 2)\",\"language\":\"javascript\"}}",
        2 => $"{{\"code\":\"const n: number = {i}; console.log(n + 1)\",\"language\":\"typescript\"}}",
        3 => $"{{\"code\":\"import sys\\nprint('no', file=sys.stderr)\\nsys.exit(3) # {i}\",\"language\":\"python\"}}",
        _ => $"{{\"code\":\"{i}\",\"language\":\"cobol\"}}",
    };

    private static (bool Success, string? Stdout, int ExitCode) Expected(int i) => (i % 5) switch
    {
        0 => (true, $"{i}\n", 0),
        1 => (true, $"{i * 2}\n", 0),
        2 => (true, $"{i + 1}\n", 0),
        3 => (false, "", 3),
        _ => (false, null, -1),
    };

    /// <summary>A loopback HTTP receiver that answers 503 to the first N posts and 200 after.</summary>
    internal sealed class CallbackReceiver(int failures) : LoopbackHttpServer
    {
        public string Url => $"{Origin}/hook";

        public List<Received> Requests { get; } = [];

        public static CallbackReceiver Start(int failuresBeforeSuccess) => new(failuresBeforeSuccess);

        protected override async Task HandleAsync(HttpListenerContext context)
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            lock (Requests)
            {
                Requests.Add(new Received(context.Request.Headers[CallbackSignature.Header], context.Request.Headers[CallbackSignature.JobHeader], buffer.ToArray()));
                context.Response.StatusCode = Requests.Count > failures ? 200 : 503;
            }
        }

        public sealed record Received(string? Signature, string? JobHeader, byte[] Body)
        {
            public override string ToString() => Encoding.UTF8.GetString(Body);
        }
    }
}
