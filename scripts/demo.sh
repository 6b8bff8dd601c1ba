#!/usr/bin/env bash
# Install dependencies, build, and redact the bundled sample meeting
# report (corpus/pto-roundtrip) to text and to PDF.  Results go to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null
woo=./build/cli/woo
sample=corpus/pto-roundtrip/input.txt
policy=corpus/pto-roundtrip/policy.yaml
mkdir -p out

echo "== woo scan: what the policy withholds in $sample"
$woo scan --policy "$policy" "$sample" | head -12
echo "   …"

echo "== woo redact to text: out/verslag.txt"
$woo redact --force --policy "$policy" -o out/verslag.txt "$sample"
sed -n '30,40p' out/verslag.txt

if [ -x build/tests/fixtures/txt2pdf ]; then
  echo "== woo redact to PDF: out/verslag.pdf (from a PDF of the same report)"
  build/tests/fixtures/txt2pdf "$sample" out/verslag-origineel.pdf
  $woo redact --force --policy "$policy" -o out/verslag.pdf out/verslag-origineel.pdf
  if command -v pdftotext >/dev/null; then
    pdftotext out/verslag.pdf - | sed -n '34,40p'
  fi
fi

echo "== woo review: out/review.html (for reviewers: it shows the withheld text)"
$woo review --force --policy "$policy" -o out/review.html "$sample"
echo "done: out/verslag.txt, out/verslag.pdf, out/review.html"
