#!/usr/bin/env bash
# Install dependencies, build with warnings as errors, and run the whole
# suite twice: a normal build and an AddressSanitizer + UBSan build.  With
# clang present the sources are also built with clang -Werror and the fuzz
# targets get a short libFuzzer run.  Ends
# with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh || { echo "dependency installation failed"; echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
log=$(mktemp)

# Add the Ok/Fail counts of one `meson test` run to the totals.
count() {
  local ok fail to
  ok=$(awk '/^Ok:/ {print $2}' "$1" | tail -1)
  fail=$(awk '/^Fail:/ {print $2}' "$1" | tail -1)
  to=$(awk '/^Timeout:/ {print $2}' "$1" | tail -1)
  passed=$((passed + ${ok:-0}))
  failed=$((failed + ${fail:-0} + ${to:-0}))
}

suite() {
  local name=$1 dir=$2
  shift 2
  echo "== $name"
  if ! meson setup --wipe "$dir" "$@" >"$log" 2>&1 && ! meson setup "$dir" "$@" >"$log" 2>&1; then
    cat "$log"; echo "$name: configure failed"; failed=$((failed + 1)); return
  fi
  if ! ninja -C "$dir" >"$log" 2>&1; then
    tail -50 "$log"; echo "$name: build failed"; failed=$((failed + 1)); return
  fi
  meson test -C "$dir" --print-errorlogs --num-processes 2 "${TEST_ARGS[@]}" 2>&1 | tee "$log" | grep -vE '^ *[0-9]+/[0-9]+ .* OK ' || true
  count "$log"
}

TEST_ARGS=()
suite "gcc, -Werror" build-ci --werror -Dbuildtype=debugoptimized

# Sanitizers: leaks are checked too; GLib's one-time allocations are
# suppressed by the file in tests/.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
TEST_ARGS=(--timeout-multiplier 4)
suite "gcc, ASan+UBSan" build-asan --werror -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS

# The same sources must build warning-free with clang as well (its
# warnings differ from gcc's); built, not run again.
if command -v clang >/dev/null; then
  echo "== clang, -Werror (build only)"
  if { CC=clang meson setup --wipe build-clang --werror -Dbuildtype=debugoptimized >"$log" 2>&1 \
       || CC=clang meson setup build-clang --werror -Dbuildtype=debugoptimized >"$log" 2>&1; } \
     && ninja -C build-clang >"$log" 2>&1; then
    echo "clang build: ok"
    passed=$((passed + 1))
  else
    grep -E 'error|warning' "$log" | head -30; echo "clang build: FAILED"; failed=$((failed + 1))
  fi
fi

# Short libFuzzer runs over the seeds (only where clang is installed),
# with a fixed seed and run count so that a CI result can be reproduced;
# fuzz longer by hand with FUZZ_RUNS or the fuzzers' own options.
if command -v clang >/dev/null; then
  echo "== clang, libFuzzer"
  if CC=clang meson setup --wipe build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug >"$log" 2>&1 \
     || CC=clang meson setup build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug >"$log" 2>&1; then
    if ninja -C build-fuzz >"$log" 2>&1; then
      for f in build-fuzz/tests/fuzz/fuzz_*; do
        [ -f "$f" ] && [ -x "$f" ] || continue
        t=${f##*/fuzz_}
        work=$(mktemp -d)
        cp -r "tests/fuzz/seeds/$t/." "$work/" 2>/dev/null || true
        if LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp "$f" -seed=1 -runs="${FUZZ_RUNS:-10000}" -rss_limit_mb=2048 -timeout=10 "$work" >"$log" 2>&1; then
          echo "fuzz $t: ok ($(grep -Eo 'Done [0-9]+ runs' "$log" | tail -1 | grep -Eo '[0-9]+') runs)"
          passed=$((passed + 1))
        else
          tail -30 "$log"; echo "fuzz $t: FAILED"; failed=$((failed + 1))
        fi
        rm -rf "$work"
      done
    else
      tail -30 "$log"; echo "fuzz build failed"; failed=$((failed + 1))
    fi
  else
    cat "$log"; echo "fuzz configure failed"; failed=$((failed + 1))
  fi
fi

rm -f "$log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
