import sys

word = sys.stdin.read().strip()
print(f"python self-test ok: {word} {sum(range(7)) * 2}")
