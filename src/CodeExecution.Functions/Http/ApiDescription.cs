using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using CodeExecution.Core.Grading;
using CodeExecution.Core.Model;
using CodeExecution.Core.Serialization;
using CodeExecution.Storage;

namespace CodeExecution.Functions.Http;

/// <summary>
/// The HTTP API as an OpenAPI 3.1 document (<c>GET /api/openapi.json</c>). Each body's schema is made from the type
/// the API serializes, with the API's own serializer options (<see cref="JsonSchemaExporter"/>), so it says what the
/// serializers write; the routes are listed here, and a test holds them to the functions' triggers.
/// </summary>
public static class ApiDescription
{
    /// <summary>A route of the API: its method, path (under <c>/api</c>), whether it needs a function key, its body and answers.</summary>
    /// <param name="Streams">Whether its 200 is also answered as Server-Sent Events to <c>Accept: text/event-stream</c>.</param>
    public sealed record Operation(string Method, string Path, string Summary, bool NeedsKey, string? Body, IReadOnlyDictionary<int, string?> Responses, bool Streams = false);

    private const string Problem = nameof(Problem);

    /// <summary>Every route, as the functions' <c>[HttpTrigger]</c> attributes declare them.</summary>
    public static IReadOnlyList<Operation> Operations { get; } =
    [
        new("post", "/api/execute", "Run one program and answer its result, also when the program failed or hit a limit.", true, nameof(ExecutionRequest),
            Answers((200, nameof(ExecutionResult)), (400, Problem), (413, Problem), (415, Problem), (429, Problem), (503, Problem)), Streams: true),
        new("post", "/api/execute/batch", "Run several programs in parallel; their results in request order.", true, "BatchRequest",
            Answers((200, nameof(BatchResponse)), (400, Problem), (413, Problem), (415, Problem), (429, Problem))),
        new("post", "/api/grade", "Run a program once per test and answer each test's verdict, score and output, and a summary.", true, nameof(GradingRequest),
            Answers((200, nameof(GradingResult)), (400, Problem), (413, Problem), (415, Problem), (429, Problem), (503, Problem))),
        new("get", "/api/languages", "The languages, their runtimes, versions and availability.", false, null,
            Answers((200, nameof(LanguagesResponse)))),
        new("get", "/api/languages/{language}", "One language's runtime, version and availability.", false, null,
            Answers((200, nameof(EnvironmentInfo)), (404, Problem))),
        new("get", "/api/stats", "Totals, successes, failures, mean and p95 time per language (since=yyyy-MM-dd).", true, null,
            Answers((200, nameof(StatisticsReport)), (400, Problem), (503, Problem))),
        new("get", "/api/health", "Whether the instance can serve: runtimes, their source, storage.", false, null,
            Answers((200, nameof(HealthReport)), (503, nameof(HealthReport)))),
        new("post", "/api/jobs", "Queue a job of requests, or a grading request whose tests are its items; answers its id and where to follow it.", true, "JobRequest",
            Answers((202, nameof(JobAccepted)), (400, Problem), (413, Problem), (415, Problem), (503, Problem))),
        new("get", "/api/jobs/{id}", "A job's status and counts, and once done its results in pages (offset, limit).", true, null,
            Answers((200, nameof(JobView)), (400, Problem), (404, Problem), (503, Problem))),
        new("get", "/api/jobs/{id}/results/{index}", "One item's full result: an ExecutionResult, or a grading job's TestResult.", true, null,
            Answers((200, "JobItemResult"), (400, Problem), (404, Problem), (503, Problem))),
        new("get", "/api/openapi.json", "This description.", false, null, Answers((200, null))),
        new("get", "/api/playground", "A page to write a program, run it and watch its output arrive.", false, null,
            Answers((200, null))),
        new("get", "/api/playground/{file}", "The playground's script (playground.js) and style sheet (playground.css).", false, null,
            Answers((200, null), (404, Problem))),
        new("post", "/api/mcp", "Model Context Protocol messages over streamable HTTP (stateless): the run_code and languages tools.", true, null,
            Answers((200, null), (202, null), (400, null))),
        new("get", "/api/mcp", "Model Context Protocol: no server-sent stream is kept (stateless), so this is refused.", true, null,
            Answers((405, null))),
        new("delete", "/api/mcp", "Model Context Protocol: there is no session to end (stateless), so this is refused.", true, null,
            Answers((405, null))),
    ];

    /// <summary>The document, as served.</summary>
    public static string Json { get; } = Build().ToJsonString();

    /// <summary>The schema of each body by name, made from the type the API serializes.</summary>
    public static JsonObject Schemas()
    {
        var schemas = new JsonObject
        {
            [nameof(ExecutionRequest)] = SchemaOf<ExecutionRequest>(),
            [nameof(ExecutionResult)] = SchemaOf<ExecutionResult>(),
            [nameof(BatchResponse)] = SchemaOf<BatchResponse>(),
            [nameof(GradingRequest)] = SchemaOf<GradingRequest>(),
            [nameof(GradingResult)] = SchemaOf<GradingResult>(),
            [nameof(TestResult)] = SchemaOf<TestResult>(),
            [nameof(LanguagesResponse)] = SchemaOf<LanguagesResponse>(),
            [nameof(EnvironmentInfo)] = SchemaOf<EnvironmentInfo>(),
            [nameof(StatisticsReport)] = SchemaOf<StatisticsReport>(),
            [nameof(HealthReport)] = SchemaOf<HealthReport>(),
            [nameof(JobAccepted)] = SchemaOf<JobAccepted>(),
            [nameof(JobView)] = SchemaOf<JobView>(),
            ["BatchRequest"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject { ["requests"] = new JsonObject { ["type"] = "array", ["items"] = Ref(nameof(ExecutionRequest)) } },
                ["required"] = new JsonArray("requests"),
            },
            ["JobRequest"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["requests"] = new JsonObject { ["type"] = "array", ["items"] = Ref(nameof(ExecutionRequest)) },
                    ["grading"] = Ref(nameof(GradingRequest)),
                    ["callbackUrl"] = new JsonObject { ["type"] = "string", ["format"] = "uri" },
                },
                ["oneOf"] = new JsonArray(
                    new JsonObject { ["required"] = new JsonArray("requests") },
                    new JsonObject { ["required"] = new JsonArray("grading") }),
            },
            ["JobItemResult"] = new JsonObject { ["oneOf"] = new JsonArray(Ref(nameof(ExecutionResult)), Ref(nameof(TestResult))) },
            [Problem] = new JsonObject
            {
                ["description"] = "RFC 9457 problem details; field names the request's field at fault, code the error's kind.",
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["type"] = new JsonObject { ["type"] = "string" },
                    ["title"] = new JsonObject { ["type"] = "string" },
                    ["status"] = new JsonObject { ["type"] = "integer" },
                    ["detail"] = new JsonObject { ["type"] = "string" },
                    ["instance"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
                    ["field"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
                    ["code"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
                    ["traceId"] = new JsonObject { ["type"] = "string" },
                },
                ["required"] = new JsonArray("type", "title", "status", "detail"),
            },
        };
        DescribeWasm(schemas[nameof(ExecutionRequest)]!);
        DescribeWasm(schemas[nameof(GradingRequest)]!);
        return schemas;
    }

    /// <summary>What the serializer's contract cannot say of a request: how a <c>wasm</c> program is sent, and its size limit.</summary>
    private static void DescribeWasm(JsonNode request)
    {
        foreach (var properties in Descendants(request).OfType<JsonObject>().Where(node => node["properties"] is JsonObject).Select(node => (JsonObject)node["properties"]!).ToList())
        {
            if (properties["code"] is JsonObject code && properties["language"] is not null)
            {
                code["description"] = "The program's source text; for language wasm, the bytes of a WASI preview 1 command module "
                    + "(exports _start and memory) in base64 (base64 -w0 prog.wasm), within limits.maxModuleSize.";
            }

            if (properties["maxModuleSize"] is JsonObject maxModuleSize)
            {
                maxModuleSize["description"] = "Bytes of a wasm program's module, decoded (1024 to 10485760; 10 MB by default). Refused with 400 naming code when over.";
            }
        }
    }

    private static JsonObject Build()
    {
        var paths = new JsonObject();
        foreach (var operation in Operations)
        {
            if (paths[operation.Path] is not JsonObject path)
            {
                paths[operation.Path] = path = new JsonObject();
            }

            path[operation.Method] = Describe(operation);
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Code execution service",
                ["version"] = typeof(ApiDescription).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0",
                ["description"] = "Runs untrusted Python, JavaScript, TypeScript, Ruby and WebAssembly (WASI preview 1) programs in WebAssembly sandboxes with enforced limits.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = Schemas(),
                ["securitySchemes"] = new JsonObject
                {
                    ["functionKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-functions-key" },
                },
            },
        };
    }

    private static JsonObject Describe(Operation operation)
    {
        var responses = new JsonObject();
        foreach (var (status, schema) in operation.Responses)
        {
            var response = new JsonObject { ["description"] = Reason(status) };
            if (schema is not null)
            {
                var contentType = schema == Problem ? "application/problem+json" : "application/json";
                response["content"] = new JsonObject { [contentType] = new JsonObject { ["schema"] = Ref(schema) } };
                if (operation.Streams && status == 200)
                {
                    response["content"]!["text/event-stream"] = new JsonObject
                    {
                        ["schema"] = new JsonObject
                        {
                            ["type"] = "string",
                            ["description"] = "Server-Sent Events: stdout and stderr (data: a JSON string) as the program writes, then result (data: the ExecutionResult), or error (data: a problem) if the service fails.",
                        },
                    };
                }
            }

            if (status == 429)
            {
                response["headers"] = new JsonObject
                {
                    ["Retry-After"] = new JsonObject { ["description"] = "Seconds to wait before trying again.", ["schema"] = new JsonObject { ["type"] = "integer" } },
                };
            }

            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = response;
        }

        var described = new JsonObject
        {
            ["summary"] = operation.Summary,
            ["security"] = operation.NeedsKey ? new JsonArray(new JsonObject { ["functionKey"] = new JsonArray() }) : new JsonArray(),
            ["responses"] = responses,
        };
        var parameters = new JsonArray();
        foreach (var name in operation.Path.Split('/').Where(part => part.StartsWith('{')).Select(part => part.Trim('{', '}')))
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        if (parameters.Count > 0)
        {
            described["parameters"] = parameters;
        }

        if (operation.Body is { } body)
        {
            described["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(body) } },
            };
        }

        return described;
    }

    /// <summary>
    /// The schema the serializer's contract for <typeparamref name="T"/> gives. A language is read by name or alias in
    /// any case, and written by its canonical name; another enum is one of its names (the exporter cannot see into
    /// their converters).
    /// </summary>
    private static JsonNode SchemaOf<T>() =>
        Rooted(ApiJson.Options.GetJsonSchemaAsNode(typeof(T), new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, schema) =>
                (Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type) is var type && NamesOf(type) is { } names
                    ? new JsonObject
                    {
                        ["type"] = type == context.TypeInfo.Type ? "string" : new JsonArray("string", "null"),
                        ["enum"] = new JsonArray([.. names.Select(name => JsonValue.Create(name)), .. type == context.TypeInfo.Type ? Array.Empty<JsonNode?>() : [null]]),
                    }
                    : type != typeof(ExecutionLanguage)
                    ? schema
                    : typeof(T) == typeof(ExecutionRequest) || typeof(T) == typeof(GradingRequest)
                        ? new JsonObject
                        {
                            ["type"] = "string",
                            ["description"] = "python, javascript, typescript, ruby or wasm; also py, python3, js, node, ts, rb and webassembly, in any case.",
                        }
                        : new JsonObject
                        {
                            ["type"] = context.TypeInfo.Type == typeof(ExecutionLanguage) ? "string" : new JsonArray("string", "null"),
                            ["enum"] = new JsonArray([.. ExecutionLanguageNames.Canonical.Select(name => JsonValue.Create(name)),
                                .. context.TypeInfo.Type == typeof(ExecutionLanguage) ? Array.Empty<JsonNode?>() : [null]]),
                        },
        }), typeof(T).Name);

    /// <summary>The names an enum read by <see cref="NamedEnumJsonConverter{TEnum}"/> may take; null for any other type.</summary>
    private static IReadOnlyList<string>? NamesOf(Type type) =>
        type.IsEnum && type.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType is { IsGenericType: true } converter
            && converter.GetGenericTypeDefinition() == typeof(NamedEnumJsonConverter<>)
            ? (IReadOnlyList<string>?)converter.GetProperty(nameof(NamedEnumJsonConverter<FileEncoding>.Names))!.GetValue(null)
            : null;

    /// <summary>
    /// The exporter refers to a type met twice in one schema (a request's files and a test's) by a pointer into that
    /// schema (<c>#/properties/files/items</c>); under <c>components/schemas/{name}</c> the pointer must say so.
    /// </summary>
    private static JsonNode Rooted(JsonNode schema, string name)
    {
        foreach (var node in Descendants(schema).OfType<JsonObject>().ToList())
        {
            if (node["$ref"] is JsonValue reference && reference.GetValue<string>() is var target && target.StartsWith("#/", StringComparison.Ordinal))
            {
                node["$ref"] = $"#/components/schemas/{name}/{target[2..]}";
            }
        }

        return schema;
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node) =>
        node switch
        {
            JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
            JsonArray a => a.OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
            _ => [node],
        };

    private static JsonObject Ref(string schema) => new() { ["$ref"] = $"#/components/schemas/{schema}" };

    private static IReadOnlyDictionary<int, string?> Answers(params (int Status, string? Schema)[] answers) =>
        answers.ToDictionary(answer => answer.Status, answer => answer.Schema);

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        202 => "Accepted",
        400 => "Invalid request: the problem names the field and the bound",
        404 => "Not found",
        413 => "Request body too large",
        415 => "Unsupported media type",
        429 => "Every sandbox is busy and the wait queue is full, or none freed up in time",
        405 => "Method not allowed",
        503 => "Unavailable: storage or a runtime",
        _ => $"Status {status}",
    };
}
