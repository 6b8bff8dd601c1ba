/* A small thread pool for batch commands.  Workers take the next input
 * from a shared counter; the main thread emits results in input order as
 * soon as they are ready, so output streams and memory stays bounded by
 * the number of results finished out of order. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "batch.h"

typedef struct slot {
  bool done;
  int status;
  char *result;
} slot;

typedef struct pool {
  pthread_mutex_t lock;
  pthread_cond_t ready;
  int next, n;
  int waiting; /* the input the main thread waits for, or -1 */
  slot *slots;
  batch_work_fn work;
  void *user;
} pool;

static void *worker(void *arg) {
  pool *p = arg;
  for (;;) {
    pthread_mutex_lock(&p->lock);
    int i = p->next < p->n ? p->next++ : -1;
    pthread_mutex_unlock(&p->lock);
    if (i < 0)
      return NULL;
    char *out = NULL;
    int st = p->work(p->user, i, &out);
    pthread_mutex_lock(&p->lock);
    p->slots[i].done = true;
    p->slots[i].status = st;
    p->slots[i].result = out;
    /* Wake the main thread only for the input it is waiting for: with
     * many small documents a wake-up per document costs more than the
     * work. */
    if (i == p->waiting)
      pthread_cond_signal(&p->ready);
    pthread_mutex_unlock(&p->lock);
  }
}

static void progress(const char *label, int done, int n) {
  int width = 30, fill = n ? done * width / n : width;
  fprintf(stderr, "\r%s [", label);
  for (int i = 0; i < width; i++)
    fputc(i < fill ? '#' : ' ', stderr);
  fprintf(stderr, "] %d/%d", done, n);
  if (done == n)
    fputc('\n', stderr);
  fflush(stderr);
}

int batch_parse_jobs(const char *s) {
  char *end;
  long v = strtol(s, &end, 10);
  return *s && !*end && v >= 0 && v <= 1024 ? (int)v : -1;
}

int batch_run(int n, int jobs, const char *label, batch_work_fn work,
              batch_emit_fn emit, void *user) {
  if (jobs <= 0) {
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    jobs = c > 0 ? (int)c : 1;
  }
  if (jobs > n)
    jobs = n > 0 ? n : 1;
  bool bar = n > 1 && isatty(STDERR_FILENO);
  pool p = {.n = n, .work = work, .user = user, .waiting = -1};
  p.slots = calloc((size_t)(n > 0 ? n : 1), sizeof *p.slots);
  if (!p.slots) {
    fprintf(stderr, "woo: out of memory\n");
    return n;
  }
  pthread_mutex_init(&p.lock, NULL);
  pthread_cond_init(&p.ready, NULL);
  /* One job needs no threads: the work runs here, input by input. */
  pthread_t *th = jobs > 1 ? calloc((size_t)jobs, sizeof *th) : NULL;
  int started = 0;
  for (int i = 0; th && i < jobs; i++)
    if (pthread_create(&th[i], NULL, worker, &p) == 0)
      started++;
  int failed = 0;
  for (int i = 0; i < n; i++) {
    if (started == 0) {
      char *out = NULL;
      p.slots[i].status = work(user, i, &out);
      p.slots[i].result = out;
      p.slots[i].done = true;
    }
    pthread_mutex_lock(&p.lock);
    p.waiting = i;
    while (!p.slots[i].done)
      pthread_cond_wait(&p.ready, &p.lock);
    p.waiting = -1;
    pthread_mutex_unlock(&p.lock);
    failed += p.slots[i].status != 0;
    emit(user, i, p.slots[i].status, p.slots[i].result);
    p.slots[i].result = NULL;
    if (bar)
      progress(label, i + 1, n);
  }
  for (int i = 0; i < started; i++)
    pthread_join(th[i], NULL);
  free(th);
  free(p.slots);
  pthread_mutex_destroy(&p.lock);
  pthread_cond_destroy(&p.ready);
  return failed;
}
