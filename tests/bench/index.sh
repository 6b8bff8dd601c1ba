#!/bin/bash
# Benchmark: `woo index -j 2 --format csv` over a batch of small text
# documents beside `wc -l` over the same files in the same run.  Prints
# documents per second and the ratio of the two times.  Asserts nothing;
# the target is 2,000 documents per second on two cores.
#
#   index.sh WOO CORPUS WORKDIR
#
# WORKDIR keeps the generated batch between runs: DOCS (default 10000)
# documents cut from the corpus inputs, each a different stretch of a
# different input with its own number, so no two are the same.  ROUNDS
# (default 3) runs of each are timed; the median is printed.
set -u
export LC_ALL=C

if [ $# -ne 3 ]; then
  echo "usage: $0 WOO CORPUS WORKDIR" >&2
  exit 2
fi
woo=$1 corpus=$2 work=$3
ndocs=${DOCS:-10000}
rounds=${ROUNDS:-3}
jobs=${JOBS:-2}

inputs=("$corpus"/*/input.txt)
if [ ! -f "${inputs[0]}" ]; then
  echo "no corpus/*/input.txt under $corpus" >&2
  exit 1
fi

# The batch, written by one awk process: document i takes input i mod N
# from its start (where date and title are) for 8 to 40 lines, then a
# line that makes it unique.
docs="$work/docs-$ndocs"
if [ "$(find "$docs" -type f 2>/dev/null | wc -l)" -ne "$ndocs" ]; then
  rm -rf "$docs"
  mkdir -p "$docs" || exit 1
  awk -v n="$ndocs" -v dir="$docs" '
    FNR == 1 { f++ }
    { line[f, FNR] = $0; len[f] = FNR }
    END {
      for (i = 0; i < n; i++) {
        k = i % f + 1
        keep = 8 + (i * 7) % 33
        if (keep > len[k]) keep = len[k]
        out = sprintf("%s/%03d/doc-%05d.txt", dir, int(i / 1000), i)
        if (i % 1000 == 0) system("mkdir -p " dir "/" sprintf("%03d", int(i / 1000)))
        for (j = 1; j <= keep; j++) print line[k, j] > out
        printf "Volgnummer %d.\n", i > out
        close(out)
      }
    }' "${inputs[@]}" || exit 1
fi
count=$(find "$docs" -type f | wc -l)
bytes=$(find "$docs" -type f -printf '%s\n' | awk '{s += $1} END {print s}')

# Both must work on this batch before anything is timed.
"$woo" index -j "$jobs" --format csv "$docs" >"$work/index.csv" ||
  { echo "woo index failed" >&2; exit 1; }
rows=$(($(wc -l <"$work/index.csv") - 1))
if [ "$rows" -ne "$count" ]; then
  echo "woo index wrote $rows rows for $count documents" >&2
  exit 1
fi

TIMEFORMAT='%R %U %S'
timed() { { time "$@" >/dev/null 2>&1; } 2>&1 | awk '{printf "%d %d\n", $1 * 1e6, ($2 + $3) * 1e6}'; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# wc -l gets the file names the same way woo does (a folder walk), so
# both pay for finding and opening every file.
wc_all() { find "$docs" -type f -print0 | xargs -0 wc -l; }

woo_wall=() woo_cpu=() wc_wall=()
for r in $(seq "$rounds"); do
  read -r w c < <(timed "$woo" index -j "$jobs" --format csv "$docs")
  woo_wall+=("$w") woo_cpu+=("$c")
  read -r w c < <(timed wc_all)
  wc_wall+=("$w")
done
ww=$(median "${woo_wall[@]}") wcpu=$(median "${woo_cpu[@]}")
cw=$(median "${wc_wall[@]}")

awk -v n="$count" -v b="$bytes" -v ww="$ww" -v wcpu="$wcpu" -v cw="$cw" \
    -v j="$jobs" -v r="$rounds" 'BEGIN {
  printf "documents            %d (%.1f MB, %.0f bytes each on average)\n", n, b / 1e6, b / n
  printf "woo index -j %d csv   %.3f s wall, %.3f s CPU  -> %.0f documents/s\n", j, ww / 1e6, wcpu / 1e6, n / (ww / 1e6)
  printf "wc -l                %.3f s wall               -> %.0f documents/s\n", cw / 1e6, n / (cw / 1e6)
  printf "ratio woo / wc -l    %.1fx (median of %d runs)\n", ww / cw, r
  printf "target               2000 documents/s on 2 cores: %s\n", (n / (ww / 1e6) >= 2000 ? "met" : "NOT met")
}'
