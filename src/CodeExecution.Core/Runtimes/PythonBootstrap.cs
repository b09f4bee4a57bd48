namespace CodeExecution.Core.Runtimes;

/// <summary>
/// The few lines CPython runs before the user's program (<c>python -I -S -c BOOTSTRAP ...</c>):
/// the program runs as <c>main.py</c> in <c>__main__</c> with <c>sys.argv = ['main.py', *args]</c>, and an
/// uncaught exception prints a traceback of the user's frames only, with source lines, and exits 1.
/// Stdout is line-buffered, as on a terminal, so stdout and stderr interleave in the order written.
/// </summary>
/// <remarks>
/// Two ways in, one way to run: <see cref="Source"/> takes the program from argv (<c>BOOTSTRAP CODE ARGS...</c>)
/// and the working directory from <c>CODEEXEC_CWD</c>; <see cref="PrestartedSource"/> starts with nothing of any
/// request, then waits on stdin for one (see <see cref="PythonRequestEncoding"/>) and sets argv and the
/// environment from it; the rest of stdin is the program's. It is also what a <see cref="PythonSnapshot"/> holds,
/// stopped in that wait, so anything random it has made by then is remade after the request arrives.
/// </remarks>
internal static class PythonBootstrap
{
    public const string ProgramName = "main.py";

    public const string Source = """
        import sys
        def _codeexec_main():
            import builtins, os, sys
            src = sys.argv[1]
            sys.argv[:] = ['main.py'] + sys.argv[2:]
            builtins.exit = builtins.quit = sys.exit
            sys.stdout.reconfigure(line_buffering=True)
            if 'CODEEXEC_CWD' in os.environ:
                os.chdir(os.environ.pop('CODEEXEC_CWD'))

        """ + Run;

    public const string PrestartedSource = """
        import sys
        def _codeexec_main():
            import builtins, os, sys
            builtins.exit = builtins.quit = sys.exit
            sys.stdout.reconfigure(line_buffering=True)
            compile('pass', 'main.py', 'exec')  # the first compile sets up the compiler's types: several ms
            import linecache, traceback  # what reporting an uncaught exception needs: tens of ms to import
            def read(n):
                chunks = []
                while n > 0:
                    chunk = os.read(0, n)
                    if not chunk:
                        raise SystemExit(75)
                    chunks.append(chunk)
                    n -= len(chunk)
                return b''.join(chunks)
            request = read(int(read(8), 16))
            fields, i = [], 0
            while i < len(request):
                colon = request.index(b':', i)
                end = colon + 1 + int(request[i:colon])
                fields.append(request[colon + 1:end].decode('utf-8'))
                i = end
            src, argc = fields[0], int(fields[1])
            sys.argv[:] = ['main.py'] + fields[2:2 + argc]
            env = fields[2 + argc:]
            for name, value in zip(env[0::2], env[1::2]):
                os.environ[name] = value
            del request, fields, env
            if 'random' in sys.modules:
                sys.modules['random'].seed()  # resumed from a snapshot: never share its state

        """ + Run;

    /// <summary>
    /// The shared tail: runs <c>src</c> as <c>main.py</c>, reports an uncaught exception, and exits without
    /// CPython's finalization (the store is discarded anyway): atexit handlers run, the program's globals are
    /// released (so their <c>__del__</c> runs and its files are flushed), stdout and stderr are flushed, and the
    /// exit code follows <c>SystemExit</c> as CPython's would.
    /// </summary>
    private const string Run = """
            g = sys.modules['__main__'].__dict__
            g.pop('_codeexec_main', None)
            g['__file__'] = 'main.py'
            code = 0
            try:
                exec(compile(src, 'main.py', 'exec'), g)
            except SystemExit as e:
                code = e.code
            except BaseException as e:
                if isinstance(e, MemoryError):
                    # Free what the program holds, or reporting it (importing, formatting) runs out of memory too.
                    g.clear()
                    tb = e.__traceback__
                    while tb is not None:
                        try:
                            tb.tb_frame.clear()
                        except RuntimeError:
                            pass
                        tb = tb.tb_next
                import linecache, traceback
                linecache.cache['main.py'] = (len(src), None, src.splitlines(True), 'main.py')
                tb = e.__traceback__
                while tb is not None and tb.tb_frame.f_code.co_filename != 'main.py':
                    tb = tb.tb_next
                traceback.print_exception(type(e), e, tb)
                code = 1
                del e, tb
            import atexit
            atexit._run_exitfuncs()
            if code is None:
                code = 0
            elif not isinstance(code, int):
                try:
                    print(code, file=sys.stderr)
                except BaseException:
                    pass
                code = 1
            g.clear()
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except BaseException:
                    pass
            os._exit(code & 0xff if -2**31 <= code < 2**31 else 255)
        _codeexec_main()
        """;
}
