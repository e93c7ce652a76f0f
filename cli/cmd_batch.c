/* cmd_batch.c - `hoso batch [-j N] [--json] [--shard K/N] [--page-timeout SEC] SRC...` and
 * `hoso batch --report`: the command around the batch engine (pipeline/pl_batch.c), which
 * lists the inputs, reads them with N workers and files them: here are the options, the
 * progress line, the events (--json) and the report of what failed. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_help.h"
#include "cli_i18n.h"

/* the synopsis and options are in the help table, cli/cli_help.c */
static const char usage[] = "batch";

typedef struct batch {
    int json, tty;
    double last; /* the last progress line, without a terminal */
} batch;

static void on_event(void *ud, const pl_batch_event *ev)
{
    batch *b = ud;
    if (b->json) {
        json_t *e = json_pack("{s:s, s:s, s:s}", "event", "dossier", "input", ev->input, "status",
                              ev->status);
        if (ev->code)
            json_object_set_new(e, "code", json_string(ev->code));
        if (ev->pages >= 0)
            json_object_set_new(e, "pages", json_integer(ev->pages));
        if (ev->error)
            json_object_set_new(e, "error", json_string(ev->error));
        json_object_set_new(e, "seconds", json_real((double)(long)(ev->seconds * 100) / 100));
        char *s = json_dumps(e, JSON_COMPACT | JSON_REAL_PRECISION(6));
        printf("%s\n", s);
        fflush(stdout);
        free(s);
        json_decref(e);
    }
    if (ev->error) {
        if (b->tty)
            fputs("\r\033[K", stderr);
        cli_error(_("batch: '%s': %s"), ev->input, ev->error);
    }
}

static void progress_line(batch *b, const pl_batch_progress *p, int final)
{
    double el = p->seconds;
    double ppm = el > 0 ? p->pages_read * 60.0 / el : 0;
    size_t left = p->todo > p->done ? p->todo - p->done : 0;
    /* the estimate goes by pages read when their total is known, else by dossiers */
    double eta = p->pages_read && p->pages_todo >= p->pages_read
                     ? el / (double)p->pages_read * (double)(p->pages_todo - p->pages_read)
                 : p->done ? el / (double)p->done * (double)left
                           : 0;
    char line[256];
    snprintf(line, sizeof line,
             _("dossiers %zu/%zu  pages %ld/%ld  %.1f pages/min  ETA %dm%02ds  failures %zu"),
             p->done, p->todo, p->pages_read, p->pages_todo, ppm, (int)eta / 60, (int)eta % 60,
             p->failed);
    if (b->tty)
        fprintf(stderr, "\r\033[K%s%s", line, final ? "\n" : "");
    else
        fprintf(stderr, _("hoso: batch: %s\n"), line);
    fflush(stderr);
}

/* live on a terminal, a line every 5 s otherwise */
static void on_tick(void *ud, const pl_batch_progress *p)
{
    batch *b = ud;
    if (b->json || p->done >= p->todo)
        return;
    if (b->tty || hs_now() - b->last >= 5) {
        progress_line(b, p, 0);
        b->last = hs_now();
    }
}

typedef struct report_ctx {
    int n;
    json_t *json; /* an array with --json, else NULL */
} report_ctx;

/* One failed input: a JSON object, or a TSV row whose fields have their tabs, newlines and
 * other control characters written as \t, \n and \xNN, so that a crafted file name or
 * message can neither add a column or a row nor drive the terminal. */
static int report_row(void *ud, const char *path, const char *error, const char *when)
{
    report_ctx *r = ud;
    r->n++;
    if (r->json) {
        json_array_append_new(
            r->json, json_pack("{s:s, s:s, s:s}", "input", path, "error", error, "when", when));
        return 0;
    }
    const char *field[3] = {when, path, error};
    for (int f = 0; f < 3; f++) {
        for (const unsigned char *p = (const unsigned char *)field[f]; p && *p; p++) {
            if (*p == '\t')
                fputs("\\t", stdout);
            else if (*p == '\n')
                fputs("\\n", stdout);
            else if (*p < 0x20 || *p == 0x7f)
                printf("\\x%02x", *p);
            else
                putchar(*p);
        }
        putchar(f < 2 ? '\t' : '\n');
    }
    return 0;
}

int cmd_batch(pl_home *home, int argc, char **argv)
{
    static const struct option opts[] = {
        {"jobs", required_argument, NULL, 'j'},
        {"json", no_argument, NULL, 'J'},
        {"shard", required_argument, NULL, 's'},
        {"lang", required_argument, NULL, 'l'},
        {"agency", required_argument, NULL, 'a'},
        {"page-timeout", required_argument, NULL, 't'},
        {"report", no_argument, NULL, 'r'},
        {"split", no_argument, NULL, 'P'},
        {"drop-blank", no_argument, NULL, 'B'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    batch b = {0};
    pl_batch_opts o = {.opt = {.lang = "vie"}, .timeout_ms = 300 * 1000};
    int c, report = 0;
    o.workers = (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (o.workers < 1)
        o.workers = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "j:h", opts, NULL)) != -1) {
        switch (c) {
        case 'j':
            if (cli_parse_int(optarg, 1, 256, &o.workers))
                return cli_usage(usage, _("batch: bad -j '%s'"), optarg);
            break;
        case 'J':
            b.json = 1;
            break;
        case 's':
            /* at most 2^22 shards: shard K's page ids start at K << 40 */
            if (sscanf(optarg, "%d/%d", &o.shard_k, &o.shard_n) != 2 || o.shard_n < 1 ||
                o.shard_n > (1 << 22) ||
                o.shard_k < 1 || o.shard_k > o.shard_n)
                return cli_usage(usage, _("batch: --shard takes K/N with 1 <= K <= N, not '%s'"),
                                 optarg);
            break;
        case 'l':
            o.opt.lang = optarg;
            break;
        case 'a':
            if (!pl_code_valid(optarg))
                return cli_usage(usage, _("batch: bad agency '%s'"), optarg);
            o.opt.agency = optarg;
            break;
        case 't': {
            /* seconds, fractions allowed: 0.5 */
            char *end = NULL;
            double sec = strtod(optarg, &end);
            if (!end || end == optarg || *end || !(sec >= 0.001 && sec <= 86400))
                return cli_usage(
                    usage, _("batch: bad --page-timeout '%s' (seconds, 0.001 to 86400)"), optarg);
            o.timeout_ms = (int)(sec * 1000 + 0.5);
            break;
        }
        case 'r':
            report = 1;
            break;
        case 'P':
            o.split = 1;
            break;
        case 'B':
            o.opt.drop_blank = 1;
            break;
        case 'h':
            return cli_help_print(stdout, "batch");
        default:
            return cli_usage(usage, _("batch: unknown or incomplete option '%s'"),
                             argv[optind - 1]);
        }
    }
    hs_err err;
    hs_err_clear(&err);
    if (report) {
        idx_db *db = NULL;
        if (pl_home_index(home, 0, &db, &err)) {
            cli_err(&err);
            return EXIT_FAIL;
        }
        report_ctx r = {0, b.json ? json_array() : NULL};
        int rc = idx_job_failures(db, report_row, &r, &err);
        idx_db_close(db);
        if (rc) {
            json_decref(r.json);
            cli_err(&err);
            return EXIT_FAIL;
        }
        if (r.json)
            cli_json_print(stdout, r.json);
        json_decref(r.json);
        fprintf(stderr, ngettext("%d failed input\n", "%d failed inputs\n", (unsigned long)r.n),
                r.n);
        return r.n ? EXIT_FAIL : EXIT_OK;
    }
    if (optind >= argc)
        return cli_usage(usage, _("batch: no input folders or list files"));
    o.opt.warn = cli_warn;
    o.opt.warn_ud = (void *)"batch: ";
    o.on_event = on_event;
    o.on_tick = on_tick;
    o.ud = &b;
    b.tty = isatty(2) && !b.json;
    pl_batch *run = NULL;
    int rc = pl_batch_open(home, &o, &run, &err);
    for (int i = optind; i < argc && rc == HS_OK; i++)
        rc = pl_batch_add(run, argv[i], &err);
    if (rc == HS_OK)
        rc = pl_batch_run(run, &err);
    if (rc) {
        cli_error(_("batch: %s"), err.msg);
        pl_batch_close(run);
        return EXIT_FAIL;
    }
    pl_batch_progress p;
    pl_batch_progress_get(run, &p);
    pl_batch_close(run);
    double el = p.seconds;
    if (b.tty)
        progress_line(&b, &p, 1);
    if (b.json) {
        json_t *s =
            json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:f, s:f}", "event", "summary", "dossiers",
                      (json_int_t)p.dossiers, "filed", (json_int_t)p.filed, "skipped",
                      (json_int_t)p.skipped, "failed", (json_int_t)p.failed, "pages",
                      (json_int_t)p.pages, "seconds", (double)(long)(el * 10) / 10,
                      "pages_per_minute", el > 0 ? (double)(long)(p.pages * 600.0 / el) / 10 : 0.0);
        char *t = json_dumps(s, JSON_COMPACT | JSON_REAL_PRECISION(6));
        printf("%s\n", t);
        free(t);
        json_decref(s);
    } else {
        printf(
            ngettext("batch: %zu dossier: %zu filed, %zu already filed, %zu failed; %ld pages in "
                     "%dm%02ds (%.1f pages/min)\n",
                     "batch: %zu dossiers: %zu filed, %zu already filed, %zu failed; %ld pages "
                     "in %dm%02ds (%.1f pages/min)\n",
                     p.dossiers),
            p.dossiers, p.filed, p.skipped, p.failed, p.pages, (int)el / 60, (int)el % 60,
            el > 0 ? p.pages * 60.0 / el : 0.0);
        if (p.failed)
            printf("%s\n", _("see 'hoso batch --report' for what failed and why"));
    }
    return p.failed ? EXIT_FAIL : EXIT_OK;
}
