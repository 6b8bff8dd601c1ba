#!/usr/bin/env bash
# Install dependencies, build, and run woo on the bundled sample meeting
# report in corpus/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null
sample=corpus/pto-verslag/input.txt
echo "== woo codes $sample"
./build/cli/woo codes "$sample"
