using static CodeExecution.Core.Runtimes.Modules.WasmSections;

namespace CodeExecution.Core.Runtimes.Modules;

/// <summary>
/// Rewrites a WebAssembly module so that it starts out as a snapshot (Wizer-style): the data section becomes the
/// snapshot's non-zero runs and the memory's minimum size becomes the snapshot's size.
/// </summary>
/// <remarks>
/// Globals keep their initial values, so a snapshot must be taken between calls (when the shadow-stack pointer is
/// back where it started). Output is a pure function of the inputs.
/// </remarks>
internal static class WasmSnapshotBaker
{
    private const byte MemorySection = 5;
    private const byte DataSection = 11;
    private const byte DataCountSection = 12;
    private const int PageSize = 65536;

    /// <summary>Zero runs shorter than this stay inside a segment rather than splitting it.</summary>
    private const int MergeGap = 4096;

    /// <param name="wasm">The module the snapshot was taken of.</param>
    /// <param name="memory">Its memory at the snapshot.</param>
    /// <param name="dense">
    /// Whether to write one segment from the first non-zero byte to the last instead of one per non-zero run.
    /// Wasmtime maps a module's data copy-on-write (instantiation then costs no copying) only when its segments hold
    /// at least half the bytes they span or span under 16 MiB; a snapshot spread thinly over a larger memory is
    /// otherwise copied in at every instantiation.
    /// </param>
    public static byte[] Bake(byte[] wasm, byte[] memory, bool dense = false)
    {
        if (memory.Length % PageSize != 0)
        {
            throw new ArgumentException("A memory snapshot is a whole number of pages.", nameof(memory));
        }

        var segments = dense ? OneRun(memory) : NonZeroRuns(memory);
        return Rewrite(wasm, (id, section, content) =>
        {
            switch (id)
            {
                case MemorySection:
                {
                    var (count, countLength) = ReadLeb(section);
                    if (count != 1)
                    {
                        throw new InvalidDataException("Expected exactly one memory.");
                    }

                    var flags = section[countLength];
                    var (_, minimumLength) = ReadLeb(section[(countLength + 1)..]);
                    content.Add(1);
                    content.Add(flags);
                    WriteLeb(content, (ulong)(memory.Length / PageSize));
                    content.AddRange(section[(countLength + 1 + minimumLength)..].ToArray());
                    return true;
                }

                case DataSection:
                    WriteLeb(content, (ulong)segments.Count);
                    foreach (var (offset, length) in segments)
                    {
                        content.Add(0); // active segment, memory 0
                        content.Add(0x41); // i32.const offset
                        WriteSignedLeb(content, offset);
                        content.Add(End);
                        WriteLeb(content, (ulong)length);
                        content.AddRange(memory.AsSpan(offset, length).ToArray());
                    }

                    return true;

                case DataCountSection:
                    WriteLeb(content, (ulong)segments.Count);
                    return true;

                default:
                    return false;
            }
        });
    }

    private static List<(int Offset, int Length)> OneRun(ReadOnlySpan<byte> memory)
    {
        var first = memory.IndexOfAnyExcept((byte)0);
        return first < 0 ? [] : [(first, memory.LastIndexOfAnyExcept((byte)0) - first + 1)];
    }

    private static List<(int Offset, int Length)> NonZeroRuns(ReadOnlySpan<byte> memory)
    {
        var segments = new List<(int, int)>();
        var i = 0;
        while (i < memory.Length)
        {
            var next = memory[i..].IndexOfAnyExcept((byte)0);
            if (next < 0)
            {
                break;
            }

            i += next;
            var start = i;
            var lastNonZero = i;
            while (i < memory.Length && i - lastNonZero < MergeGap)
            {
                if (memory[i] != 0)
                {
                    lastNonZero = i;
                }

                i++;
            }

            segments.Add((start, lastNonZero - start + 1));
            i = lastNonZero + 1;
        }

        return segments;
    }
}
