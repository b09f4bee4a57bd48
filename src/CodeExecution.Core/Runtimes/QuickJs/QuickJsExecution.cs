using System.Security.Cryptography;
using System.Text;
using CodeExecution.Core.Network;
using CodeExecution.Core.Sandbox;
using Wasmtime;

namespace CodeExecution.Core.Runtimes.QuickJs;

/// <summary>
/// The host side of one JavaScript execution: the functions the prelude calls (<c>write</c>, <c>exit</c>,
/// <c>promiseState</c>, <c>promiseResult</c>, <c>stdin</c>, ...), the interrupt check, rejection tracking and the module loader.
/// </summary>
/// <remarks>Single-threaded: called only from the guest running on the execution's thread.</remarks>
internal sealed class QuickJsExecution(SandboxSession session, QuickJsInstance guest)
{
    /// <summary>The host functions the baked prelude holds, by the name QuickJS passes back to <c>host_call</c>.</summary>
    public static readonly IReadOnlyList<(string Name, int Arity)> HostFunctions =
    [
        ("write", 2),
        ("exit", 1),
        ("promiseState", 1),
        ("promiseResult", 1),
        ("randomBytes", 1),
        ("loadFullModules", 0),
        ("fs", 4),
        ("evalScript", 2),
        ("stdin", 0),
        ("http", 2),
    ];

    /// <summary>The most random bytes the guest gets in one call (Node's own bound for <c>getRandomValues</c>).</summary>
    public const int MaxRandomBytes = 65536;

    /// <summary>The longest module name the loader reads (a file path's limit); the guest's string is not read past it.</summary>
    public const int MaxModuleNameBytes = 4096;

    private static readonly string ModuleNameTooLong = $"Cannot find module: its name is longer than {MaxModuleNameBytes:N0} bytes.";

    private readonly UnhandledRejections _unhandled = new();
    private QuickJsFileSystem? _files;

    public SandboxSession Session { get; } = session;

    public QuickJsInstance Guest { get; } = guest;

    /// <summary>What QuickJS may allocate for this execution (see <see cref="QuickJsProgram.MemoryLimit"/>).</summary>
    public long MemoryLimit { get; init; }

    /// <summary>The larger core modules' bundle, which the prelude asks for when the image lacks them; null when there is none.</summary>
    public string? FullModulesSource { get; init; }

    /// <summary>Standard input the caller supplies as the program runs, which <c>stdin</c> reads; null when the request's input is all of it.</summary>
    public StdinFeed? Stdin { get; init; }

    /// <summary>The code the program exited with through <c>process.exit</c> or an uncaught error, once it has.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>The store refused memory the host asked the guest's allocator for on the program's behalf.</summary>
    public bool HostAllocationRefused { get; private set; }

    /// <summary>True when the deadline passed, output overflowed or the caller cancelled; records why.</summary>
    public bool ShouldStop()
    {
        var guard = Session.Guard;
        if (guard.StopReason != StopReason.None)
        {
            return true;
        }

        if (guard.Remaining <= TimeSpan.Zero || guard.CancellationRequested)
        {
            guard.RequestStop(StopReason.Timeout);
            return true;
        }

        return false;
    }

    public int OnInterrupt() => ShouldStop() ? 1 : 0;

    public int OnHostCall(int namePointer, int nameLength, int argc, int argv)
    {
        var guest = Guest;
        try
        {
            var name = Encoding.UTF8.GetString(guest.Memory.GetSpan(namePointer, nameLength));
            int Argument(int index) => index < argc ? guest.Memory.ReadInt32(argv + (4 * index)) : 0;
            switch (name)
            {
                case "write":
                    return Write(guest, (int)guest.ToNumber(Argument(0)), Argument(1));
                case "exit":
                    ExitCode ??= (int)guest.ToNumber(Argument(0));
                    return guest.Throw("process.exit", uncatchable: true);
                case "promiseState":
                    return guest.NewNumber(guest.PromiseState(Argument(0)));
                case "promiseResult":
                    return guest.PromiseResult(Argument(0));
                case "randomBytes":
                    return RandomBytes(guest, guest.ToNumber(Argument(0)));
                case "loadFullModules":
                    return LoadFullModules(guest);
                case "fs":
                    return FileOperation(guest, argc, Argument);
                case "stdin":
                    return ReadStdin(guest);
                case "http":
                    return Http(guest, Argument(0), Argument(1));
                case "evalScript":
                    return guest.Eval(guest.ToText(Argument(0)) ?? "", guest.ToText(Argument(1)) ?? "<script>", 0);
                default:
                    return guest.Throw($"Host function '{name}' does not exist.");
            }
        }
        catch (WasmtimeException)
        {
            throw;
        }
        catch (QuickJsOutOfMemoryException)
        {
            HostAllocationRefused = true;
            return guest.Throw("out of memory");
        }
    }

    /// <summary>
    /// The next text of interactive stdin, waiting for it (a string), or undefined at end of file; at the deadline or
    /// on cancellation the wait ends and the program is stopped, as an interrupt stops it.
    /// </summary>
    private int ReadStdin(QuickJsInstance guest)
    {
        if (Stdin is not { } stdin)
        {
            return guest.Undefined();
        }

        if (!stdin.TryRead(Session.Guard, out var text))
        {
            return guest.Throw("interrupted", uncatchable: true);
        }

        return text is null ? guest.Undefined() : guest.NewString(text);
    }

    /// <summary>
    /// fetch's requests: <c>(request, body)</c>, the request's method, URL and headers as JSON
    /// (<see cref="GuestHttpWire"/> without its body) and its body an ArrayBuffer or undefined. Made by the run's
    /// network, blocking the guest; answered with <c>{ response, body }</c>: the wire's answer without its body, and
    /// the body as an ArrayBuffer. A refused or failed request throws an Error saying why, which fetch makes its
    /// TypeError's cause, as Node's fetch does.
    /// </summary>
    private int Http(QuickJsInstance guest, int requestHandle, int bodyHandle)
    {
        GuestHttpResponse response;
        try
        {
            response = GuestHttpExchange.Send(
                Session.Settings.Network,
                () => GuestHttpWire.ReadRequest(Encoding.UTF8.GetBytes(guest.ToText(requestHandle) ?? "")) with { Body = guest.ArrayBufferBytes(bodyHandle) ?? [] },
                Session.Guard);
        }
        catch (GuestNetworkException e)
        {
            return guest.Throw(e.Message);
        }
        catch (SandboxStopException)
        {
            // The run's time ran out while the request waited: stopped as an interrupt stops it.
            return guest.Throw("interrupted", uncatchable: true);
        }

        var answer = guest.NewObject();
        var meta = guest.NewString(Encoding.UTF8.GetString(GuestHttpWire.WriteResponse(response with { Body = [] })));
        guest.SetProperty(answer, "response", meta);
        guest.FreeValue(meta);
        var body = guest.NewArrayBuffer(response.Body);
        guest.SetProperty(answer, "body", body);
        guest.FreeValue(body);
        return answer;
    }

    /// <summary>
    /// Evaluates the larger core modules' bundle in an image that lacks them, the first time the program needs one
    /// (it sets their table on the global object); an exception in the guest when there is none or it fails.
    /// </summary>
    private int LoadFullModules(QuickJsInstance guest)
    {
        if (FullModulesSource is not { } source)
        {
            return guest.Throw("Node's larger core modules are not available in this runtime.");
        }

        return guest.Eval(source, "codeexec-bundles/node-modules-full.js", 0);
    }

    /// <summary>
    /// fs's requests: <c>(op, path, ...)</c>, answered with an ArrayBuffer (a read), a string (JSON for stat and
    /// readdir) or undefined; a write's bytes come as an ArrayBuffer; a failure throws an Error whose message is Node's code for it (ENOENT, ...), which fs.js turns
    /// into Node's error.
    /// </summary>
    private int FileOperation(QuickJsInstance guest, int argc, Func<int, int> argument)
    {
        _files ??= new QuickJsFileSystem(Session);
        string Text(int index) => index < argc ? guest.ToText(argument(index)) ?? "" : "";
        try
        {
            var path = Text(1);
            switch (Text(0))
            {
                case "read":
                    return guest.NewArrayBuffer(_files.Read(path));
                case "write":
                    var bytes = argc > 2 ? guest.ArrayBufferBytes(argument(2)) : null;
                    if (bytes is null)
                    {
                        return guest.Throw("EINVAL");
                    }

                    _files.Write(path, bytes, append: Text(3) == "a");
                    return guest.Undefined();
                case "stat":
                    return guest.NewString(_files.Stat(path));
                case "readdir":
                    return guest.NewString(_files.List(path));
                case "mkdir":
                    _files.MakeDirectory(path, recursive: Text(2) == "recursive");
                    return guest.Undefined();
                case "remove":
                    _files.Remove(path, Text(2));
                    return guest.Undefined();
                case "rename":
                    _files.Rename(path, Text(2));
                    return guest.Undefined();
                case "copy":
                    _files.Copy(path, Text(2));
                    return guest.Undefined();
                default:
                    return guest.Throw($"fs has no operation '{Text(0)}'.");
            }
        }
        catch (GuestFileException e)
        {
            return guest.Throw(e.Code, uncatchable: e.Stop);
        }
    }

    private static int RandomBytes(QuickJsInstance guest, double count) =>
        count is >= 0 and <= MaxRandomBytes && count == Math.Floor(count)
            ? guest.NewString(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((int)count)))
            : guest.Throw($"randomBytes takes 0 to {MaxRandomBytes} bytes.");

    private int Write(QuickJsInstance guest, int fd, int text)
    {
        var output = Session.Output;
        guest.WithUtf8(text, bytes =>
        {
            if (fd == 2)
            {
                output.WriteStderr(bytes);
            }
            else
            {
                output.WriteStdout(bytes);
            }
        });

        // Past the output limit the program is stopped at once rather than at the next interrupt check.
        return Session.Guard.StopReason != StopReason.None ? guest.Throw("output limit", uncatchable: true) : guest.Undefined();
    }

    public void OnPromiseRejection(int promise, int reason, bool isHandled)
    {
        var guest = Guest;
        if (!isHandled && _unhandled.Add(guest.Bits(promise), promise, reason))
        {
            if (_unhandled.Count % UnhandledRejections.ChargeEvery == 0)
            {
                ChargeHandles();
            }

            return;
        }

        if (isHandled)
        {
            ForgetRejection(promise);
        }

        guest.FreeValue(promise);
        guest.FreeValue(reason);
    }

    /// <summary>Forgets the rejection of <paramref name="promise"/> (handled, or the host handles that one itself).</summary>
    public void ForgetRejection(int promise)
    {
        if (_unhandled.Remove(Guest.Bits(promise)) is { } forgotten)
        {
            Guest.FreeValue(forgotten.PromiseHandle);
            Guest.FreeValue(forgotten.ReasonHandle);
        }
    }

    /// <summary>The reason of the oldest rejection nobody handled, or 0; the caller owns the handle.</summary>
    public int TakeUnhandledRejection()
    {
        if (_unhandled.TakeOldest() is not { } oldest)
        {
            return 0;
        }

        Guest.FreeValue(oldest.PromiseHandle);
        return oldest.ReasonHandle;
    }

    /// <summary>
    /// Lowers QuickJS's own memory limit by what the handles of the rejections held here take outside it, so that a
    /// flood of unhandled rejections runs QuickJS out of memory (a memory-limit verdict) before it exhausts the store,
    /// where the guest's C code would go on with allocations that failed.
    /// </summary>
    private void ChargeHandles() =>
        Guest.SetMemoryLimit(MemoryLimit - (_unhandled.Count * UnhandledRejections.HandleBytes));

    public int OnModuleNormalize(int basePointer, int namePointer)
    {
        var guest = Guest;
        try
        {
            if (guest.ReadCString(namePointer, MaxModuleNameBytes) is not { } name)
            {
                return guest.Throw(ModuleNameTooLong);
            }

            if (IsFilePath(name) && guest.ReadCString(basePointer, MaxModuleNameBytes) is { } importer)
            {
                // The program's own files: the prelude resolves the path against the importing module's.
                var resolved = guest.Eval(
                    $"globalThis[Symbol.for('codeexec.resolveImport')]({QuickJsStartConfig.Quote(importer)}, {QuickJsStartConfig.Quote(name)})", "<module path>", 0);
                string path;
                if (guest.IsException(resolved))
                {
                    guest.FreeValue(guest.TakeException());
                    path = name; // loading it then fails, with the prelude's error
                }
                else
                {
                    path = guest.ToText(resolved) ?? name;
                    guest.FreeValue(resolved);
                }

                return guest.WriteUtf8(path).Pointer;
            }

            return guest.WriteUtf8(name.StartsWith("node:", StringComparison.Ordinal) ? name[5..] : name).Pointer;
        }
        catch (QuickJsOutOfMemoryException)
        {
            HostAllocationRefused = true;
            return guest.Throw("out of memory");
        }
    }

    public int OnModuleLoad(int namePointer, int lengthPointer)
    {
        var guest = Guest;
        try
        {
            if (guest.ReadCString(namePointer, MaxModuleNameBytes) is not { } name)
            {
                return guest.Throw(ModuleNameTooLong);
            }

            if (name.StartsWith('/'))
            {
                return LoadFileModule(guest, name, lengthPointer);
            }

            var exports = ExportNames(guest, name);
            var source = new StringBuilder($"const m = globalThis[Symbol.for('codeexec.require')]({QuickJsStartConfig.Quote(name)});\nexport default m;\n");
            if (exports.Length > 0)
            {
                source.Append($"export const {{ {exports} }} = m;\n");
            }

            var (pointer, length) = guest.WriteUtf8(source.ToString());
            guest.Memory.WriteInt32(lengthPointer, length);
            return pointer;
        }
        catch (QuickJsOutOfMemoryException)
        {
            HostAllocationRefused = true;
            return guest.Throw("out of memory");
        }
    }

    private static bool IsFilePath(string name) =>
        name.StartsWith("./", StringComparison.Ordinal) || name.StartsWith("../", StringComparison.Ordinal) || name.StartsWith('/');

    /// <summary>
    /// The source QuickJS compiles for one of the program's files (the prelude's moduleSource); when that fails, a
    /// module that fails the same way when it is evaluated, so the import throws the prelude's error.
    /// </summary>
    private static int LoadFileModule(QuickJsInstance guest, string path, int lengthPointer)
    {
        var call = $"globalThis[Symbol.for('codeexec.moduleSource')]({QuickJsStartConfig.Quote(path)})";
        var source = guest.Eval(call, "<module source>", 0);
        string text;
        if (guest.IsException(source))
        {
            guest.FreeValue(guest.TakeException());
            text = $"{call};\n";
        }
        else
        {
            text = guest.ToText(source) ?? "";
            guest.FreeValue(source);
        }

        var (pointer, length) = guest.WriteUtf8(text);
        guest.Memory.WriteInt32(lengthPointer, length);
        return pointer;
    }

    /// <summary>
    /// The names an ES module may import from builtin module <paramref name="name"/>, comma-separated, from the
    /// module's exports as the prelude sees them; empty when there is no such module (importing it then throws
    /// Node's "Cannot find module" when the loader's source runs).
    /// </summary>
    private static string ExportNames(QuickJsInstance guest, string name)
    {
        var names = guest.Eval($"globalThis[Symbol.for('codeexec.exportNames')]({QuickJsStartConfig.Quote(name)})", "<module exports>", 0);
        if (guest.IsException(names))
        {
            guest.FreeValue(guest.TakeException());
            return "";
        }

        var text = guest.ToText(names) ?? "";
        guest.FreeValue(names);
        return text;
    }
}
