# What CPython runs before any program: python3.11 -I -S -c BOOTSTRAP, from python.wasm's codeexec_initialize (see
# build/codeexec-python.c), once for the snapshot every execution starts from, or at the start of a cold one. It
# prepares what every program needs and defines the two halves of an execution, which codeexec_run calls around
# the program (run at the bottom of the stack, as `python3 main.py` runs it): _codeexec_start takes the request's
# fields (the store's arguments after BOOTSTRAP; see PythonRequestEncoding.cs), sets up argv, the environment and
# the working directory, and compiles the program as main.py; _codeexec_finish reports how it ended and exits.
# Stdin is the program's own.
# An uncaught exception prints a traceback of the program's frames (and the standard library's below them), with
# source lines, and exits 1. Stdout is line-buffered, as on a terminal, so stdout and stderr interleave in the
# order written. Anything random made before the request is remade after it: a snapshot is shared.
def _codeexec_prepare():
    import builtins, sys
    builtins.exit = builtins.quit = sys.exit
    sys.stdout.reconfigure(line_buffering=True)
    compile('pass', 'main.py', 'exec')  # the first compile sets up the compiler's types: several ms
    import linecache, traceback  # what reporting an uncaught exception needs: tens of ms to import
    # The first open() of a text file sets up what every later one reuses (a program reading a file paid 0.7 ms).
    with open(sys.path[0], encoding='utf-8', errors='ignore') as warm:
        warm.read(1)
_codeexec_prepare()
del _codeexec_prepare
def _codeexec_start(fields):
    import linecache, os, sys
    src, cwd, name, argc = fields[0], fields[1], fields[2], int(fields[3])
    sys.argv[:] = [name] + fields[4:4 + argc]
    env = fields[4 + argc:]
    for key, value in zip(env[0::2], env[1::2]):
        os.environ[key] = value
    if cwd:
        os.chdir(cwd)
        # With a file system the program's own directory comes first on the import path, as `python3 main.py`
        # puts it, so that it imports the modules and packages given beside it.
        sys.path.insert(0, os.path.dirname('/sandbox/' + name))
        # No __pycache__ beside them: it would come back among the files the program made.
        sys.dont_write_bytecode = True
    if 'random' in sys.modules:
        sys.modules['random'].seed()  # never share the snapshot's state
    g = sys.modules['__main__'].__dict__
    g.pop('_codeexec_start', None)
    g.pop('_codeexec_finish').__defaults__[0]['program'] = name  # which frames the traceback shows
    g['__file__'] = name
    linecache.cache[name] = (len(src), None, src.splitlines(True), name)
    return compile(src, name, 'exec')
def _codeexec_finish(error, _run={'program': 'main.py'}):
    # Reports how the program ended and exits without CPython's finalization (the store is discarded anyway):
    # atexit handlers run, the program's globals are released (so their __del__ runs and its files are flushed),
    # stdout and stderr are flushed, and the exit code follows SystemExit as CPython's would.
    import os, sys
    g = sys.modules['__main__'].__dict__
    code = 0
    if isinstance(error, SystemExit):
        code = error.code
    elif error is not None:
        if isinstance(error, MemoryError):
            # Free what the program holds, or reporting it (importing, formatting) runs out of memory too.
            g.clear()
            tb = error.__traceback__
            while tb is not None:
                try:
                    tb.tb_frame.clear()
                except RuntimeError:
                    pass
                tb = tb.tb_next
        import traceback
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != _run['program']:
            tb = tb.tb_next
        traceback.print_exception(type(error), error, tb)
        code = 1
        del tb
    del error
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
