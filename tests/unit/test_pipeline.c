/* test_pipeline.c - the pipeline library against a real home: a real SQLite index and real
 * zips. Filing is all or nothing, an append keeps the old pages and continues the event
 * log, codes are allocated in order (and in a shard's lane), never over a zip on disk, and
 * archives the index lost are adopted. Pages are recognised by the real Tesseract. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ocr.h"
#include "pipeline.h"
#include "testhelp.h"

static char dir[64];
static pl_home home;
static ocr_engine *eng;

static int setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/hs_pl_XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    hs_err e;
    T_OK(pl_home_open(&home, dir, 1, &e));
    T_OK(ocr_engine_new("vie", &eng, &e));
    return 0;
}

static void teardown(void)
{
    ocr_engine_free(eng);
    eng = NULL;
    pl_home_release(&home);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
}

/* Recognises the test page into fresh pages. */
static pl_pages *page(const pl_options *o)
{
    char *files[] = {HS_TEST_DATA "/letter_top.png"};
    pl_pages *p = NULL;
    hs_err e;
    if (pl_recognise(eng, o, files, 1, &p, &e)) {
        fprintf(stderr, "recognise: %s\n", e.msg);
        return NULL;
    }
    return p;
}

/* Files one page with o; rc is pl_file's. */
static int file_one(idx_db *db, const pl_options *o, pl_hook hook, pl_result *res, hs_err *e)
{
    pl_pages *p = page(o);
    if (!p)
        return -100;
    int rc = pl_file(&home, db, o, p, hook, NULL, res, e);
    pl_pages_free(p);
    return rc;
}

static int count_zips(void)
{
    char **list = NULL;
    size_t n = 0;
    if (pl_home_archives(&home, &list, &n, NULL))
        return -1;
    pl_home_archives_free(list, n);
    return (int)n;
}

static const char *today_prefix(char buf[64])
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    snprintf(buf, 64, "X.1-%02d%02d%02d", tm.tm_year % 100, tm.tm_mon + 1, tm.tm_mday);
    return buf;
}

static int t_codes(void)
{
    T_OK(setup());
    hs_err e;
    idx_db *db = NULL;
    T_OK(pl_home_index(&home, 0, &db, &e));
    pl_options o = {.lang = "vie", .agency = "X.1"};
    pl_result r1, r2, r3;
    char pre[64], want[96];
    today_prefix(pre);
    T_OK(file_one(db, &o, NULL, &r1, &e));
    snprintf(want, sizeof want, "%s-0001", pre);
    T_STREQ(r1.code, want);
    T_OK(file_one(db, &o, NULL, &r2, &e));
    snprintf(want, sizeof want, "%s-0002", pre);
    T_STREQ(r2.code, want);
    /* shard 2 of 3 numbers 2, 5, 8 ...: the next free number in its lane */
    o.shard_k = 2;
    o.shard_n = 3;
    T_OK(file_one(db, &o, NULL, &r3, &e));
    snprintf(want, sizeof want, "%s-0005", pre);
    T_STREQ(r3.code, want);
    T_ASSERT(r1.pages == 1 && r1.added == 1 && access(r1.archive, F_OK) == 0);
    /* a given code already filed is refused, and nothing is written */
    pl_options g = {.lang = "vie", .code = r1.code};
    pl_result r4;
    T_ASSERT(file_one(db, &g, NULL, &r4, &e) == HS_EEXIST);
    T_CONTAINS(e.msg, "already exists");
    T_ASSERT(count_zips() == 3);
    pl_result_release(&r1);
    pl_result_release(&r2);
    pl_result_release(&r3);
    idx_db_close(db);
    teardown();
    return 0;
}

static int failing_hook(idx_db *db, void *ud, const char *code, int pages, hs_err *err)
{
    (void)db;
    (void)ud;
    (void)pages;
    return hs_err_set(err, HS_EIO, 0, "hook refused '%s'", code);
}

/* A failure at the last step before the rename leaves nothing: no zip, no temporary file,
 * no index row, and the code is not used up. */
static int t_all_or_nothing(void)
{
    T_OK(setup());
    hs_err e;
    idx_db *db = NULL;
    T_OK(pl_home_index(&home, 0, &db, &e));
    pl_options o = {.lang = "vie", .code = "AON-1"};
    pl_result r;
    T_ASSERT(file_one(db, &o, failing_hook, &r, &e) == HS_EIO);
    T_CONTAINS(e.msg, "hook refused 'AON-1'");
    T_ASSERT(count_zips() == 0);
    int exists = 1;
    T_OK(idx_code_exists(db, "AON-1", &exists, &e));
    T_ASSERT(!exists);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "test -z \"$(find '%s' -name '*.tmp-*')\"", dir);
    T_ASSERT(system(cmd) == 0);
    /* and the same dossier files afterwards */
    T_OK(file_one(db, &o, NULL, &r, &e));
    T_STREQ(r.code, "AON-1");
    pl_result_release(&r);
    idx_db_close(db);
    teardown();
    return 0;
}

static int t_append(void)
{
    T_OK(setup());
    hs_err e;
    idx_db *db = NULL;
    T_OK(pl_home_index(&home, 0, &db, &e));
    pl_options o = {.lang = "vie", .code = "APP-1"};
    pl_result r;
    T_OK(file_one(db, &o, NULL, &r, &e));
    pl_result_release(&r);
    /* appending to a code never filed is refused */
    pl_options bad = {.lang = "vie", .code = "APP-2", .append = 1};
    T_ASSERT(file_one(db, &bad, NULL, &r, &e) == HS_ENOTFOUND);
    o.append = 1;
    T_OK(file_one(db, &o, NULL, &r, &e));
    T_ASSERT(r.pages == 2 && r.added == 1);
    /* the bag holds both pages and a log that continues */
    arc_reader *ar = NULL;
    T_OK(arc_open(r.archive, &ar, &e));
    T_ASSERT(arc_verify(ar, NULL, NULL) == 0);
    char *data = NULL;
    size_t len = 0;
    T_OK(arc_read(ar, "data/text/0002.txt", &data, &len, &e));
    free(data);
    T_OK(arc_read(ar, "data/events.jsonl", &data, &len, &e));
    T_CONTAINS(data, "\"type\":\"ingestion\"");
    T_CONTAINS(data, "\"type\":\"append\"");
    T_ASSERT(strstr(data, "ingestion") < strstr(data, "\"append\""));
    free(data);
    arc_close(ar);
    T_ASSERT(pl_verify_archive(db, "APP-1", r.archive, NULL, NULL) == 0);
    pl_result_release(&r);
    idx_db_close(db);
    teardown();
    return 0;
}

/* Archives the index does not know are adopted; a damaged one keeps its code. */
static int t_adopt(void)
{
    T_OK(setup());
    hs_err e;
    idx_db *db = NULL;
    T_OK(pl_home_index(&home, 0, &db, &e));
    pl_options o = {.lang = "vie", .agency = "X.1"};
    pl_result r;
    T_OK(file_one(db, &o, NULL, &r, &e));
    idx_db_close(db);
    /* a new, empty index: the zip is unknown to it */
    char idx[128], cmd[512];
    snprintf(idx, sizeof idx, "%s/index.sqlite", dir);
    snprintf(cmd, sizeof cmd, "rm -f '%s' '%s-wal' '%s-shm'", idx, idx, idx);
    T_ASSERT(system(cmd) == 0);
    T_OK(idx_db_open(idx, 0, &db, &e));
    /* beside it, a damaged zip holding the next code's place */
    char pre[64], next[512];
    today_prefix(pre);
    char *slash = strrchr(r.archive, '/');
    snprintf(next, sizeof next, "%.*s/%s-0002.zip", (int)(slash - r.archive), r.archive, pre);
    FILE *f = fopen(next, "w");
    T_ASSERT(f && fputs("not a zip", f) >= 0 && fclose(f) == 0);
    int adopted = 0;
    T_OK(pl_home_adopt(&home, db, NULL, NULL, &adopted, &e));
    T_ASSERT(adopted == 1);
    int exists = 0;
    T_OK(idx_code_exists(db, r.code, &exists, &e));
    T_ASSERT(exists);
    pl_result r2;
    T_OK(file_one(db, &o, NULL, &r2, &e));
    char want[96];
    snprintf(want, sizeof want, "%s-0003", pre);
    T_STREQ(r2.code, want);
    f = fopen(next, "r");
    char buf[16] = {0};
    T_ASSERT(f && fread(buf, 1, sizeof buf - 1, f) == 9 && fclose(f) == 0);
    T_STREQ(buf, "not a zip");
    pl_result_release(&r);
    pl_result_release(&r2);
    idx_db_close(db);
    teardown();
    return 0;
}

/* The temporary zips of a writer that is gone are swept, libzip's own temporary file of
 * one too (a kill inside zip_close); a live writer's and other files are left. */
static int t_sweep(void)
{
    T_OK(setup());
    char sub[128], path[256];
    snprintf(sub, sizeof sub, "%s/archive/2026", dir);
    T_OK(hs_mkdir_p(sub, NULL));
    /* a PID that is not running: above the kernel's pid_max */
    static const char *const gone[] = {"A.zip.tmp-99999999", "A.zip.tmp-99999999.prev",
                                       "A.zip.tmp-99999999.Ab3xQ9"};
    char live[64];
    snprintf(live, sizeof live, "B.zip.tmp-%ld", (long)getpid());
    const char *keep[] = {live, "C.zip", "D.zip.tmp-99999999.toolong7", "E.txt.tmp-99999999"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", sub, gone[i]);
        FILE *f = fopen(path, "w");
        T_ASSERT(f && fclose(f) == 0);
    }
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", sub, keep[i]);
        FILE *f = fopen(path, "w");
        T_ASSERT(f && fclose(f) == 0);
    }
    T_ASSERT(pl_home_sweep(&home) == 3);
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", sub, gone[i]);
        T_ASSERT(access(path, F_OK) != 0);
    }
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", sub, keep[i]);
        T_ASSERT(access(path, F_OK) == 0);
    }
    teardown();
    return 0;
}

static const t_case cases[] = {{"codes", t_codes},
                               {"sweep", t_sweep},
                               {"all_or_nothing", t_all_or_nothing},
                               {"append", t_append},
                               {"adopt", t_adopt}};
T_MAIN(cases)
