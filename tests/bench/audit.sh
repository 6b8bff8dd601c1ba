#!/usr/bin/env bash
# Audit throughput: text audit (all checks, one thread) in MB/s beside grep
# over the same bytes, and PDF forensics beside `pdftoppm -r 72` over the
# same pages, in the same run.  CPU time, median of three.  Asserts nothing.
#
#   audit.sh WOO CORPUS WORKDIR [PDF…]
set -euo pipefail
# Absolute paths: the work is done in WORKDIR, and meson may pass the
# program relative to the build directory.
woo=$(realpath "$1") corpus=$(realpath "$2") work=$3
shift 3
pdfs=()
for p in "$@"; do pdfs+=("$(realpath "$p")"); done
set -- "${pdfs[@]}"
rm -rf "$work/text"
mkdir -p "$work/text"
cd "$work"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Every run reads its inputs from the page cache: they are read right
# before it, untimed, as a machine may hand cached pages back to its
# host within seconds and the reads from disk would be timed.
warm() { cat text/* ${pdfs[@]+"${pdfs[@]}"} >/dev/null 2>&1 || true; }
cpu_of() { # user+sys seconds of a command, three runs, median
  for _ in 1 2 3; do
    warm
    /usr/bin/env time -f '%U %S' -o t.out "$@" >/dev/null 2>&1 || true
    tail -1 t.out | awk '{print $1 + $2}'
  done | median
}

# Published-style text: the audit batch's documents, copied until ~20 MB
# in files of their own size (an audit reads documents, not one stream).
n=0
while [ "$(du -sb text | cut -f1)" -lt 20000000 ]; do
  for f in "$corpus"/audit/docs/*.txt; do
    cp "$f" "text/$n-$(basename "$f")"
    n=$((n + 1))
  done
done
bytes=$(cat text/* | wc -c)
t_audit=$(cpu_of "$woo" audit -j 1 text)
t_grep=$(cpu_of grep -r -c -E '[0-9]+\.[0-9]\.[0-9]\.?[a-i]' text)
mbs() { echo "scale=1; $bytes / 1000000 / $1" | bc -l; }
echo "text audit over $((bytes / 1000000)) MB in $n documents"
echo "  woo audit -j 1:  $(mbs "$t_audit") MB/s CPU ($t_audit s)"
echo "  grep -r -E:      $(mbs "$t_grep") MB/s CPU ($t_grep s)"
echo "  ratio woo/grep:  $(echo "scale=1; $t_audit / $t_grep" | bc -l)"

if [ $# -gt 0 ] && command -v pdftoppm >/dev/null; then
  pages=0
  for p in "$@"; do pages=$((pages + $(pdfinfo "$p" | awk '/^Pages:/ {print $2}'))); done
  t_pdf=$(cpu_of "$woo" audit -j 1 --no-residual --no-consistency "$@")
  t_ppm=$(cpu_of sh -c 'for p in "$@"; do pdftoppm -r 72 "$p" ppm; done' sh "$@")
  echo "PDF forensics over $pages pages"
  echo "  woo audit:        $t_pdf s CPU"
  echo "  pdftoppm -r 72:   $t_ppm s CPU"
  echo "  ratio:            $(echo "scale=2; $t_pdf / $t_ppm" | bc -l) (target ≤ 3)"
fi
