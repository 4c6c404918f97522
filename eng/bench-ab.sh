#!/usr/bin/env bash
# Compares the benchmark of an earlier revision with the working tree, in alternating runs.
#
#   eng/bench-ab.sh REV ROUNDS BENCHMARK ARGS...     e.g.  eng/bench-ab.sh HEAD~1 3 --import 100000
#
# The development VM's speed swings by a third within minutes (docs/benchmarks.md, sixth pass), so two series taken one
# after the other compare the machine, not the code. This builds REV in a temporary worktree and the working tree here,
# then runs old, new, old, new, ... ROUNDS times each and prints every run's summary lines ("cases/s", "median", "p95")
# with its time of day. Run nothing else meanwhile: the benchmarks use both cores.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ $# -lt 3 ]; then
    echo "usage: eng/bench-ab.sh REV ROUNDS BENCHMARK-ARGS...   (e.g. eng/bench-ab.sh HEAD~1 3 --import 100000)" >&2
    exit 2
fi
rev=$1 rounds=$2
shift 2
if ! git rev-parse --verify --quiet "$rev^{commit}" >/dev/null; then
    echo "error: '$rev' is not a commit of this repository" >&2
    exit 2
fi
if ! [[ "$rounds" =~ ^[1-9][0-9]*$ ]]; then
    echo "error: ROUNDS must be a positive whole number, not '$rounds'" >&2
    exit 2
fi

parent="$(mktemp -d "${TMPDIR:-/tmp}/fazhi-bench-ab.XXXXXX")"
old="$parent/main"
cleanup() {
    git worktree remove --force "$old" >/dev/null 2>&1 || true
    rm -rf "$parent"
}
trap cleanup EXIT
git worktree add --detach --force "$old" "$rev" >/dev/null
# Code that reads ../shared (the domain data beside the checkout) finds it beside the worktree as well.
if [ -d "$ROOT/../shared" ]; then
    ln -s "$(cd "$ROOT/../shared" && pwd)" "$parent/shared"
fi

build() {
    mkdir -p "$1/artifacts"
    dotnet build -c Release "$1/bench/Fazhi.Benchmarks" --nologo -v quiet >"$1/artifacts/bench-ab-build.log" 2>&1 \
        || { echo "error: build of $1 failed, see $1/artifacts/bench-ab-build.log" >&2; tail -20 "$1/artifacts/bench-ab-build.log" >&2; exit 1; }
}
echo "building $rev ($(git rev-parse --short "$rev")) and the working tree…"
build "$old"
build "$ROOT"
dotnet build-server shutdown >/dev/null 2>&1 || true

run() {
    local label=$1 dir=$2
    shift 2
    dotnet "$dir/artifacts/bin/Fazhi.Benchmarks/release/Fazhi.Benchmarks.dll" "$@" 2>&1 \
        | grep -E 'cases/s|median|p95|Median' | sed "s/^/$(date +%H:%M:%S) $label /"
}
for ((i = 1; i <= rounds; i++)); do
    run "old" "$old" "$@"
    run "new" "$ROOT" "$@"
done
