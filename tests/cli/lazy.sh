#!/bin/bash
# The shared library opens libxml2, minizip, GMime, poppler-glib and cairo
# only when a document needs them.  Without them (dlopen made to fail by a
# preloaded stand-in), a text file still reads, and a document that needs
# one is refused with one line naming the file and the library.  Plain
# `woo text` (which reads no metadata or annotations) prints the same text
# as --json.
#
#   lazy.sh SHIM PDF
. "$(dirname "$0")/lib.sh"
shim=$1 pdf=$2
if ! readelf -d "$WOO" 2>/dev/null | grep -q 'libwoo\.so'; then
  echo "SKIP: woo is linked to the static library"
  exit 77
fi
eml=$SRC/corpus/audit/docs/metadata-leak.eml
html=$SRC/corpus/audit/docs/metadata-leak.html
txt=$SRC/corpus/brief-01/input.txt

same_text() { # plain text equals the "text" of --json
  "$WOO" text "$1" >"$T/plain" 2>/dev/null &&
    "$WOO" text --json "$1" | jq -j .text >"$T/json" &&
    cmp -s "$T/plain" "$T/json"
}
for f in "$pdf" "$eml" "$html" "$txt"; do
  check "plain text = --json text: ${f##*/}" same_text "$f"
done

# ASan wants its runtime first among the preloaded libraries; the
# stand-in only replaces dlopen, so the order does not matter here.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
without() { # without WORDS CMD…
  local words=$1
  shift
  LD_PRELOAD=$shim WOO_TEST_DLOPEN_FAIL=$words "$@"
}
"$WOO" text "$pdf" >"$T/plain.pdf" 2>/dev/null
check "PDF without libxml2, minizip, GMime" \
  without xml2,minizip,gmime run 0 "$WOO" text "$pdf"
check "… same text" cmp -s "$T/out" "$T/plain.pdf"
check "text file without them" without xml2,minizip,gmime run 0 "$WOO" text "$txt"
check "e-mail without GMime: refused" without gmime run 1 "$WOO" text "$eml"
check "… one line naming the file and GMime" \
  eval 'one_line_error "metadata-leak.eml" && grep -q GMime "$T/err"'
check "HTML without libxml2: refused" without xml2 run 1 "$WOO" text "$html"
check "… one line naming the file and libxml2" \
  eval 'one_line_error "metadata-leak.html" && grep -q libxml2 "$T/err"'
check "scan of an e-mail without GMime: refused" \
  without gmime run 1 "$WOO" scan "$eml"
check "… one line" eval 'one_line_error "metadata-leak.eml"'
check "text file without poppler-glib and cairo" \
  without poppler,cairo run 0 "$WOO" scan "$txt"
check "PDF without poppler-glib: refused" without poppler run 1 "$WOO" text "$pdf"
check "… one line naming the file and poppler-glib" \
  eval 'one_line_error "${pdf##*/}" && grep -q poppler-glib "$T/err"'
check "PDF without cairo: refused" without cairo run 1 "$WOO" text "$pdf"
check "… one line naming the file and cairo" \
  eval 'one_line_error "${pdf##*/}" && grep -q cairo "$T/err"'
check "audit of a PDF without poppler-glib: refused" \
  without poppler run 1 "$WOO" audit "$pdf"
finish
