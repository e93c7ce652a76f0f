/* bench/dupes - precision and recall of the duplicate-page finder (idx_dupes) on OCR texts
 * whose truth is known from their names: files "DOC.VARIANT.txt" of one DOC are the same
 * page scanned with different faults (they should pair), files of different DOCs are
 * different pages, some of them filled copies of the same form template (they should
 * not). Each text is filed as a one-page dossier in a temporary index; every pair the
 * finder gives at the threshold is checked against the names. Also the time per page of
 * the signature against the time to index the page without it (the baseline), in the
 * same run.
 * usage: bench/dupes [--min X] FILE.txt...   (docs/BENCHMARKS.md) */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hs_common.h"
#include "index.h"

static char **doc_of;
static int nfiles;

static int doc_index(const char *code)
{
    return atoi(code + 2); /* "D-N" */
}

typedef struct counts {
    long tp, fp;
    double min_same, max_other;
} counts;

static int pair(void *ud, const idx_dupe *d)
{
    counts *c = ud;
    int a = doc_index(d->code), b = doc_index(d->other_code);
    int same = strcmp(doc_of[a], doc_of[b]) == 0;
    if (same)
        c->tp++;
    else {
        c->fp++;
        fprintf(stderr, "false pair: %s ~ %s (%.2f)\n", doc_of[a], doc_of[b], d->similarity);
    }
    return 0;
}

int main(int argc, char **argv)
{
    double min = IDX_DUPE_SIMILARITY;
    int first = 1;
    if (argc > 2 && !strcmp(argv[1], "--min")) {
        min = atof(argv[2]);
        first = 3;
    }
    nfiles = argc - first;
    if (nfiles < 2) {
        fprintf(stderr, "usage: %s [--min X] FILE.txt...\n", argv[0]);
        return 2;
    }
    doc_of = calloc((size_t)nfiles, sizeof *doc_of);
    char path[] = "/tmp/hs_dupes_XXXXXX";
    if (!mkdtemp(path))
        return 1;
    char idxp[128];
    snprintf(idxp, sizeof idxp, "%s/index.sqlite", path);
    hs_err e;
    idx_db *db = NULL;
    if (idx_db_open(idxp, 0, &db, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    long want = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    idx_begin(db, &e);
    for (int i = 0; i < nfiles; i++) {
        const char *f = argv[first + i], *base = strrchr(f, '/');
        base = base ? base + 1 : f;
        const char *dot = strchr(base, '.');
        doc_of[i] = strndup(base, dot ? (size_t)(dot - base) : strlen(base));
        for (int k = 0; k < i; k++)
            want += strcmp(doc_of[k], doc_of[i]) == 0;
        char *text = NULL, code[32], sha[65];
        size_t len = 0;
        if (hs_file_read(f, 1 << 24, &text, &len, &e)) {
            fprintf(stderr, "%s\n", e.msg);
            return 1;
        }
        snprintf(code, sizeof code, "D-%d", i);
        snprintf(sha, sizeof sha, "%064d", i); /* every image distinct: text only */
        idx_page p = {1, "data/images/0001.png", sha, "data/text/0001.txt", sha, 90, text, 0};
        idx_dossier d = {code, "archive/x.zip", "2026-01-01T00:00:00Z", NULL, "{}", 1, &p, 0, NULL};
        if (idx_dossier_put(db, &d, &e)) {
            fprintf(stderr, "%s\n", e.msg);
            return 1;
        }
        free(text);
    }
    idx_commit(db, &e);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double put = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    counts c = {0, 0, 1, 0};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (idx_dupes(db, NULL, min, pair, &c, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double find = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    idx_db_close(db);
    printf("pages %d, same-page pairs %ld, threshold %.2f\n", nfiles, want, min);
    printf("found %ld true pairs, %ld false: recall %.3f, precision %.3f\n", c.tp, c.fp,
           want ? (double)c.tp / (double)want : 1.0,
           c.tp + c.fp ? (double)c.tp / (double)(c.tp + c.fp) : 1.0);
    printf("indexing with signatures %.1f ms a page; finding every pair %.1f ms in all\n",
           1000 * put / nfiles, 1000 * find);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        return 1;
    return 0;
}
