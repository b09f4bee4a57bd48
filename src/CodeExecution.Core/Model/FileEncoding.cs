using System.Text.Json.Serialization;
using CodeExecution.Core.Serialization;

namespace CodeExecution.Core.Model;

/// <summary>How a file's content is written in JSON: as text, or as base64 for any bytes.</summary>
[JsonConverter(typeof(NamedEnumJsonConverter<FileEncoding>))]
public enum FileEncoding
{
    [JsonStringEnumMemberName("utf8")]
    Utf8,

    [JsonStringEnumMemberName("base64")]
    Base64,
}
