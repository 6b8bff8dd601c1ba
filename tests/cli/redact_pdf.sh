#!/bin/bash
# `woo redact` on a PDF, end to end: scan, redact with the marks, and check
# the output with the tools a reader would use (pdftotext, pdfinfo, qpdf).
#
#   redact_pdf.sh WOO PDF WORKDIR
#
# Exit 0 when every check passes, 1 on the first failure, 77 (skip) when
# poppler-utils are missing.
set -u

if [ $# -ne 3 ]; then
  echo "usage: $0 WOO PDF WORKDIR" >&2
  exit 2
fi
woo=$1 src=$2 work=$3

for tool in pdftotext pdfinfo; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed (poppler-utils)"
    exit 77
  fi
done

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# Folded text: lower case, one space for any white space.
fold() { tr '\n\f\t\r' '    ' | tr -s ' ' | tr '[:upper:]' '[:lower:]'; }

rm -rf "$work"
mkdir -p "$work" || exit 1
in=$work/in.pdf
out=$work/out.pdf
cp "$src" "$in" || exit 1
before=$(sha256sum <"$in")

# Marks beside the input are picked up by `woo redact`.
"$woo" scan --json "$in" >"$in.marks.json" || fail "woo scan exited with $?"
"$woo" redact -o "$out" "$in" 2>"$work/err" || fail "woo redact exited with $?: $(cat "$work/err")"
[ -s "$out" ] || fail "no output"

# The withheld strings: each mark's text, or a fixed list without jq.
if command -v jq >/dev/null 2>&1; then
  mapfile -t withheld < <(jq -r '.marks[] | select(.status != "rejected") |
    .text | gsub("\\s+"; " ")' "$in.marks.json")
else
  withheld=("sanne.dewit@oosterwolde.example" "06-12345678")
fi
[ ${#withheld[@]} -ge 5 ] || fail "only ${#withheld[@]} marks; the scan found too little to test"

text=$(pdftotext -q "$out" - | fold)
info=$(pdfinfo "$out"; pdfinfo -meta "$out")
raw=""
if command -v qpdf >/dev/null 2>&1; then
  qpdf --qdf --object-streams=disable "$out" "$work/qdf.pdf" ||
    fail "qpdf cannot read the output"
  raw=$(strings -n 2 "$work/qdf.pdf" | fold)
fi
for w in "${withheld[@]}"; do
  f=$(printf '%s' "$w" | fold)
  [ ${#f} -ge 2 ] || continue
  printf '%s' "$text" | grep -qiwF -- "$f" && fail "pdftotext finds a withheld string (${#f} bytes)"
  printf '%s' "$info" | grep -qiF -- "$f" && fail "pdfinfo finds a withheld string"
  [ -n "$raw" ] && printf '%s' "$raw" | grep -qiwF -- "$f" && fail "strings of the qdf file hold a withheld string"
done
printf '%s' "$text" | grep -qF "5.1.2.e" || fail "no code in the output's text"
printf '%s' "$text" | grep -qF "overleg wijkteam noord" || fail "the remaining text is not in the output"
printf '%s\n' "$info" | grep -q '^Creator: *libwoo' || fail "Creator is not libwoo"
printf '%s\n' "$info" | grep -q '^Author:' && fail "the output has an author"
[ "$(pdfinfo "$out" | sed -n 's/^Pages: *//p')" = "$(pdfinfo "$in" | sed -n 's/^Pages: *//p')" ] ||
  fail "page count differs"

# An existing output is kept without --force and replaced with it.
sum=$(sha256sum <"$out")
"$woo" redact -o "$out" "$in" 2>/dev/null && fail "an existing output was replaced without --force"
[ "$(sha256sum <"$out")" = "$sum" ] || fail "the existing output changed"
"$woo" redact --force --title "Verslag (openbaar)" --dpi 96 --no-labels \
  --box-color '#204080' -o "$out" "$in" 2>/dev/null || fail "--force did not replace the output"
pdfinfo "$out" | grep -q '^Title: *Verslag (openbaar)' || fail "--title is not in the output"

# A verification failure leaves nothing behind and exits 1.
"$woo" redact --test-fail-verify -o "$work/never.pdf" "$in" 2>"$work/err"
rc=$?
[ $rc -eq 1 ] || fail "--test-fail-verify exited with $rc, expected 1"
grep -q "page" "$work/err" || fail "the verification error does not name the page"
[ -e "$work/never.pdf" ] && fail "--test-fail-verify left an output"
ls -a "$work" | grep -q '^\.never\.pdf\.' && fail "--test-fail-verify left a temporary file"

# Without a text layer nothing is extractable.
"$woo" redact --no-text-layer -o "$work/image.pdf" "$in" 2>/dev/null || fail "--no-text-layer failed"
[ -z "$(pdftotext -q "$work/image.pdf" - | tr -d ' \n\f')" ] || fail "--no-text-layer output has text"

[ "$(sha256sum <"$in")" = "$before" ] || fail "the input was modified"
echo "ok: ${#withheld[@]} withheld strings absent; codes, title, force, verify failure and input checked"
