#!/usr/bin/env bash
# The audit's map step run by GNU parallel, one process per document, and
# the merge over the key files: the findings equal those of a plain audit.
# A batch too large for one machine runs the same way over ssh or a
# cluster's job runner.
. "$(dirname "$0")/lib.sh"

command -v parallel >/dev/null || { echo "GNU parallel not installed: skipped"; exit 77; }

A="$SRC/corpus/audit"
docs=("$A"/docs/*)

check "plain audit" run 3 "$WOO" audit --json --index "$A/inventaris.csv" "${docs[@]}"
cp "$T/out" "$T/plain.json"

mkdir -p "$T/keys"
check "map with parallel" parallel --will-cite --halt now,fail=1 -j 4 \
  "$WOO" audit --keys -o "$T/keys" {} ::: "${docs[@]}"
check "…a key file per document" test "$(ls "$T/keys" | wc -l)" -eq "${#docs[@]}"
check "merge the key files" run 3 "$WOO" audit --merge --json --index "$A/inventaris.csv" "$T"/keys/*
check "…same findings as the plain audit" cmp -s "$T/out" "$T/plain.json"
check "…which found the cross-document leak" grep -q '"context-leak"' "$T/out"
finish
