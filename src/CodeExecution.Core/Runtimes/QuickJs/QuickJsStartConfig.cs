using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// The JSON the prelude's <c>start</c> receives: input, whether more comes as the program runs (the host's <c>stdin</c>),
/// arguments, environment, file name and a random seed (eight 16-bit halves, each plus <see cref="SeedOffset"/>).
/// </summary>
internal static class QuickJsStartConfig
{
    /// <summary>
    /// Added to each 16-bit half of the seed, so every half is written with six digits: the config then has the same
    /// length on every run, and parsing it the same instruction count (<see cref="Model.ExecutionMetadata.Instructions"/>
    /// does not vary with the seed). The prelude subtracts it.
    /// </summary>
    public const int SeedOffset = 100_000;

    public static string Build(string fileName, string input, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> env, bool interactive = false)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("file", fileName);
            json.WriteString("input", input);
            json.WriteBoolean("interactive", interactive);
            json.WriteStartArray("args");
            foreach (var arg in args)
            {
                json.WriteStringValue(arg);
            }

            json.WriteEndArray();
            json.WriteStartObject("env");
            foreach (var (name, value) in env)
            {
                json.WriteString(name, value);
            }

            json.WriteEndObject();
            json.WriteStartArray("seed");
            Span<ushort> seed = stackalloc ushort[8];
            do
            {
                RandomNumberGenerator.Fill(System.Runtime.InteropServices.MemoryMarshal.AsBytes(seed));
            }
            while (seed.IndexOfAnyExcept((ushort)0) < 0);
            foreach (var half in seed)
            {
                json.WriteNumberValue(SeedOffset + half);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A JavaScript string literal for <paramref name="text"/>.</summary>
    public static string Quote(string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStringValue(text);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
