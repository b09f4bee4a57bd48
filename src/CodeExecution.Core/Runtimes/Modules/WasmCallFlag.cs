using static CodeExecution.Core.Runtimes.Modules.WasmSections;

namespace CodeExecution.Core.Runtimes.Modules;

/// <summary>
/// Rewrites a WebAssembly module so that the host can tell whether one of its functions ran: a new mutable i32
/// global, exported under a name of our choosing, starts at 0 and is set to 1 at the top of the function's body.
/// </summary>
/// <remarks>
/// Only adds: the global is appended after every existing global, its export after every export, and two
/// instructions before the function's first; no index moves. The guest's code cannot write the global (nothing in
/// it refers to the new index), so the flag is what the module did, not what a program said.
/// </remarks>
internal static class WasmCallFlag
{
    private const byte ImportSection = 2;
    private const byte GlobalSection = 6;
    private const byte ExportSection = 7;
    private const byte CodeSection = 10;
    private const byte FunctionKind = 0;
    private const byte GlobalKind = 3;

    /// <summary>Adds the flag <paramref name="flagExport"/>, set when the exported function <paramref name="function"/> runs.</summary>
    /// <exception cref="InvalidDataException">The module has no such export, or no global section to add to.</exception>
    public static byte[] Add(byte[] wasm, string function, string flagExport)
    {
        var importedFunctions = 0;
        var importedGlobals = 0;
        var flagGlobal = -1;
        var functionIndex = -1;
        var patched = Rewrite(wasm, (id, section, content) =>
        {
            switch (id)
            {
                case ImportSection:
                    (importedFunctions, importedGlobals) = CountImports(section);
                    return false;

                case GlobalSection:
                {
                    var (count, countLength) = ReadLeb(section);
                    flagGlobal = importedGlobals + (int)count;
                    WriteLeb(content, count + 1);
                    content.AddRange(section[countLength..].ToArray());
                    content.AddRange([0x7f, 0x01, 0x41, 0x00, End]); // mut i32, i32.const 0
                    return true;
                }

                case ExportSection:
                {
                    var (count, countLength) = ReadLeb(section);
                    functionIndex = FindFunctionExport(section[countLength..], (int)count, function);
                    WriteLeb(content, count + 1);
                    content.AddRange(section[countLength..].ToArray());
                    WriteName(content, flagExport);
                    content.Add(GlobalKind);
                    WriteLeb(content, (ulong)flagGlobal);
                    return true;
                }

                case CodeSection:
                    if (functionIndex < importedFunctions)
                    {
                        throw new InvalidDataException($"The module's {function} is imported; there is no body to flag.");
                    }

                    SetFlagFirst(section, functionIndex - importedFunctions, flagGlobal, content);
                    return true;

                default:
                    return false;
            }
        });

        return flagGlobal >= 0 && functionIndex >= 0
            ? patched
            : throw new InvalidDataException($"The module has no global section or no exported function {function}.");
    }

    private static (int Functions, int Globals) CountImports(ReadOnlySpan<byte> section)
    {
        var (count, position) = ReadLeb(section);
        var (functions, globals) = (0, 0);
        for (ulong i = 0; i < count; i++)
        {
            position = SkipName(section, SkipName(section, position));
            var kind = section[position++];
            switch (kind)
            {
                case FunctionKind:
                    functions++;
                    position += ReadLeb(section[position..]).Length;
                    break;
                case 1: // table: reference type, limits
                    position = SkipLimits(section, position + 1);
                    break;
                case 2: // memory: limits
                    position = SkipLimits(section, position);
                    break;
                case GlobalKind: // value type, mutability
                    globals++;
                    position += 2;
                    break;
                default:
                    throw new InvalidDataException($"Unknown import kind {kind}.");
            }
        }

        return (functions, globals);
    }

    private static int FindFunctionExport(ReadOnlySpan<byte> entries, int count, string name)
    {
        var position = 0;
        for (var i = 0; i < count; i++)
        {
            var (length, lengthSize) = ReadLeb(entries[position..]);
            var exportName = System.Text.Encoding.UTF8.GetString(entries.Slice(position + lengthSize, (int)length));
            position += lengthSize + (int)length;
            var kind = entries[position++];
            var (index, indexSize) = ReadLeb(entries[position..]);
            position += indexSize;
            if (kind == FunctionKind && exportName == name)
            {
                return (int)index;
            }
        }

        return -1;
    }

    /// <summary>Copies the code section, with <c>i32.const 1; global.set flag</c> after the locals of body <paramref name="body"/>.</summary>
    private static void SetFlagFirst(ReadOnlySpan<byte> section, int body, int flag, List<byte> content)
    {
        var (count, position) = ReadLeb(section);
        WriteLeb(content, count);
        for (var i = 0; i < (int)count; i++)
        {
            var (size, sizeLength) = ReadLeb(section[position..]);
            var code = section.Slice(position + sizeLength, (int)size);
            position += sizeLength + (int)size;
            if (i != body)
            {
                WriteLeb(content, size);
                content.AddRange(code.ToArray());
                continue;
            }

            var (groups, localsEnd) = ReadLeb(code);
            for (ulong group = 0; group < groups; group++)
            {
                localsEnd += ReadLeb(code[localsEnd..]).Length + 1; // count, value type
            }

            var prefix = new List<byte> { 0x41, 0x01, 0x24 }; // i32.const 1, global.set
            WriteLeb(prefix, (ulong)flag);
            WriteLeb(content, size + (ulong)prefix.Count);
            content.AddRange(code[..localsEnd].ToArray());
            content.AddRange(prefix);
            content.AddRange(code[localsEnd..].ToArray());
        }
    }

    private static int SkipName(ReadOnlySpan<byte> bytes, int position)
    {
        var (length, lengthSize) = ReadLeb(bytes[position..]);
        return position + lengthSize + (int)length;
    }

    private static int SkipLimits(ReadOnlySpan<byte> bytes, int position)
    {
        var flags = bytes[position++];
        position += ReadLeb(bytes[position..]).Length;
        return (flags & 1) != 0 ? position + ReadLeb(bytes[position..]).Length : position;
    }

    private static void WriteName(List<byte> content, string name)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(name);
        WriteLeb(content, (ulong)bytes.Length);
        content.AddRange(bytes);
    }
}
