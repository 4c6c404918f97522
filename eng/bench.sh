#!/usr/bin/env bash
# Runs the benchmarks and prints their tables. Usage: eng/bench.sh [BenchmarkDotNet args, e.g. --filter '*OrgTree*']
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 0 ] && set -- --filter '*'
dotnet run -c Release --project bench/Fazhi.Benchmarks -- "$@"
