/* bench/codes - what reading barcodes and QR codes adds to a page: scan_page_codes on the
 * archival image against Tesseract's recognition of the same page (the baseline), in one
 * run, per page and in all.
 * usage: bench/codes IMAGE...   (docs/BENCHMARKS.md) */
#define _POSIX_C_SOURCE 200809L
#include <leptonica/allheaders.h>
#include <malloc.h>
#include <stdio.h>
#include <time.h>

#include "ocr.h"
#include "scan.h"

static double cpu(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s IMAGE...\n", argv[0]);
        return 2;
    }
    /* as hoso's main does: page buffers stay in the heap */
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    scan_quiet();
    hs_err e;
    ocr_engine *eng = NULL;
    if (ocr_engine_new("vie", &eng, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    double tc = 0, to = 0;
    int pages = 0;
    for (int i = 1; i < argc; i++) {
        scan_source *src = NULL;
        PIX *pix = NULL, *clean = NULL;
        scan_page_info info;
        if (scan_source_open(argv[i], &src, &e) || scan_page_load(src, 0, &pix, &info, &e) ||
            scan_page_clean(pix, &info, &clean, &e)) {
            fprintf(stderr, "%s\n", e.msg);
            scan_source_close(src);
            continue;
        }
        scan_code *codes = NULL;
        int n = 0;
        /* processor time of this thread: the machine may be shared */
        double t0 = cpu();
        scan_page_codes(pix, info.dpi, &codes, &n, &e);
        double t1 = cpu();
        ocr_result res = {0};
        ocr_engine_page(eng, clean, info.dpi, &res, &e);
        double t2 = cpu();
        printf("%-48s codes %d  %.1f ms   ocr %.0f ms   %.1f%%\n", argv[i], n,
               1000 * (t1 - t0), 1000 * (t2 - t1), 100 * (t1 - t0) / (t2 - t1));
        tc += t1 - t0;
        to += t2 - t1;
        pages++;
        ocr_result_release(&res);
        scan_codes_free(codes, n);
        pixDestroy(&clean);
        pixDestroy(&pix);
        scan_source_close(src);
    }
    ocr_engine_free(eng);
    if (pages)
        printf("%d pages: codes %.1f ms a page, OCR %.0f ms a page: codes add %.1f%% of OCR\n",
               pages, 1000 * tc / pages, 1000 * to / pages, 100 * tc / to);
    return 0;
}
