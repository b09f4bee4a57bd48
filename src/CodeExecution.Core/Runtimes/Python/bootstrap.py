# What CPython runs before the user's program: python -I -S -c BOOTSTRAP [CODE ARGS...].
# The program runs as main.py in __main__ with sys.argv = ['main.py', *args], and an uncaught exception prints a
# traceback of the user's frames only, with source lines, and exits 1. Stdout is line-buffered, as on a
# terminal, so stdout and stderr interleave in the order written.
#
# Two ways in, one way to run. Started for its request (CODE and ARGS in argv), the working directory comes from
# CODEEXEC_CWD. Started with nothing of any request (what the snapshot holds, stopped in its first read of
# stdin), it reads the request from stdin (see PythonRequestEncoding.cs) and sets argv and the environment from
# it; the rest of stdin is the program's. Anything random made before that read is remade after it.
import sys
def _codeexec_main():
    import builtins, os, sys
    builtins.exit = builtins.quit = sys.exit
    sys.stdout.reconfigure(line_buffering=True)
    if len(sys.argv) > 1:
        src = sys.argv[1]
        sys.argv[:] = ['main.py'] + sys.argv[2:]
        if 'CODEEXEC_CWD' in os.environ:
            os.chdir(os.environ.pop('CODEEXEC_CWD'))
    else:
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

    # Runs src as main.py, reports an uncaught exception, and exits without CPython's finalization (the store is
    # discarded anyway): atexit handlers run, the program's globals are released (so their __del__ runs and its
    # files are flushed), stdout and stderr are flushed, and the exit code follows SystemExit as CPython's would.
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
    # As CPython's own handling of SystemExit: an int (or int subclass) is read as C reads it, running none of the
    # program's methods; anything else is written raw to stderr (str() failing writes nothing), then a newline.
    if code is None:
        code = 0
    elif isinstance(code, int):
        code = int.__int__(code)
    else:
        try:
            sys.stderr.write(str(code))
        except BaseException:
            pass
        try:
            sys.stderr.write('\n')
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
