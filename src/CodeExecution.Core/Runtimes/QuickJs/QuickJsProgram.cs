using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// Runs one program in a fresh instance of a baked QuickJS image, like Node would: evaluate it as a script or
/// an ES module, then alternate microtasks and virtual-time timers until no work is left, the program exits,
/// or the host stops it.
/// </summary>
internal sealed class QuickJsProgram
{
    /// <summary>
    /// QuickJS's own stack limit, on the 1 MiB C stack quickjs.wasm is linked with (about 2,000 plain JavaScript
    /// frames). Recursion through QuickJS's C code (its parser, JSON) takes more than 16 times as much wasm stack as C
    /// stack, so the limit and <see cref="SandboxEngine.MaxWasmStackBytes"/> are chosen together: at this limit every
    /// such case throws RangeError before 16 MiB of wasm stack are used.
    /// </summary>
    public const int MaxStackBytes = 512 * 1024;

    /// <summary>
    /// What comes before a CommonJS program's first line: Node's module function, whose body the program is. It shares
    /// that line, so the prelude's stack formatter takes its length back out of the line's columns.
    /// </summary>
    private const string CommonJsHeader = "(function (exports, require, module, __filename, __dirname) {";

    /// <summary>Exit code of a program whose top-level await never settled (as Node reports it).</summary>
    public const int UnsettledTopLevelAwaitExitCode = 13;

    private readonly QuickJsExecution _execution;
    private readonly QuickJsInstance _guest;
    private readonly long _memoryLimit;
    private int _entry;

    private QuickJsProgram(QuickJsExecution execution)
    {
        _execution = execution;
        _guest = execution.Guest;
        _memoryLimit = execution.MemoryLimit;
    }

    /// <summary>What QuickJS may allocate: the store's limit less room for the stack, static data and fragmentation.</summary>
    public static long MemoryLimit(long storeLimitBytes) => storeLimitBytes - Math.Max(3L * 1024 * 1024, storeLimitBytes / 8);

    /// <summary>
    /// Runs <paramref name="source"/> and returns how the guest ended, its linear memory size, and whether it failed
    /// having been refused memory: by QuickJS's allocator (its limit, <see cref="QuickJsImage.OutOfMemoryFlag"/>) or
    /// by the store when the host allocated for it. What the program threw or printed plays no part.
    /// </summary>
    public static (GuestTermination Termination, long? MemoryUsed, bool AllocationRefused) Run(
        Linker linker, QuickJsImage image, string? fullModulesSource, SandboxSession session, string source, string fileName, string startConfig,
        bool typeScript, StdinFeed? stdin = null, TranspiledPrograms? transpiled = null)
    {
        QuickJsExecution? execution = null;
        QuickJsInstance? guest = null;
        bool Refused() => execution?.HostAllocationRefused == true || (guest is not null && image.AllocatorRefused(guest));
        try
        {
            guest = image.Instantiate(linker, session.Store);
            execution = new QuickJsExecution(session, guest)
            {
                MemoryLimit = MemoryLimit(session.Settings.Limits.MaxMemoryBytes),
                FullModulesSource = fullModulesSource,
                Stdin = stdin,
            };
            session.Attach(execution);
            session.MarkProgramStart();
            var code = new QuickJsProgram(execution).Execute(source, fileName, startConfig, typeScript, transpiled);
            return (GuestTermination.Exited(code), guest.Memory.GetLength(), code != 0 && Refused());
        }
        catch (WasmtimeException e)
        {
            return (new GuestTermination(null, e), guest?.Memory.GetLength(), Refused());
        }
        catch (QuickJsOutOfMemoryException)
        {
            session.Output.WriteStderr("InternalError: out of memory\n");
            return (GuestTermination.Exited(1), guest?.Memory.GetLength(), true);
        }
    }

    private int Execute(string source, string fileName, string startConfig, bool typeScript, TranspiledPrograms? transpiledPrograms)
    {
        var guest = _guest;
        guest.Configure(_memoryLimit, MaxStackBytes);
        var global = guest.Global();
        _entry = guest.GetProperty(global, "__codeexec");
        guest.FreeValue(global);

        var config = guest.NewString(startConfig);
        var started = CallEntry("start", config);
        guest.FreeValue(config);
        if (guest.IsException(started))
        {
            return Uncaught(guest.TakeException());
        }

        guest.FreeValue(started);
        if (typeScript && transpiledPrograms?.TryGet(source, out var cached) == true)
        {
            source = cached;
        }
        else if (typeScript)
        {
            var text = guest.NewString(source);
            var transpiled = CallEntry("transpile", text);
            guest.FreeValue(text);
            if (guest.IsException(transpiled))
            {
                return Uncaught(guest.TakeException());
            }

            var javaScript = guest.IsString(transpiled) ? guest.ToText(transpiled) : null;
            guest.FreeValue(transpiled);
            if (javaScript is null)
            {
                return 1;
            }

            transpiledPrograms?.Add(source, javaScript);
            source = javaScript;
        }

        // As Node runs a .js file: a CommonJS module in sloppy mode, the program the body of a function of exports,
        // require, module, __filename and __dirname called with exports as this; or an ES module when it is not
        // valid as that but compiles as a module (import and export, top-level await), as Node 20.19 and later detect it.
        var wrapped = $"{CommonJsHeader}{(source.StartsWith("#!", StringComparison.Ordinal) ? "//" + source[2..] : source)}\n}})";
        var moduleFunction = guest.Eval(wrapped, fileName, 0);
        if (!guest.IsException(moduleFunction))
        {
            return RunCommonJs(moduleFunction) ?? EventLoop(0);
        }

        var scriptError = guest.TakeException();
        if (!guest.CompilesAsModule(source))
        {
            return Uncaught(scriptError);
        }

        guest.FreeValue(scriptError);
        var completion = guest.Eval(source, fileName, QuickJsInstance.EvalModule);
        if (guest.IsException(completion))
        {
            return Uncaught(guest.TakeException());
        }

        _execution.ForgetRejection(completion);
        return EventLoop(completion);
    }

    /// <summary>
    /// Calls the program's module function with the prelude's CommonJS arguments; null when it returned (the event
    /// loop goes on), else the exit code of the error it threw.
    /// </summary>
    private int? RunCommonJs(int moduleFunction)
    {
        var guest = _guest;
        var headerLength = guest.NewNumber(CommonJsHeader.Length);
        var arguments = CallEntry("commonJsArguments", headerLength, moduleFunction);
        guest.FreeValue(headerLength);
        Span<int> values = stackalloc int[5];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = guest.GetProperty(arguments, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var ran = guest.Call(moduleFunction, values[0], values);
        foreach (var value in values)
        {
            guest.FreeValue(value);
        }

        guest.FreeValue(arguments);
        guest.FreeValue(moduleFunction);
        if (guest.IsException(ran))
        {
            return Uncaught(guest.TakeException());
        }

        guest.FreeValue(ran);
        return null;
    }

    private int EventLoop(int completion)
    {
        var guest = _guest;
        while (true)
        {
            if (_execution.ExitCode is { } exited)
            {
                return exited;
            }

            if (_execution.ShouldStop())
            {
                return 0;
            }

            if (RunMicrotasks() is { } failed)
            {
                return failed;
            }

            if (_execution.ExitCode is not null || _execution.ShouldStop())
            {
                continue;
            }

            if (completion != 0)
            {
                var state = guest.PromiseState(completion);
                if (state == QuickJsInstance.PromiseRejected)
                {
                    _execution.ForgetRejection(completion);
                    return Uncaught(guest.PromiseResult(completion));
                }

                if (state == QuickJsInstance.PromiseFulfilled)
                {
                    guest.FreeValue(completion);
                    completion = 0;
                }
            }

            var rejection = _execution.TakeUnhandledRejection();
            if (rejection != 0)
            {
                return Uncaught(rejection);
            }

            var ran = CallEntry("runNextTimer");
            if (guest.IsException(ran))
            {
                return Uncaught(guest.TakeException());
            }

            var more = guest.ToBool(ran);
            guest.FreeValue(ran);
            if (!more && !guest.IsJobPending() && !BeforeExitGaveMoreWork(out var listenerFailed))
            {
                if (listenerFailed is { } failedCode)
                {
                    return failedCode;
                }

                break;
            }
        }

        if (completion != 0)
        {
            _execution.Session.Output.WriteStderr("Warning: Detected unsettled top-level await\n");
            return UnsettledTopLevelAwaitExitCode;
        }

        var code = CallEntry("finish");
        return guest.IsException(code) ? Uncaught(guest.TakeException()) : (int)guest.ToNumber(code);
    }

    /// <summary>
    /// The loop is empty: the prelude emits <c>beforeExit</c>, as Node does, and the loop goes on when its listeners
    /// gave it more to do. <paramref name="failed"/> is the exit code when a listener threw.
    /// </summary>
    private bool BeforeExitGaveMoreWork(out int? failed)
    {
        var guest = _guest;
        failed = null;
        var more = CallEntry("beforeExit");
        if (guest.IsException(more))
        {
            failed = Uncaught(guest.TakeException());
            return false;
        }

        var gaveWork = guest.ToBool(more);
        guest.FreeValue(more);
        return gaveWork || guest.IsJobPending();
    }

    /// <summary>Runs <c>process.nextTick</c> callbacks and promise jobs until both queues are empty; an exit code when one threw.</summary>
    private int? RunMicrotasks()
    {
        var guest = _guest;
        while (_execution.ExitCode is null && !_execution.ShouldStop())
        {
            var ticks = CallEntry("runTicks");
            if (guest.IsException(ticks))
            {
                return Uncaught(guest.TakeException());
            }

            var ranTicks = guest.ToBool(ticks);
            guest.FreeValue(ticks);
            if (!ranTicks && !guest.IsJobPending())
            {
                return null;
            }

            while (guest.IsJobPending())
            {
                if (guest.ExecutePendingJob() < 0)
                {
                    return Uncaught(guest.TakeException());
                }

                if (_execution.ExitCode is not null || _execution.ShouldStop())
                {
                    return null;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Reports an error nobody caught (the prelude prints it like Node and exits 1), unless the program already
    /// exited or the host is stopping it. Gives the report a little memory beyond the limit, since running out
    /// of memory is a common reason to get here.
    /// </summary>
    private int Uncaught(int error)
    {
        if (_execution.ExitCode is { } exited)
        {
            return exited;
        }

        if (_execution.ShouldStop())
        {
            return 0;
        }

        var guest = _guest;
        guest.SetMemoryLimit(_memoryLimit + ((_execution.Session.Settings.Limits.MaxMemoryBytes - _memoryLimit) / 2));
        var reported = CallEntry("fatal", error);
        if (_execution.ExitCode is { } code)
        {
            return code;
        }

        // The report itself failed: say what we can from the host.
        guest.FreeValue(guest.IsException(reported) ? guest.TakeException() : reported);
        var text = guest.ToText(error) ?? "Uncaught exception";
        _execution.Session.Output.WriteStderr($"{text}\n");
        return 1;
    }

    private int CallEntry(string name, params ReadOnlySpan<int> arguments)
    {
        var guest = _guest;
        var function = guest.GetProperty(_entry, name);
        try
        {
            return guest.Call(function, _entry, arguments);
        }
        finally
        {
            guest.FreeValue(function);
        }
    }
}
