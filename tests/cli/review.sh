#!/usr/bin/env bash
# woo review, rendered in headless Chromium: after the page has been laid
# out, every mark is a <mark> element and the legend has a row per ground
# with the right counts; a screenshot is taken (kept when
# WOO_REVIEW_SCREENSHOT names a file, which is how docs/review.png is
# made).  Skipped (77) when Chromium is not installed.
. "$(dirname "$0")/lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
  echo "chromium not installed; skipped"
  exit 77
fi

# Headless, with nothing that reaches the network or a profile.
chrome() {
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --user-data-dir="$(mktemp -d "$T/profile.XXXXXX")" "$@" \
    2>"$T/chrome.err"
}

cd "$SRC" || exit 1
in=corpus/verslag-01/input.txt
check "scan the corpus report" run 0 "$WOO" scan --json "$in"
cp "$T/out" "$T/marks.json"
marks=$(grep -c '"start":' "$T/marks.json")
check "…it has marks" test "$marks" -gt 0
grounds=$(grep -o '"ground": "[^"]*"' "$T/marks.json" | sort -u | wc -l)
check "review page" run 0 "$WOO" review "$in" --marks "$T/marks.json" -o "$T/review.html"
check "…written" test -s "$T/review.html"

# The DOM after rendering.
chrome --dump-dom "file://$T/review.html" >"$T/dom.html"
check "chromium renders the page" test -s "$T/dom.html"
check "…one <mark> per mark ($marks)" test "$(grep -o '<mark id="m[0-9]*"' "$T/dom.html" | wc -l)" -eq "$marks"
check "…each in a ground colour" test "$(grep -o '<mark id="m[0-9]*" class="[a-z]*" style="background:#[0-9a-f]\{6\}"' "$T/dom.html" | wc -l)" -eq "$marks"
check "…the legend" grep -q '<table id="legend">' "$T/dom.html"
check "…a legend row per ground ($grounds)" test "$(grep -o '<td class="count">' "$T/dom.html" | wc -l)" -eq "$grounds"
sum=$(grep -o '<td class="count">[0-9]*</td>' "$T/dom.html" | grep -o '[0-9]*' | awk '{s += $1} END {print s + 0}')
check "…counts adding up to $marks" test "$sum" -eq "$marks"
check "…the marks table, a row per mark" test "$(grep -o '<a href="#m[0-9]*">' "$T/dom.html" | wc -l)" -eq "$marks"
check "…no script ran or was added" test "$(grep -c '<script' "$T/dom.html")" -eq 0

# A screenshot of the laid-out page: a PNG of the asked size.
chrome --screenshot="$T/review.png" --window-size=1400,1000 "file://$T/review.html" >/dev/null
check "screenshot taken" test -s "$T/review.png"
check "…a PNG" test "$(head -c 8 "$T/review.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a"
check "…1400×1000" test "$(od -An -tu1 -j16 -N8 "$T/review.png" | tr -s ' ' | sed 's/^ //')" = "0 0 5 120 0 0 3 232"
check "…not blank" test "$(stat -c %s "$T/review.png")" -gt 20000
if [ -n "${WOO_REVIEW_SCREENSHOT:-}" ]; then
  cp "$T/review.png" "$WOO_REVIEW_SCREENSHOT"
fi
finish
