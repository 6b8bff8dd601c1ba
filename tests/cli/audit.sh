#!/usr/bin/env bash
# woo audit end to end: the report, --json, exit statuses, and the map and
# merge steps against the plain audit.
. "$(dirname "$0")/lib.sh"

A="$SRC/corpus/audit"
docs=("$A"/docs/*)

check "audit with index: findings at high exit 3" run 3 "$WOO" audit --index "$A/inventaris.csv" "${docs[@]}"
cp "$T/out" "$T/report.txt"
check "…report names the context leak" grep -q "context-leak" "$T/report.txt"
check "…and the index mismatch" grep -q "index-mismatch" "$T/report.txt"
check "…shows a masked preview" grep -qF "H*** J** B****" "$T/report.txt"
check "…never the text left in" bash -c "! grep -qE 'Harm Jan Brink|06-41827365|Kempers|Tigchelaar' '$T/report.txt'"
check "…clean documents have no findings" bash -c "grep -A1 '^.*clean-mail-01.txt (' '$T/report.txt' | grep -q 'geen bevindingen'"
check "…ends with a summary" grep -q "^17 documenten, 20 bevindingen" "$T/report.txt"

check "--json" run 3 "$WOO" audit --json --index "$A/inventaris.csv" "${docs[@]}"
cp "$T/out" "$T/plain.json"
check "…is audit/1" grep -q '"woo": "audit/1"' "$T/plain.json"
check "…with codes per ground" grep -q '"10.2.e": 24' "$T/plain.json"
check "…and 20 findings" test "$(grep -c '"type":' "$T/plain.json")" -eq 20
check "…no text left in either" bash -c "! grep -qE 'Harm Jan Brink|06-41827365' '$T/plain.json'"

check "same findings with one thread" run 3 "$WOO" audit -j 1 --json --index "$A/inventaris.csv" "${docs[@]}"
check "…as with all" cmp -s "$T/out" "$T/plain.json"

check "clean documents exit 0" run 0 "$WOO" audit "$A"/docs/clean-*
check "…with no findings" grep -q ", 0 bevindingen" "$T/out"
check "low findings pass --fail-on high" run 0 "$WOO" audit "$A/docs/mixed-notation-incident-05.txt"
check "…and fail --fail-on low" run 3 "$WOO" audit --fail-on low "$A/docs/mixed-notation-incident-05.txt"
check "bad --fail-on is a usage error" run 2 "$WOO" audit --fail-on severe "$A/docs/clean-brief-01.txt"
check "--keys without -o is a usage error" run 2 "$WOO" audit --keys "$A/docs/clean-brief-01.txt"

check "a missing document exits 1" run 1 "$WOO" audit "$A/docs/clean-brief-01.txt" "$T/nope.txt"
check "…naming it" grep -q "nope.txt" "$T/err"
check "an unreadable index exits 1" run 1 "$WOO" audit --index "$T/geen.csv" "$A/docs/clean-brief-01.txt"
check "…naming it" one_line_error "geen.csv"

# Map step into key files, merge step from the folder: the same report.
check "map: --keys" run 0 "$WOO" audit --keys -o "$T/keys" "${docs[@]}"
check "…one key file per document" test "$(ls "$T/keys" | wc -l)" -eq "${#docs[@]}"
check "…with no document text" bash -c "! grep -rqE 'Harm Jan Brink|Parkeerregister' '$T/keys'"
check "merge: --merge DIR" run 3 "$WOO" audit --merge --json --index "$A/inventaris.csv" "$T/keys"
check "…equals the plain audit" cmp -s "$T/out" "$T/plain.json"
printf 'not a key file\n' >"$T/keys/kapot.keys.jsonl"
check "a damaged key file exits 1" run 1 "$WOO" audit --merge "$T/keys"
check "…naming it" grep -q "kapot.keys.jsonl" "$T/err"
finish
