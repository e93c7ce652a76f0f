/* test_omp.c - Tesseract's OpenMP regions run on the calling thread when the thread limit
 * is 1 (ocr/ocr_omp.c), and by libgomp when it is more. This program is built with
 * -fopenmp: its own `parallel` and `parallel sections` constructs call the same
 * GOMP_parallel and GOMP_parallel_sections entry points as libtesseract's do. */
#define _POSIX_C_SOURCE 200809L
#include <omp.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "ocr_int.h"
#include "testhelp.h"

static char **t_argv;

/* Four sections, as Tesseract's LSTM runs its gates: which ran, in which order, on which
 * thread, and a parallel loop inside one of them. */
static int sections_run(int order[4], int *threads, int *same_thread, long *loop_sum, int *level)
{
    int n = 0;
    pthread_t me = pthread_self();
    int other = 0;
    long sum = 0;
#pragma omp parallel sections num_threads(4)
    {
#pragma omp section
        {
#pragma omp critical
            order[n++] = 1;
    other |= !pthread_equal(pthread_self(), me);
}
#pragma omp section
{
#pragma omp critical
    order[n++] = 2;
    other |= !pthread_equal(pthread_self(), me);
}
#pragma omp section
{
#pragma omp critical
    order[n++] = 3;
    other |= !pthread_equal(pthread_self(), me);
    /* a region inside a section */
    long s = 0;
#pragma omp parallel for reduction(+ : s) num_threads(2)
    for (int i = 1; i <= 1000; i++)
        s += i;
    sum = s;
}
#pragma omp section
{
#pragma omp critical
    order[n++] = 4;
    other |= !pthread_equal(pthread_self(), me);
    *threads = omp_get_num_threads();
    /* 1 inside libgomp's team; 0 when the body runs as code outside any region */
    *level = omp_get_level();
}
}
*same_thread = !other;
*loop_sum = sum;
return n;
}

static int t_serial(void)
{
    T_ASSERT(omp_get_thread_limit() == 1);
    T_ASSERT(ocr_omp_serial() == 1);
    int order[4] = {0}, threads = 0, same = 0, level = -1;
    long sum = 0;
    /* twice: the section numbers start again for each region */
    for (int round = 0; round < 2; round++) {
        T_ASSERT(sections_run(order, &threads, &same, &sum, &level) == 4);
        for (int k = 0; k < 4; k++)
            T_ASSERT(order[k] == k + 1);
        T_ASSERT(threads == 1 && same);
        T_ASSERT(sum == 500500);
        T_ASSERT(level == 0); /* no team of one was made */
    }
    /* a parallel loop: every iteration once, on this thread, no team */
    int hits[64] = {0}, nthreads = 0, loop_level = -1;
#pragma omp parallel for num_threads(8)
    for (int i = 0; i < 64; i++) {
        hits[i]++;
        if (i == 0) {
            nthreads = omp_get_num_threads();
            loop_level = omp_get_level();
        }
    }
    for (int i = 0; i < 64; i++)
        T_ASSERT(hits[i] == 1);
    T_ASSERT(nthreads == 1 && loop_level == 0);
    return 0;
}

/* With two threads allowed, libgomp runs the regions: each section still once. */
static int t_threads(void)
{
    const char *limit = getenv("OMP_THREAD_LIMIT");
    if (!limit || strcmp(limit, "2") != 0) {
        /* libgomp reads the limit when it is loaded: start again with it */
        setenv("OMP_THREAD_LIMIT", "2", 1);
        char *args[] = {t_argv[0], "threads", NULL};
        execv("/proc/self/exe", args);
        return 1;
    }
    T_ASSERT(ocr_omp_serial() == 0);
    int order[4] = {0}, threads = 0, same = 0, level = -1;
    long sum = 0;
    T_ASSERT(sections_run(order, &threads, &same, &sum, &level) == 4);
    T_ASSERT(level == 1);
    int seen = 0;
    for (int k = 0; k < 4; k++)
        seen |= 1 << order[k];
    T_ASSERT(seen == 0x1e);
    T_ASSERT(threads == 2);
    T_ASSERT(sum == 500500);
    return 0;
}

static const t_case cases[] = {
    {"serial", t_serial},
    {"threads", t_threads},
};

int main(int argc, char **argv)
{
    t_argv = argv;
    return t_run(cases, sizeof cases / sizeof cases[0], argc, argv);
}
