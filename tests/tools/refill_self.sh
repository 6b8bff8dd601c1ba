#!/bin/sh
# The refill tool on a made-up letter: which stretches it refills and
# with what kind of value, and what it leaves as published.  The refill
# evaluation is only as good as this.
#
#   refill_self.sh REFILL
set -u
refill=$1
work=$(mktemp -d "${TMPDIR:-/tmp}/woo-refill-self.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
mkdir "$work/docs"
cat >"$work/docs/brief.txt" <<'DOC'
Geachte [...],

Naar aanleiding van uw verzoek over het ongeval van dhr. [persoonsnaam]
sturen wij u de stukken.  Contactpersoon is 5.1.2.e, T [telnr. opsteller].
Met [het kenmerk] en [de referentie] kunt u ons bereiken.
Het citaat luidt: "wij zullen [...] nader berichten".

  40a    Opleiding [persoonsnaam 1]                 Deels openbaar    10.2.e
DOC
"$refill" "$work/out" "$work/docs" >/dev/null || { echo "refill failed"; exit 1; }
gold=$work/out/brief/gold.txt input=$work/out/brief/input.txt
fail=0
expect() { # expect COUNT PATTERN FILE WHAT
  n=$(grep -o -- "$2" "$3" | wc -l)
  if [ "$n" -ne "$1" ]; then
    echo "FAIL: $4: $n, expected $1"
    fail=1
  fi
}
# the salutation's elision, the titled placeholder, the code and the
# placeholder in the inventory row are names; the phone placeholder a
# number
expect 4 '{{person:[^}]*}}' "$gold" "names refilled"
expect 1 '{{phone:[0-9 +-]*}}' "$gold" "phone numbers refilled"
# placeholders that name no personal data, an elision in a quotation and
# the ground code in the inventory column stay as published
expect 1 '\[het kenmerk\]' "$input" "[het kenmerk] kept"
expect 1 '\[de referentie\]' "$input" "[de referentie] kept"
expect 1 'wij zullen \[\.\.\.\] nader' "$input" "elision in a quotation kept"
expect 1 'openbaar    10\.2\.e' "$input" "ground column kept"
expect 0 'persoonsnaam\|telnr\|5\.1\.2\.e' "$input" "refilled stretches gone"
# gold.txt is input.txt with the marks around the inserted values
if [ "$(sed 's/{{[a-z]*:\([^}]*\)}}/\1/g' "$gold")" != "$(cat "$input")" ]; then
  echo "FAIL: gold.txt without its marks differs from input.txt"
  fail=1
fi
[ "$fail" -eq 0 ] && echo "refill on a made-up letter: as expected"
exit "$fail"
