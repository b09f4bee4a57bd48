using System.Text;

namespace CodeExecution.Core.Tests.Wasm;

/// <summary>
/// Small modules written byte by byte, for what no toolchain here emits on purpose: a shared memory, two memories, a
/// huge declared memory, a reactor, a module made unique by a custom section.
/// </summary>
internal static class HandWrittenModules
{
    private static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

    /// <summary>A command whose <c>_start</c> does nothing, with the given memory section's entries (limits bytes).</summary>
    public static byte[] Command(byte[][] memories, string? uniqueTag = null) => Module(memories, "_start", uniqueTag);

    /// <summary>A module whose only function is exported as <paramref name="functionName"/>, with one page of memory.</summary>
    public static byte[] Module(byte[][] memories, string functionName, string? uniqueTag = null)
    {
        var module = new List<byte>(Header);
        Section(module, 1, [0x01, 0x60, 0x00, 0x00]);
        Section(module, 3, [0x01, 0x00]);
        Section(module, 5, [(byte)memories.Length, .. memories.SelectMany(memory => memory)]);
        var exports = new List<byte> { 0x02 };
        Name(exports, functionName);
        exports.AddRange([0x00, 0x00]);
        Name(exports, "memory");
        exports.AddRange([0x02, 0x00]);
        Section(module, 7, [.. exports]);
        Section(module, 10, [0x01, 0x02, 0x00, 0x0b]);
        if (uniqueTag is not null)
        {
            var custom = new List<byte>();
            Name(custom, "codeexec-test");
            custom.AddRange(Encoding.UTF8.GetBytes(uniqueTag));
            Section(module, 0, [.. custom]);
        }

        return [.. module];
    }

    /// <summary>
    /// A command that imports <paramref name="module"/>.<paramref name="name"/> as a function taking and returning
    /// nothing, and whose <c>_start</c> calls it.
    /// </summary>
    public static byte[] CommandImporting(string module, string name)
    {
        var bytes = new List<byte>(Header);
        Section(bytes, 1, [0x01, 0x60, 0x00, 0x00]);
        var imports = new List<byte> { 0x01 };
        Name(imports, module);
        Name(imports, name);
        imports.AddRange([0x00, 0x00]);
        Section(bytes, 2, [.. imports]);
        Section(bytes, 3, [0x01, 0x00]);
        Section(bytes, 5, [0x01, .. Memory(1)]);
        var exports = new List<byte> { 0x02 };
        Name(exports, "_start");
        exports.AddRange([0x00, 0x01]);
        Name(exports, "memory");
        exports.AddRange([0x02, 0x00]);
        Section(bytes, 7, [.. exports]);
        Section(bytes, 10, [0x01, 0x04, 0x00, 0x10, 0x00, 0x0b]);
        return [.. bytes];
    }

    /// <summary>Limits of a memory of <paramref name="pages"/> pages at least.</summary>
    public static byte[] Memory(int pages) => [0x00, .. Leb(pages)];

    /// <summary>Limits of a shared memory (the threads proposal) of one page.</summary>
    public static byte[] SharedMemory() => [0x03, 0x01, 0x01];

    private static void Section(List<byte> module, byte id, byte[] content)
    {
        module.Add(id);
        module.AddRange(Leb(content.Length));
        module.AddRange(content);
    }

    private static void Name(List<byte> output, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        output.AddRange(Leb(bytes.Length));
        output.AddRange(bytes);
    }

    private static byte[] Leb(int value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }
}
