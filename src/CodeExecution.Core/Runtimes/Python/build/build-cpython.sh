#!/usr/bin/env bash
# Builds the Python runtime, CPython 3.11 for wasm32-wasi, from Debian's own sources (sources.txt, pinned by sha256)
# with Debian's clang-16 and wasi-libc, optimized (-O2), and packs its standard library with the IANA time-zone data.
#
#   build-cpython.sh OUTPUT_DIR
#
# Writes OUTPUT_DIR/python.wasm and OUTPUT_DIR/lib/python311.zip. The result is cached under
# ${CODEEXEC_CACHE:-~/.cache/codeexec}/cpython-wasi/KEY, KEY being the sha256 of this folder's files, so a build
# runs once per machine and input; from scratch it takes three to six minutes on two cores. Needs a Debian or
# Ubuntu machine with apt: missing build tools are installed with apt-get (as root), and sources come from the
# Debian archive. Run by the build of CodeExecution.Core; the outputs are pinned by sha256 in runtimes/manifest.json.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
output="$(mkdir -p "$1" && cd "$1" && pwd)"
key="$(cd "$here" && cat $(LC_ALL=C ls) | sha256sum | cut -c1-16)"
cache="${CODEEXEC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/codeexec}/cpython-wasi/$key"

deliver() {
    mkdir -p "$output/lib"
    cp "$cache/python.wasm" "$output/python.wasm.tmp" && mv "$output/python.wasm.tmp" "$output/python.wasm"
    cp "$cache/python311.zip" "$output/lib/python311.zip.tmp" && mv "$output/lib/python311.zip.tmp" "$output/lib/python311.zip"
    mkdir -p "$output/tests"
    cp "$cache/python311-tests.zip" "$output/tests/python311-tests.zip"
}

# One build per key at a time: another build (a second `dotnet build`) waits here, then finds the result.
mkdir -p "$(dirname "$cache")"
exec 9>"$cache.lock"
flock 9
if [[ -f "$cache/done" ]]; then
    deliver
    exit 0
fi

# Build tools, from Debian: the wasm32 compiler, linker, C library and compiler runtime; the native CPython 3.11
# that runs the build's own Python steps; tclsh and a native C compiler for SQLite's amalgamation.
tools=(clang-16 lld-16 llvm-16 wasi-libc libclang-rt-16-dev-wasm32 python3.11 tcl gcc make patch dpkg-dev curl ca-certificates
    xz-utils bzip2)
missing=()
for package in "${tools[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "build-cpython.sh: the Python runtime's build needs these Debian packages: ${missing[*]}" >&2
        echo "  install them with: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    echo "build-cpython.sh: installing ${missing[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

work="$cache.work"
rm -rf "$work"
mkdir -p "$work/downloads" "$work/src"
started=$SECONDS

# Sources: exactly the pinned files, or nothing.
grep -v '^#' "$here/sources.txt" | while read -r url sha; do
    [[ -n "$url" ]] || continue
    file="$work/downloads/$(basename "${url//%2b/+}")"
    curl -fsSL --retry 3 -o "$file" "$url"
    echo "$sha  $file" | sha256sum -c --quiet - || { echo "build-cpython.sh: $url is not the pinned file" >&2; exit 1; }
done
for dsc in "$work"/downloads/*.dsc; do
    (cd "$work/src" && dpkg-source --no-check -x "$dsc" >/dev/null)
done
python_src="$(echo "$work"/src/python3.11-*)"
# Debian's tree, plus this folder's patches, and codeexec-python.c as the program: python.wasm is a reactor whose
# entry points let the host start CPython once, snapshot it, and run each program in a copy of the snapshot.
for patch in "$here"/*.patch; do
    patch -s -p1 -d "$python_src" <"$patch"
done
cp "$here/codeexec-python.c" "$python_src/Programs/python.c"
zlib_src="$(echo "$work"/src/zlib-*)"
bzip2_src="$(echo "$work"/src/bzip2-*)"
xz_src="$(echo "$work"/src/xz-utils-*)"
sqlite_src="$(echo "$work"/src/sqlite3-*)"

# A private sysroot holding only wasi-libc's wasm32-wasi headers and libraries (so no host header leaks in), where
# the C libraries below are installed too. Paths of the build are mapped to /build in anything compiled.
sysroot="$work/sysroot"
mkdir -p "$sysroot/include" "$sysroot/lib"
cp -r /usr/include/wasm32-wasi/. "$sysroot/include/"
cp -r /usr/lib/wasm32-wasi "$sysroot/lib/"
export CC="clang-16 --target=wasm32-wasi --sysroot=$sysroot"
export AR=llvm-ar-16 RANLIB=llvm-ranlib-16
cflags="-O2 -ffile-prefix-map=$work=/build -Wno-int-conversion"
libdir="$sysroot/lib/wasm32-wasi"

static_library() { # NAME SOURCE_DIR EXTRA_CFLAGS FILES...: compiles the files into libNAME.a in the sysroot
    local name="$1" dir="$2" extra="$3"
    shift 3
    local objects=()
    for file in "$@"; do
        $CC $cflags -w $extra -c "$dir/$file" -o "$dir/${file%.c}.o"
        objects+=("$dir/${file%.c}.o")
    done
    $AR rcs "$libdir/lib$name.a" "${objects[@]}"
}

static_library z "$zlib_src" "-DHAVE_UNISTD_H -DHAVE_STDARG_H" adler32.c crc32.c deflate.c infback.c inffast.c inflate.c inftrees.c trees.c zutil.c \
    compress.c uncompr.c gzclose.c gzlib.c gzread.c gzwrite.c
cp "$zlib_src"/zlib.h "$zlib_src"/zconf.h "$sysroot/include/"

static_library bz2 "$bzip2_src" "" blocksort.c huffman.c crctable.c randtable.c compress.c decompress.c bzlib.c
cp "$bzip2_src/bzlib.h" "$sysroot/include/"

# liblzma without threads still declares a signal-mask helper; WASI has no signal masks (xz 5.4.2 skips it there too).
sed -i 's/^#if !(defined(_WIN32) \&\& !defined(__CYGWIN__))$/\0 \&\& !defined(__wasi__)/' "$xz_src/src/common/mythread.h"
(cd "$xz_src" && CFLAGS="$cflags" ./configure --host=wasm32-unknown-wasi --prefix="$sysroot" --libdir="$libdir" \
    --disable-shared --enable-static --disable-threads --disable-xz --disable-xzdec --disable-lzmadec \
    --disable-lzmainfo --disable-lzma-links --disable-scripts --disable-doc --disable-nls >/dev/null \
    && make -j"$(nproc)" -C src/liblzma install >/dev/null)

# SQLite: the amalgamation is generated by a native build's tools, then compiled for wasm32 with no threads, no
# extensions, no shared memory or mmap, and sqlite-wasi.h's answers for locks and owners.
(mkdir -p "$work/sqlite-native" && cd "$work/sqlite-native" && CC=gcc "$sqlite_src/configure" --disable-tcl >/dev/null \
    && make CC=gcc sqlite3.c >/dev/null)
cp "$work/sqlite-native/sqlite3.c" "$work/sqlite-native/sqlite3.h" "$sqlite_src/"
cp "$here/sqlite-wasi.c" "$sqlite_src/"
static_library sqlite3 "$sqlite_src" "-include $here/sqlite-wasi.h -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_OMIT_WAL \
    -DSQLITE_MAX_MMAP_SIZE=0 -D_WASI_EMULATED_GETPID -DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_JSON1 \
    -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_MATH_FUNCTIONS" sqlite3.c sqlite-wasi.c
cp "$work/sqlite-native/sqlite3.h" "$sysroot/include/"

# CPython, configured as its Tools/wasm README says, with Debian's python3.11 as the build python. Modules are
# linked in statically, and pymalloc is on (as natively; 3.11 leaves it off on WASI). The linker's stack (8 MiB,
# so the recursion limit is reached before the stack is), initial memory and the reactor model are given at make
# time: configure appends its own to LDFLAGS_NODIST. The C library's sbrk is wrapped (codeexec-python.c).
# pkg-config is pointed at the sysroot, so no host library is found; the build's own flags replace -g, and -O3 with
# link-time optimization makes the interpreter's loop faster. wasm32 is little-endian, which configure cannot find
# out from link-time-optimized objects.
# CPython's recursion limit is its native default, 1,000 (3.11 lowers it to 600 on WASI for a smaller stack), and
# sys.version carries the Debian release's date instead of the build's, so the same sources give the same bytes.
changelog_date="$(dpkg-parsechangelog -l "$python_src/debian/changelog" -S Date)"
sed -i -e "s/^#define DATE __DATE__$/#define DATE \"$(LC_ALL=C date -u -d "$changelog_date" '+%b %e %Y')\"/" \
    -e "s/^#define TIME __TIME__$/#define TIME \"$(date -u -d "$changelog_date" +%T)\"/" "$python_src/Modules/getbuildinfo.c"
python_cflags="$cflags -O3 -flto -DPy_DEFAULT_RECURSION_LIMIT=1000"
(cd "$python_src" && CONFIG_SITE=Tools/wasm/config.site-wasm32-wasi \
    PKG_CONFIG_PATH="" PKG_CONFIG_LIBDIR="$sysroot/lib/pkgconfig" \
    OPT="-DNDEBUG -fwrapv -Wall" CFLAGS="$python_cflags" LDFLAGS="-L$libdir" \
    ZLIB_CFLAGS="" ZLIB_LIBS="-lz" BZIP2_CFLAGS="" BZIP2_LIBS="-lbz2" LIBLZMA_CFLAGS="" LIBLZMA_LIBS="-llzma" \
    LIBSQLITE3_CFLAGS="" LIBSQLITE3_LIBS="-lsqlite3" ax_cv_c_float_words_bigendian=no \
    ./configure -C --host=wasm32-unknown-wasi --build="$(gcc -dumpmachine)" --with-build-python=/usr/bin/python3.11 \
        --prefix=/usr/local --disable-test-modules --without-ensurepip --with-pymalloc >"$work/configure.log" 2>&1 \
    || { tail -30 "$work/configure.log" >&2; exit 1; })
(cd "$python_src" && make -j"$(nproc)" \
    LDFLAGS_NODIST="-flto -O3 -mexec-model=reactor -z stack-size=8388608 -Wl,--stack-first -Wl,--initial-memory=16777216 -Wl,--wrap=sbrk" \
    python.wasm pybuilddir.txt >"$work/make.log" 2>&1 || { tail -40 "$work/make.log" >&2; exit 1; })

# The standard library, compiled, with its sources (for tracebacks) and the time-zone data, as one zip file that
# CPython finds on its default path (/usr/local/lib/python311.zip).
mkdir -p "$work/tzdata"
dpkg-deb -x "$work"/downloads/tzdata_*_all.deb "$work/tzdata"
/usr/bin/python3.11 "$here/pack-stdlib.py" "$python_src" "$work/tzdata/usr/share/zoneinfo" "$work" "$work/python311.zip"

# CPython's own regression tests, from the same tree: not part of the runtime, read by the benchmark that runs a
# selection of them in the sandbox beside native python3 (bench/CodeExecution.Benchmarks --cpython-tests).
(cd "$python_src/Lib" && /usr/bin/python3.11 -m zipfile -c "$work/python311-tests.zip" test)

mkdir -p "$cache"
cp "$python_src/python.wasm" "$cache/python.wasm"
cp "$work/python311.zip" "$cache/python311.zip"
cp "$work/python311-tests.zip" "$cache/python311-tests.zip"
echo "built in $((SECONDS - started)) s" >"$cache/done"
rm -rf "$work"
deliver
echo "build-cpython.sh: built CPython for wasm32-wasi in $((SECONDS - started)) s" >&2
