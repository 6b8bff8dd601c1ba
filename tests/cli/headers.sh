#!/usr/bin/env bash
# Every public header compiles on its own, as C11 with -pedantic -Werror,
# and the umbrella header also as C++ (its extern "C" blocks).
. "$(dirname "$0")/lib.sh"
cc=${CC:-cc}
for h in "$SRC"/include/woo.h "$SRC"/include/woo/*.h; do
  rel=${h#"$SRC"/include/}
  printf '#include "%s"\nint main(void) { return 0; }\n' "$rel" >"$T/h.c"
  check "$rel alone, C11 -pedantic -Werror" \
    "$cc" -std=c11 -pedantic -Wall -Wextra -Werror -fsyntax-only -I"$SRC/include" "$T/h.c"
done
if command -v c++ >/dev/null; then
  printf '#include "woo.h"\nint main() { return woo_version() ? 0 : 1; }\n' >"$T/h.cc"
  check "woo.h as C++" c++ -std=c++11 -pedantic -Wall -Wextra -Werror -fsyntax-only -I"$SRC/include" "$T/h.cc"
fi
finish
