/* bench/stats.c - `hoso stats` (idx_status_stats) over a large status table, against a
 * plain scan of the same table measured in the same run.
 *
 * Builds N status rows (default 1 000 000) in a temporary index through hoso's own writer:
 * two years of dossiers (2024-2025), 12 agencies, 60 procedures, deadlines 1-20 working
 * days, 88% returned (mostly by the deadline), 2% withdrawn, the rest open. Then times,
 * median of R runs (default 7), wall and CPU time:
 *   baselines  SELECT count(*) FROM status                      (SQLite's b-tree count)
 *              SELECT sum(received_at), sum(due_at) ... (a full scan reading the columns)
 *   stats      the whole two years (every row read): total, --by agency, procedure, month
 *              one quarter (2025 Q1): total and --by month
 * and prints each stats time with its ratio to the full-scan baseline.
 *
 * usage: bench_stats [N] [RUNS]
 */
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hs_common.h"
#include "index.h"

static double clock_of(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int dcmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, dcmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* xorshift64*: the same table on every run */
static unsigned long long rng = 0x2023c0ffeeULL;
static unsigned rnd(unsigned n)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return (unsigned)((rng * 2685821657736338717ULL) >> 33) % n;
}

static long long T(const char *s)
{
    long long t;
    return idx_time_parse(s, 0, &t) ? -1 : t;
}

typedef struct timing {
    double wall, cpu;
} timing;

typedef int (*job_fn)(void *ud);

static timing measure(job_fn fn, void *ud, int runs)
{
    double *w = calloc((size_t)runs, sizeof *w), *c = calloc((size_t)runs, sizeof *c);
    timing t = {-1, -1};
    if (!w || !c)
        goto out;
    for (int i = 0; i < runs; i++) {
        double w0 = clock_of(CLOCK_MONOTONIC), c0 = clock_of(CLOCK_PROCESS_CPUTIME_ID);
        if (fn(ud))
            goto out;
        w[i] = clock_of(CLOCK_MONOTONIC) - w0;
        c[i] = clock_of(CLOCK_PROCESS_CPUTIME_ID) - c0;
    }
    t.wall = median(w, runs);
    t.cpu = median(c, runs);
out:
    free(w);
    free(c);
    return t;
}

typedef struct sql_job {
    sqlite3 *db;
    const char *sql;
} sql_job;

static int run_sql(void *ud)
{
    sql_job *j = ud;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(j->db, j->sql, -1, &st, NULL);
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        ;
    sqlite3_finalize(st);
    if (rc)
        fprintf(stderr, "bench_stats: %s\n", sqlite3_errmsg(j->db));
    return rc;
}

typedef struct stats_job {
    idx_db *db;
    long long from, to;
    int by;
    idx_stats last;
} stats_job;

static int run_stats(void *ud)
{
    stats_job *j = ud;
    hs_err e;
    idx_stats_release(&j->last);
    if (idx_status_stats(j->db, j->from, j->to, T("2026-06-01"), j->by, &j->last, &e)) {
        fprintf(stderr, "bench_stats: %s\n", e.msg);
        return 1;
    }
    return 0;
}

static int build(idx_db *db, long n)
{
    hs_err e;
    idx_status_writer *w = NULL;
    long long start = T("2024-01-01"), span = T("2026-01-01") - start;
    char code[160];
    if (idx_begin(db, &e) || idx_status_writer_new(db, &w, &e))
        goto fail;
    for (long i = 0; i < n; i++) {
        idx_status s = {.due_at = IDX_TIME_NONE, .returned_at = IDX_TIME_NONE};
        long long day = (start + (long long)rnd((unsigned)(span / 1440)) * 1440) / 1440;
        s.received_at = day * 1440 + 450 + rnd(540);
        int limit = 1 + (int)rnd(20);
        s.due_at = idx_calendar_due(NULL, s.received_at, limit);
        unsigned p = rnd(100);
        if (p < 2) {
            s.status = IDX_STATUS_WITHDRAWN;
            s.returned_at = s.received_at + 1440LL * rnd(5);
        } else if (p < 90) {
            s.status = IDX_STATUS_RETURNED;
            /* by the deadline, one in fifteen up to a week past it */
            long long days = (s.due_at / 1440 - day) + (rnd(15) ? 0 : 7);
            s.returned_at = (day + (long long)rnd((unsigned)days + 1)) * 1440 + 480 + rnd(540);
            if (s.returned_at < s.received_at)
                s.returned_at = s.received_at + 30;
        } else {
            s.status = p < 95 ? IDX_STATUS_RECEIVED : IDX_STATUS_PROCESSING;
        }
        snprintf(s.agency, sizeof s.agency, "000.00.%02u.H%02u", 31 + rnd(3), rnd(4));
        snprintf(s.procedure, sizeof s.procedure, "Thủ tục hành chính số %u", rnd(60));
        snprintf(code, sizeof code, "%s-%07ld", s.agency, i);
        if (idx_status_writer_put(w, code, &s, &e))
            goto fail;
    }
    idx_status_writer_free(w);
    w = NULL;
    if (idx_status_pack(db, &e) || idx_commit(db, &e))
        goto fail;
    return 0;
fail:
    fprintf(stderr, "bench_stats: %s\n", e.msg);
    idx_status_writer_free(w);
    idx_rollback(db);
    return 1;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    int runs = argc > 2 ? atoi(argv[2]) : 7;
    if (n <= 0 || runs <= 0) {
        fprintf(stderr, "usage: bench_stats [N] [RUNS]\n");
        return 2;
    }
    char dir[] = "/tmp/hoso-bench-stats.XXXXXX", path[64], p2[80];
    if (!mkdtemp(dir))
        return 1;
    snprintf(path, sizeof path, "%s/index.sqlite", dir);
    hs_err e;
    idx_db *db = NULL, *ro = NULL;
    sqlite3 *raw = NULL;
    int rc = 1;
    if (idx_db_open(path, 0, &db, &e)) {
        fprintf(stderr, "bench_stats: %s\n", e.msg);
        goto out;
    }
    double t0 = clock_of(CLOCK_MONOTONIC);
    if (build(db, n))
        goto out;
    double built = clock_of(CLOCK_MONOTONIC) - t0;
    idx_db_close(db);
    db = NULL;
    struct stat sb;
    stat(path, &sb);
    /* the reader as `hoso stats` opens it; the baselines through a plain connection */
    if (idx_db_open_readonly(path, &ro, &e)) {
        fprintf(stderr, "bench_stats: %s\n", e.msg);
        goto out;
    }
    if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        goto out;
    printf("bench_stats: %ld dossiers (2024-2025) built in %.1f s, index %.1f MB; median of %d "
           "runs, wall (cpu)\n",
           n, built, sb.st_size / 1048576.0, runs);
    sql_job count = {raw, "SELECT count(*) FROM status"};
    sql_job scan = {raw, "SELECT sum(received_at), sum(due_at), sum(returned_at), sum(status) "
                         "FROM status"};
    /* warm the page cache, as a second `hoso stats` finds it */
    run_sql(&scan);
    timing tc = measure(run_sql, &count, runs), ts = measure(run_sql, &scan, runs);
    printf("  baseline count(*)                      %8.1f ms (%6.1f)\n", tc.wall * 1e3,
           tc.cpu * 1e3);
    printf("  baseline full scan, 4 columns summed   %8.1f ms (%6.1f)\n", ts.wall * 1e3,
           ts.cpu * 1e3);
    static const char *const names[] = {"total", "--by agency", "--by procedure", "--by month"};
    struct {
        const char *period, *from, *to;
        int by;
    } cases[] = {
        {"2024-2025", "2024-01-01", "2026-01-01", IDX_BY_NONE},
        {"2024-2025", "2024-01-01", "2026-01-01", IDX_BY_AGENCY},
        {"2024-2025", "2024-01-01", "2026-01-01", IDX_BY_PROCEDURE},
        {"2024-2025", "2024-01-01", "2026-01-01", IDX_BY_MONTH},
        {"2025 Q1", "2025-01-01", "2025-04-01", IDX_BY_NONE},
        {"2025 Q1", "2025-01-01", "2025-04-01", IDX_BY_MONTH},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        stats_job j = {ro, T(cases[i].from), T(cases[i].to), cases[i].by, {0}};
        timing t = measure(run_stats, &j, runs);
        if (t.wall < 0)
            goto out;
        printf("  stats %-9s %-15s %8.1f ms (%6.1f)  %.2fx the full scan; %ld received, "
               "on time %.2f%%, %d groups\n",
               cases[i].period, names[cases[i].by], t.wall * 1e3, t.cpu * 1e3, t.wall / ts.wall,
               j.last.total.received,
               100.0 * (double)(j.last.total.early + j.last.total.on_time) /
                   (double)(j.last.total.early + j.last.total.on_time + j.last.total.late),
               j.last.n);
        idx_stats_release(&j.last);
    }
    rc = 0;
out:
    sqlite3_close_v2(raw);
    idx_db_close(ro);
    idx_db_close(db);
    static const char *const ext[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p2, sizeof p2, "%s%s", path, ext[i]);
        unlink(p2);
    }
    rmdir(dir);
    return rc;
}
