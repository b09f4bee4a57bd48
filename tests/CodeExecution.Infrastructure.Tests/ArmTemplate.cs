using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CodeExecution.Infrastructure.Tests;

/// <summary>
/// A compiled ARM template (or a module's nested template), with the values its module was given, so that the
/// simple expressions Bicep emits (<c>variables('x').y</c>, <c>parameters('x').y</c>, <c>string(...)</c>) can be
/// followed back to literals.
/// </summary>
public sealed partial class ArmTemplate
{
    private readonly JsonObject _template;
    private readonly JsonObject? _moduleParameters;
    private readonly ArmTemplate? _parent;

    public ArmTemplate(JsonObject template, JsonObject? moduleParameters = null, ArmTemplate? parent = null)
    {
        _template = template;
        _moduleParameters = moduleParameters;
        _parent = parent;
    }

    public JsonObject Json => _template;

    /// <summary>Resources, whether the template lists them (language version 1) or names them (2.0).</summary>
    public IEnumerable<JsonObject> Resources => _template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject named => named.Select(pair => pair.Value).OfType<JsonObject>(),
        _ => [],
    };

    public IEnumerable<JsonObject> ResourcesOfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The nested template of the module deployed under <paramref name="name"/>.</summary>
    public ArmTemplate Module(string name)
    {
        var deployment = ResourcesOfType("Microsoft.Resources/deployments").SingleOrDefault(r => (string?)r["name"] == name)
            ?? throw new InvalidOperationException($"No module deployment named {name}.");
        return new ArmTemplate(
            deployment["properties"]!["template"]!.AsObject(),
            deployment["properties"]!["parameters"]?.AsObject(),
            this);
    }

    /// <summary>The module deployments themselves, and those of their modules.</summary>
    public IEnumerable<ArmTemplate> AllTemplates()
    {
        yield return this;
        foreach (var deployment in ResourcesOfType("Microsoft.Resources/deployments"))
        {
            foreach (var nested in Module((string)deployment["name"]!).AllTemplates())
            {
                yield return nested;
            }
        }
    }

    /// <summary>Follows an expression back to a literal where it can; otherwise returns it unchanged.</summary>
    public JsonNode? Resolve(JsonNode? value)
    {
        if (value is not JsonValue jsonValue || !jsonValue.TryGetValue<string>(out var text)
            || !text.StartsWith('[') || text.StartsWith("[[", StringComparison.Ordinal))
        {
            return value?.DeepClone();
        }

        return Evaluate(text[1..^1].Trim()) ?? value.DeepClone();
    }

    /// <summary>Resolves <paramref name="value"/> and every value inside it.</summary>
    public JsonNode? ResolveDeep(JsonNode? value)
    {
        var resolved = Resolve(value);
        switch (resolved)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(pair => pair.Key).ToList())
                {
                    obj[key] = ResolveDeep(obj[key]);
                }

                return obj;
            case JsonArray array:
                return new JsonArray(array.Select(item => ResolveDeep(item)).ToArray());
            default:
                return resolved;
        }
    }

    private JsonNode? Evaluate(string expression)
    {
        var call = StringCall().Match(expression);
        if (call.Success)
        {
            var inner = Evaluate(call.Groups["inner"].Value);
            return inner is JsonValue v ? JsonValue.Create(v.ToJsonString().Trim('"') switch
            {
                "true" => "True",
                "false" => "False",
                var s => s,
            }) : null;
        }

        var reference = Reference().Match(expression);
        if (!reference.Success)
        {
            return null;
        }

        var name = reference.Groups["name"].Value;
        JsonNode? node = reference.Groups["kind"].Value == "variables" ? ResolveDeep(_template["variables"]?[name]) : Parameter(name);
        foreach (var property in reference.Groups["path"].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node?[property];
        }

        return node is JsonValue value && value.TryGetValue<string>(out var literal) && literal.StartsWith('[') ? null : node?.DeepClone();
    }

    private JsonNode? Parameter(string name)
    {
        if (_moduleParameters?[name]?["value"] is { } given)
        {
            return _parent is null ? given.DeepClone() : _parent.ResolveDeep(given);
        }

        return ResolveDeep(_template["parameters"]?[name]?["defaultValue"]);
    }

    [GeneratedRegex(@"^string\((?<inner>.+)\)$")]
    private static partial Regex StringCall();

    [GeneratedRegex(@"^(?<kind>variables|parameters)\('(?<name>\w+)'\)(?<path>(\.\w+)*)$")]
    private static partial Regex Reference();
}
