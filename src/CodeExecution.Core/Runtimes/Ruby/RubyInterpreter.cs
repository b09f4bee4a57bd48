using System.Text;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.Ruby;

/// <summary>
/// Calls into an instance of <c>ruby+stdlib.wasm</c> (a WASI reactor) through its canonical-ABI exports, as the npm
/// package <c>@ruby/wasm-wasi</c> does: strings and lists of strings are written into memory the guest allocates
/// with <c>cabi_realloc</c>, NUL-terminated (the guest reads them as C strings).
/// </summary>
internal static class RubyInterpreter
{
    /// <summary>The arguments Ruby starts with, as <c>@ruby/wasm-wasi</c> starts it: <c>-e_=0</c> is a program that does nothing.</summary>
    public static IReadOnlyList<string> Args { get; } = ["ruby", "-EUTF-8", "-e_=0"];

    /// <summary>
    /// The guest-side sandbox (<c>prelude.rb</c>) without its comment lines, which would only take room in every
    /// interpreter's memory.
    /// </summary>
    public static string Prelude { get; } = string.Join('\n', EmbeddedSource.Read(typeof(RubyInterpreter), "prelude.rb")
        .Split('\n')
        .Where(line => !line.TrimStart().StartsWith('#')));

    private const string RubyInit = "ruby-init: func(args: list<string>) -> ()";
    private const string EvalStringProtect = "rb-eval-string-protect: func(str: string) -> tuple<handle<rb-abi-value>, s32>";

    /// <summary>
    /// Starts Ruby in a new instance: the C library's and the packed file system's start (<c>_initialize</c>), the
    /// interpreter with <see cref="Args"/> (its load path, RubyGems), then the <see cref="Prelude"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The prelude raised.</exception>
    public static void Start(Instance instance)
    {
        instance.GetAction("_initialize")!();
        var memory = Memory(instance);
        var list = Allocate(instance, Args.Count * 8, alignment: 4);
        for (var i = 0; i < Args.Count; i++)
        {
            var (pointer, length) = WriteString(instance, Args[i]);
            memory.WriteInt32(list + i * 8, pointer);
            memory.WriteInt32(list + i * 8 + 4, length + 1);
        }

        instance.GetAction<int, int>(RubyInit)!(list, Args.Count);
        var status = Evaluate(instance, $"eval({Literal(Prelude)}, TOPLEVEL_BINDING, \"<codeexec-sandbox>\", 1)");
        if (status != 0)
        {
            throw new InvalidOperationException($"Ruby's sandbox prelude did not evaluate (tag {status}).");
        }
    }

    /// <summary>Evaluates <paramref name="code"/> at Ruby's top level (<c>rb_eval_string_protect</c>); Ruby's tag for how it ended, 0 for normally.</summary>
    public static int Evaluate(Instance instance, string code)
    {
        var (pointer, length) = WriteString(instance, code);
        var result = instance.GetFunction<int, int, int>(EvalStringProtect)!(pointer, length);
        return Memory(instance).ReadInt32(result + 4);
    }

    /// <summary>
    /// <paramref name="text"/> as a Ruby single-quoted string literal: only <c>\</c> and <c>'</c> are escaped there,
    /// every other character stands for itself (validation has refused NUL, which would end Ruby's source).
    /// </summary>
    public static string Literal(string text) => $"'{text.Replace("\\", "\\\\").Replace("'", "\\'")}'";

    private static (int Pointer, int Length) WriteString(Instance instance, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var pointer = Allocate(instance, bytes.Length + 1, alignment: 1);
        var span = Memory(instance).GetSpan(pointer, bytes.Length + 1);
        bytes.CopyTo(span);
        span[^1] = 0;
        return (pointer, bytes.Length);
    }

    private static int Allocate(Instance instance, int size, int alignment) =>
        instance.GetFunction<int, int, int, int, int>("cabi_realloc")!(0, 0, alignment, size);

    private static Memory Memory(Instance instance) =>
        instance.GetMemory("memory") ?? throw new InvalidOperationException("ruby+stdlib.wasm exports no memory.");
}
