#!/bin/sh
# notation_report.sh — what the code parser reads in a set of documents.
#
#   tests/tools/notation_report.sh [WOO] FILE|DIR...
#
# Runs `woo codes --json --unknown` on every file and prints the number of
# codes per notation, per ground and per role, then the near misses: bits
# of text that look like a code (found with grep) where the parser reported
# nothing.  Near misses are for a person to judge: most are dates, section
# numbers and amounts that must not be codes; the rest are notations the
# parser does not read yet.
#
# The woo binary is taken from $WOO, else from the first argument when it
# is an executable file, else build/cli/woo.  Needs jq.
set -eu

if [ -z "${WOO:-}" ]; then
  if [ $# -gt 0 ] && [ -f "$1" ] && [ -x "$1" ]; then
    WOO=$1
    shift
  else
    WOO=build/cli/woo
  fi
fi
if [ $# -eq 0 ]; then
  echo "usage: $0 [WOO] FILE|DIR..." >&2
  exit 2
fi
command -v jq >/dev/null || { echo "$0: needs jq" >&2; exit 2; }
[ -x "$WOO" ] || { echo "$0: $WOO: not executable (set \$WOO)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

find "$@" -type f ! -name '.*' | sort >"$tmp/files"
: >"$tmp/all.jsonl"
: >"$tmp/misses"

# Code-like strings: numbers shaped like a ground, the bracket form, the
# lid form, and the status words.
pattern='(^|[^0-9.,])(1 ?[01]|[45])( ?[.,] ?| )[0-9]([ .,]{0,2}[0-9a-zA-Z])?([^0-9a-zA-Z]|$)|\(1[01]\) ?\([0-9][a-z]?\)|(eerste|tweede|vijfde|[0-9]) lid|buiten (de )?(reikwijdte|verzoek)|dubbel|(niet|deels|reeds)[ -]openbaar'

while IFS= read -r f; do
  "$WOO" codes --json --unknown "$f" >"$tmp/one.json" 2>"$tmp/err" || {
    echo "woo failed on $f: $(cat "$tmp/err")" >&2
    continue
  }
  jq -c 'if type == "array" then .[] else .codes[] end' "$tmp/one.json" >>"$tmp/all.jsonl"
  jq -r '(if type == "array" then .[] else .codes[] end) | "\(.start) \(.end)"' "$tmp/one.json" >"$tmp/spans"
  # grep -b gives the byte offset of each match; a match that overlaps no
  # reported code is a near miss.
  grep -obiE "$pattern" "$f" 2>/dev/null |
    awk -v spans="$tmp/spans" -v file="$f" '
      BEGIN {
        n = 0
        while ((getline line < spans) > 0) {
          split(line, p, " "); s[n] = p[1] + 0; e[n] = p[2] + 0; n++
        }
      }
      {
        i = index($0, ":"); off = substr($0, 1, i - 1) + 0
        m = substr($0, i + 1); len = length(m)
        hit = 0
        for (k = 0; k < n; k++)
          if (s[k] < off + len && e[k] > off) { hit = 1; break }
        if (!hit) printf "%s@%d\t%s\n", file, off, m
      }' >>"$tmp/misses" || true
done <"$tmp/files"

total=$(wc -l <"$tmp/all.jsonl")
echo "files: $(wc -l <"$tmp/files")  codes: $total"
for key in notation role ground law; do
  echo
  echo "per $key:"
  jq -r ".$key // \"(unknown)\" | tostring" "$tmp/all.jsonl" | sort |
    uniq -c | sort -rn | sed 's/^/  /'
done
echo
echo "repaired: $(jq -r 'select(.repaired) | .raw' "$tmp/all.jsonl" | wc -l)"
jq -r 'select(.repaired) | .raw' "$tmp/all.jsonl" | sort | uniq -c |
  sort -rn | sed 's/^/  /'
echo
echo "raw forms per notation:"
jq -r '"\(.notation)\t\(.raw | gsub("\\s+"; " "))"' "$tmp/all.jsonl" |
  sort | uniq -c | sort -k2,2 -k1,1rn |
  awk '{ k = $2; if (seen[k]++ < 12) print "  " $0 }'
echo
echo "near misses (code-like text with no code reported): $(wc -l <"$tmp/misses")"
cut -f2 "$tmp/misses" | tr -s ' ' | sort | uniq -c | sort -rn | head -60 |
  sed 's/^/  /'
if [ -n "${VERBOSE:-}" ]; then
  echo
  cat "$tmp/misses"
fi
