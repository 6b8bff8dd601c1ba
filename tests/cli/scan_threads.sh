#!/usr/bin/env bash
# woo scan on a batch: the marks do not depend on the number of threads or
# on which thread reads which document first.  The batch is the corpus
# inputs and documents that write the same made-up name in spellings that
# fold alike, so that the names a batch learns would follow the order the
# documents were read in if that order mattered.
. "$(dirname "$0")/lib.sh"

mkdir -p "$T/batch"
for f in "$SRC"/corpus/*/input.txt; do
  cp "$f" "$T/batch/$(basename "$(dirname "$f")").txt"
done
# One spelling first in name order, in a long document that takes a
# thread a while; the other in short documents after it, which other
# threads learn from in the meantime.
{
  printf 'Geachte mevrouw de Groot-Bos,\n\n'
  yes 'De stukken voor de vergadering van het college volgen nog.' | head -n 20000
} >"$T/batch/kort-000.txt"
for i in $(seq -w 1 40); do
  printf 'Geachte mevrouw De Groot-Bos,\n\nHierbij de stukken.\n\n1Wethouder De Groot-Bos zegt toe dat het stuk komt.\n2Wethouder de Groot-Bos zegt het ook.\n' \
    >"$T/batch/kort-$i.txt"
done

check "scan -j 1" run 0 "$WOO" scan -j 1 --jsonl "$T/batch"
cp "$T/out" "$T/one.jsonl"
check "…marks from learned names" grep -q '"source":"batch"' "$T/one.jsonl"
for round in 1 2 3; do
  for j in 2 4; do
    check "scan -j $j (round $round): same marks as -j 1" \
      run 0 "$WOO" scan -j "$j" --jsonl "$T/batch"
    check "…identical" cmp -s "$T/out" "$T/one.jsonl"
  done
done
finish
