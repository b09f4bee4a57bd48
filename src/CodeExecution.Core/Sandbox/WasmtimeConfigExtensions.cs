using System.Reflection;
using System.Runtime.InteropServices;
using Wasmtime;

namespace CodeExecution.Core.Sandbox;

/// <summary>Engine settings Wasmtime's C API has and Wasmtime.Dotnet does not expose, set on the config's native handle.</summary>
internal static class WasmtimeConfigExtensions
{
    /// <summary>
    /// Sets the async stack size. Wasmtime refuses an engine whose maximum wasm stack is larger (2 MiB by default),
    /// even with async support off, when no async stack is ever made: raising it is what allows a larger wasm stack.
    /// </summary>
    /// <exception cref="InvalidOperationException">This Wasmtime.Dotnet keeps its config handle elsewhere.</exception>
    public static Config WithAsyncStackSize(this Config config, int bytes) =>
        config.WithNative("the async stack size", handle => SetAsyncStackSize(handle, (nuint)bytes));

    /// <summary>
    /// Compiles with Winch, Wasmtime's single-pass baseline compiler, instead of Cranelift: compile time linear in the
    /// module's size, for code that runs slower. Wasmtime.Dotnet's <see cref="CompilerStrategy"/> has no value for it.
    /// </summary>
    /// <exception cref="InvalidOperationException">This Wasmtime.Dotnet keeps its config handle elsewhere.</exception>
    public static Config WithBaselineCompiler(this Config config) =>
        config.WithNative("the compiler", handle => SetStrategy(handle, StrategyWinch));

    private const byte StrategyWinch = 2;

    private static Config WithNative(this Config config, string setting, Action<IntPtr> set)
    {
        var handle = typeof(Config).GetProperty("NativeHandle", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(config) as SafeHandle
            ?? throw new InvalidOperationException(
                $"Wasmtime.Dotnet {SandboxEngine.WasmtimeVersion} has no Config.NativeHandle; {setting} cannot be set.");
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            set(handle.DangerousGetHandle());
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        return config;
    }

    [DllImport("wasmtime", EntryPoint = "wasmtime_config_async_stack_size_set")]
    private static extern void SetAsyncStackSize(IntPtr config, nuint size);

    [DllImport("wasmtime", EntryPoint = "wasmtime_config_strategy_set")]
    private static extern void SetStrategy(IntPtr config, byte strategy);
}
