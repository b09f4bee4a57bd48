using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CodeExecution.Core.Serialization;

/// <summary>
/// Reads an enum from one of its names (<see cref="JsonStringEnumMemberNameAttribute"/>, in any case) and writes that
/// name; anything else is refused with the names it may be, so a request's error says what the field accepts.
/// </summary>
public sealed class NamedEnumJsonConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly (TEnum Value, string Name)[] Members = typeof(TEnum)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => ((TEnum)field.GetValue(null)!, field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name))
        .ToArray();

    /// <summary>The names, in declaration order.</summary>
    public static IReadOnlyList<string> Names { get; } = Members.Select(member => member.Name).ToArray();

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        foreach (var (value, name) in Members)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var was = text is null ? $"a {reader.TokenType.ToString().ToLowerInvariant()}" : $"'{(text.Length > 40 ? text[..40] + "…" : text)}'";
        throw new JsonException($"must be one of {string.Join(", ", Names)}; it was {was}.");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Members.First(member => member.Value.Equals(value)).Name);
}
