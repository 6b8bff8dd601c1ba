#!/usr/bin/env bash
# woo index end to end: every format over the corpus, the CSV read back by
# the library's inventory reader (through woo audit --index), marks,
# overrides, numbering, output files, exit codes and one-line errors.
. "$(dirname "$0")/lib.sh"

PUB=https://identifier.overheid.nl/tooi/id/gemeente/gm0363

# The corpus inputs under distinct names: one folder of documents.
mkdir -p "$T/docs"
for f in "$SRC"/corpus/*/input.txt; do
  cp "$f" "$T/docs/$(basename "$(dirname "$f")").txt"
done
n=$(ls "$T/docs" | wc -l)

# ---- every format ---------------------------------------------------------
check "csv" run 0 "$WOO" index "$T/docs"
cp "$T/out" "$T/index.csv"
check "…header row" test "$(head -1 "$T/index.csv" | tr -d '\r')" = \
  "nr,document,datum,titel,documentsoort,beoordeling,gronden,pagina's,opmerkingen"
check "…one row per document" test "$(($(wc -l <"$T/index.csv") - 1))" -eq "$n"
check "…CRLF line ends" test "$(grep -c $'\r$' "$T/index.csv")" -eq $((n + 1))
check "…numbered 1..n in path order" test \
  "$(tail -n +2 "$T/index.csv" | cut -d, -f1 | tr '\n' ' ')" = "$(seq -s ' ' 1 "$n") "
check "…names relative to the folder" grep -q '^1,besluit-01.txt,2022-11-14,' "$T/index.csv"
check "…nothing on stderr" test ! -s "$T/err"

check "json" run 0 "$WOO" index --format json "$T/docs"
check "…index/1 with every row" jq -e --argjson n "$n" \
  '.woo == "index/1" and (.rows | length) == $n and
   all(.rows[]; (.nr | type) == "number" and (.gronden | type) == "array" and
       (.beoordeling | IN("openbaar", "deels openbaar", "niet openbaar",
                          "reeds openbaar", "buiten reikwijdte")))' "$T/out" >/dev/null

check "md" run 0 "$WOO" index --format md --title "Inventaris Woo-2024-01" "$T/docs"
check "…a heading and a pipe table" test "$(head -1 "$T/out")" = "# Inventaris Woo-2024-01"
check "…header, rule and rows" test "$(grep -c '^|' "$T/out")" -eq $((n + 2))

check "html" run 0 "$WOO" index --format html "$T/docs"
check "…a page that parses" xmllint --html --noout "$T/out"
check "…a table row per document" test "$(grep -c '^<tr>' "$T/out")" -eq "$n"
check "…self-contained" test "$(grep -c '<script\|<link\|src=' "$T/out")" -eq 0

check "diwoo" run 0 "$WOO" index --format diwoo --publisher "$PUB" \
  --publisher-name "gemeente Amsterdam" "$T/docs"
cp "$T/out" "$T/diwoo.xml"
check "…well-formed XML" xmllint --noout "$T/diwoo.xml"
xp() { xmllint --xpath "$1" "$T/diwoo.xml" 2>/dev/null; }
check "…a DiWoo document per row" test \
  "$(xp "count(//*[local-name()='DiWoo' and namespace-uri()='https://standaarden.overheid.nl/diwoo/metadata/'])")" -eq "$n"
check "…publisher on each" test \
  "$(xp "count(//*[local-name()='publisher' and @resource='$PUB'])")" -eq "$n"
check "…default category Woo-verzoeken en -besluiten" test \
  "$(xp "count(//*[local-name()='informatiecategorie' and @resource='https://identifier.overheid.nl/tooi/def/thes/kern/c_3baef532'])")" -eq "$n"
check "--category by label" run 0 "$WOO" index --format diwoo --publisher "$PUB" \
  --category onderzoeksrapporten "$T/docs/it-03.txt"
check "…its URI" grep -q 'c_fdaee95e' "$T/out"

# ---- the CSV read back ------------------------------------------------------
# Redacted documents carry their codes; their index, read back by the
# inventory reader, must agree with them (no index-mismatch findings).
# (Documents whose redaction does not verify are left out: redact writes
# nothing for them.)
mkdir -p "$T/red"
"$WOO" redact -o "$T/red" "$T/docs" >/dev/null 2>&1
# Decisions are left out too: the codes in their own inventory table are
# about other documents, which the index leaves out and audit counts.
rm -f "$T"/red/besluit-*
nred=$(ls "$T/red" | wc -l)
check "redact most of the batch" test "$nred" -ge $((n / 2))
check "index the redacted batch" run 0 "$WOO" index --no-scan -o "$T/red.csv" "$T/red"
check "…every document deels openbaar" test \
  "$(tail -n +2 "$T/red.csv" | grep -c ',deels openbaar,')" -eq "$nred"
mismatches() { # INDEX: index-mismatch findings of woo audit against it
  "$WOO" audit --json --index "$1" "$T/red" >"$T/audit.json" 2>"$T/audit.err"
  jq '[.findings[] | select(.type == "index-mismatch")] | length' "$T/audit.json"
}
check "…read back: no mismatch" test "$(mismatches "$T/red.csv")" = 0
check "; and BOM" run 0 "$WOO" index --no-scan --sep ';' --bom -o "$T/red-semi.csv" "$T/red"
check "…starts with a BOM and ;" test "$(head -c 14 "$T/red-semi.csv" | od -An -tx1 | tr -d ' \n')" = \
  "efbbbf6e723b646f63756d656e74"
check "…read back: no mismatch" test "$(mismatches "$T/red-semi.csv")" = 0
# The reader must be able to see a difference: drop the grounds of row 1.
awk -F, 'NR == 2 { sub(/,deels openbaar,[^,]*,/, ",openbaar,,") } { print }' \
  "$T/red.csv" >"$T/red-bad.csv"
check "…a changed row is found" test "$(mismatches "$T/red-bad.csv")" -ge 1

# ---- order, numbering, marks, overrides -----------------------------------
check "-j 1" run 0 "$WOO" index -j 1 "$T/docs"
cp "$T/out" "$T/j1.csv"
check "-j 2 writes the same bytes" run 0 "$WOO" index -j 2 "$T/docs"
check "…in the same order" cmp -s "$T/out" "$T/j1.csv"
check "-o writes what stdout gets" run 0 "$WOO" index -o "$T/o.csv" "$T/docs"
check "…byte for byte" cmp -s "$T/o.csv" "$T/j1.csv"
check "…no temporary file left" test -z "$(ls -A "$T" | grep '^\.o\.csv' || true)"
check "--start 40" run 0 "$WOO" index --start 40 "$T/docs/mail-01.txt" "$T/docs/memo-01.txt"
check "…numbers from 40" test "$(tail -n +2 "$T/out" | cut -d, -f1 | tr '\n' ' ')" = "40 41 "

mkdir -p "$T/one"
cp "$T/docs/verslag-01.txt" "$T/one/verslag.txt"
check "scan for marks" run 0 "$WOO" scan --json "$T/one/verslag.txt"
mkdir -p "$T/marks"
sed 's/"status": "proposed"/"status": "rejected"/g' "$T/out" >"$T/marks/verslag.txt.marks.json"
check "--marks DIR, every mark rejected" run 0 "$WOO" index --marks "$T/marks" "$T/one"
check "…the document is openbaar" grep -q '^1,verslag.txt,2021-03-09,.*,verslag,openbaar,,' "$T/out"
check "without the marks it is scanned" run 0 "$WOO" index "$T/one"
check "…and deels openbaar" grep -q ',verslag,deels openbaar,5.1.2.e,' "$T/out"
check "--no-scan" run 0 "$WOO" index --no-scan "$T/one"
check "…leaves it openbaar" grep -q ',verslag,openbaar,,' "$T/out"

cp "$T/docs/mail-01.txt" "$T/one/mail.txt"
check "--overrides" run 0 "$WOO" index --overrides "$SRC/tests/data/index/overrides.csv" "$T/one"
check "…override applied" grep -q '^12,mail.txt,2020-10-15,Mail over de planning,e-mail,reeds openbaar,' "$T/out"
check "…numbering goes on after it" grep -q '^13,verslag.txt,' "$T/out"

# ---- errors --------------------------------------------------------------
check "no input: usage" run 2 "$WOO" index
check "unknown format: usage" run 2 "$WOO" index --format pdf "$T/docs"
check "…one line" test "$(wc -l <"$T/err")" -eq 1
check "diwoo without publisher: usage" run 2 "$WOO" index --format diwoo "$T/docs"
check "--start 0: usage" run 2 "$WOO" index --start 0 "$T/docs"
check "--sep x: usage" run 2 "$WOO" index --sep x "$T/docs"
check "publisher outside TOOI" run 1 "$WOO" index --format diwoo --publisher https://example.org/x "$T/docs"
check "…one line naming it" one_line_error "example.org"
check "missing overrides file" run 1 "$WOO" index --overrides "$T/nope.csv" "$T/docs"
check "…one line naming it" one_line_error "nope.csv"
printf 'titel,nr\nx,1\n' >"$T/bad-over.csv"
check "overrides without a document column" run 1 "$WOO" index --overrides "$T/bad-over.csv" "$T/docs"
check "…one line naming it" one_line_error "bad-over.csv"
check "missing document" run 1 "$WOO" index "$T/docs/mail-01.txt" "$T/nope.txt"
check "…one line naming it" one_line_error "nope.txt"
check "…the other row still written" grep -q '^1,.*mail-01.txt,' "$T/out"
check "with -o a failed batch" run 1 "$WOO" index -o "$T/never.csv" "$T/docs/mail-01.txt" "$T/nope.txt"
check "…writes no output" test ! -e "$T/never.csv"
check "…and no temporary file" test -z "$(ls -A "$T" | grep '^\.never' || true)"
check "unwritable output folder" run 1 "$WOO" index -o "$T/no/such/dir/x.csv" "$T/docs/mail-01.txt"
check "…one line naming it" one_line_error "x.csv"
printf '{"woo": "marks/1"' >"$T/marks/verslag.txt.marks.json"
check "broken marks file" run 1 "$WOO" index --marks "$T/marks" "$T/one/verslag.txt"
check "…one line naming it" one_line_error "verslag.txt.marks.json"

finish
