import sys

name = sys.stdin.read().strip() or "world"
print(f"Hello, {name}! from Python {sys.version.split()[0]} in a WebAssembly sandbox")
