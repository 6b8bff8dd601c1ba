#!/bin/bash
# Benchmark: `woo text` against `pdftotext` on the same PDFs in the same
# run.  Prints the median times over several rounds and their ratio; it
# asserts nothing (timings belong in a benchmark, not in a test).
#
#   pdf_text.sh WOO MKPDF WORKDIR [PDF...]
#
# WORKDIR keeps a generated 200-page PDF between runs; further PDFs (the
# test fixtures, corpus files) join the set.  ROUNDS (default 9) and PAGES
# (default 200) can be set in the environment.
set -u
export LC_ALL=C

if [ $# -lt 3 ]; then
  echo "usage: $0 WOO MKPDF WORKDIR [PDF...]" >&2
  exit 2
fi
woo=$1 mkpdf=$2 work=$3
shift 3
rounds=${ROUNDS:-9}
pages=${PAGES:-200}

if ! command -v pdftotext >/dev/null 2>&1; then
  echo "SKIP: pdftotext is not installed (poppler-utils)"
  exit 77
fi

mkdir -p "$work" || exit 1
big="$work/bench-$pages.pdf"
if [ ! -s "$big" ]; then
  "$mkpdf" --bench "$pages" "$work" && mv "$work/bench.pdf" "$big" || exit 1
fi
files=("$big")
for f in "$@"; do
  [ -s "$f" ] && files+=("$f")
done

# Both tools must succeed on every file, or the timing means nothing.
for f in "${files[@]}"; do
  "$woo" text "$f" >/dev/null 2>&1 || { echo "woo text failed on $f" >&2; exit 1; }
  pdftotext -q "$f" - >/dev/null || { echo "pdftotext failed on $f" >&2; exit 1; }
done

# The big file and the small ones are timed apart: on the small files
# most of the time is process start-up (loading the shared libraries),
# which says nothing about extraction itself.
run_woo() {
  local f
  for f in "$@"; do "$woo" text "$f" >/dev/null 2>&1; done
}
run_ref() {
  local f
  for f in "$@"; do pdftotext -q "$f" - >/dev/null; done
}
small=("${files[@]:1}")

# Bash's `time` gives wall-clock and CPU (user + system, children
# included) for a whole round.  On a busy machine the CPU column is the
# steadier of the two.
TIMEFORMAT='%R %U %S'
timed() { { time "$@"; } 2>&1 | awk '{printf "%d %d\n", $1 * 1e6, ($2 + $3) * 1e6}'; }

woo_wall=() woo_cpu=() ref_wall=() ref_cpu=() woo_big=() ref_big=()
run_woo "${files[@]}"; run_ref "${files[@]}" # warm the page cache and the dynamic loader
for ((i = 0; i < rounds; i++)); do
  # Alternate the order so that neither tool always runs second.
  sw=0 sc=0 tw=0 tc=0
  if ((i % 2)); then
    read -r rw rc < <(timed run_ref "$big")
    ((${#small[@]})) && read -r tw tc < <(timed run_ref "${small[@]}")
    read -r ww wc < <(timed run_woo "$big")
    ((${#small[@]})) && read -r sw sc < <(timed run_woo "${small[@]}")
  else
    read -r ww wc < <(timed run_woo "$big")
    ((${#small[@]})) && read -r sw sc < <(timed run_woo "${small[@]}")
    read -r rw rc < <(timed run_ref "$big")
    ((${#small[@]})) && read -r tw tc < <(timed run_ref "${small[@]}")
  fi
  woo_big+=("$wc") ref_big+=("$rc")
  woo_wall+=($((ww + sw))) woo_cpu+=($((wc + sc)))
  ref_wall+=($((rw + tw))) ref_cpu+=($((rc + tc)))
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
ww=$(median "${woo_wall[@]}") wc=$(median "${woo_cpu[@]}")
rw=$(median "${ref_wall[@]}") rc=$(median "${ref_cpu[@]}")
wb=$(median "${woo_big[@]}") rb=$(median "${ref_big[@]}")

# Start-up alone: each tool asked for its version, 20 times.  woo opens
# poppler-glib and cairo only when it reads a PDF, so its figure leaves
# their loading out; pdftotext's includes libpoppler.
startup() {
  local k
  for ((k = 0; k < 20; k++)); do "$@" >/dev/null 2>&1; done
}
read -r _ wsu < <(timed startup "$woo" --version)
read -r _ rsu < <(timed startup pdftotext -v)

# Word agreement over the same files, as a reminder of what is compared.
words() { tr -s ' \t\n\f\r' '\n\n\n\n\n' | sed '/^$/d'; }
agree=$(
  total=0 same=0
  for f in "${files[@]}"; do
    a=$("$woo" text "$f" 2>/dev/null | words | wc -l)
    b=$(pdftotext -q "$f" - | words | wc -l)
    d=$(diff <("$woo" text "$f" 2>/dev/null | words) <(pdftotext -q "$f" - | words) |
        grep -c '^[<>]')
    n=$((a > b ? a : b))
    total=$((total + n)) same=$((same + n - d))
  done
  awk -v s="$same" -v t="$total" 'BEGIN {printf "%.2f%% of %d words", t ? 100 * s / t : 0, t}'
)

awk -v ww="$ww" -v wc="$wc" -v rw="$rw" -v rc="$rc" -v n="${#files[@]}" \
    -v wb="$wb" -v rb="$rb" -v wsu="$wsu" -v rsu="$rsu" -v p="$pages" \
    -v k="$rounds" -v a="$agree" -v cpus="$(nproc 2>/dev/null || echo '?')" 'BEGIN {
  printf "pdf text, %d files, median of %d rounds, %s CPUs:\n", n, k, cpus
  printf "               wall s    cpu s\n"
  printf "  woo text   %8.3f %8.3f\n", ww / 1e6, wc / 1e6
  printf "  pdftotext  %8.3f %8.3f\n", rw / 1e6, rc / 1e6
  printf "  ratio      %8.2f %8.2f  (woo / pdftotext; aim <= 1.30)\n", \
         ww / rw, rc ? wc / rc : 0
  printf "  %d-page file alone: cpu ratio %.2f\n", p, rb ? wb / rb : 0
  printf "  start-up (--version, -v): woo %.1f ms without poppler-glib, pdftotext %.1f ms cpu\n", \
         wsu / 20e3, rsu / 20e3
  printf "  words      %s agree\n", a
}'
