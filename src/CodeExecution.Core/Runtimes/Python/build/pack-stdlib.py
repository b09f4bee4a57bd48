# Packs CPython's standard library for the sandbox as one zip file, found by CPython on its default path at
# /usr/local/lib/python311.zip (see build-cpython.sh):
#
#   python3.11 pack-stdlib.py PYTHON_SOURCE_DIR ZONEINFO_DIR BUILD_DIR OUTPUT_ZIP
#
# Each module is there as source and as bytecode compiled by the build python (the same 3.11), named by its path in
# the zip, so a traceback shows /usr/local/lib/python311.zip/json/decoder.py and its source line. The bytecode is
# "unchecked hash" based (never compared with a timestamp) and every entry has a fixed date, so the same inputs give
# the same bytes. The IANA time-zone data is the tzdata package zoneinfo falls back on, laid out as on PyPI.
import glob
import importlib.util
import io
import os
import py_compile
import sys
import zipfile

source_dir, zoneinfo_dir, build_dir, output = sys.argv[1:5]
archive_path = '/usr/local/lib/python311.zip'

# Not for programs run in a sandbox: tests, GUI toolkits, installers, and what needs processes or a terminal.
EXCLUDED = {
    'test', 'idlelib', 'tkinter', 'turtledemo', 'ensurepip', 'venv', 'pydoc_data', 'lib2to3/tests',
    'ctypes/test', 'distutils/tests', 'unittest/test', 'sqlite3/test', 'site-packages', 'curses', 'dbm/gnu.py',
}
DATE = (1980, 1, 1, 0, 0, 0)


def add(zf, name, data):
    info = zipfile.ZipInfo(name, DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)


def compiled(source, name):
    code = compile(source, f'{archive_path}/{name}', 'exec', dont_inherit=True, optimize=0)
    data = bytearray(importlib.util.MAGIC_NUMBER)
    data.extend((0b01).to_bytes(4, 'little'))  # hash-based, unchecked
    data.extend(importlib.util.source_hash(source))
    data.extend(__import__('marshal').dumps(code))
    return bytes(data)


def stdlib_files():
    lib = os.path.join(source_dir, 'Lib')
    for root, dirs, files in os.walk(lib):
        rel_root = os.path.relpath(root, lib).replace(os.sep, '/')
        rel_root = '' if rel_root == '.' else rel_root + '/'
        dirs[:] = sorted(d for d in dirs if rel_root + d not in EXCLUDED and d != '__pycache__')
        for file in sorted(files):
            if file.endswith('.py') and rel_root + file not in EXCLUDED:
                yield rel_root + file, os.path.join(root, file)
    # The build's configuration, read by sysconfig, under the name it looks for (Debian's build names it after the
    # platform too); the build's own paths are replaced by /build.
    data_file, = glob.glob(os.path.join(source_dir, 'build', 'lib.*', '_sysconfigdata_*.py'))
    yield '_sysconfigdata__wasm32-wasi.py', data_file


def zone_files():
    """(name, bytes) of every time zone, symbolic links resolved, without the posix/ and right/ copies."""
    for root, dirs, files in os.walk(zoneinfo_dir):
        dirs[:] = sorted(d for d in dirs if root != zoneinfo_dir or d not in ('posix', 'right'))
        for file in sorted(files):
            path = os.path.join(root, file)
            real = os.path.realpath(path)
            if not real.startswith(os.path.realpath(zoneinfo_dir) + os.sep) or not os.path.isfile(real):
                continue
            with open(real, 'rb') as f:
                data = f.read()
            if data.startswith(b'TZif'):
                yield os.path.relpath(path, zoneinfo_dir).replace(os.sep, '/'), data


with zipfile.ZipFile(output + '.tmp', 'w') as zf:
    for name, path in stdlib_files():
        with open(path, 'rb') as f:
            source = f.read()
        if name.startswith('_sysconfigdata_'):
            source = source.replace(build_dir.encode(), b'/build')
        add(zf, name, source)
        try:
            add(zf, name[:-3] + '.pyc', compiled(source, name))
        except SyntaxError:
            pass  # a few files are deliberately not Python 3.11 (lib2to3's test data): kept as source only

    zones = sorted(zone_files())
    version = next(line for line in open(os.path.join(zoneinfo_dir, 'tzdata.zi')) if line.startswith('# version'))
    packages = {'tzdata', 'tzdata/zoneinfo'}
    for name, _ in zones:
        parts = name.split('/')[:-1]
        packages |= {'tzdata/zoneinfo/' + '/'.join(parts[:i]) for i in range(1, len(parts) + 1)}
    for package in sorted(packages):
        init = f'IANA_VERSION = "{version.split()[-1]}"\n' if package == 'tzdata' else ''
        add(zf, package + '/__init__.py', init)
    for name, data in zones:
        add(zf, 'tzdata/zoneinfo/' + name, data)
    add(zf, 'tzdata/zones', ''.join(n + '\n' for n, _ in zones))
os.replace(output + '.tmp', output)
