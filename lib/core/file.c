/* Reading inputs and writing outputs safely: inputs are only read, and
 * outputs appear whole or not at all. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

int woo__file_read(const char *path, size_t max, char **data, size_t *len) {
  *data = NULL;
  *len = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    return woo__error(e == ENOENT ? WOO_ENOTFOUND : WOO_EIO, "%s: %s", path,
                      e == ENOENT ? "no such file" : strerror(e));
  }
  int rc = 0;
  char *buf = NULL;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    rc = woo__error(WOO_EIO, "%s: %s", path, strerror(errno));
    goto done;
  }
  if (S_ISDIR(st.st_mode)) {
    rc = woo__error(WOO_EIO, "%s: is a directory", path);
    goto done;
  }
  if (!S_ISREG(st.st_mode)) {
    rc = woo__error(WOO_EIO, "%s: not a regular file", path);
    goto done;
  }
  if ((uintmax_t)st.st_size > (uintmax_t)max) {
    rc = woo__error(WOO_ELIMIT, "%s: file is %jd bytes, over the limit of %zu",
                    path, (intmax_t)st.st_size, max);
    goto done;
  }
  size_t size = (size_t)st.st_size, got = 0;
  buf = malloc(size + 1);
  if (!buf) {
    rc = woo__error(WOO_ENOMEM, "%s: out of memory for %zu bytes", path, size);
    goto done;
  }
  while (got < size) {
    ssize_t r = read(fd, buf + got, size - got);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0) {
      rc = woo__error(WOO_EIO, "%s: %s", path, strerror(errno));
      goto done;
    }
    if (r == 0)
      break; /* the file shrank while we read it */
    got += (size_t)r;
  }
  buf[got] = '\0';
  *data = buf;
  *len = got;
  buf = NULL;
done:
  free(buf);
  close(fd);
  return rc;
}
