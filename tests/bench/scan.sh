#!/bin/bash
# Benchmark: `woo scan` with the default policy on one core (-j 1) beside
# a grep-class scan of the same bytes in the same run; the time to build
# a scanner from the embedded data; peak memory.  Asserts nothing.
#
#   scan.sh WOO SCANNER_NEW CORPUS WORKDIR
#
# WORKDIR keeps the generated batch between runs: the corpus inputs
# repeated as documents until SIZE_MB (default 64) is reached, and the
# same bytes as one file for grep.  ROUNDS (default 3) runs are timed;
# the median is printed.  SINGLE_MB (default "0.5 1 2") are sizes of one
# long document made of the same text, to show how a single large
# document scales.
set -u
export LC_ALL=C

if [ $# -ne 4 ]; then
  echo "usage: $0 WOO SCANNER_NEW CORPUS WORKDIR" >&2
  exit 2
fi
woo=$1 scanner_new=$2 corpus=$3 work=$4
size_mb=${SIZE_MB:-64}
rounds=${ROUNDS:-3}
single_mb=${SINGLE_MB:-0.5 1 2}

inputs=("$corpus"/*/input.txt)
if [ ! -f "${inputs[0]}" ]; then
  echo "no corpus/*/input.txt under $corpus" >&2
  exit 1
fi

# The batch: copy after copy of every corpus input, each its own file.
docs="$work/docs-$size_mb" all="$work/all-$size_mb.txt"
want=$((size_mb * 1000000))
if [ ! -s "$all" ] || [ "$(stat -c %s "$all")" -lt "$want" ]; then
  rm -rf "$docs" "$all"
  mkdir -p "$docs" || exit 1
  total=0 round=0
  while [ "$total" -lt "$want" ]; do
    round=$((round + 1))
    sub=$(printf '%s/%04d' "$docs" "$round")
    mkdir -p "$sub" || exit 1
    for f in "${inputs[@]}"; do
      name=$(basename "$(dirname "$f")")
      cp "$f" "$sub/$name.txt" || exit 1
    done
    cat "$sub"/*.txt >>"$all" || exit 1
    total=$(stat -c %s "$all")
  done
fi
bytes=$(stat -c %s "$all")
ndocs=$(find "$docs" -type f | wc -l)

# Both must work on this input before anything is timed.
"$woo" scan -j 1 "${inputs[0]}" >/dev/null || { echo "woo scan failed" >&2; exit 1; }

TIMEFORMAT='%R %U %S'
timed() { { time "$@" >/dev/null 2>&1; } 2>&1 | awk '{printf "%d %d\n", $1 * 1e6, ($2 + $3) * 1e6}'; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# GNU grep stops at the first match when its output is /dev/null, so
# the count goes to a file.  woo's summary goes to a file as well, so
# both tools pay for what they write.
run_woo() { "$woo" scan -j 1 "$docs" >"$work/woo.out"; }
run_grep() { grep -c -E '[A-Z][a-z]+ [A-Z][a-z]+' "$all" >"$work/grep.out"; }

# Each tool reads its input from the page cache: the files are read
# right before every timed run, untimed.  A machine that gives back
# cached pages to its host within seconds would otherwise time the
# reads from disk of whichever files it dropped, mostly those of the
# batch's thousands of small files.
warm_woo() { find "$docs" -type f -print0 | xargs -0 cat >/dev/null; }
warm_grep() { cat "$all" >/dev/null; }
woo_wall=() woo_cpu=() ref_wall=() ref_cpu=()
for ((i = 0; i < rounds; i++)); do
  # Alternate the order so that neither tool always runs second.
  if ((i % 2)); then
    warm_grep
    read -r rw rc < <(timed run_grep)
    warm_woo
    read -r ww wc < <(timed run_woo)
  else
    warm_woo
    read -r ww wc < <(timed run_woo)
    warm_grep
    read -r rw rc < <(timed run_grep)
  fi
  woo_wall+=("$ww") woo_cpu+=("$wc") ref_wall+=("$rw") ref_cpu+=("$rc")
done
ww=$(median "${woo_wall[@]}") wc=$(median "${woo_cpu[@]}")
lines=$(cat "$work/grep.out") marked=$(grep -c . "$work/woo.out")
rw=$(median "${ref_wall[@]}") rc=$(median "${ref_cpu[@]}")

# Peak memory: GNU time's maximum resident set size when installed, else
# the kernel's high-water mark read while the process runs.
peak_kb() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1
  else
    "$@" >/dev/null 2>&1 &
    local pid=$! hwm=0 v
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null)
      [ -n "$v" ] && [ "$v" -gt "$hwm" ] && hwm=$v
      sleep 0.05
    done
    wait "$pid"
    echo "$hwm"
  fi
}
mem_batch=$(peak_kb "$woo" scan -j 1 "$docs")

awk -v b="$bytes" -v n="$ndocs" -v k="$rounds" -v ww="$ww" -v wc="$wc" \
    -v rw="$rw" -v rc="$rc" -v m="$mem_batch" -v lines="$lines" -v marked="$marked" -v cpus="$(nproc 2>/dev/null || echo '?')" 'BEGIN {
  mb = b / 1e6
  printf "scan, %.1f MB in %d documents (corpus inputs repeated), -j 1, median of %d rounds, %s CPUs:\n", mb, n, k, cpus
  printf "                       wall s    cpu s   MB/s wall  MB/s cpu\n"
  printf "  woo scan           %8.2f %8.2f %10.2f %9.2f\n", ww / 1e6, wc / 1e6, mb / (ww / 1e6), wc ? mb / (wc / 1e6) : 0
  printf "  grep -c -E         %8.2f %8.2f %10.2f %9.2f\n", rw / 1e6, rc / 1e6, mb / (rw / 1e6), rc ? mb / (rc / 1e6) : 0
  printf "  ratio woo / grep   %8.1f %8.1f  (aim: woo >= 50 MB/s)\n", ww / rw, rc ? wc / rc : 0
  printf "  (grep counted %s lines with two capitalised words; woo printed %s summary lines)\n", lines, marked
  printf "  peak memory, woo scan -j 1 over the batch: %.1f MB  (aim < 150 MB)\n", m / 1024
}'

# One long document: the same text, growing.
echo "single document (corpus inputs concatenated), -j 1, one run each:"
for s in $single_mb; do
  one="$work/single-$s.txt"
  if [ ! -s "$one" ]; then
    # Whole lines only, so no character is cut in two.
    awk -v lim="$s" 'BEGIN {lim *= 1e6} {print; n += length($0) + 1; if (n >= lim) exit}' \
      "$all" >"$one.tmp" && mv "$one.tmp" "$one" || exit 1
  fi
  ob=$(stat -c %s "$one")
  cat "$one" >/dev/null
  read -r sw sc < <(timed "$woo" scan -j 1 "$one")
  sm=$(peak_kb "$woo" scan -j 1 "$one")
  awk -v b="$ob" -v w="$sw" -v c="$sc" -v m="$sm" 'BEGIN {
    printf "  %6.2f MB   wall %7.2f s  cpu %7.2f s  %7.2f MB/s cpu  peak %6.1f MB\n",
           b / 1e6, w / 1e6, c / 1e6, c ? (b / 1e6) / (c / 1e6) : 0, m / 1024
  }'
done

"$scanner_new" 100 || exit 1
