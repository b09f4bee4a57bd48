using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CodeExecution.Core.Serialization;

namespace CodeExecution.Storage.Jobs;

/// <summary>
/// Reads and writes the job formats: the <c>POST /api/jobs</c> body and claim-check payload
/// (<c>{"requests":[...],"callbackUrl":"..."}</c>, or <c>{"grading":{...}}</c> in place of <c>requests</c>), the job message (the same with <c>jobId</c>, or
/// <c>{"jobId":"...","payload":{"container":"job-payloads","blob":"..."}}</c>), and the item messages.
/// Strict: unknown fields, duplicate keys and wrong types are refused with the field named.
/// </summary>
public sealed partial class JobMessageFormat(JobsOptions options)
{
    /// <summary>Largest message text sent inline: 64 KB once Base64-encoded.</summary>
    public const int MaxInlineMessageBytes = 48 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = CodeExecutionJson.MaxDepth + 2, AllowDuplicateProperties = false };
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static bool IsValidJobId(string? id) => id is not null && JobIdPattern().IsMatch(id);

    /// <summary>The body of <c>POST /api/jobs</c> or of a claim-check blob.</summary>
    public JobSubmission ReadSubmission(ReadOnlySpan<byte> utf8) => ReadSubmission(Parse(utf8).RootElement, allowEnvelope: false).Submission!;

    /// <summary>A message taken from <see cref="StorageNames.JobsQueue"/>.</summary>
    public JobMessage ReadJobMessage(string text)
    {
        using var document = Parse(Encoding.UTF8.GetBytes(text));
        return ReadSubmission(document.RootElement, allowEnvelope: true);
    }

    public static byte[] WriteSubmission(JobSubmission submission) => Write(writer => WriteSubmissionFields(writer, submission));

    public static string WriteJobMessage(string jobId, JobSubmission submission) => Encoding.UTF8.GetString(Write(writer =>
    {
        writer.WriteString("jobId", jobId);
        WriteSubmissionFields(writer, submission);
    }));

    public static string WriteClaimCheck(string jobId, ClaimCheck payload) => Encoding.UTF8.GetString(Write(writer =>
    {
        writer.WriteString("jobId", jobId);
        writer.WriteStartObject("payload");
        writer.WriteString("container", payload.Container);
        writer.WriteString("blob", payload.Blob);
        writer.WriteEndObject();
    }));

    public static string WriteItemMessage(JobItemMessage item) => Encoding.UTF8.GetString(Write(writer =>
    {
        writer.WriteString("jobId", item.JobId);
        if (item.Callback)
        {
            writer.WriteBoolean("callback", true);
            return;
        }

        writer.WriteNumber("index", item.Index);
        if (item.Grading)
        {
            writer.WriteBoolean("grading", true);
        }

        if (item.Request is not null)
        {
            writer.WritePropertyName("request");
            writer.WriteRawValue(item.Request);
        }
        else
        {
            writer.WriteString("requestBlob", item.RequestBlob);
        }
    }));

    public static JobItemMessage ReadItemMessage(string text)
    {
        using var document = Parse(Encoding.UTF8.GetBytes(text));
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JobFormatException("item message: must be a JSON object.", "$");
        }

        string? jobId = null, request = null, requestBlob = null;
        int? index = null;
        var callback = false;
        var grading = false;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "jobId" when property.Value.ValueKind == JsonValueKind.String && IsValidJobId(property.Value.GetString()):
                    jobId = property.Value.GetString();
                    break;
                case "index" when property.Value.TryGetInt32(out var i) && i >= 0:
                    index = i;
                    break;
                case "request":
                    request = property.Value.GetRawText();
                    break;
                case "requestBlob" when property.Value.ValueKind == JsonValueKind.String:
                    requestBlob = property.Value.GetString();
                    break;
                case "callback" when property.Value.ValueKind == JsonValueKind.True:
                    callback = true;
                    break;
                case "grading" when property.Value.ValueKind == JsonValueKind.True:
                    grading = true;
                    break;
                default:
                    throw new JobFormatException($"{property.Name}: is not a known field or has the wrong type.", property.Name);
            }
        }

        if (jobId is null)
        {
            throw new JobFormatException("jobId: is required.", "jobId");
        }

        if (!callback && (index is null || (request is null) == (requestBlob is null)))
        {
            throw new JobFormatException("item message: needs an index and either request or requestBlob.", "$");
        }

        if (grading && requestBlob is null)
        {
            throw new JobFormatException("item message: a grading item names the grading request's blob (requestBlob).", "requestBlob");
        }

        return new JobItemMessage(jobId, index ?? -1, request, requestBlob, callback, grading);
    }

    /// <summary>Why a callback URL is refused, or null when it is acceptable.</summary>
    public string? CheckCallbackUrl(string url)
    {
        if (options.CallbackSigningKey.Length == 0)
        {
            return "callbackUrl: callbacks are not enabled on this service (no signing key is configured).";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.UserInfo.Length > 0)
        {
            return "callbackUrl: must be an absolute http or https URL without credentials.";
        }

        if (url.Length > 2048)
        {
            return "callbackUrl: must be at most 2048 characters.";
        }

        if (!options.AllowPrivateCallbackHosts && CallbackAddresses.IsPrivateHost(uri))
        {
            return $"callbackUrl: {uri.Host} is a local or private address; callbacks go to public hosts only.";
        }

        return null;
    }

    private JobMessage ReadSubmission(JsonElement root, bool allowEnvelope)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JobFormatException("body: must be a JSON object with a \"requests\" array or a \"grading\" request.", "$");
        }

        string? jobId = null, callbackUrl = null;
        JsonElement? requests = null, grading = null;
        ClaimCheck? payload = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "requests":
                    requests = property.Value;
                    break;
                case "grading":
                    grading = property.Value;
                    break;
                case "callbackUrl":
                    callbackUrl = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()
                        : throw new JobFormatException("callbackUrl: must be a string.", "callbackUrl");
                    break;
                case "jobId" when allowEnvelope:
                    jobId = property.Value.ValueKind == JsonValueKind.String && IsValidJobId(property.Value.GetString())
                        ? property.Value.GetString()
                        : throw new JobFormatException("jobId: must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit.", "jobId");
                    break;
                case "payload" when allowEnvelope:
                    payload = ReadClaimCheck(property.Value);
                    break;
                default:
                    throw new JobFormatException($"{property.Name}: is not a known field.", property.Name);
            }
        }

        if (payload is not null)
        {
            if (requests is not null || grading is not null || callbackUrl is not null)
            {
                throw new JobFormatException("payload: a claim check carries only jobId and payload; requests, grading and callbackUrl go in the blob.", "payload");
            }

            return new JobMessage(jobId, null, payload);
        }

        if (callbackUrl is not null && CheckCallbackUrl(callbackUrl) is { } refused)
        {
            throw new JobFormatException(refused, "callbackUrl");
        }

        if (grading is { } gradingRequest)
        {
            return requests is null
                ? new JobMessage(jobId, new JobSubmission([], callbackUrl, ReadGrading(gradingRequest)), null)
                : throw new JobFormatException("grading: a job holds either requests or one grading request, not both.", "grading");
        }

        if (requests is not { ValueKind: JsonValueKind.Array } array)
        {
            throw new JobFormatException("requests: is required and must be an array.", "requests");
        }

        var count = array.GetArrayLength();
        if (count < 1 || count > options.MaxItems)
        {
            throw new JobFormatException($"requests: must hold 1 to {options.MaxItems} requests; it holds {count}.", "requests");
        }

        var raw = array.EnumerateArray().Select(element => element.GetRawText()).ToList();
        return new JobMessage(jobId, new JobSubmission(raw, callbackUrl), null);
    }

    /// <summary>
    /// A grading request's shape as far as the job needs it: an object whose <c>tests</c> array holds 1 to
    /// <see cref="JobsOptions.MaxItems"/> tests. The request itself is validated by whoever accepts the job.
    /// </summary>
    private GradingJob ReadGrading(JsonElement grading)
    {
        if (grading.ValueKind != JsonValueKind.Object)
        {
            throw new JobFormatException("grading: must be a grading request (an object with code, language and tests).", "grading");
        }

        if (!grading.TryGetProperty("tests", out var tests) || tests.ValueKind != JsonValueKind.Array)
        {
            throw new JobFormatException("grading.tests: is required and must be an array.", "grading.tests");
        }

        var count = tests.GetArrayLength();
        return count >= 1 && count <= options.MaxItems
            ? new GradingJob(grading.GetRawText(), count)
            : throw new JobFormatException($"grading.tests: must hold 1 to {options.MaxItems} tests; it holds {count}.", "grading.tests");
    }

    private ClaimCheck ReadClaimCheck(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JobFormatException("payload: must be an object with container and blob.", "payload");
        }

        string? container = null, blob = null;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            switch (property.Name)
            {
                case "container" when value is not null:
                    container = value;
                    break;
                case "blob" when value is not null:
                    blob = value;
                    break;
                default:
                    throw new JobFormatException($"payload.{property.Name}: is not a known field or is not a string.", $"payload.{property.Name}");
            }
        }

        if (container != options.PayloadsContainer)
        {
            throw new JobFormatException($"payload.container: must be '{options.PayloadsContainer}'; it was '{container}'.", "payload.container");
        }

        if (blob is null || blob.Length is 0 or > 1024 || blob.Contains("..", StringComparison.Ordinal) || blob.StartsWith('/'))
        {
            throw new JobFormatException("payload.blob: must be a blob name (1 to 1024 characters, no '..', not starting with '/').", "payload.blob");
        }

        return new ClaimCheck(container, blob);
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            StrictUtf8.GetCharCount(utf8);
            return JsonDocument.Parse(utf8.ToArray(), DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new JobFormatException($"body: is not valid JSON ({e.Message.Split(" Path:")[0].TrimEnd('.')}).", "$");
        }
        catch (DecoderFallbackException)
        {
            throw new JobFormatException("body: is not valid UTF-8.", "$");
        }
    }

    private static void WriteSubmissionFields(Utf8JsonWriter writer, JobSubmission submission)
    {
        if (submission.Grading is { } grading)
        {
            writer.WritePropertyName("grading");
            writer.WriteRawValue(grading.Request);
        }
        else
        {
            writer.WriteStartArray("requests");
            foreach (var request in submission.Requests)
            {
                writer.WriteRawValue(request);
            }

            writer.WriteEndArray();
        }

        if (submission.CallbackUrl is not null)
        {
            writer.WriteString("callbackUrl", submission.CallbackUrl);
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            fields(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex JobIdPattern();
}
