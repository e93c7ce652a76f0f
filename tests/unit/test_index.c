/* test_index.c - the SQLite catalogue: filing, replacing, code sequences, search that
 * never fails on user text, tokenizer change detection. */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "index.h"
#include "testhelp.h"

static char path[64];

static int fresh(idx_db **db)
{
    snprintf(path, sizeof path, "/tmp/hs_idx_%d.sqlite", (int)getpid());
    unlink(path);
    hs_err e;
    return idx_db_open(path, 0, db, &e);
}

static void cleanup(idx_db *db)
{
    idx_db_close(db);
    char p[80];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

static int put(idx_db *db, const char *code, const char *t1, const char *t2)
{
    idx_page pages[2] = {
        {1, "data/images/0001.png", "aa", "data/text/0001.txt", "bb", 90.0, t1},
        {2, "data/images/0002.png", "cc", "data/text/0002.txt", "dd", -1, t2},
    };
    idx_dossier d = {code, "archive/2026/x.zip", "2026-01-01T00:00:00Z", "{}", 2, pages};
    hs_err e;
    T_OK(idx_begin(db, &e));
    T_OK(idx_dossier_put(db, &d, &e));
    T_OK(idx_commit(db, &e));
    return 0;
}

static int t_file_and_search(void)
{
    idx_db *db = NULL;
    T_OK(fresh(&db));
    T_OK(put(db, "A-1", "Giấy tiếp nhận hồ sơ", "Quyết định cấp giấy phép xây dựng"));
    T_OK(put(db, "A-2", "Tờ khai đăng ký khai sinh", "hồ sơ đất đai"));
    hs_err e;
    idx_results r;
    T_OK(idx_search(db, "giấy phép", 10, &r, &e));
    T_ASSERT(r.total == 1 && r.n == 1);
    T_STREQ(r.hits[0].code, "A-1");
    T_ASSERT(r.hits[0].page == 2);
    T_CONTAINS(r.hits[0].snippet, "[giấy] [phép]");
    T_ASSERT(r.hits[0].score > 0);
    idx_results_release(&r);
    /* all words must match */
    T_OK(idx_search(db, "hồ sơ", 10, &r, &e));
    T_ASSERT(r.total == 2);
    idx_results_release(&r);
    T_OK(idx_search(db, "hồ sơ khai", 10, &r, &e));
    T_ASSERT(r.total == 0);
    idx_results_release(&r);
    /* limit bounds the hits, not the total */
    T_OK(idx_search(db, "sơ", 1, &r, &e));
    T_ASSERT(r.total == 2 && r.n == 1);
    idx_results_release(&r);
    /* decomposed input finds composed text */
    T_OK(idx_search(db, "ho\xcc\x82\xcc\x80 so\xcc\x9b", 10, &r, &e));
    T_ASSERT(r.total == 2);
    idx_results_release(&r);
    /* replacing a dossier replaces its pages */
    T_OK(put(db, "A-1", "trang mới", "trang hai"));
    T_OK(idx_search(db, "giấy phép", 10, &r, &e));
    T_ASSERT(r.total == 0);
    idx_results_release(&r);
    T_OK(idx_search(db, "mới", 10, &r, &e));
    T_ASSERT(r.total == 1);
    idx_results_release(&r);
    cleanup(db);
    return 0;
}

static int t_hostile_queries(void)
{
    idx_db *db = NULL;
    T_OK(fresh(&db));
    T_OK(put(db, "A-1", "Số: 412/QĐ-UBND ngày 05", "text"));
    static const char *q[] = {
        "\"unbalanced",       "AND",      "OR OR",  "NEAR(a b)", "a:b",   "(((",      "*",
        "'; DROP TABLE pages; --", "412/QĐ-UBND", "^x", "-x", "\"\"\"", "{a b}:c", "/// ...",
    };
    hs_err e;
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        idx_results r;
        int rc = idx_search(db, q[i], 10, &r, &e);
        if (rc)
            fprintf(stderr, "query '%s': %s\n", q[i], e.msg);
        T_ASSERT(rc == 0);
        idx_results_release(&r);
    }
    idx_results r;
    T_OK(idx_search(db, "412/QĐ-UBND", 10, &r, &e));
    T_ASSERT(r.total == 1);
    idx_results_release(&r);
    T_ASSERT(idx_search(db, "   ", 10, &r, &e) == HS_EINVAL);
    T_ASSERT(idx_search(db, "\xff", 10, &r, &e) == HS_EINVAL);
    char *x = idx_query_build("a \"b");
    T_STREQ(x, "\"a\" \"\"\"b\"");
    free(x);
    /* still intact */
    T_OK(idx_search(db, "text", 10, &r, &e));
    T_ASSERT(r.total == 1);
    idx_results_release(&r);
    cleanup(db);
    return 0;
}

static int t_codes(void)
{
    idx_db *db = NULL;
    T_OK(fresh(&db));
    hs_err e;
    char *c = NULL;
    T_OK(idx_begin(db, &e));
    T_OK(idx_code_next(db, "AG-261127", &c, &e));
    T_STREQ(c, "AG-261127-0001");
    free(c);
    T_OK(idx_commit(db, &e));
    /* a code filed explicitly is skipped by the sequence */
    T_OK(put(db, "AG-261127-0002", "x", "y"));
    T_OK(idx_begin(db, &e));
    T_OK(idx_code_next(db, "AG-261127", &c, &e));
    T_STREQ(c, "AG-261127-0003");
    free(c);
    T_OK(idx_code_next(db, "AG-261128", &c, &e));
    T_STREQ(c, "AG-261128-0001");
    free(c);
    T_OK(idx_commit(db, &e));
    int exists = 0;
    T_OK(idx_code_exists(db, "AG-261127-0002", &exists, &e));
    T_ASSERT(exists);
    char *a, *rec;
    T_ASSERT(idx_dossier_get(db, "nope", &a, &rec, &e) == HS_ENOTFOUND);
    T_CONTAINS(e.msg, "'nope'");
    cleanup(db);
    return 0;
}

static int t_reindex_needed(void)
{
    idx_db *db = NULL;
    T_OK(fresh(&db));
    T_OK(put(db, "A-1", "một", "hai"));
    idx_db_close(db);
    /* pretend an older hoso built it with another tokenizer */
    sqlite3 *s = NULL;
    T_ASSERT(sqlite3_open(path, &s) == SQLITE_OK);
    T_ASSERT(sqlite3_exec(s, "UPDATE meta SET value = 'porter' WHERE key = 'tokenizer'", 0, 0, 0) ==
             SQLITE_OK);
    sqlite3_close(s);
    hs_err e;
    db = NULL;
    T_ASSERT(idx_db_open(path, 0, &db, &e) == HS_EDB && !db);
    T_CONTAINS(e.msg, "hoso reindex");
    T_OK(idx_db_open(path, 1, &db, &e));
    T_OK(idx_begin(db, &e));
    T_OK(idx_clear(db, &e));
    T_OK(idx_commit(db, &e));
    idx_db_close(db);
    T_OK(idx_db_open(path, 0, &db, &e));
    idx_results r;
    T_OK(idx_search(db, "một", 10, &r, &e));
    T_ASSERT(r.total == 0);
    idx_results_release(&r);
    cleanup(db);
    return 0;
}

static const t_case cases[] = {
    {"file_and_search", t_file_and_search},
    {"hostile_queries", t_hostile_queries},
    {"codes", t_codes},
    {"reindex_needed", t_reindex_needed},
};
T_MAIN(cases)
