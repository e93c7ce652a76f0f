/* test_status.c - the dossier's life in the index: times, the holiday calendar and
 * working-day deadlines, status rows (checks, seeding from a record, kept by reindex), and
 * the one-stop report's counts against cases worked out by hand. */
#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "index.h"
#include "testhelp.h"

#define CALENDAR HS_TEST_DATA "/../../data/holidays-vn.txt"

static char path[64];

static int fresh(idx_db **db)
{
    snprintf(path, sizeof path, "/tmp/hs_status_%d.sqlite", (int)getpid());
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

static long long T(const char *s)
{
    long long t;
    return idx_time_parse(s, 0, &t) ? -2 : t;
}

static long long D(const char *s) /* a deadline: a date alone is its end */
{
    long long t;
    return idx_time_parse(s, 1, &t) ? -2 : t;
}

static int t_time(void)
{
    char buf[24];
    long long t;
    T_OK(idx_time_parse("2025-01-02", 0, &t));
    T_ASSERT(t == 20090LL * 1440);
    idx_time_format(t, buf);
    T_STREQ(buf, "2025-01-02");
    T_OK(idx_time_parse("2025-01-02", 1, &t));
    idx_time_format(t, buf);
    T_STREQ(buf, "2025-01-02"); /* 23:59: the end of the day, shown as the day */
    T_OK(idx_time_parse("2020-03-11T08:40", 0, &t));
    idx_time_format(t, buf);
    T_STREQ(buf, "2020-03-11T08:40");
    T_OK(idx_time_parse("2020-03-11 08:40:59", 0, &t));
    idx_time_format(t, buf);
    T_STREQ(buf, "2020-03-11T08:40");
    /* the filing time is UTC: the centre's day is UTC+7 */
    setenv("TZ", "UTC-7", 1);
    tzset();
    T_OK(idx_time_parse("2026-11-28T20:09:27Z", 0, &t));
    idx_time_format(t, buf);
    T_STREQ(buf, "2026-11-29T03:09");
    static const char *const bad[] = {"",           "2025-1-02",        "2025-02-30",
                                      "2025-13-01", "2025-01-02T25:00", "2025-01-02T08",
                                      "1969-12-31", "2025-01-02x",      "tomorrow"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        T_ASSERT(idx_time_parse(bad[i], 0, &t) == HS_EINVAL && t == IDX_TIME_NONE);
    T_ASSERT(idx_time_parse(NULL, 0, &t) == HS_EINVAL);
    T_ASSERT(idx_status_parse("returned") == IDX_STATUS_RETURNED);
    T_ASSERT(idx_status_parse("closed") == -1);
    T_STREQ(idx_status_name(IDX_STATUS_WITHDRAWN), "withdrawn");
    return 0;
}

static int t_calendar(void)
{
    idx_calendar *cal = NULL;
    hs_err e;
    char buf[24];
    T_OK(idx_calendar_load(CALENDAR, &cal, &e));
    T_ASSERT(!idx_calendar_workday(cal, T("2025-01-27"))); /* Tết */
    T_ASSERT(!idx_calendar_workday(cal, T("2025-09-01"))); /* the day before 2/9 */
    T_ASSERT(!idx_calendar_workday(cal, T("2024-09-03"))); /* the day after 2/9 */
    T_ASSERT(idx_calendar_workday(cal, T("2025-02-08")));  /* a Saturday worked for Tết */
    T_ASSERT(!idx_calendar_workday(cal, T("2025-02-09"))); /* Sunday */
    T_ASSERT(idx_calendar_workday(cal, T("2025-02-10")));
    /* Friday before Tết + 3: Mon 3, Tue 4, Wed 5 February */
    idx_time_format(idx_calendar_due(cal, T("2025-01-24T09:30"), 3), buf);
    T_STREQ(buf, "2025-02-05");
    /* Thursday + 2: Friday, then the Saturday worked */
    idx_time_format(idx_calendar_due(cal, T("2025-02-06"), 2), buf);
    T_STREQ(buf, "2025-02-08");
    /* received on a Sunday: counting starts on Monday */
    idx_time_format(idx_calendar_due(cal, T("2025-04-27"), 3), buf);
    T_STREQ(buf, "2025-05-05"); /* Mon 28, Tue 29, (30/4, 1/5, 2/5 off), Mon 5 */
    idx_time_format(idx_calendar_due(NULL, T("2025-04-27"), 3), buf);
    T_STREQ(buf, "2025-04-30"); /* weekends only */
    T_ASSERT(idx_calendar_due(cal, T("2025-04-28T10:00"), 0) == D("2025-04-28"));
    idx_calendar_free(cal);
    /* every date of the tree's file is a weekday off or a weekend day worked */
    FILE *f = fopen(CALENDAR, "r");
    T_ASSERT(f);
    char line[256];
    int n = 0;
    T_OK(idx_calendar_load(CALENDAR, &cal, &e));
    while (fgets(line, sizeof line, f)) {
        if (line[0] < '0' || line[0] > '9')
            continue;
        line[10] = '\0';
        long long t = T(line);
        long long day = t / 1440;
        int weekend = ((day % 7) + 11) % 7 == 0 || ((day % 7) + 11) % 7 == 6;
        T_ASSERT(idx_calendar_workday(cal, t) == weekend);
        n++;
    }
    fclose(f);
    idx_calendar_free(cal);
    T_ASSERT(n >= 40);
    /* a bad line is refused with its number; a missing file is not found */
    char bad[64];
    snprintf(bad, sizeof bad, "/tmp/hs_cal_%d.txt", (int)getpid());
    f = fopen(bad, "w");
    fputs("# x\n2025-01-01 # ok\n2025-02-30 # no such day\n", f);
    fclose(f);
    T_ASSERT(idx_calendar_load(bad, &cal, &e) == HS_EFORMAT && !cal);
    T_CONTAINS(e.msg, "line 3");
    f = fopen(bad, "w");
    fputs("2025-01-01 off\n", f);
    fclose(f);
    T_ASSERT(idx_calendar_load(bad, &cal, &e) == HS_EFORMAT);
    unlink(bad);
    T_ASSERT(idx_calendar_load(bad, &cal, &e) == HS_ENOTFOUND);
    return 0;
}

static idx_status row(const char *rcv, const char *due, const char *ret, int st,
                      const char *agency, const char *proc)
{
    idx_status s = {.received_at = T(rcv),
                    .due_at = due ? D(due) : IDX_TIME_NONE,
                    .returned_at = ret ? T(ret) : IDX_TIME_NONE,
                    .status = st,
                    .given = 1};
    snprintf(s.agency, sizeof s.agency, "%s", agency ? agency : "");
    snprintf(s.procedure, sizeof s.procedure, "%s", proc ? proc : "");
    return s;
}

static int t_put_get(void)
{
    idx_db *db;
    hs_err e;
    idx_status s, g;
    T_OK(fresh(&db));
    T_ASSERT(idx_status_get(db, "A-1", &g, &e) == HS_ENOTFOUND);
    s = row("2025-01-02T08:00", "2025-01-10", NULL, IDX_STATUS_PROCESSING, "H01", "Đăng ký");
    T_OK(idx_status_put(db, "A-1", &s, &e));
    T_OK(idx_status_get(db, "A-1", &g, &e));
    T_ASSERT(g.received_at == s.received_at && g.due_at == s.due_at && g.returned_at < 0);
    T_ASSERT(g.status == IDX_STATUS_PROCESSING && g.given == 1);
    T_STREQ(g.agency, "H01");
    T_STREQ(g.procedure, "Đăng ký");
    /* inconsistent rows are refused and the stored one stays */
    idx_status badrows[] = {
        row("2025-01-02", NULL, NULL, IDX_STATUS_RETURNED, NULL, NULL),
        row("2025-01-02", NULL, "2025-01-03", IDX_STATUS_RECEIVED, NULL, NULL),
        row("2025-01-02", NULL, "2025-01-01", IDX_STATUS_RETURNED, NULL, NULL),
        row("2025-01-02", "2025-01-01", NULL, IDX_STATUS_RECEIVED, NULL, NULL),
        row("2025-01-02", NULL, NULL, 7, NULL, NULL),
    };
    badrows[0].received_at = T("2025-01-02");
    for (size_t i = 0; i < sizeof badrows / sizeof badrows[0]; i++)
        T_ASSERT(idx_status_put(db, "A-1", &badrows[i], &e) == HS_EINVAL);
    s.received_at = IDX_TIME_NONE;
    T_ASSERT(idx_status_put(db, "A-1", &s, &e) == HS_EINVAL);
    T_OK(idx_status_get(db, "A-1", &g, &e));
    T_ASSERT(g.status == IDX_STATUS_PROCESSING);
    /* returned on the day of receipt, given as a date alone (00:00), is fine */
    s = row("2025-01-02T08:00", NULL, "2025-01-02", IDX_STATUS_RETURNED, "", "");
    T_OK(idx_status_put(db, "A-1", &s, &e));
    /* a long procedure is cut at a character */
    char lng[1300] = ""; /* 200 x 6 bytes and the NUL */
    for (int i = 0; i < 200; i++)
        strcat(lng, "Đăng");
    s = row("2025-01-02", NULL, NULL, IDX_STATUS_RECEIVED, NULL, lng);
    T_OK(idx_status_put(db, "A-2", &s, &e));
    T_OK(idx_status_get(db, "A-2", &g, &e));
    T_ASSERT(strlen(g.procedure) < IDX_PROCEDURE_MAX && strlen(g.procedure) > 400);
    T_ASSERT(strncmp(g.procedure, lng, strlen(g.procedure)) == 0);
    cleanup(db);
    return 0;
}

static int t_seed(void)
{
    idx_db *db;
    hs_err e;
    idx_status g;
    char buf[24];
    setenv("TZ", "UTC-7", 1);
    tzset();
    T_OK(fresh(&db));
    idx_field f[] = {{"received_at", "2020-03-11T08:40"},
                     {"due_at", "2020-04-01T16:00"},
                     {"procedure", "Cấp giấy phép xây dựng"}};
    T_OK(idx_status_seed(db, "000.00.00.H00-200311-0001", "2020-03-12T01:00:00Z", f, 3, &e));
    T_OK(idx_status_get(db, "000.00.00.H00-200311-0001", &g, &e));
    idx_time_format(g.received_at, buf);
    T_STREQ(buf, "2020-03-11T08:40");
    idx_time_format(g.due_at, buf);
    T_STREQ(buf, "2020-04-01T16:00");
    T_STREQ(g.agency, "000.00.00.H00");
    T_STREQ(g.procedure, "Cấp giấy phép xây dựng");
    T_ASSERT(g.status == IDX_STATUS_RECEIVED && !g.given);
    /* no fields: the filing time in local time, no deadline; a code of another shape has
     * no agency; an unreadable date falls back */
    idx_field badf[] = {{"received_at", "11/03/2020"}, {"appointment", "2026-11-30"}};
    T_OK(idx_status_seed(db, "HS-7", "2026-11-28T20:09:27Z", badf, 2, &e));
    T_OK(idx_status_get(db, "HS-7", &g, &e));
    idx_time_format(g.received_at, buf);
    T_STREQ(buf, "2026-11-29T03:09");
    idx_time_format(g.due_at, buf);
    T_STREQ(buf, "2026-11-30");
    T_STREQ(g.agency, "");
    idx_status none;
    T_OK(idx_status_seed(db, "HS-8", "yesterday", NULL, 0, &e));
    T_ASSERT(idx_status_get(db, "HS-8", &none, &e) == HS_ENOTFOUND);
    /* returned later: indexing again keeps the return, takes new record dates */
    g.status = IDX_STATUS_RETURNED;
    g.returned_at = T("2026-12-01T10:00");
    T_OK(idx_status_put(db, "HS-7", &g, &e));
    idx_field rcpt[] = {{"received_at", "2026-11-28T15:00"}};
    T_OK(idx_status_seed(db, "HS-7", "2026-11-28T20:09:27Z", rcpt, 1, &e));
    T_OK(idx_status_get(db, "HS-7", &g, &e));
    T_ASSERT(g.status == IDX_STATUS_RETURNED && g.returned_at == T("2026-12-01T10:00"));
    T_ASSERT(g.received_at == T("2026-11-28T15:00") && g.due_at == IDX_TIME_NONE);
    /* given dates stay; what was unknown is filled */
    g.given = 1;
    g.due_at = D("2026-12-02");
    T_OK(idx_status_put(db, "HS-7", &g, &e));
    idx_field other[] = {{"received_at", "2026-11-27"}, {"due_at", "2026-12-20"},
                         {"procedure", "Chứng thực"}};
    T_OK(idx_status_seed(db, "HS-7", "2026-11-28T20:09:27Z", other, 3, &e));
    T_OK(idx_status_get(db, "HS-7", &g, &e));
    T_ASSERT(g.received_at == T("2026-11-28T15:00") && g.due_at == D("2026-12-02"));
    T_STREQ(g.procedure, "Chứng thực");
    cleanup(db);
    return 0;
}

/* reindex empties the catalogue: the status rows stay */
static int t_reindex(void)
{
    idx_db *db;
    hs_err e;
    idx_status g, s = row("2025-01-02", "2025-01-10", "2025-01-08", IDX_STATUS_RETURNED, "X",
                          "P");
    T_OK(fresh(&db));
    T_OK(idx_status_put(db, "A-1", &s, &e));
    T_OK(idx_begin(db, &e));
    T_OK(idx_clear(db, &e));
    T_OK(idx_commit(db, &e));
    idx_db_close(db);
    T_OK(idx_db_open(path, 1, &db, &e));
    T_OK(idx_status_get(db, "A-1", &g, &e));
    T_ASSERT(g.status == IDX_STATUS_RETURNED && g.returned_at == T("2025-01-08"));
    idx_db_close(db);
    /* a read-only connection reads them */
    T_OK(idx_db_open_readonly(path, &db, &e));
    T_OK(idx_status_get(db, "A-1", &g, &e));
    idx_stats st;
    T_OK(idx_status_stats(db, T("2025-01-01"), T("2025-02-01"), T("2026-01-01"), IDX_BY_NONE,
                          &st, &e));
    T_ASSERT(st.total.received == 1 && st.total.early == 1);
    idx_stats_release(&st);
    cleanup(db);
    return 0;
}

static int put_all(idx_db *db, const char *const *codes, const idx_status *rows, size_t n)
{
    hs_err e;
    idx_status_writer *w;
    T_OK(idx_begin(db, &e));
    T_OK(idx_status_writer_new(db, &w, &e));
    for (size_t i = 0; i < n; i++)
        T_OK(idx_status_writer_put(w, codes[i], &rows[i], &e));
    idx_status_writer_free(w);
    T_OK(idx_commit(db, &e));
    return 0;
}

static int same(const idx_stats_row *r, long rec, long car, long ea, long on, long la, long wd,
                long op, long od)
{
    if (r->received == rec && r->carried == car && r->early == ea && r->on_time == on &&
        r->late == la && r->withdrawn == wd && r->open == op && r->overdue == od)
        return 1;
    fprintf(stderr, "%s: %ld %ld %ld %ld %ld %ld %ld %ld\n", r->key ? r->key : "total",
            r->received, r->carried, r->early, r->on_time, r->late, r->withdrawn, r->open,
            r->overdue);
    return 0;
}

/* The report for Q1 2025 over rows whose outcome is known by hand. */
static int t_stats(void)
{
    idx_db *db;
    hs_err e;
    T_OK(fresh(&db));
    idx_stats st;
    /* no table yet: nothing, not an error */
    T_OK(idx_status_stats(db, T("2025-01-01"), T("2025-04-01"), T("2026-01-01"), IDX_BY_AGENCY,
                          &st, &e));
    T_ASSERT(st.n == 0 && st.total.received == 0);
    T_ASSERT(idx_status_stats(db, T("2025-04-01"), T("2025-01-01"), 0, 0, &st, &e) == HS_EINVAL);
    static const char *const codes[] = {"a1", "a2", "a3", "a4", "a5", "a6", "a7", "b1", "b2", "b3"};
    const idx_status rows[] = {
        /* early: returned the day before the deadline */
        row("2025-01-02", "2025-01-10", "2025-01-09T16:00", IDX_STATUS_RETURNED, "A", "p1"),
        /* on time: on the day, before its hour */
        row("2025-01-02", "2025-01-10T16:00", "2025-01-10T15:00", IDX_STATUS_RETURNED, "A", "p1"),
        /* late: the same day, after its hour */
        row("2025-02-03", "2025-02-10T16:00", "2025-02-10T16:30", IDX_STATUS_RETURNED, "A", "p2"),
        /* no deadline: on time */
        row("2025-03-03", NULL, "2025-03-20", IDX_STATUS_RETURNED, "A", "p2"),
        /* carried from December, returned late in January */
        row("2024-12-20", "2024-12-31", "2025-01-06", IDX_STATUS_RETURNED, "A", "p1"),
        /* open at the end, overdue */
        row("2025-03-03", "2025-03-20", NULL, IDX_STATUS_PROCESSING, "A", "p1"),
        /* open at the end, not yet due; returned after the quarter */
        row("2025-03-25", "2025-04-10", "2025-04-05", IDX_STATUS_RETURNED, "A", "p1"),
        /* withdrawn in February */
        row("2025-02-01", "2025-02-20", "2025-02-05", IDX_STATUS_WITHDRAWN, "B", "p1"),
        /* outside the quarter altogether */
        row("2024-11-01", "2024-11-10", "2024-11-09", IDX_STATUS_RETURNED, "B", "p1"),
        row("2025-04-02", "2025-04-10", NULL, IDX_STATUS_RECEIVED, "B", "p1"),
    };
    T_OK(put_all(db, codes, rows, 10));
    long long from = T("2025-01-01"), to = T("2025-04-01"), now = T("2026-01-01");
    T_OK(idx_status_stats(db, from, to, now, IDX_BY_NONE, &st, &e));
    T_ASSERT(st.n == 0);
    /*                   rec car ea on la wd op od */
    T_ASSERT(same(&st.total, 7, 1, 1, 2, 2, 1, 2, 1));
    idx_stats_release(&st);
    T_OK(idx_status_stats(db, from, to, now, IDX_BY_AGENCY, &st, &e));
    T_ASSERT(st.n == 2);
    T_STREQ(st.rows[0].key, "A");
    T_ASSERT(same(&st.rows[0], 6, 1, 1, 2, 2, 0, 2, 1));
    T_STREQ(st.rows[1].key, "B");
    T_ASSERT(same(&st.rows[1], 1, 0, 0, 0, 0, 1, 0, 0));
    idx_stats_release(&st);
    T_OK(idx_status_stats(db, from, to, now, IDX_BY_PROCEDURE, &st, &e));
    T_ASSERT(st.n == 2);
    T_STREQ(st.rows[0].key, "p1");
    T_ASSERT(same(&st.rows[0], 5, 1, 1, 1, 1, 1, 2, 1));
    T_STREQ(st.rows[1].key, "p2");
    T_ASSERT(same(&st.rows[1], 2, 0, 0, 1, 1, 0, 0, 0));
    idx_stats_release(&st);
    /* each month its own period: open at its end, carried into the next */
    T_OK(idx_status_stats(db, from, to, now, IDX_BY_MONTH, &st, &e));
    T_ASSERT(st.n == 3);
    T_STREQ(st.rows[0].key, "2025-01");
    T_ASSERT(same(&st.rows[0], 2, 1, 1, 1, 1, 0, 0, 0));
    T_STREQ(st.rows[1].key, "2025-02");
    T_ASSERT(same(&st.rows[1], 2, 0, 0, 0, 1, 1, 0, 0));
    T_STREQ(st.rows[2].key, "2025-03");
    T_ASSERT(same(&st.rows[2], 3, 0, 0, 1, 0, 0, 2, 1));
    idx_stats_release(&st);
    /* as of 15 March: open then are a4 (returned on the 20th) and a6 (due on the 20th) */
    T_OK(idx_status_stats(db, from, to, T("2025-03-15"), IDX_BY_NONE, &st, &e));
    T_ASSERT(same(&st.total, 7, 1, 1, 2, 2, 1, 2, 0));
    idx_stats_release(&st);
    /* a period of one day */
    T_OK(idx_status_stats(db, T("2025-01-10"), T("2025-01-11"), now, IDX_BY_MONTH, &st, &e));
    T_ASSERT(st.n == 1);
    T_STREQ(st.rows[0].key, "2025-01");
    T_ASSERT(same(&st.rows[0], 0, 1, 0, 1, 0, 0, 0, 0));
    idx_stats_release(&st);
    cleanup(db);
    return 0;
}

/* The report reads packs where they are made and the rows where a write dropped them:
 * the same counts either way, and a change is seen at once. */
static int t_packs(void)
{
    idx_db *db;
    hs_err e;
    idx_stats a, b;
    T_OK(fresh(&db));
    enum { N = 9000 }; /* three packs, the last one partly filled */
    static char codes[N][16];
    static const char *cp[N];
    static idx_status rows[N];
    for (int i = 0; i < N; i++) {
        snprintf(codes[i], sizeof codes[i], "P-%05d", i);
        cp[i] = codes[i];
        char rcv[16], due[16], ret[32];
        snprintf(rcv, sizeof rcv, "2025-%02d-%02d", 1 + i % 6, 1 + i % 28);
        snprintf(due, sizeof due, "2025-%02d-%02d", 1 + i % 6, 1 + (i % 28 + i % 5) % 28);
        snprintf(ret, sizeof ret, "2025-%02d-%02dT10:00", 1 + i % 6 + (i % 7 == 0),
                 1 + (i % 28 + i % 9) % 28);
        int open = i % 11 == 0, wd = i % 13 == 0;
        rows[i] = row(rcv, i % 17 ? due : NULL, open ? NULL : ret,
                      open ? IDX_STATUS_PROCESSING : wd ? IDX_STATUS_WITHDRAWN : IDX_STATUS_RETURNED,
                      i % 3 ? "A" : "B", i % 4 ? "p" : "q");
        if (rows[i].due_at >= 0 && rows[i].due_at < rows[i].received_at)
            rows[i].due_at = IDX_TIME_NONE;
        if (rows[i].returned_at >= 0 && rows[i].returned_at / 1440 < rows[i].received_at / 1440)
            rows[i].returned_at = rows[i].received_at + 60;
    }
    T_OK(put_all(db, cp, rows, N));
    long long from = T("2025-02-01"), to = T("2025-05-01"), now = T("2025-04-20");
    for (int by = IDX_BY_NONE; by <= IDX_BY_MONTH; by++) {
        T_OK(idx_status_stats(db, from, to, now, by, &a, &e)); /* from the rows */
        T_OK(idx_begin(db, &e));
        T_OK(idx_status_pack(db, &e));
        T_OK(idx_commit(db, &e));
        T_OK(idx_status_stats(db, from, to, now, by, &b, &e)); /* from the packs */
        T_ASSERT(a.total.received > 1000 && a.total.late > 0 && a.total.overdue > 0);
        T_ASSERT(memcmp(&a.total, &b.total, sizeof a.total) == 0 && a.n == b.n);
        for (int i = 0; i < a.n; i++) {
            T_STREQ(a.rows[i].key, b.rows[i].key);
            T_ASSERT(a.rows[i].received == b.rows[i].received && a.rows[i].late == b.rows[i].late &&
                     a.rows[i].open == b.rows[i].open && a.rows[i].overdue == b.rows[i].overdue);
        }
        idx_stats_release(&a);
        idx_stats_release(&b);
    }
    /* by month is each month as its own period */
    T_OK(idx_status_stats(db, from, to, now, IDX_BY_MONTH, &a, &e));
    static const char *const bounds[] = {"2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01"};
    T_ASSERT(a.n == 3);
    for (int i = 0; i < 3; i++) {
        T_OK(idx_status_stats(db, T(bounds[i]), T(bounds[i + 1]), now, IDX_BY_NONE, &b, &e));
        T_ASSERT(memcmp(&a.rows[i].received, &b.total.received,
                        sizeof a.total - offsetof(idx_stats_row, received)) == 0);
        idx_stats_release(&b);
    }
    idx_stats_release(&a);
    /* one open row of the middle pack returned: counted at once, its pack made again */
    T_OK(idx_status_stats(db, from, to, now, IDX_BY_NONE, &a, &e));
    idx_status s = rows[4400];
    T_ASSERT(s.status == IDX_STATUS_PROCESSING && s.received_at < to);
    s.status = IDX_STATUS_RETURNED;
    s.returned_at = T("2025-04-10T09:00");
    T_OK(idx_status_put(db, cp[4400], &s, &e));
    T_OK(idx_status_stats(db, from, to, now, IDX_BY_NONE, &b, &e));
    T_ASSERT(b.total.open == a.total.open - 1);
    T_ASSERT(b.total.early + b.total.on_time + b.total.late ==
             a.total.early + a.total.on_time + a.total.late + 1);
    idx_stats_release(&b);
    T_OK(idx_status_pack(db, &e));
    T_OK(idx_status_stats(db, from, to, now, IDX_BY_NONE, &b, &e));
    T_ASSERT(b.total.open == a.total.open - 1);
    idx_stats_release(&a);
    idx_stats_release(&b);
    cleanup(db);
    return 0;
}

static const t_case cases[] = {
    {"time", t_time},       {"calendar", t_calendar}, {"put_get", t_put_get},
    {"seed", t_seed},       {"reindex", t_reindex},   {"stats", t_stats},
    {"packs", t_packs},
};
T_MAIN(cases)
