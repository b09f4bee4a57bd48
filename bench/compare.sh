#!/usr/bin/env bash
# Hello-world latency of this checkout beside another revision, side by side on the same machine:
#   bench/compare.sh REV [ROUNDS] [ITERATIONS]
# Builds REV in a temporary worktree (reusing this checkout's node_modules), then runs the benchmark project
# (--only hello --sandbox-only) alternately for REV and for this checkout, ROUNDS times each, and prints the
# median over the rounds of each row's p50, p95 and executions/s. A single run is noisy on small machines
# (whole runs land fast or slow together); the median over alternating rounds is the figure to compare.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: bench/compare.sh REV [ROUNDS] [ITERATIONS]}
rounds=${2:-8}
iterations=${3:-1000}
here=$(pwd)
base=$(mktemp -d /tmp/codeexec-compare-XXXXXX)
trap 'git -C "$here" worktree remove --force "$base" >/dev/null 2>&1 || true' EXIT

git worktree add --detach "$base" "$rev" >/dev/null
cp -a node_modules "$base/"
# The copied packages are current: keep the build from installing them again. REV's own bundles are made from its
# own sources (its manifest pins their hashes); the built Python runtime is shared.
touch "$base/node_modules/.package-lock.json"
(cd "$base" && npm run --silent --if-present bundle-sucrase && npm run --silent --if-present bundle-node-modules)
find "$base/node_modules/codeexec-bundles" -exec touch {} +
dotnet build -c Release bench/CodeExecution.Benchmarks >/dev/null
dotnet build -c Release "$base/bench/CodeExecution.Benchmarks" >/dev/null

log=$(mktemp /tmp/codeexec-compare-XXXXXX.log)
for round in $(seq "$rounds"); do
  for tree in "$base" "$here"; do
    name=$([ "$tree" = "$here" ] && echo "HEAD $(git rev-parse --short HEAD)" || echo "$rev")
    echo "=== $name" >>"$log"
    (cd "$tree" && dotnet run -c Release --no-build --project bench/CodeExecution.Benchmarks -- \
      --iterations "$iterations" --only hello --sandbox-only 2>/dev/null | grep -E '^\| [a-z]+ \| hello \| sandbox' >>"$log")
  done
done

echo "Median over $rounds alternating rounds of: dotnet run -c Release --project bench/CodeExecution.Benchmarks -- --iterations $iterations --only hello --sandbox-only"
echo
echo "| language | concurrency | $rev p50 / p95 ms | $rev executions/s | HEAD p50 / p95 ms | HEAD executions/s |"
echo "|---|---|---|---|---|---|"
python3 - "$log" <<'EOF'
import re, statistics, sys
rows, name = {}, None
for line in open(sys.argv[1]):
    if line.startswith('=== '):
        name = 'head' if line.startswith('=== HEAD') else 'rev'
        continue
    cells = [cell.strip() for cell in line.strip().strip('|').split('|')]
    rows.setdefault((cells[0], cells[3]), {}).setdefault(name, []).append([float(cell) for cell in cells[4:]])
for (language, concurrency), runs in rows.items():
    def median(which, column):
        return statistics.median(run[column] for run in runs[which])
    print(f"| {language} | {concurrency} | {median('rev', 0):.2f} / {median('rev', 1):.2f} | {median('rev', 3):,.0f}"
          f" | {median('head', 0):.2f} / {median('head', 1):.2f} | {median('head', 3):,.0f} |")
EOF
