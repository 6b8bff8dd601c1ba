#!/bin/sh
# Refill evaluation on real published documents (DESIGN, "Quality bars"):
# every privacy code that stands for withheld text gets a made-up value
# back, and the scanner is scored against those values, with everything
# the publisher left visible counted as text that must not be flagged.
#
#   refill.sh REFILL WOO REALDOCS
#
# The documents are not part of the source tree; without them the test
# is skipped.  Set KEEP=DIR to keep the generated cases for a look with
# `woo eval --misses DIR`.
refill=$1 woo=$2 docs=$3
if [ $# -ne 3 ]; then
  echo "usage: $0 REFILL WOO REALDOCS" >&2
  exit 2
fi
if [ ! -d "$docs" ]; then
  echo "SKIP: no published documents at $docs"
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/woo-refill.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
"$refill" "$work/cases" "$docs" || exit 1
[ -n "${KEEP:-}" ] && { rm -rf "$KEEP"; cp -r "$work/cases" "$KEEP"; }
"$woo" eval --verbose \
  --require person-recall=0.97 \
  --require token-precision=0.90 \
  "$work/cases"
