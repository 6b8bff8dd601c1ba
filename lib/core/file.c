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

int woo__file_temp(const char *path, char **tmp_path, int *fd) {
  *tmp_path = NULL;
  *fd = -1;
  size_t n = strlen(path) + 16;
  char *t = woo__malloc(n);
  if (!t)
    return WOO_ENOMEM;
  /* Same folder as the target, so the rename cannot cross file systems;
   * a leading dot keeps half-written files out of folder listings. */
  const char *slash = strrchr(path, '/');
  size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
  snprintf(t, n, "%.*s.%s.XXXXXX", (int)dir, path, path + dir);
  int f = mkstemp(t);
  if (f < 0) {
    int e = errno;
    free(t);
    return woo__error(WOO_EIO, "%s: cannot create a temporary file: %s", path,
                      strerror(e));
  }
  fchmod(f, 0644);
  *tmp_path = t;
  *fd = f;
  return 0;
}

int woo__file_commit(const char *tmp_path, const char *path, bool overwrite) {
  int rc = 0;
  if (!overwrite) {
    /* link() fails if the target exists: no window in which another
     * writer's file could be replaced. */
    if (link(tmp_path, path) != 0) {
      int e = errno;
      rc = e == EEXIST ? woo__error(WOO_EEXISTS, "%s: exists (use --force to replace it)", path)
                       : woo__error(WOO_EIO, "%s: %s", path, strerror(e));
    }
    unlink(tmp_path);
    return rc;
  }
  if (rename(tmp_path, path) != 0) {
    rc = woo__error(WOO_EIO, "%s: %s", path, strerror(errno));
    unlink(tmp_path);
  }
  return rc;
}

int woo__file_write_atomic(const char *path, const void *data, size_t len,
                           bool overwrite) {
  struct stat st;
  if (!overwrite && stat(path, &st) == 0)
    return woo__error(WOO_EEXISTS, "%s: exists (use --force to replace it)", path);
  char *tmp;
  int fd, rc = woo__file_temp(path, &tmp, &fd);
  if (rc)
    return rc;
  const char *p = data;
  size_t left = len;
  while (left && rc == 0) {
    ssize_t w = write(fd, p, left);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      rc = woo__error(WOO_EIO, "%s: %s", path, strerror(errno));
    else {
      p += w;
      left -= (size_t)w;
    }
  }
  if (rc == 0 && fsync(fd) != 0)
    rc = woo__error(WOO_EIO, "%s: %s", path, strerror(errno));
  if (close(fd) != 0 && rc == 0)
    rc = woo__error(WOO_EIO, "%s: %s", path, strerror(errno));
  if (rc)
    unlink(tmp);
  else
    rc = woo__file_commit(tmp, path, overwrite);
  free(tmp);
  return rc;
}

int woo_write_file(const char *path, const void *data, size_t len,
                   int overwrite) {
  if (!path || (!data && len))
    return woo__error(WOO_EINVAL, "path or data is NULL");
  return woo__file_write_atomic(path, data ? data : "", len, overwrite != 0);
}
