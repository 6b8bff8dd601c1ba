#!/usr/bin/env bash
# Text redaction throughput: `woo redact --marks` over a large text beside
# sed making substitutions over the same bytes, in the same run.
#
#   redact_text.sh WOO CORPUS WORKDIR [MB [REDACT_TEXT_LIB]]
# Prints MB/s for both and the ratio.  Asserts nothing.
set -euo pipefail
woo=$1 corpus=$2 work=$3 mb=${4:-100} lib=${5:-}
command -v jq >/dev/null || { echo "redact_text: jq is not installed; skipped"; exit 0; }
mkdir -p "$work"
# meson passes paths relative to the build directory: fix them before cd.
woo=$(realpath "$woo") corpus=$(realpath "$corpus")
[ -n "$lib" ] && lib=$(realpath "$lib")
cd "$work"

# One document of the corpus, scanned once; its marks repeated with
# shifted offsets for every copy (no scanning inside the timing).
src="$corpus/verslag-01/input.txt"
"$woo" scan --json "$src" >one.json
size=$(stat -c %s "$src")
copies=$(( mb * 1000000 / size ))
: >big.txt
for _ in $(seq "$copies"); do cat "$src"; done >big.txt
bytes=$(stat -c %s big.txt)
sha=$(sha256sum big.txt | cut -d' ' -f1)
jq -c --argjson n "$copies" --argjson size "$size" --arg sha "$sha" --argjson bytes "$bytes" '
  .document.sha256 = $sha | .document.bytes = $bytes | .document.path = "big.txt" |
  .marks as $m | .marks = [range(0; $n) as $k | $m[] |
    {start: (.start + $k * $size), end: (.end + $k * $size), ground, entity, source,
     confidence, status}]' one.json >big.marks.json
n_marks=$(jq '.marks | length' big.marks.json)

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_of() { # seconds of wall time for the command, three runs, median
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l
  done | median
}
word=$(jq -r '.marks[0].text' one.json | awk '{print $NF}')
t_woo=$(time_of "$woo" redact --force --marks big.marks.json -o out.txt big.txt)
t_sed=$(time_of sed "s/$word/5.1.2.e/g" big.txt)
mbs() { echo "scale=1; $bytes / 1000000 / $1" | bc -l; }
echo "text redaction over $(( bytes / 1000000 )) MB, $n_marks marks"
echo "  woo redact --marks: $(mbs "$t_woo") MB/s ($t_woo s)"
echo "  sed s///g:          $(mbs "$t_sed") MB/s ($t_sed s)"
echo "  ratio woo/sed time: $(echo "scale=2; $t_woo / $t_sed" | bc -l)"
echo "  (the command's time includes reading $(( $(stat -c %s big.marks.json) / 1000000 )) MB of marks JSON)"
[ -n "$lib" ] && "$lib" big.txt big.marks.json out-lib.txt
true
