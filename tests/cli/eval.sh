#!/usr/bin/env bash
# woo eval: the scores of a small gold set, --require, and --batch, which
# scans the cases as one batch so that a name found with confidence in
# one case (an e-mail header) is marked where another case writes it in
# a sentence that alone would not show it to be a name.
. "$(dirname "$0")/lib.sh"

mkdir -p "$T/gold/a" "$T/gold/b"
printf 'Van: Nathaly Heerschop <post@example.nl>\nOnderwerp: melding\n\nZie bijlage.\n' \
  >"$T/gold/a/input.txt"
printf 'Van: {{person:Nathaly Heerschop}} <post@example.nl>\nOnderwerp: melding\n\nZie bijlage.\n' \
  >"$T/gold/a/gold.txt"
printf 'Verslag\n\nGisteren belde Nathaly Heerschop terug.\n' >"$T/gold/b/input.txt"
printf 'Verslag\n\nGisteren belde {{person:Nathaly Heerschop}} terug.\n' >"$T/gold/b/gold.txt"

check "eval, one by one" run 0 "$WOO" eval --misses "$T/gold"
check "…2 documents" grep -q '^2 documents' "$T/out"
check "…the name in a sentence is missed" grep -q 'miss .*"Nathaly Heerschop"' "$T/out"
check "…person recall 0.5" grep -Eq '^  person +4 +1\.000 0\.500' "$T/out"
check "--require that fails exits 3" run 3 "$WOO" eval --require person-recall=0.9 "$T/gold"
check "…and says so" grep -q 'person-recall=0.9 .*FAILED' "$T/out"

check "eval --batch" run 0 "$WOO" eval --batch --misses "$T/gold"
check "…the name is marked from the other case" grep -Eq '^  person +4 +1\.000 1\.000' "$T/out"
check "…nothing missed" bash -c "! grep -q '^  miss' '$T/out'"
check "--batch --require that holds exits 0" run 0 "$WOO" eval --batch --require person-recall=0.9 "$T/gold"

# a gold file that does not match its input is one clear error
printf 'Verslag\n\nIemand anders belde.\n' >"$T/gold/b/gold.txt"
check "gold text differs: error" run 1 "$WOO" eval --batch "$T/gold"
check "…naming the file" grep -q 'gold/b/gold.txt: text differs' "$T/err"
finish
