/* Native single-precision matrix-multiply peak of this machine: OpenBLAS cblas_sgemm computing
 * C = A·Bᵀ (row-major; the same shape as a cosine-similarity matrix of unit rows).
 * Usage: sgemm M N K REPS  → prints one JSON line with every run's seconds and GFLOP/s.
 * Threads follow OPENBLAS_NUM_THREADS. */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc < 5) { fprintf(stderr, "usage: sgemm M N K REPS\n"); return 2; }
  int m = atoi(argv[1]), n = atoi(argv[2]), k = atoi(argv[3]), reps = atoi(argv[4]);
  float *a = malloc(sizeof(float) * (size_t)m * k);
  float *b = malloc(sizeof(float) * (size_t)n * k);
  float *c = malloc(sizeof(float) * (size_t)m * n);
  if (!a || !b || !c) { fprintf(stderr, "out of memory\n"); return 1; }
  /* Deterministic pseudo-random inputs: the values do not change the speed, only avoid denormals. */
  unsigned s = 12345;
  for (size_t i = 0; i < (size_t)m * k; i++) { s = s * 1103515245u + 12345u; a[i] = (float)((s >> 8) & 0xffff) / 65536.0f - 0.5f; }
  for (size_t i = 0; i < (size_t)n * k; i++) { s = s * 1103515245u + 12345u; b[i] = (float)((s >> 8) & 0xffff) / 65536.0f - 0.5f; }
  /* One untimed call: thread pool start-up and page faults are not part of the peak. */
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1.0f, a, k, b, k, 0.0f, c, n);
  double flop = 2.0 * m * n * k;
  printf("{\"m\":%d,\"n\":%d,\"k\":%d,\"threads\":%d,\"runs\":[", m, n, k, openblas_get_num_threads());
  for (int r = 0; r < reps; r++) {
    double t0 = now();
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, n, k, 1.0f, a, k, b, k, 0.0f, c, n);
    double dt = now() - t0;
    printf("%s{\"seconds\":%.6f,\"gflops\":%.3f}", r ? "," : "", dt, flop / dt / 1e9);
  }
  printf("],\"checksum\":%.4f}\n", (double)c[0] + c[(size_t)m * n - 1]);
  free(a); free(b); free(c);
  return 0;
}
