namespace CodeExecution.Core.Runtimes.Modules;

/// <summary>Reading and rewriting a WebAssembly module's binary: its sections and LEB128 numbers.</summary>
internal static class WasmSections
{
    public const byte End = 0x0b;

    /// <summary>Copies every section, letting <paramref name="rewrite"/> replace a section's content (returning true).</summary>
    public static byte[] Rewrite(byte[] wasm, SectionRewrite rewrite)
    {
        var output = new List<byte>(wasm.Length + wasm.Length / 2);
        output.AddRange(wasm.AsSpan(0, 8));
        var position = 8;
        while (position < wasm.Length)
        {
            var id = wasm[position];
            var (size, sizeLength) = ReadLeb(wasm.AsSpan(position + 1));
            var body = position + 1 + sizeLength;
            var end = body + (int)size;
            var content = new List<byte>();
            if (!rewrite(id, wasm.AsSpan(body, end - body), content))
            {
                content.AddRange(wasm.AsSpan(body, end - body).ToArray());
            }

            output.Add(id);
            WriteLeb(output, (ulong)content.Count);
            output.AddRange(content);
            position = end;
        }

        return [.. output];
    }

    public delegate bool SectionRewrite(byte id, ReadOnlySpan<byte> section, List<byte> content);

    public static (ulong Value, int Length) ReadLeb(ReadOnlySpan<byte> bytes)
    {
        ulong result = 0;
        var shift = 0;
        var i = 0;
        while (true)
        {
            var b = bytes[i++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return (result, i);
            }

            shift += 7;
        }
    }

    public static void WriteLeb(List<byte> output, ulong value)
    {
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            output.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
    }

    public static void WriteSignedLeb(List<byte> output, long value)
    {
        while (true)
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            var done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            output.Add(done ? b : (byte)(b | 0x80));
            if (done)
            {
                return;
            }
        }
    }
}
