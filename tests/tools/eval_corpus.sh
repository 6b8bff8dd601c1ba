#!/bin/sh
# The corpus bar of issue 4: token-level F1 over all entities and
# person-name recall, as printed by `woo eval` over corpus/.
#
#   eval_corpus.sh WOO CORPUS
woo=$1 corpus=$2
if [ $# -ne 2 ]; then
  echo "usage: $0 WOO CORPUS" >&2
  exit 2
fi
exec "$woo" eval --verbose \
  --require token-f1=0.95 \
  --require person-recall=0.98 \
  "$corpus"
