#!/usr/bin/env bash
# The one test command (README): eng/test.sh, from any directory.
#
#   1. dotnet build Fazhi.slnx -c Release (warnings are errors), once;
#   2. dotnet format --verify-no-changes;
#   3. Core + Web tests on SQLite (and the SM3 tests again without AVX-512 and without SIMD);
#   4. Core + Web tests again on PostgreSQL 15, in a throwaway cluster on 127.0.0.1:55432 (removed on exit);
#   5. the browser tests in Debian's Chromium.
#
# As root, missing PostgreSQL / Chromium are installed with apt-get. Otherwise what cannot run is skipped and named at
# the end, with what to install. With CI=true nothing may be skipped. Exits non-zero on any failure.
# Test results (TRX, logs) and screenshots go to $FAZHI_TEST_ARTIFACTS (default: artifacts/test-results).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CI="${CI:-false}"
PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=55432
CHROMIUM=/usr/bin/chromium
RESULTS="${FAZHI_TEST_ARTIFACTS:-$ROOT/artifacts/test-results}"
mkdir -p "$RESULTS"
RESULTS="$(cd "$RESULTS" && pwd)"
export FAZHI_TEST_ARTIFACTS="$RESULTS"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

SUMMARY=()
SKIPPED=()
TO_INSTALL=()
FAILED=0
PGDATA_DIR=""
START=$SECONDS

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
is_root() { [ "$(id -u)" -eq 0 ]; }
have_postgres() { [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ]; }
have_chromium() { [ -x "$CHROMIUM" ]; }
have_package() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

as_postgres() {
    if is_root; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

cleanup() {
    if [ -n "$PGDATA_DIR" ] && [ -d "$PGDATA_DIR" ]; then
        as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$PGDATA_DIR"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Runs one test project and records its counts from the TRX file.
#   run_suite <label> <project dir> <result name> [VAR=value ...] [-- dotnet test arguments ...]
run_suite() {
    local label=$1 project=$2 name=$3
    shift 3
    local vars=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do vars+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    step "$label"
    rm -f "$RESULTS/$name.trx"
    env "${vars[@]}" dotnet test "$project" --no-build -c Release "$@" \
        --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" 2>&1 | tee "$RESULTS/$name.log"
    local status=${PIPESTATUS[0]}
    local counters passed=0 failed=0 total=0
    counters=$(grep -o '<Counters [^>]*>' "$RESULTS/$name.trx" 2>/dev/null || true)
    if [ -n "$counters" ]; then
        total=$(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$counters")
        passed=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
        failed=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
    fi
    if [ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$total" -gt 0 ]; then
        SUMMARY+=("$(printf '%-28s passed %4s / %-4s' "$label" "$passed" "$total")")
    else
        FAILED=1
        SUMMARY+=("$(printf '%-28s FAILED %4s of %-4s (exit %s; see %s)' "$label" "$failed" "$total" "$status" "${RESULTS#"$ROOT"/}/$name.log")")
    fi
}

install_missing() {
    local packages=()
    have_postgres || packages+=(postgresql)
    have_chromium || packages+=(chromium)
    have_package fonts-noto-cjk || packages+=(fonts-noto-cjk)
    [ ${#packages[@]} -eq 0 ] && return 0
    if ! is_root || ! command -v apt-get >/dev/null; then
        echo "Not installing ${packages[*]}: needs root and apt-get."
        return 0
    fi
    step "Installing ${packages[*]} (apt-get)"
    if ! apt-get update; then
        echo "apt-get update failed; continuing without ${packages[*]}."
        return 0
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${packages[@]}" \
        || echo "apt-get install failed; continuing with what is there."
}

start_postgres() {
    PGDATA_DIR=$(mktemp -d "${TMPDIR:-/tmp}/fazhi-pg.XXXXXX")
    if is_root; then
        chown postgres:postgres "$PGDATA_DIR"
    fi
    if as_postgres "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
        echo "Port $PG_PORT is already in use on 127.0.0.1; stop whatever listens there." >&2
        return 1
    fi
    as_postgres "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null \
        && as_postgres "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/log" -w \
            -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PGDATA_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            start
}

if ! command -v dotnet >/dev/null; then
    echo "dotnet is not on PATH: install the .NET 10 SDK (https://dot.net) and try again." >&2
    exit 1
fi

install_missing

step "Build (Release, warnings are errors)"
if ! dotnet build Fazhi.slnx -c Release -nologo; then
    echo "Build failed." >&2
    exit 1
fi
SUMMARY+=("$(printf '%-28s ok' 'Build')")

step "Format (dotnet format --verify-no-changes)"
if dotnet format Fazhi.slnx --verify-no-changes --no-restore; then
    SUMMARY+=("$(printf '%-28s ok' 'Format')")
else
    FAILED=1
    SUMMARY+=("$(printf '%-28s FAILED (run: dotnet format Fazhi.slnx)' 'Format')")
fi

run_suite "Core tests (SQLite)" tests/Fazhi.Core.Tests core-sqlite FAZHI_TEST_PROVIDER=sqlite
run_suite "Web tests (SQLite)" tests/Fazhi.Web.Tests web-sqlite FAZHI_TEST_PROVIDER=sqlite
# SM3's multi-buffer code has one path per instruction set; the machine's own is tested above, these two the others.
run_suite "SM3 without AVX-512" tests/Fazhi.Core.Tests sm3-avx2 DOTNET_EnableAVX512=0 -- --filter "FullyQualifiedName~Sm3"
run_suite "SM3 without SIMD" tests/Fazhi.Core.Tests sm3-scalar DOTNET_EnableHWIntrinsic=0 -- --filter "FullyQualifiedName~Sm3"

if have_postgres; then
    step "PostgreSQL 15: throwaway cluster on 127.0.0.1:$PG_PORT"
    if start_postgres; then
        PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
        run_suite "Core tests (PostgreSQL)" tests/Fazhi.Core.Tests core-postgres FAZHI_TEST_PROVIDER=postgres "FAZHI_TEST_PG=$PG"
        run_suite "Web tests (PostgreSQL)" tests/Fazhi.Web.Tests web-postgres FAZHI_TEST_PROVIDER=postgres "FAZHI_TEST_PG=$PG"
    else
        FAILED=1
        [ -f "$PGDATA_DIR/log" ] && tail -20 "$PGDATA_DIR/log"
        SUMMARY+=("$(printf '%-28s FAILED (the cluster did not start)' 'PostgreSQL')")
    fi
    cleanup
    PGDATA_DIR=""
else
    SKIPPED+=("Core + Web tests on PostgreSQL ($PG_BIN not found)")
    TO_INSTALL+=(postgresql)
fi

if have_chromium; then
    run_suite "Browser tests (Chromium)" tests/Fazhi.Browser.Tests browser
elif [ "$CI" = "true" ]; then
    # Run it anyway: the test fails with a message that says what to install.
    run_suite "Browser tests (Chromium)" tests/Fazhi.Browser.Tests browser
    TO_INSTALL+=(chromium fonts-noto-cjk)
else
    SKIPPED+=("Browser tests ($CHROMIUM not found)")
    TO_INSTALL+=(chromium fonts-noto-cjk)
fi

step "Summary ($((SECONDS - START)) s)"
printf '  %s\n' "${SUMMARY[@]}"
if [ ${#SKIPPED[@]} -gt 0 ]; then
    printf '\nSkipped:\n'
    printf '  - %s\n' "${SKIPPED[@]}"
    if [ "$CI" = "true" ]; then
        echo "CI=true: nothing may be skipped." >&2
        FAILED=1
    fi
fi
if [ ${#TO_INSTALL[@]} -gt 0 ]; then
    printf 'To run everything, install (as root): apt-get install -y %s\n' "${TO_INSTALL[*]}"
fi
printf '\nResults and screenshots: %s\n' "$RESULTS"
if [ "$FAILED" -ne 0 ]; then
    printf '\033[31mFAILED\033[0m\n'
    exit 1
fi
if [ ${#SKIPPED[@]} -gt 0 ]; then
    printf '\033[33mEverything that ran passed; %s suite(s) skipped (see above).\033[0m\n' "${#SKIPPED[@]}"
else
    printf '\033[32mAll passed.\033[0m\n'
fi
