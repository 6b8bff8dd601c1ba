#!/usr/bin/env bash
# Bad input gets a one-line error naming the file, or a correct result;
# never a crash (this runs under the sanitizer build too).
. "$(dirname "$0")/lib.sh"

check "missing file" run 1 "$WOO" codes "$T/nope.txt"
check "missing file: one line naming it" one_line_error "nope.txt"
mkdir "$T/dir"
check "a directory given to text" run 1 "$WOO" text "$T/dir"
check "directory: one line" one_line_error "dir"
: >"$T/empty.txt"
check "0-byte file" run 0 "$WOO" codes --json "$T/empty.txt"
check "0-byte file has no codes" grep -q '"codes": \[\]' "$T/out"
printf 'Caf\xe9 5.1.2.e en Zo\xeb\n' >"$T/latin1.txt"
check "invalid UTF-8 read as Windows-1252" run 0 "$WOO" codes --json "$T/latin1.txt"
check "…with a warning naming the file" grep -q "warning: .*latin1.txt.*Windows-1252" "$T/err"
check "…and the code found" grep -q '"ground": "5.1.2.e"' "$T/out"
truncate -s 1G "$T/huge.txt"
check "1 GB file of zero bytes" run 1 "$WOO" codes "$T/huge.txt"
check "1 GB file: one line" one_line_error "huge.txt"
printf '%%PDF-1.7\n1 0 obj <<' >"$T/broken.pdf"
check "truncated PDF" run 1 "$WOO" text "$T/broken.pdf"
check "truncated PDF: one line" one_line_error "broken.pdf"
# An embedded-files entry that is not a file specification (poppler 22.12
# crashes listing it): refused with one line, the process survives.
cp "$SRC/tests/fuzz/seeds/pdf/attachment-not-a-dict.pdf" "$T/attach.pdf"
check "PDF with a broken embedded-file entry" run 1 "$WOO" text "$T/attach.pdf"
check "broken embedded file: one line" one_line_error "attach.pdf"
check "unknown command" run 2 "$WOO" frobnicate
check "unknown option" run 2 "$WOO" codes --frobnicate x
check "missing argument" run 2 "$WOO" scan
check "version" run 0 "$WOO" --version
check "grounds as JSON" run 0 "$WOO" grounds --json
check "…lists 5.1.2.e" grep -q '"code": "5.1.2.e"' "$T/out"
finish
