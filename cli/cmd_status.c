/* cmd_status.c - the dossier's life: `hoso status` (show or set a dossier's status, its
 * deadline in working days, or import a register), `hoso return`, `hoso due`, and
 * `hoso stats`, the one-stop report's counts (received, early, on time, late, open,
 * overdue, the on-time rate) per agency, procedure or month. Every change is also an
 * event of the dossier (type "status" or "return"). */
#define _GNU_SOURCE
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_help.h"
#include "cli_i18n.h"

/* the synopses and options are in the help table, cli/cli_help.c */
static const char status_usage[] = "status";
static const char return_usage[] = "return";
static const char due_usage[] = "due";
static const char stats_usage[] = "stats";

#define CALENDAR_FILE "holidays-vn.txt"

/* The holiday calendar: --calendar FILE, else $HOSO_DATA (a folder holding holidays-vn.txt,
 * or the file), else beside the binary: ./holidays-vn.txt, ./data/, ../share/hoso/ (an
 * installed hoso), ../data/ (a build folder inside the source tree), else the folder
 * compiled in as HOSO_DATADIR. */
static int calendar_open(const char *given, idx_calendar **cal, hs_err *err)
{
    *cal = NULL;
    if (given)
        return idx_calendar_load(given, cal, err);
    char path[PATH_MAX + 64], exe[PATH_MAX];
    const char *env = getenv("HOSO_DATA");
    if (env && *env) {
        snprintf(path, sizeof path, "%s/%s", env, CALENDAR_FILE);
        if (access(path, R_OK) == 0)
            return idx_calendar_load(path, cal, err);
        return idx_calendar_load(env, cal, err);
    }
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        static const char *const rel[] = {"", "/data", "/../share/hoso", "/../data"};
        for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
            snprintf(path, sizeof path, "%s%s/%s", exe, rel[i], CALENDAR_FILE);
            if (access(path, R_OK) == 0)
                return idx_calendar_load(path, cal, err);
        }
    }
#ifdef HOSO_DATADIR
    snprintf(path, sizeof path, "%s/%s", HOSO_DATADIR, CALENDAR_FILE);
    if (access(path, R_OK) == 0)
        return idx_calendar_load(path, cal, err);
#endif
    return hs_err_set(err, HS_ENOTFOUND, 0,
                      "status: no holiday calendar '%s' found; set HOSO_DATA to its folder "
                      "or give --calendar FILE",
                      CALENDAR_FILE);
}

/* code's status row; a dossier filed before rows were kept gets one from its record. */
static int row_get(idx_db *db, const char *code, idx_status *st, hs_err *err)
{
    int rc = idx_status_get(db, code, st, err);
    if (rc != HS_ENOTFOUND)
        return rc;
    pl_dossier *rec = NULL;
    if ((rc = pl_dossier_load(db, code, &rec, NULL, NULL, err)))
        return rc;
    static const char *const keys[] = {"received_at", "due_at", "procedure"};
    idx_field f[3];
    int nf = 0;
    for (size_t i = 0; i < 3; i++) {
        const char *s = pl_dossier_field_value(rec, keys[i]);
        if (s)
            f[nf++] = (idx_field){keys[i], s};
    }
    const char *created = pl_dossier_created(rec);
    rc = idx_status_seed(db, code, created ? created : "", f, nf, err);
    pl_dossier_free(rec);
    return rc ? rc : idx_status_get(db, code, st, err);
}

static int time_arg(const char *cmd, const char *opt, const char *s, int end_of_day,
                    long long *t)
{
    if (idx_time_parse(s, end_of_day, t) == HS_OK)
        return 0;
    cli_error(_("%s: %s '%s' is not a time (YYYY-MM-DD or YYYY-MM-DDTHH:MM)"), cmd, opt, s);
    return -1;
}

static void row_print(const char *code, const idx_status *st, int json)
{
    char rcv[24], due[24], ret[24];
    idx_time_format(st->received_at, rcv);
    idx_time_format(st->due_at, due);
    idx_time_format(st->returned_at, ret);
    if (json) {
        json_t *j = json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:s, s:s, s:b}", "code", code,
                              "status", idx_status_name(st->status), "received_at", rcv,
                              "due_at", *due ? due : NULL, "returned_at", *ret ? ret : NULL,
                              "agency", st->agency, "procedure", st->procedure, "given",
                              st->given);
        cli_json_print(stdout, j);
        json_decref(j);
        return;
    }
    printf(_("Dossier:    %s\n"), code);
    printf(_("Status:     %s\n"), idx_status_name(st->status));
    printf(_("Received:   %s\n"), rcv);
    if (*due)
        printf(_("Due:        %s\n"), due);
    if (*ret)
        printf(st->status == IDX_STATUS_WITHDRAWN ? _("Withdrawn:  %s\n") : _("Returned:   %s\n"),
               ret);
    if (st->agency[0])
        printf(_("Agency:     %s\n"), st->agency);
    if (st->procedure[0])
        printf(_("Procedure:  %s\n"), st->procedure);
}

/* A change of one dossier, in one transaction with its event. */
typedef struct change {
    const char *code;
    int status;          /* -1: unchanged */
    long long at;        /* the time of a return or withdrawal (NONE: now) */
    long long due;       /* NONE: unchanged */
    int days;            /* > 0: due is that many working days after the receipt */
    long long from;      /* counted from this time instead of the receipt (NONE: receipt) */
    const char *calendar;
    const char *event;   /* "status" or "return" */
} change;

static int change_apply(pl_home *home, const change *c, idx_status *out, hs_err *err)
{
    idx_db *db = NULL;
    idx_calendar *cal = NULL;
    int rc = HS_OK, txn = 0;
    if (c->days > 0 && (rc = calendar_open(c->calendar, &cal, err)))
        return rc;
    if ((rc = pl_home_index(home, 0, &db, err)) || (rc = idx_begin(db, err)))
        goto out;
    txn = 1;
    idx_status old, st;
    if ((rc = row_get(db, c->code, &old, err)))
        goto out;
    st = old;
    char detail[256] = "", a[24], b[24];
    if (c->status >= 0) {
        int closed = c->status == IDX_STATUS_RETURNED || c->status == IDX_STATUS_WITHDRAWN;
        st.status = c->status;
        st.returned_at = closed ? (c->at >= 0 ? c->at : idx_time_now()) : IDX_TIME_NONE;
        idx_time_format(st.returned_at, a);
        snprintf(detail, sizeof detail, "%s -> %s%s%s", idx_status_name(old.status),
                 idx_status_name(st.status), *a ? " at " : "", a);
    }
    if (c->days > 0 || c->due >= 0) {
        st.due_at = c->days > 0 ? idx_calendar_due(cal, c->from >= 0 ? c->from : st.received_at,
                                                   c->days)
                                : c->due;
        st.given = 1;
        idx_time_format(old.due_at, a);
        idx_time_format(st.due_at, b);
        size_t n = strlen(detail);
        snprintf(detail + n, sizeof detail - n, "%sdue %s -> %s", n ? "; " : "", *a ? a : "none",
                 b);
        if (c->days > 0) {
            n = strlen(detail);
            snprintf(detail + n, sizeof detail - n, " (%d working days)", c->days);
        }
    }
    if ((rc = idx_status_put(db, c->code, &st, err)) ||
        (rc = pl_event_record(db, c->code, pl_event_new(c->event, "success", "%s", detail), err)) ||
        (rc = idx_status_pack(db, err)) || (rc = idx_commit(db, err)))
        goto out;
    txn = 0;
    *out = st;
out:
    if (txn)
        idx_rollback(db);
    idx_db_close(db);
    idx_calendar_free(cal);
    return rc;
}

/* Splits a line at tabs into at most n fields (the line is changed); returns the count. */
static int split_tabs(char *line, char **f, int n)
{
    int k = 0;
    f[k++] = line;
    for (char *p = line; *p && k < n; p++)
        if (*p == '\t') {
            *p = '\0';
            f[k++] = p + 1;
        }
    return k;
}

/* hoso status --import FILE.tsv: a register's rows (code, received_at, due_at, returned_at,
 * status, agency, procedure; empty for unknown), all or nothing. A migration, not a
 * change: no events are written. */
static int import_tsv(pl_home *home, const char *path)
{
    hs_err err;
    hs_err_clear(&err);
    idx_db *db = NULL;
    idx_status_writer *w = NULL;
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0, rows = 0;
    int rc = HS_OK, txn = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        cli_error(_("status: cannot read '%s'"), path);
        return EXIT_FAIL;
    }
    if ((rc = pl_home_index(home, 0, &db, &err)) || (rc = idx_begin(db, &err)))
        goto out;
    txn = 1;
    if ((rc = idx_status_writer_new(db, &w, &err)))
        goto out;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (!len || line[0] == '#' || (lineno == 1 && strncmp(line, "code\t", 5) == 0))
            continue;
        char *c[8] = {0};
        int n = split_tabs(line, c, 8);
        idx_status st = {.due_at = IDX_TIME_NONE, .returned_at = IDX_TIME_NONE, .given = 1};
        const char *bad = NULL;
        if (n < 2 || n > 7)
            bad =
                _("expected code, received_at [, due_at, returned_at, status, agency, procedure]");
        else if (!pl_code_valid(c[0]))
            bad = _("bad code");
        else if (idx_time_parse(c[1], 0, &st.received_at))
            bad = _("bad received_at");
        else if (n > 2 && *c[2] && idx_time_parse(c[2], 1, &st.due_at))
            bad = _("bad due_at");
        else if (n > 3 && *c[3] && idx_time_parse(c[3], 0, &st.returned_at))
            bad = _("bad returned_at");
        else if (n > 4 && *c[4] && (st.status = idx_status_parse(c[4])) < 0)
            bad = _("bad status (received, processing, returned, withdrawn)");
        if (bad) {
            rc = hs_err_set(&err, HS_EFORMAT, 0, "status: '%s' line %ld: %s", path, lineno, bad);
            goto out;
        }
        if ((n <= 4 || !*c[4]) && st.returned_at >= 0)
            st.status = IDX_STATUS_RETURNED;
        if (n > 5)
            snprintf(st.agency, sizeof st.agency, "%s", c[5]);
        if (n > 6)
            snprintf(st.procedure, sizeof st.procedure, "%s", c[6]);
        if ((rc = idx_status_writer_put(w, c[0], &st, &err))) {
            hs_err_prefix(&err, "'%s' line %ld", path, lineno);
            goto out;
        }
        rows++;
    }
    if (ferror(f)) {
        rc = hs_err_set(&err, HS_EIO, 0, "status: cannot read '%s'", path);
        goto out;
    }
    idx_status_writer_free(w);
    w = NULL;
    if ((rc = idx_status_pack(db, &err)) || (rc = idx_commit(db, &err)))
        goto out;
    txn = 0;
out:
    idx_status_writer_free(w);
    if (txn)
        idx_rollback(db);
    idx_db_close(db);
    free(line);
    fclose(f);
    if (rc) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    printf(ngettext("imported %ld row\n", "imported %ld rows\n", (unsigned long)rows), rows);
    return EXIT_OK;
}

static int overdue_add(void *ud, const char *code, const idx_status *st)
{
    char rcv[24], due[24];
    idx_time_format(st->received_at, rcv);
    idx_time_format(st->due_at, due);
    json_t *list = ((json_t **)ud)[0];
    long long now = (long long)json_integer_value(((json_t **)ud)[1]);
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:I, s:s, s:s}", "code", code, "status",
                          idx_status_name(st->status), "received_at", rcv, "due_at", due,
                          "days_late", (json_int_t)((now - st->due_at) / (24 * 60)), "agency",
                          st->agency, "procedure", st->procedure);
    return j && json_array_append_new(list, j) == 0 ? HS_OK : HS_ENOMEM;
}

json_t *overdue_json(idx_db *db, long long now, int limit, hs_err *err)
{
    json_t *ud[2] = {json_array(), json_integer(now)};
    int rc = ud[0] && ud[1] ? idx_status_overdue(db, now, limit, overdue_add, ud, err)
                            : HS_ENOMEM;
    json_decref(ud[1]);
    if (rc) {
        if (rc == HS_ENOMEM)
            hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        json_decref(ud[0]);
        return NULL;
    }
    return ud[0];
}

/* hoso status --overdue: the open dossiers past their deadline, longest overdue first. */
static int overdue(pl_home *home, long long now, int json)
{
    hs_err err;
    hs_err_clear(&err);
    idx_db *db = NULL;
    json_t *list = NULL;
    int rc = idx_db_open_readonly(home->index_path, &db, &err);
    if (rc == HS_OK && !(list = overdue_json(db, now, 0, &err)))
        rc = err.code ? err.code : HS_ENOMEM;
    idx_db_close(db);
    if (rc) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    if (json) {
        cli_json_print(stdout, list);
    } else {
        size_t i;
        json_t *o;
        json_array_foreach(list, i, o)
        {
            printf(_("%s  due %s (%lld days late)  received %s  %s  %s\n"),
                   json_string_value(json_object_get(o, "code")),
                   json_string_value(json_object_get(o, "due_at")),
                   (long long)json_integer_value(json_object_get(o, "days_late")),
                   json_string_value(json_object_get(o, "received_at")),
                   json_string_value(json_object_get(o, "agency")),
                   json_string_value(json_object_get(o, "procedure")));
        }
    }
    json_decref(list);
    return EXIT_OK;
}

static int show(pl_home *home, const char *code, int json)
{
    hs_err err;
    hs_err_clear(&err);
    idx_db *db = NULL;
    idx_status st;
    /* a row made for a dossier filed before rows were kept is written: open for writing */
    int rc = pl_home_index(home, 0, &db, &err);
    if (rc == HS_OK)
        rc = row_get(db, code, &st, &err);
    idx_db_close(db);
    if (rc) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    row_print(code, &st, json);
    return EXIT_OK;
}

int cmd_status(pl_home *home, int argc, char **argv)
{
    static const struct option opts[] = {
        {"at", required_argument, NULL, 'a'},   {"due", required_argument, NULL, 'd'},
        {"days", required_argument, NULL, 'n'}, {"calendar", required_argument, NULL, 'c'},
        {"import", required_argument, NULL, 'i'}, {"json", no_argument, NULL, 'j'},
        {"overdue", no_argument, NULL, 'o'},    {"now", required_argument, NULL, 'w'},
        {"help", no_argument, NULL, 'h'},       {0, 0, 0, 0},
    };
    change ch = {.status = -1, .at = IDX_TIME_NONE, .due = IDX_TIME_NONE, .from = IDX_TIME_NONE,
                 .event = "status"};
    const char *import = NULL;
    long long now = IDX_TIME_NONE;
    int json = 0, list_overdue = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'a':
            if (time_arg("status", "--at", optarg, 0, &ch.at))
                return EXIT_USAGE;
            break;
        case 'd':
            if (time_arg("status", "--due", optarg, 1, &ch.due))
                return EXIT_USAGE;
            break;
        case 'n':
            if (cli_parse_int(optarg, 0, 3650, &ch.days))
                return cli_usage(status_usage, _("status: --days takes a number of working days"));
            break;
        case 'c':
            ch.calendar = optarg;
            break;
        case 'i':
            import = optarg;
            break;
        case 'o':
            list_overdue = 1;
            break;
        case 'w':
            if (time_arg("status", "--now", optarg, 0, &now))
                return EXIT_USAGE;
            break;
        case 'j':
            json = 1;
            break;
        case 'h':
            return cli_help_print(stdout, "status");
        default:
            return cli_usage(status_usage, _("status: unknown option '%s'"), argv[optind - 1]);
        }
    }
    if (list_overdue)
        return optind == argc ? overdue(home, now >= 0 ? now : idx_time_now(), json)
                              : cli_usage(status_usage, _("status: --overdue takes no code"));
    if (import)
        return optind == argc ? import_tsv(home, import)
                              : cli_usage(status_usage, _("status: --import takes no code"));
    if (optind >= argc || argc - optind > 2)
        return cli_usage(status_usage, _("status: give a dossier code and at most one status"));
    ch.code = argv[optind];
    if (argc - optind == 2 && (ch.status = idx_status_parse(argv[optind + 1])) < 0)
        return cli_usage(status_usage,
                         _("status: '%s' is no status (received, processing, returned, withdrawn)"),
                         argv[optind + 1]);
    if (ch.days > 0 && ch.due >= 0)
        return cli_usage(status_usage, _("status: give --due or --days, not both"));
    if (ch.at >= 0 && ch.status != IDX_STATUS_RETURNED && ch.status != IDX_STATUS_WITHDRAWN)
        return cli_usage(status_usage, _("status: --at is the time of a return or withdrawal"));
    if (ch.status < 0 && ch.days <= 0 && ch.due < 0)
        return show(home, ch.code, json);
    hs_err err;
    hs_err_clear(&err);
    idx_status st;
    if (change_apply(home, &ch, &st, &err)) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    row_print(ch.code, &st, json);
    return EXIT_OK;
}

int cmd_return(pl_home *home, int argc, char **argv)
{
    static const struct option opts[] = {
        {"at", required_argument, NULL, 'a'},
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    change ch = {.status = IDX_STATUS_RETURNED, .at = IDX_TIME_NONE, .due = IDX_TIME_NONE,
                 .from = IDX_TIME_NONE, .event = "return"};
    int json = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'a':
            if (time_arg("return", "--at", optarg, 0, &ch.at))
                return EXIT_USAGE;
            break;
        case 'j':
            json = 1;
            break;
        case 'h':
            return cli_help_print(stdout, "return");
        default:
            return cli_usage(return_usage, _("return: unknown option '%s'"), argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage(return_usage, _("return: give exactly one dossier code"));
    ch.code = argv[optind];
    hs_err err;
    hs_err_clear(&err);
    idx_status st;
    if (change_apply(home, &ch, &st, &err)) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    row_print(ch.code, &st, json);
    return EXIT_OK;
}

int cmd_due(pl_home *home, int argc, char **argv)
{
    static const struct option opts[] = {
        {"days", required_argument, NULL, 'n'}, {"at", required_argument, NULL, 'a'},
        {"from", required_argument, NULL, 'f'},
        {"calendar", required_argument, NULL, 'c'}, {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},       {0, 0, 0, 0},
    };
    change ch = {.status = -1, .at = IDX_TIME_NONE, .due = IDX_TIME_NONE, .from = IDX_TIME_NONE,
                 .event = "status"};
    int json = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'n':
            if (cli_parse_int(optarg, 0, 3650, &ch.days))
                return cli_usage(due_usage, _("due: --days takes a number of working days"));
            break;
        case 'a':
            if (time_arg("due", "--at", optarg, 1, &ch.due))
                return EXIT_USAGE;
            break;
        case 'f':
            if (time_arg("due", "--from", optarg, 0, &ch.from))
                return EXIT_USAGE;
            break;
        case 'c':
            ch.calendar = optarg;
            break;
        case 'j':
            json = 1;
            break;
        case 'h':
            return cli_help_print(stdout, "due");
        default:
            return cli_usage(due_usage, _("due: unknown option '%s'"), argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage(due_usage, _("due: give exactly one dossier code"));
    if ((ch.days > 0) == (ch.due >= 0))
        return cli_usage(due_usage, _("due: give --days N or --at TIME"));
    if (ch.from >= 0 && ch.days <= 0)
        return cli_usage(due_usage, _("due: --from counts --days N from another time"));
    ch.code = argv[optind];
    hs_err err;
    hs_err_clear(&err);
    idx_status st;
    if (change_apply(home, &ch, &st, &err)) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    row_print(ch.code, &st, json);
    return EXIT_OK;
}

/* ---- hoso stats ---- */

static json_t *row_json(const idx_stats_row *r);

int stats_period_parse(const char *s, int end, long long *t)
{
    char buf[32];
    long long v;
    if (strlen(s) == 7 && s[4] == '-') {
        memcpy(buf, s, 7);
        memcpy(buf + 7, "-01", 4);
        if (idx_time_parse(buf, 0, &v))
            goto bad;
        if (end) {
            int y = atoi(buf), m = atoi(buf + 5) + 1;
            if (m > 12) {
                m = 1;
                y++;
            }
            snprintf(buf, sizeof buf, "%04d-%02d-01", y % 10000, m % 100);
            if (idx_time_parse(buf, 0, &v))
                goto bad;
        }
        *t = v;
        return 0;
    }
    if (strlen(s) != 10 || idx_time_parse(s, 0, &v))
        goto bad;
    *t = end ? v + 24 * 60 : v;
    return 0;
bad:
    return -1;
}

static int period_arg(const char *opt, const char *s, int end, long long *t)
{
    if (stats_period_parse(s, end, t) == 0)
        return 0;
    cli_error(_("stats: %s '%s' is not a date (YYYY-MM-DD or YYYY-MM)"), opt, s);
    return -1;
}

static const char *const by_names[] = {NULL, "agency", "procedure", "month"};

int stats_by_parse(const char *s)
{
    for (int by = IDX_BY_AGENCY; by <= IDX_BY_MONTH; by++)
        if (strcmp(s, by_names[by]) == 0)
            return by;
    return -1;
}

json_t *stats_json(const idx_stats *s, long long from, long long to, int by)
{
    char fs[24], ts[24];
    idx_time_format(from, fs);
    idx_time_format(to - 1, ts); /* the last minute: the --to day */
    json_t *groups = json_array();
    for (int i = 0; groups && i < s->n; i++)
        json_array_append_new(groups, row_json(&s->rows[i]));
    return groups ? json_pack("{s:s, s:s, s:s, s:o, s:o}", "from", fs, "to", ts, "by",
                              by ? by_names[by] : "period", "groups", groups, "total",
                              row_json(&s->total))
                  : NULL;
}

static long settled(const idx_stats_row *r)
{
    return r->early + r->on_time + r->late;
}

static double rate(const idx_stats_row *r)
{
    return settled(r) ? 100.0 * (double)(r->early + r->on_time) / (double)settled(r) : -1;
}

static json_t *row_json(const idx_stats_row *r)
{
    json_t *j = json_pack("{s:s?, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "group", r->key,
                          "received", (json_int_t)r->received, "carried", (json_int_t)r->carried,
                          "early", (json_int_t)r->early, "on_time", (json_int_t)r->on_time,
                          "late", (json_int_t)r->late, "settled", (json_int_t)settled(r),
                          "withdrawn", (json_int_t)r->withdrawn, "open", (json_int_t)r->open,
                          "overdue", (json_int_t)r->overdue);
    if (j && !r->key)
        json_object_del(j, "group");
    if (j)
        json_object_set_new(j, "on_time_rate",
                            settled(r) ? json_real(rate(r) / 100.0) : json_null());
    return j;
}

static void csv_field(const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, stdout);
        return;
    }
    putchar('"');
    for (; *s; s++) {
        if (*s == '"')
            putchar('"');
        putchar(*s);
    }
    putchar('"');
}

static void row_csv(const char *key, const idx_stats_row *r)
{
    csv_field(key);
    printf(",%ld,%ld,%ld,%ld,%ld,%ld,%ld,%ld,%ld,", r->received, r->carried, r->early, r->on_time,
           r->late, settled(r), r->withdrawn, r->open, r->overdue);
    if (settled(r))
        printf("%.4f", rate(r) / 100.0);
    putchar('\n');
}

/* Characters (not bytes) of UTF-8 text s, for columns. */
static int text_width(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* s padded with spaces to width characters (cut at a character when longer). */
static void print_padded(const char *s, int width)
{
    int n = 0;
    const char *p = s;
    for (; *p; p++) {
        if (((unsigned char)*p & 0xC0) != 0x80 && n++ == width)
            break;
    }
    fwrite(s, 1, (size_t)(p - s), stdout);
    for (n = text_width(s); n < width; n++)
        putchar(' ');
}

static void row_text(const char *key, int width, const idx_stats_row *r)
{
    print_padded(key, width);
    printf(" %9ld %8ld %8ld %8ld %8ld %8ld %9ld %8ld %8ld ", r->received,
           r->carried, r->early, r->on_time, r->late, settled(r), r->withdrawn, r->open,
           r->overdue);
    if (settled(r))
        printf("%7.2f%%\n", rate(r));
    else
        printf("%8s\n", "-");
}

int cmd_stats(pl_home *home, int argc, char **argv)
{
    static const struct option opts[] = {
        {"from", required_argument, NULL, 'f'}, {"to", required_argument, NULL, 't'},
        {"by", required_argument, NULL, 'b'},   {"json", no_argument, NULL, 'j'},
        {"csv", no_argument, NULL, 'c'},        {"now", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},       {0, 0, 0, 0},
    };
    long long from = IDX_TIME_NONE, to = IDX_TIME_NONE, now = idx_time_now();
    int by = IDX_BY_NONE, json = 0, csv = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (period_arg("--from", optarg, 0, &from))
                return EXIT_USAGE;
            break;
        case 't':
            if (period_arg("--to", optarg, 1, &to))
                return EXIT_USAGE;
            break;
        case 'b':
            if ((by = stats_by_parse(optarg)) < 0)
                return cli_usage(stats_usage, _("stats: --by takes agency, procedure or month"));
            break;
        case 'j':
            json = 1;
            break;
        case 'c':
            csv = 1;
            break;
        case 'n':
            if (time_arg("stats", "--now", optarg, 0, &now))
                return EXIT_USAGE;
            break;
        case 'h':
            return cli_help_print(stdout, "stats");
        default:
            return cli_usage(stats_usage, _("stats: unknown option '%s'"), argv[optind - 1]);
        }
    }
    if (optind != argc)
        return cli_usage(stats_usage, _("stats: unexpected argument '%s'"), argv[optind]);
    if (from < 0 || to < 0)
        return cli_usage(stats_usage, _("stats: give --from DATE and --to DATE"));
    if (to <= from)
        return cli_usage(stats_usage, _("stats: --to is before --from"));
    if (json && csv)
        return cli_usage(stats_usage, _("stats: give --json or --csv, not both"));
    hs_err err;
    hs_err_clear(&err);
    idx_db *db = NULL;
    idx_stats s = {0};
    int rc = idx_db_open_readonly(home->index_path, &db, &err);
    if (rc == HS_OK)
        rc = idx_status_stats(db, from, to, now, by, &s, &err);
    idx_db_close(db);
    if (rc) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    const char *what = by ? by_names[by] : "period";
    char fs[24], ts[24];
    idx_time_format(from, fs);
    idx_time_format(to - 1, ts); /* the last minute: the --to day */
    if (json) {
        json_t *doc = stats_json(&s, from, to, by);
        if (!doc) {
            idx_stats_release(&s);
            cli_error(_("out of memory"));
            return EXIT_FAIL;
        }
        cli_json_print(stdout, doc);
        json_decref(doc);
    } else if (csv) {
        printf("%s,received,carried,early,on_time,late,settled,withdrawn,open,overdue,"
               "on_time_rate\n",
               what);
        for (int i = 0; i < s.n; i++)
            row_csv(s.rows[i].key, &s.rows[i]);
        row_csv("total", &s.total);
    } else {
        int width = 9;
        for (int i = 0; i < s.n; i++) {
            int w = text_width(s.rows[i].key);
            if (w > width)
                width = w > 60 ? 60 : w;
        }
        printf("%s .. %s\n", fs, ts);
        print_padded(what, width);
        printf(" %9s %8s %8s %8s %8s %8s %9s %8s %8s %8s\n", "received",
               "carried", "early", "on_time", "late", "settled", "withdrawn", "open", "overdue",
               "rate");
        for (int i = 0; i < s.n; i++)
            row_text(*s.rows[i].key ? s.rows[i].key : "(none)", width, &s.rows[i]);
        row_text("total", width, &s.total);
    }
    idx_stats_release(&s);
    return EXIT_OK;
}
