#!/usr/bin/env bash
# woo scan / redact / review on text, end to end through the CLI.
. "$(dirname "$0")/lib.sh"

in="$SRC/corpus/verslag-01/input.txt"
cp "$in" "$T/verslag.txt"
before=$(sha256sum <"$T/verslag.txt")

check "scan --json" run 0 "$WOO" scan --json "$T/verslag.txt"
check "…marks/1 with marks" grep -q '"woo": "marks/1"' "$T/out"
cp "$T/out" "$T/verslag.txt.marks.json"
check "redact a text file" run 0 "$WOO" redact -o "$T/out.txt" "$T/verslag.txt"
check "…the input is untouched" test "$(sha256sum <"$T/verslag.txt")" = "$before"
check "…codes stand in the output" grep -q '5\.1\.2\.e' "$T/out.txt"
# Every marked text is gone from the output.
gone=1
while IFS= read -r name; do
  grep -qF -- "$name" "$T/out.txt" && { echo "  still there: (a marked text)"; gone=0; }
done < <(grep -o '"text": "[^"]*"' "$T/verslag.txt.marks.json" | sed 's/"text": "\(.*\)"/\1/' | sort -u)
check "…no marked text left" test "$gone" -eq 1
check "an existing output is not replaced" run 1 "$WOO" redact -o "$T/out.txt" "$T/verslag.txt"
check "…error says so" grep -q "exists" "$T/err"
check "--force replaces it" run 0 "$WOO" redact --force --style comma -o "$T/out.txt" "$T/verslag.txt"
check "…in the asked style" grep -q '5\.1\.2,e' "$T/out.txt"
check "forced verification failure" run 1 "$WOO" redact --test-fail-verify -o "$T/never.txt" "$T/verslag.txt"
check "…leaves no output" test ! -e "$T/never.txt"
check "…and no temporary file" test -z "$(ls -A "$T" | grep '^\.never' || true)"

# A marks file for another version of the document is refused.
sed 's/"sha256": "[0-9a-f]*"/"sha256": "0000"/' "$T/verslag.txt.marks.json" >"$T/stale.json"
check "stale marks refused" run 1 "$WOO" redact --marks "$T/stale.json" -o "$T/stale.txt" "$T/verslag.txt"
check "…naming the reason" grep -q "hash differs" "$T/err"

# Rejected marks are not applied.
sed '0,/"status": "proposed"/s//"status": "rejected"/' "$T/verslag.txt.marks.json" >"$T/rej.json"
check "marks with one rejected" run 0 "$WOO" redact --marks "$T/rej.json" -o "$T/rej.txt" "$T/verslag.txt"
n_all=$(grep -o '5\.1\.2[.,]e' "$T/out.txt" | wc -l)
n_rej=$(grep -o '5\.1\.2\.e' "$T/rej.txt" | wc -l)
check "…apply all but the rejected one" test "$n_rej" -lt "$n_all" -a "$n_rej" -gt 0

# A batch: folder layout mirrored, a bad file reported at the end.
mkdir -p "$T/batch/a/b"
cp "$SRC/corpus/mail-01/input.txt" "$T/batch/a/mail.txt"
cp "$SRC/corpus/memo-01/input.txt" "$T/batch/a/b/memo.txt"
printf 'x\0y' >"$T/batch/kapot.txt"
check "batch with one bad file exits 1" run 1 "$WOO" redact -j 2 -o "$T/outdir" "$T/batch"
check "…mirrors the folders" test -f "$T/outdir/a/b/memo.txt" -a -f "$T/outdir/a/mail.txt"
check "…and lists the failure at the end" grep -q "1 of 3 documents failed" "$T/err"

check "review page" run 0 "$WOO" review "$T/verslag.txt" -o "$T/review.html"
check "…is HTML with marks" grep -q '<mark id="m0"' "$T/review.html"
check "…and no network resources" bash -c "! grep -Eq '(src|href)=\"https?:' '$T/review.html'"
finish
