#!/usr/bin/env bash
# Installs the Debian packages the wasm tests compile their C, C++ and Rust fixtures with: clang-16 and lld-16
# targeting wasm32-wasi, Debian's wasi-libc (the sysroot), the compiler runtime, libc++ and libc++abi for wasm32, and
# Debian's rustc with the wasm32-wasi standard library. Run by .ci/run and by WasmPrograms (CodeExecution.Testing) when a package is missing;
# installing needs root, as apt-get does.
set -euo pipefail
packages=(clang-16 lld-16 wasi-libc libclang-rt-16-dev-wasm32 libc++-16-dev-wasm32 libc++abi-16-dev-wasm32
    rustc libstd-rust-dev-wasm32 gcc g++)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
    exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
    echo "install-wasm-toolchain.sh: the wasm tests need these Debian packages: ${missing[*]}" >&2
    echo "  install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "install-wasm-toolchain.sh: installing ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
