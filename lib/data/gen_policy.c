/* Build-time tool: turns the default policy YAML into a C header holding
 * its bytes as a char array, so the library needs no data files at run
 * time.  A byte array rather than a string literal, because ISO C caps
 * the length of a literal a compiler must accept.
 *
 *   gen_policy INPUT.yaml OUTPUT.h
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: gen_policy INPUT OUTPUT\n");
    return 2;
  }
  int rc = 1;
  FILE *in = fopen(argv[1], "rb");
  FILE *out = NULL;
  if (!in) {
    perror(argv[1]);
    goto done;
  }
  out = fopen(argv[2], "wb");
  if (!out) {
    perror(argv[2]);
    goto done;
  }
  fprintf(out, "/* Generated from %s by gen_policy; do not edit. */\n",
          argv[1]);
  fprintf(out, "static const unsigned char woo__default_policy_yaml[] = {\n");
  int ch;
  unsigned long n = 0;
  while ((ch = fgetc(in)) != EOF) {
    if (ch == 0) {
      fprintf(stderr, "%s: contains a NUL byte\n", argv[1]);
      goto done;
    }
    fprintf(out, "%s0x%02x,", n % 12 == 0 ? (n ? "\n  " : "  ") : " ", ch);
    n++;
  }
  if (ferror(in)) {
    perror(argv[1]);
    goto done;
  }
  fprintf(out, "%s0x00};\n", n ? "\n  " : "  ");
  rc = 0;
done:
  if (in)
    fclose(in);
  if (out && fclose(out) != 0) {
    perror(argv[2]);
    rc = 1;
  }
  if (rc != 0 && argc == 3)
    remove(argv[2]);
  return rc;
}
