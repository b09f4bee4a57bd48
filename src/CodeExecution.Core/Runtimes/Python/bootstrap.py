# What CPython runs before any program: python3.11 -I -S -c BOOTSTRAP, from python.wasm's codeexec_initialize (see
# build/codeexec-python.c), once for the snapshot every execution starts from, or at the start of a cold one. It
# prepares what every program needs and defines the two halves of an execution, which codeexec_run calls around
# the program (run at the bottom of the stack, as `python3 main.py` runs it): _codeexec_start takes the request's
# fields (the store's arguments after BOOTSTRAP; see PythonRequestEncoding.cs), sets up argv, the environment and
# the working directory, and compiles the program as main.py; _codeexec_finish reports how it ended and exits.
# Stdin is the program's own.
# An uncaught exception prints a traceback of the program's frames (and the standard library's below them), with
# source lines, and exits 1. Stdout is line-buffered, as on a terminal, so stdout and stderr interleave in the
# order written. Anything random made before the request is remade after it: a snapshot is shared. HTTP goes
# through the host (_codeexec_network), so urllib works when the request was given a network.
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
def _codeexec_network():
    # The network, through the host: http.client's connections (so urllib's too) open no socket; the request they
    # would send is handed to the host (_codeexec.http, see build/codeexec-python.c), which makes it within the run's
    # rules, and its answer comes back as the bytes a server would have sent, which http.client's own HTTPResponse
    # reads. So status, headers, bodies, HTTPError and redirects (urllib follows them, each hop a request the host
    # checks) behave natively. An answer of {"error": why} raises ConnectionRefusedError(why) from request(), where a
    # refused connection raises natively, so urlopen raises URLError(why). The host does TLS: HTTPSConnection (which
    # needs the ssl module, absent here) is defined over the same connection. Importing http.client takes tens of ms,
    # so it is not done here: a finder on sys.meta_path patches it when a program first imports it.
    import sys

    def patch(client):
        import binascii, io, json

        def unchunk(data):
            body = bytearray()
            while True:
                line, _, data = data.partition(b'\r\n')
                size = int(line.split(b';')[0], 16)
                if size == 0:
                    return bytes(body)
                body += data[:size]
                data = data[size + 2:]

        def latin1(text):
            try:
                return text.encode('latin-1')
            except UnicodeEncodeError:
                return text.encode('utf-8')

        def response(method, answer):
            # The answer as a server's bytes: the body whole, so any Transfer-Encoding is dropped and Content-Length
            # (where the first one was, or last) is the body's length; HEAD, 204 and 304 keep the headers as given.
            status, body = answer['status'], binascii.a2b_base64(answer['body'])
            bodiless = method == 'HEAD' or status in (204, 304)
            lines, length_at = [f'HTTP/1.1 {status} {answer["reason"]}'], None
            for name, value in answer['headers']:
                lowered = name.lower()
                if lowered == 'transfer-encoding':
                    continue
                if lowered == 'content-length' and not bodiless:
                    if length_at is None:
                        length_at = (len(lines), name)
                        lines.append(None)
                    continue
                lines.append(f'{name}: {value}'.replace('\r', ' ').replace('\n', ' '))
            if not bodiless:
                at, name = length_at or (len(lines), 'Content-Length')
                lines[at:at + 1] = [f'{name}: {len(body)}']
            head = b''.join(latin1(line) + b'\r\n' for line in lines) + b'\r\n'
            return head if bodiless else head + body

        class HostSocket:
            # What a connection takes for its socket: it keeps the request as it would go on the wire, and exchange()
            # hands it to the host and keeps the answer, which makefile() gives to the HTTPResponse.
            def __init__(self, connection):
                self.connection, self.sent, self.answer = connection, bytearray(), b''

            def sendall(self, data):
                self.sent += data

            def close(self):
                pass

            def makefile(self, mode='rb', *args, **kwargs):
                if self.sent:
                    self.exchange()
                answer, self.answer = self.answer, b''
                return io.BytesIO(answer)

            def exchange(self):
                import _codeexec
                sent, self.sent = bytes(self.sent), bytearray()
                head, _, body = sent.partition(b'\r\n\r\n')
                lines = head.decode('latin-1').split('\r\n')
                method, target = lines[0].split(' ')[:2]
                headers = []
                for line in lines[1:]:
                    if line[:1] in (' ', '\t') and headers:
                        headers[-1][1] += ' ' + line.strip()
                    else:
                        name, _, value = line.partition(':')
                        headers.append([name, value.strip()])
                if any(name.lower() == 'transfer-encoding' and 'chunked' in value.lower() for name, value in headers):
                    headers = [header for header in headers if header[0].lower() != 'transfer-encoding']
                    body = unchunk(body)
                connection = self.connection
                host, port = (connection._tunnel_host, connection._tunnel_port) if connection._tunnel_host else (connection.host, connection.port)
                scheme = 'https' if isinstance(connection, client.HTTPSConnection) else 'http'
                authority = (f'[{host}]' if ':' in host else host) + ('' if port == connection.default_port else f':{port}')
                url = target if '://' in target else f'{scheme}://{authority}{target if target.startswith("/") else "/"}'
                request = {'method': method, 'url': url, 'headers': headers, 'body': binascii.b2a_base64(body, newline=False).decode('ascii')}
                answer = json.loads(_codeexec.http(json.dumps(request).encode('utf-8')))
                if 'error' in answer:
                    raise ConnectionRefusedError(answer['error'])
                self.answer = response(method, answer)

        connection = client.HTTPConnection
        send_request = connection.request

        def connect(self):
            sys.audit('http.client.connect', self, self.host, self.port)
            self.sock = HostSocket(self)

        def request(self, method, url, body=None, headers={}, *, encode_chunked=False):
            send_request(self, method, url, body, headers, encode_chunked=encode_chunked)
            if isinstance(self.sock, HostSocket):
                self.sock.exchange()

        for method, native in ((connect, connection.connect), (request, send_request)):
            method.__doc__, method.__qualname__, method.__module__ = native.__doc__, native.__qualname__, native.__module__
        connection.connect, connection.request = connect, request
        if not hasattr(client, 'HTTPSConnection'):
            class HTTPSConnection(connection):
                "This class allows communication via SSL."
                # The host makes the TLS connection and checks its certificate: these arguments are kept, not used.
                default_port = client.HTTPS_PORT

                def __init__(self, host, port=None, key_file=None, cert_file=None, timeout=client.socket._GLOBAL_DEFAULT_TIMEOUT,
                             source_address=None, *, context=None, check_hostname=None, blocksize=8192):
                    super().__init__(host, port, timeout, source_address, blocksize=blocksize)
                    self.key_file, self.cert_file, self._context = key_file, cert_file, context

            HTTPSConnection.__module__, HTTPSConnection.__qualname__ = client.__name__, 'HTTPSConnection'
            client.HTTPSConnection = HTTPSConnection
            client.__all__.append('HTTPSConnection')

    class Loader:
        # http.client's own loader, patching the module once it has run; the module keeps its own loader.
        def __init__(self, loader):
            self.loader = loader

        def create_module(self, spec):
            return self.loader.create_module(spec)

        def exec_module(self, module):
            module.__spec__.loader = module.__loader__ = self.loader
            self.loader.exec_module(module)
            if isinstance(getattr(module, 'HTTPConnection', None), type):
                patch(module)

    class HostHttp:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if name != 'http.client':
                return None
            for finder in sys.meta_path:
                spec = None if finder is HostHttp or not hasattr(finder, 'find_spec') else finder.find_spec(name, path, target)
                if spec is not None:
                    if spec.loader is not None:
                        spec.loader = Loader(spec.loader)
                    return spec
            return None

    HostHttp.__module__, HostHttp.__qualname__ = '_codeexec', 'HostHttp'
    # After the builtin and frozen finders, so that importing a builtin module (every run's end imports atexit) never
    # calls this one (it cost a hello world 2 % more instructions), and before the path finder, which finds http.client.
    import _frozen_importlib_external
    sys.meta_path.insert(sys.meta_path.index(_frozen_importlib_external.PathFinder), HostHttp)
_codeexec_network()
del _codeexec_network
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
