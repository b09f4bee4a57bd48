namespace CodeExecution.Core.Runtimes;

/// <summary>
/// The few lines CPython runs before the user's program (<c>python -I -S -c BOOTSTRAP CODE ARGS...</c>):
/// the program runs as <c>main.py</c> in <c>__main__</c> with <c>sys.argv = ['main.py', *args]</c>, and an
/// uncaught exception prints a traceback of the user's frames only, with source lines, and exits 1.
/// Stdout is line-buffered, as on a terminal, so stdout and stderr interleave in the order written.
/// </summary>
internal static class PythonBootstrap
{
    public const string ProgramName = "main.py";

    public const string Source = """
        import sys
        def _codeexec_main():
            import builtins, os
            src = sys.argv[1]
            sys.argv[:] = ['main.py'] + sys.argv[2:]
            builtins.exit = builtins.quit = sys.exit
            sys.stdout.reconfigure(line_buffering=True)
            if 'CODEEXEC_CWD' in os.environ:
                os.chdir(os.environ.pop('CODEEXEC_CWD'))
            g = sys.modules['__main__'].__dict__
            g.pop('_codeexec_main', None)
            g['__file__'] = 'main.py'
            try:
                exec(compile(src, 'main.py', 'exec'), g)
            except SystemExit:
                raise
            except BaseException as e:
                import linecache, traceback
                linecache.cache['main.py'] = (len(src), None, src.splitlines(True), 'main.py')
                tb = e.__traceback__
                while tb is not None and tb.tb_frame.f_code.co_filename != 'main.py':
                    tb = tb.tb_next
                traceback.print_exception(type(e), e, tb)
                sys.stderr.flush()
                sys.exit(1)
        _codeexec_main()
        """;
}
