/* ocr_omp.c - Tesseract's OpenMP regions run on the calling thread when one thread is all
 * they may have.
 *
 * hoso runs one Tesseract per worker thread with OMP_THREAD_LIMIT=1 (cli/main.c). libgomp
 * still sets up a team of one for each `#pragma omp parallel` region Tesseract enters (its
 * LSTM layers enter one per line and layer: ~86 000 for a page) and ends it with a barrier
 * whose futex wake is a system call each time: ~5% of a page's CPU in the kernel
 * (docs/BENCHMARKS.md, "Batch throughput"). This GOMP_parallel, found by the dynamic linker
 * before libgomp's for libtesseract's calls, runs the region's body directly when the
 * thread limit is 1: the body's OpenMP calls then see no team, as in a construct outside
 * any parallel region, which libgomp supports (one thread, thread number 0, barriers that
 * return at once). With more threads allowed it hands the region to libgomp unchanged. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>

#include "ocr_int.h"

typedef void (*gomp_parallel_fn)(void (*fn)(void *), void *data, unsigned num_threads,
                                 unsigned flags);

typedef void (*gomp_sections_fn)(void (*fn)(void *), void *data, unsigned num_threads,
                                 unsigned count, unsigned flags);

static gomp_parallel_fn next_parallel;
static gomp_sections_fn next_sections;
static unsigned (*next_sections_next)(void);
static void (*next_sections_end_nowait)(void);
static int serial;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void resolve(void)
{
    /* POSIX's way to take a function from dlsym's object pointer */
    *(void **)&next_parallel = dlsym(RTLD_NEXT, "GOMP_parallel");
    *(void **)&next_sections = dlsym(RTLD_NEXT, "GOMP_parallel_sections");
    *(void **)&next_sections_next = dlsym(RTLD_NEXT, "GOMP_sections_next");
    *(void **)&next_sections_end_nowait = dlsym(RTLD_NEXT, "GOMP_sections_end_nowait");
    int (*limit)(void) = NULL;
    *(void **)&limit = dlsym(RTLD_DEFAULT, "omp_get_thread_limit");
    /* without libgomp (no OpenMP in this Tesseract) nothing calls these */
    serial = !next_parallel || !next_sections || !next_sections_next || !next_sections_end_nowait ||
             (limit && limit() == 1);
}

int ocr_omp_serial(void)
{
    pthread_once(&once, resolve);
    return serial;
}

/* The entry point GCC calls for `#pragma omp parallel` (libgomp's ABI, GOMP_4.0). */
void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags);
void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags)
{
    if (ocr_omp_serial())
        fn(data);
    else
        next_parallel(fn, data, num_threads, flags);
}

/* `#pragma omp parallel sections` (Tesseract's LSTM runs its four gates so): GCC's body
 * asks GOMP_sections_next for section numbers until it returns 0, then calls
 * GOMP_sections_end_nowait. Run serially, this thread hands out 1 .. count itself; the
 * state is saved and restored around the body, for a region inside a section. */
static _Thread_local struct {
    unsigned next, end; /* next section, one past the last; end 0: none of ours */
} sections;

void GOMP_parallel_sections(void (*fn)(void *), void *data, unsigned num_threads, unsigned count,
                            unsigned flags);
void GOMP_parallel_sections(void (*fn)(void *), void *data, unsigned num_threads, unsigned count,
                            unsigned flags)
{
    if (!ocr_omp_serial()) {
        next_sections(fn, data, num_threads, count, flags);
        return;
    }
    unsigned saved_next = sections.next, saved_end = sections.end;
    sections.next = 1;
    sections.end = count + 1;
    fn(data);
    sections.next = saved_next;
    sections.end = saved_end;
}

unsigned GOMP_sections_next(void);
unsigned GOMP_sections_next(void)
{
    if (!sections.end)
        return next_sections_next();
    return sections.next < sections.end ? sections.next++ : 0;
}

void GOMP_sections_end_nowait(void);
void GOMP_sections_end_nowait(void)
{
    if (!sections.end)
        next_sections_end_nowait();
}
