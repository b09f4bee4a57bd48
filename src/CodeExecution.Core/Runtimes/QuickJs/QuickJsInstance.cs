using System.Text;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// The <c>qjs_*</c> handle API of one instance of <c>quickjs.wasm</c> (quickjs-wasi): values are i32 pointers to
/// 8-byte boxes in guest memory, every returned handle is owned by the caller, and 0 or an exception box
/// means a JavaScript exception is pending.
/// </summary>
/// <remarks>
/// Single-threaded like its store. Spans over guest memory are invalid after anything that can grow it
/// (every call into the guest), so strings are copied in and out at once.
/// </remarks>
internal sealed class QuickJsInstance
{
    /// <summary><c>JS_EVAL_TYPE_MODULE</c>: evaluation returns a promise.</summary>
    public const int EvalModule = 1;

    /// <summary><c>JS_EVAL_FLAG_COMPILE_ONLY</c>: compile, do not run.</summary>
    public const int EvalCompileOnly = 1 << 5;

    public const int PromisePending = 0;
    public const int PromiseFulfilled = 1;
    public const int PromiseRejected = 2;

    private readonly Func<int, int> _malloc;
    private readonly Action<int> _free;
    private readonly Func<int, int, int, int, int> _eval;
    private readonly Func<int, int, int, int, int> _call;
    private readonly Func<int, int, int> _newString;
    private readonly Func<int, int, int> _getStringLength;
    private readonly Action<int> _freeCString;
    private readonly Action<int> _freeValue;
    private readonly Func<int> _undefined;
    private readonly Func<int> _global;
    private readonly Func<int, int, int> _getProperty;
    private readonly Func<int, int, int, int> _setProperty;
    private readonly Func<int, int> _isException;
    private readonly Func<int, int> _isString;
    private readonly Func<int> _takeException;
    private readonly Func<int, int> _throw;
    private readonly Func<int> _newError;
    private readonly Func<int> _newObject;
    private readonly Func<int, int, int> _newArrayBuffer;
    private readonly Func<int, int, int> _getArrayBuffer;
    private readonly Func<double, int> _newNumber;
    private readonly Func<int, double> _getFloat64;
    private readonly Func<int, int> _getBool;
    private readonly Func<int> _isJobPending;
    private readonly Func<int> _executePendingJob;
    private readonly Func<int, int> _promiseState;
    private readonly Func<int, int> _promiseResult;
    private readonly Func<int, int, int, int> _newHostFunction;
    private readonly Action<int, long> _setUncatchable;
    private readonly Func<int> _contextPointer;
    private readonly int _scratch;

    public QuickJsInstance(Instance instance)
    {
        Instance = instance;
        Memory = instance.GetMemory("memory") ?? throw Missing("memory");
        _malloc = instance.GetFunction<int, int>("wasm_malloc") ?? throw Missing("wasm_malloc");
        _free = instance.GetAction<int>("wasm_free") ?? throw Missing("wasm_free");
        _eval = instance.GetFunction<int, int, int, int, int>("qjs_eval") ?? throw Missing("qjs_eval");
        _call = instance.GetFunction<int, int, int, int, int>("qjs_call") ?? throw Missing("qjs_call");
        _newString = instance.GetFunction<int, int, int>("qjs_new_string") ?? throw Missing("qjs_new_string");
        _getStringLength = instance.GetFunction<int, int, int>("qjs_get_string_len") ?? throw Missing("qjs_get_string_len");
        _freeCString = instance.GetAction<int>("qjs_free_cstring") ?? throw Missing("qjs_free_cstring");
        _freeValue = instance.GetAction<int>("qjs_free_value") ?? throw Missing("qjs_free_value");
        _undefined = instance.GetFunction<int>("qjs_get_undefined") ?? throw Missing("qjs_get_undefined");
        _global = instance.GetFunction<int>("qjs_get_global") ?? throw Missing("qjs_get_global");
        _getProperty = instance.GetFunction<int, int, int>("qjs_get_prop_string") ?? throw Missing("qjs_get_prop_string");
        _setProperty = instance.GetFunction<int, int, int, int>("qjs_set_prop_string") ?? throw Missing("qjs_set_prop_string");
        _isException = instance.GetFunction<int, int>("qjs_is_exception") ?? throw Missing("qjs_is_exception");
        _isString = instance.GetFunction<int, int>("qjs_is_string") ?? throw Missing("qjs_is_string");
        _takeException = instance.GetFunction<int>("qjs_get_exception") ?? throw Missing("qjs_get_exception");
        _throw = instance.GetFunction<int, int>("qjs_throw") ?? throw Missing("qjs_throw");
        _newError = instance.GetFunction<int>("qjs_new_error") ?? throw Missing("qjs_new_error");
        _newObject = instance.GetFunction<int>("qjs_new_object") ?? throw Missing("qjs_new_object");
        _newArrayBuffer = instance.GetFunction<int, int, int>("qjs_new_array_buffer") ?? throw Missing("qjs_new_array_buffer");
        _getArrayBuffer = instance.GetFunction<int, int, int>("qjs_get_array_buffer") ?? throw Missing("qjs_get_array_buffer");
        _newNumber = instance.GetFunction<double, int>("qjs_new_number") ?? throw Missing("qjs_new_number");
        _getFloat64 = instance.GetFunction<int, double>("qjs_get_float64") ?? throw Missing("qjs_get_float64");
        _getBool = instance.GetFunction<int, int>("qjs_get_bool") ?? throw Missing("qjs_get_bool");
        _isJobPending = instance.GetFunction<int>("qjs_is_job_pending") ?? throw Missing("qjs_is_job_pending");
        _executePendingJob = instance.GetFunction<int>("qjs_execute_pending_job") ?? throw Missing("qjs_execute_pending_job");
        _promiseState = instance.GetFunction<int, int>("qjs_promise_state") ?? throw Missing("qjs_promise_state");
        _promiseResult = instance.GetFunction<int, int>("qjs_promise_result") ?? throw Missing("qjs_promise_result");
        _newHostFunction = instance.GetFunction<int, int, int, int>("qjs_new_host_function") ?? throw Missing("qjs_new_host_function");
        _setUncatchable = instance.GetAction<int, long>("JS_SetUncatchableError") ?? throw Missing("JS_SetUncatchableError");
        _contextPointer = instance.GetFunction<int>("qjs_get_context_ptr") ?? throw Missing("qjs_get_context_ptr");
        _scratch = Malloc(64);
    }

    public Instance Instance { get; }

    public Memory Memory { get; }

    public void Configure(long memoryLimitBytes, int maxStackBytes)
    {
        SetMemoryLimit(memoryLimitBytes);
        Instance.GetAction<int>("qjs_set_max_stack_size")!(maxStackBytes);
        Instance.GetAction<int>("qjs_set_interrupt_handler")!(1);
        Instance.GetAction<int>("qjs_set_promise_rejection_handler")!(1);
        Instance.GetAction<int>("qjs_set_module_loader")!(1);
    }

    public void SetMemoryLimit(long bytes) =>
        Instance.GetAction<int>("qjs_set_memory_limit")!((int)Math.Clamp(bytes, 1024 * 1024, int.MaxValue));

    public int Malloc(int bytes)
    {
        var pointer = _malloc(bytes);
        return pointer != 0 ? pointer : throw new QuickJsOutOfMemoryException();
    }

    public void Free(int pointer) => _free(pointer);

    /// <summary>Copies a string into guest memory, NUL-terminated (the QuickJS lexer needs it); free with <see cref="Free"/>.</summary>
    public (int Pointer, int Length) WriteUtf8(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var pointer = Malloc(length + 1);
        var span = Memory.GetSpan(pointer, length + 1);
        Encoding.UTF8.GetBytes(text, span);
        span[length] = 0;
        return (pointer, length);
    }

    /// <summary>
    /// The NUL-terminated UTF-8 string at <paramref name="pointer"/>, or null when it is longer than
    /// <paramref name="maxBytes"/>: the guest decides how long it is, so the host looks no further than that.
    /// </summary>
    public string? ReadCString(int pointer, int maxBytes)
    {
        var available = (int)Math.Min(maxBytes + 1L, Memory.GetLength() - pointer);
        var bytes = Memory.GetSpan(pointer, Math.Max(available, 0));
        var length = bytes.IndexOf((byte)0);
        return length < 0 ? null : Encoding.UTF8.GetString(bytes[..length]);
    }

    /// <summary>Runs <paramref name="use"/> on the UTF-8 bytes of a value converted to a string; false when conversion threw.</summary>
    public bool WithUtf8(int handle, SpanAction use)
    {
        var cString = _getStringLength(handle, _scratch);
        if (cString == 0)
        {
            FreeValue(_takeException());
            return false;
        }

        use(Memory.GetSpan(cString, Memory.ReadInt32(_scratch)));
        _freeCString(cString);
        return true;
    }

    public string? ToText(int handle)
    {
        string? text = null;
        return WithUtf8(handle, bytes => text = Encoding.UTF8.GetString(bytes)) ? text : null;
    }

    public int NewString(string text)
    {
        var (pointer, length) = WriteUtf8(text);
        try
        {
            return _newString(pointer, length);
        }
        finally
        {
            Free(pointer);
        }
    }

    public int NewNumber(double value) => _newNumber(value);

    public int NewObject() => _newObject();

    /// <summary>A new ArrayBuffer holding a copy of <paramref name="bytes"/>.</summary>
    public int NewArrayBuffer(ReadOnlySpan<byte> bytes)
    {
        var pointer = Malloc(Math.Max(bytes.Length, 1));
        try
        {
            bytes.CopyTo(Memory.GetSpan(pointer, bytes.Length));
            var buffer = _newArrayBuffer(pointer, bytes.Length);
            return IsException(buffer) ? throw new QuickJsOutOfMemoryException() : buffer;
        }
        finally
        {
            Free(pointer);
        }
    }

    /// <summary>A copy of the bytes of the ArrayBuffer <paramref name="handle"/>; null when it is not one.</summary>
    public byte[]? ArrayBufferBytes(int handle)
    {
        var data = _getArrayBuffer(handle, _scratch);
        if (data == 0)
        {
            return null;
        }

        var length = Memory.ReadInt32(_scratch);
        return length < 0 || (long)data + length > Memory.GetLength() ? null : Memory.GetSpan(data, length).ToArray();
    }

    public int Undefined() => _undefined();

    public int Global() => _global();

    public double ToNumber(int handle) => _getFloat64(handle);

    public bool ToBool(int handle) => _getBool(handle) != 0;

    public void FreeValue(int handle)
    {
        if (handle != 0)
        {
            _freeValue(handle);
        }
    }

    public bool IsException(int handle) => handle == 0 || _isException(handle) != 0;

    public bool IsString(int handle) => _isString(handle) != 0;

    /// <summary>Takes (and clears) the pending exception; the caller owns the returned handle.</summary>
    public int TakeException() => _takeException();

    public int GetProperty(int target, string name)
    {
        var (pointer, _) = WriteUtf8(name);
        try
        {
            return _getProperty(target, pointer);
        }
        finally
        {
            Free(pointer);
        }
    }

    /// <summary>Sets a property; the value is not consumed.</summary>
    public void SetProperty(int target, string name, int value)
    {
        var (pointer, _) = WriteUtf8(name);
        try
        {
            _setProperty(target, pointer, value);
        }
        finally
        {
            Free(pointer);
        }
    }

    /// <summary>Calls a function with up to 8 borrowed arguments; returns an owned result or an exception box.</summary>
    public int Call(int function, int self, params ReadOnlySpan<int> arguments)
    {
        if (arguments.Length > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(arguments), "At most 8 arguments.");
        }

        var argv = _scratch + 8;
        for (var i = 0; i < arguments.Length; i++)
        {
            Memory.WriteInt32(argv + (4 * i), arguments[i]);
        }

        return _call(function, self, arguments.Length, argv);
    }

    /// <summary>Evaluates source; returns an owned result or an exception box.</summary>
    public int Eval(string source, string fileName, int flags)
    {
        var (code, length) = WriteUtf8(source);
        var (name, _) = WriteUtf8(fileName);
        try
        {
            return _eval(code, length, name, flags);
        }
        finally
        {
            Free(code);
            Free(name);
        }
    }

    /// <summary>
    /// Whether the source compiles as an ES module: the test QuickJS's <c>JS_DetectModule</c> makes, made in this
    /// instance's runtime, whose stack and memory limits apply (<c>JS_DetectModule</c> compiles in a runtime of its
    /// own without them, and deep nesting overflows the guest's C stack there). The compiled module is discarded.
    /// </summary>
    public bool CompilesAsModule(string source)
    {
        var compiled = Eval(source, "<module detection>", EvalModule | EvalCompileOnly);
        if (IsException(compiled))
        {
            FreeValue(TakeException());
            return false;
        }

        FreeValue(compiled);
        return true;
    }

    public bool IsJobPending() => _isJobPending() != 0;

    /// <summary>Runs one job: 1 ran, 0 none, negative when it threw (the exception is pending).</summary>
    public int ExecutePendingJob() => _executePendingJob();

    public int PromiseState(int promise) => _promiseState(promise);

    public int PromiseResult(int promise) => _promiseResult(promise);

    public int NewHostFunction(string name, int arity)
    {
        var (pointer, length) = WriteUtf8(name);
        try
        {
            return _newHostFunction(pointer, length, arity);
        }
        finally
        {
            Free(pointer);
        }
    }

    /// <summary>Throws <c>new Error(message)</c> into the context; with <paramref name="uncatchable"/> no catch or finally in the guest sees it.</summary>
    public int Throw(string message, bool uncatchable = false)
    {
        var error = _newError();
        var text = NewString(message);
        SetProperty(error, "message", text);
        FreeValue(text);
        if (uncatchable)
        {
            _setUncatchable(_contextPointer(), Memory.ReadInt64(error));
        }

        FreeValue(_throw(error));
        FreeValue(error);
        return 0;
    }

    /// <summary>The JSValue a handle points at, for identity comparisons.</summary>
    public long Bits(int handle) => Memory.ReadInt64(handle);

    private static InvalidOperationException Missing(string export) =>
        new($"quickjs.wasm does not export {export}; it is not the quickjs-wasi build this host was written for.");

    public delegate void SpanAction(ReadOnlySpan<byte> bytes);
}
