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

now() { date +%s%N; }

run_woo() {
  for f in "${files[@]}"; do "$woo" text "$f" >/dev/null 2>&1; done
}
run_ref() {
  for f in "${files[@]}"; do pdftotext -q "$f" - >/dev/null; done
}

woo_ns=() ref_ns=()
run_woo; run_ref # warm the page cache and the dynamic loader
for ((i = 0; i < rounds; i++)); do
  # Alternate the order so that neither tool always runs second.
  if ((i % 2)); then
    t0=$(now); run_ref; t1=$(now); run_woo; t2=$(now)
    ref_ns+=($((t1 - t0))) woo_ns+=($((t2 - t1)))
  else
    t0=$(now); run_woo; t1=$(now); run_ref; t2=$(now)
    woo_ns+=($((t1 - t0))) ref_ns+=($((t2 - t1)))
  fi
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
w=$(median "${woo_ns[@]}")
r=$(median "${ref_ns[@]}")

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

awk -v w="$w" -v r="$r" -v n="${#files[@]}" -v k="$rounds" -v a="$agree" 'BEGIN {
  printf "pdf text, %d files, median of %d rounds:\n", n, k
  printf "  woo text   %8.3f s\n", w / 1e9
  printf "  pdftotext  %8.3f s\n", r / 1e9
  printf "  ratio      %8.2f (woo / pdftotext; aim <= 1.30)\n", w / r
  printf "  words      %s agree\n", a
}'
