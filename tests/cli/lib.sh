# Shared by the command-line tests: $WOO is the binary, $SRC the source
# tree; `check` counts failures and the test exits non-zero if any.
set -u
WOO=${WOO:?}
SRC=${SRC:?}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
check() { # check DESCRIPTION COMMAND… : the command must succeed
  local what=$1
  shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fails=$((fails + 1)); fi
}
# run EXPECTED_STATUS CMD…: run, keep stdout/stderr in $T/out $T/err
run() {
  local want=$1
  shift
  "$@" >"$T/out" 2>"$T/err"
  local got=$?
  [ "$got" -eq "$want" ] || { echo "  exit $got, expected $want: $*"; sed 's/^/  stderr: /' "$T/err" | head -5; return 1; }
}
one_line_error() { # stderr is exactly one line starting "woo: " and naming $1
  [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q "^woo: .*$1" "$T/err"
}
finish() { [ "$fails" -eq 0 ]; exit $?; }
