#!/bin/bash
# Benchmark: `woo redact` of a PDF against `pdftoppm -r 150` over the same
# pages in the same run.  Redaction renders every page at 150 dpi as
# pdftoppm does, then paints the boxes, writes a new PDF (page images,
# compressed, and a text layer) and reads it back to verify it; the ratio
# says what all that costs on top of rendering.  Prints the median times
# and their ratio; asserts nothing.
#
#   redact_pdf.sh WOO MKPDF WORKDIR
#
# ROUNDS (default 5) and PAGES (default 40) can be set in the environment.
set -u

if [ $# -ne 3 ]; then
  echo "usage: $0 WOO MKPDF WORKDIR" >&2
  exit 2
fi
woo=$1 mkpdf=$2 work=$3
rounds=${ROUNDS:-5}
pages=${PAGES:-40}

if ! command -v pdftoppm >/dev/null 2>&1; then
  echo "SKIP: pdftoppm is not installed (poppler-utils)"
  exit 77
fi

mkdir -p "$work" || exit 1
in="$work/redact-bench-$pages.pdf"
if [ ! -s "$in" ]; then
  "$mkpdf" --bench "$pages" "$work" && mv "$work/bench.pdf" "$in" || exit 1
fi
# The marks are made once, so that the timing is of redaction alone:
# every mention of two words of the generated text (the scanner's own
# proposals on word salad would leave mentions unmarked, which the
# verification rightly refuses).  grep -b gives byte offsets into the text.
if ! command -v jq >/dev/null 2>&1; then
  echo "SKIP: jq is needed to write the marks"
  exit 77
fi
"$woo" scan --json "$in" >"$work/scan.json" || { echo "woo scan failed" >&2; exit 1; }
offsets=$("$woo" text "$in" | grep -b -o -w -E 'Oosterwolde|wethouder' |
  awk -F: '{printf "%s[%d,%d]", (NR > 1 ? "," : ""), $1, $1 + length($2)}')
jq --argjson spans "[$offsets]" '.marks = [$spans[] | {start: .[0], end: .[1],
  ground: "5.1.2.e", entity: "person", source: "bench", confidence: 1,
  status: "accepted"}]' "$work/scan.json" >"$in.marks.json" || exit 1
marks=$(jq '.marks | length' "$in.marks.json")

out="$work/redacted.pdf"
ppm="$work/ppm"
run_woo() { "$woo" redact --force -o "$out" "$in" 2>/dev/null; }
run_ref() { rm -rf "$ppm" && mkdir -p "$ppm" && pdftoppm -r 150 "$in" "$ppm/p"; }

run_woo || { echo "woo redact failed on $in" >&2; "$woo" redact --force -o "$out" "$in"; exit 1; }
run_ref || { echo "pdftoppm failed on $in" >&2; exit 1; }

now() { date +%s%N; }
woo_ns=() ref_ns=()
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
size=$(stat -c %s "$out")
rm -rf "$ppm"

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
w=$(median "${woo_ns[@]}")
r=$(median "${ref_ns[@]}")
awk -v w="$w" -v r="$r" -v p="$pages" -v k="$rounds" -v m="$marks" -v s="$size" 'BEGIN {
  printf "pdf redaction, %d pages, %d marks, median of %d rounds:\n", p, m, k
  printf "  woo redact         %8.3f s  (%.1f ms/page, output %.1f KB/page)\n", w / 1e9, w / 1e6 / p, s / 1024 / p
  printf "  pdftoppm -r 150    %8.3f s  (%.1f ms/page)\n", r / 1e9, r / 1e6 / p
  printf "  ratio              %8.2f (woo / pdftoppm; aim <= 2.00)\n", w / r
}'
