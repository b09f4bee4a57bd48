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
    public static Config WithAsyncStackSize(this Config config, int bytes)
    {
        var handle = typeof(Config).GetProperty("NativeHandle", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(config) as SafeHandle
            ?? throw new InvalidOperationException(
                $"Wasmtime.Dotnet {SandboxEngine.WasmtimeVersion} has no Config.NativeHandle; the async stack size cannot be set.");
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            SetAsyncStackSize(handle.DangerousGetHandle(), (nuint)bytes);
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
}
