using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.Wasm;

/// <summary>
/// The imports a user's module may have: the functions of WASI preview 1 (<c>wasi_snapshot_preview1</c>) that the
/// sandbox's linker defines (Wasmtime's, some replaced by <see cref="InterruptibleWasi"/>), each with its type as the
/// linker has it. Anything else a module imports, it would have to be given by the host, and the host gives nothing
/// else; an import of the right name and the wrong type would fail to link.
/// </summary>
internal sealed class WasiPreview1
{
    public const string ModuleName = "wasi_snapshot_preview1";

    /// <summary>The functions of WASI preview 1, as its specification names them.</summary>
    private static readonly string[] FunctionNames =
    [
        "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get", "clock_time_get",
        "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags",
        "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times", "fd_pread",
        "fd_prestat_get", "fd_prestat_dir_name", "fd_pwrite", "fd_read", "fd_readdir", "fd_renumber", "fd_seek",
        "fd_sync", "fd_tell", "fd_write", "path_create_directory", "path_filestat_get", "path_filestat_set_times",
        "path_link", "path_open", "path_readlink", "path_remove_directory", "path_rename", "path_symlink",
        "path_unlink_file", "poll_oneoff", "proc_exit", "proc_raise", "sched_yield", "random_get", "sock_accept",
        "sock_recv", "sock_send", "sock_shutdown",
    ];

    private readonly Dictionary<string, FunctionType> _functions;

    private WasiPreview1(Dictionary<string, FunctionType> functions) => _functions = functions;

    /// <summary>
    /// The functions <paramref name="linker"/> defines for WASI preview 1 and their types, read from a store of the
    /// host's that runs no guest code.
    /// </summary>
    public static WasiPreview1 DefinedBy(Linker linker, SandboxEngine engine)
    {
        using var store = new Store(engine.Engine);
        store.SetWasiConfiguration(new WasiConfiguration());
        var functions = new Dictionary<string, FunctionType>(StringComparer.Ordinal);
        foreach (var name in FunctionNames)
        {
            if (linker.GetFunction(store, ModuleName, name) is { } function)
            {
                functions[name] = new FunctionType([.. function.Parameters], [.. function.Results]);
            }
        }

        return new WasiPreview1(functions);
    }

    /// <summary>Why <paramref name="import"/> cannot be linked in the sandbox, or null when it can.</summary>
    public string? Refusal(Import import)
    {
        if (import is not FunctionImport function || import.ModuleName != ModuleName || !_functions.TryGetValue(import.Name, out var defined))
        {
            return $"the module imports {import.ModuleName}.{import.Name} ({KindOf(import)}), which the sandbox does not provide: "
                + $"a module may import only the functions of WASI preview 1 ({ModuleName}).";
        }

        var wanted = new FunctionType([.. function.Parameters], [.. function.Results]);
        return wanted.Equals(defined)
            ? null
            : $"the module imports {ModuleName}.{import.Name} as {wanted}, but WASI preview 1's is {defined}.";
    }

    private static string KindOf(Import import) => import switch
    {
        FunctionImport => "a function",
        MemoryImport => "a memory",
        TableImport => "a table",
        GlobalImport => "a global",
        _ => "an import",
    };

    /// <summary>A function's parameter and result types, written as WebAssembly's text format does.</summary>
    private sealed record FunctionType(ValueKind[] Parameters, ValueKind[] Results)
    {
        public bool Equals(FunctionType? other) =>
            other is not null && Parameters.SequenceEqual(other.Parameters) && Results.SequenceEqual(other.Results);

        public override int GetHashCode() => HashCode.Combine(Parameters.Length, Results.Length);

        public override string ToString() =>
            $"(func{Part("param", Parameters)}{Part("result", Results)})";

        private static string Part(string name, ValueKind[] kinds) =>
            kinds.Length == 0 ? "" : $" ({name} {string.Join(' ', kinds.Select(Name))})";

        private static string Name(ValueKind kind) => kind switch
        {
            ValueKind.Int32 => "i32",
            ValueKind.Int64 => "i64",
            ValueKind.Float32 => "f32",
            ValueKind.Float64 => "f64",
            ValueKind.V128 => "v128",
            _ => kind.ToString().ToLowerInvariant(),
        };
    }
}
