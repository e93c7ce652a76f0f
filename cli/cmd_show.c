/* cmd_show.c - `hoso show [--json] CODE`: the dossier record, from the index (which holds
 * the dossier.json filed in the archive). */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_help.h"
#include "cli_i18n.h"

/* the synopsis and options are in the help table, cli/cli_help.c */
static const char usage[] = "show";

/* The dossier's event log, oldest first: one line an event. */
static void print_events(const json_t *events)
{
    size_t i;
    json_t *ev;
    json_array_foreach(events, i, ev)
    {
        const char *t = json_string_value(json_object_get(ev, "time"));
        const char *ty = json_string_value(json_object_get(ev, "type"));
        const char *o = json_string_value(json_object_get(ev, "outcome"));
        const char *d = json_string_value(json_object_get(ev, "detail"));
        printf("  %-20s  %-12s  %-12s  %s\n", t ? t : "?", ty ? ty : "?", o ? o : "?", d ? d : "");
    }
}

static void print_record(const pl_home *home, const char *rel, const pl_dossier *rec)
{
    char *abs = pl_home_abs(home, rel);
    printf(_("Dossier:  %s\n"), pl_dossier_code(rec));
    printf(_("Archive:  %s\n"), abs ? abs : rel);
    printf(_("Created:  %s\n"), pl_dossier_created(rec));
    const char *upd = pl_dossier_updated(rec);
    if (upd)
        printf(_("Updated:  %s\n"), upd);
    size_t npages = pl_dossier_page_count(rec);
    printf(_("Pages:    %zu\n"), npages);
    json_t *fields = pl_dossier_fields(rec);
    const char *k;
    json_t *v;
    if (json_object_size(fields))
        printf("%s\n", _("Fields:"));
    json_object_foreach(fields, k, v)
    {
        /* one line per value: the value, its page and how sure the reader was */
        json_t *one = json_is_array(v) ? NULL : v;
        size_t n = json_is_array(v) ? json_array_size(v) : 1;
        for (size_t i = 0; i < n; i++) {
            if (json_is_array(v))
                one = json_array_get(v, i);
            const char *val = json_string_value(json_object_get(one, "value"));
            if (!val)
                val = json_string_value(one);
            json_t *conf = json_object_get(one, "confidence");
            printf("  %-14s %s", i ? "" : k, val ? val : "?");
            /* corrected at the review station (pl_review.c): who, and what was read */
            json_t *fix = json_object_get(one, "corrected");
            if (fix) {
                printf(_("   (corrected by %s, was '%s')\n"),
                       json_string_value(json_object_get(fix, "by")),
                       json_string_value(json_object_get(fix, "was")));
                continue;
            }
            if (json_is_number(conf))
                printf("   (p.%lld, %.2f%s)", json_integer_value(json_object_get(one, "page")),
                       json_number_value(conf),
                       json_number_value(conf) < 0.5 ? _(", a guess: check it") : "");
            printf("\n");
        }
    }
    pl_dossier_page pg;
    int review = 0;
    for (size_t i = 0; i < npages; i++) {
        pl_dossier_page_get(rec, i, &pg);
        if (pg.needs_review)
            printf(_("%s p.%lld (confidence %.1f)"), review++ ? "," : _("Needs review:"),
                   (long long)pg.page, pg.confidence);
    }
    if (review)
        printf("\n");
    for (size_t i = 0; i < pl_dossier_pdf_count(rec); i++)
        printf(_("PDF:      %s\n"), pl_dossier_pdf(rec, i));
    for (size_t i = 0; i < npages; i++) {
        pl_dossier_page_get(rec, i, &pg);
        printf("  p.%-3lld %-28s %-6s %5lldx%-5lld %2lld-bit %4lld dpi%s  conf %5.1f  %s\n",
               (long long)pg.page, pg.source, pg.format, pg.width, pg.height, pg.depth, pg.dpi,
               pg.dpi_assumed ? "?" : " ", pg.confidence, pg.image);
    }
    free(abs);
}

int cmd_show(pl_home *home, int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {"events", no_argument, NULL, 'e'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    int json = 0, events_only = 0, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = 1;
            break;
        case 'e':
            events_only = 1;
            break;
        case 'h':
            return cli_help_print(stdout, "show");
        default:
            return cli_usage(usage, _("show: unknown option '%s'"), argv[optind - 1]);
        }
    }
    if (optind != argc - 1)
        return cli_usage(usage, _("show: give exactly one dossier code"));
    hs_err err;
    hs_err_clear(&err);
    idx_db *db = NULL;
    char *rel = NULL, *record = NULL;
    int rc = pl_home_index(home, 0, &db, &err);
    if (rc == HS_OK)
        rc = idx_dossier_get(db, argv[optind], &rel, &record, &err);
    /* the event log is in the bag and the index: a dossier whose archive cannot be read
     * still shows its record, with the reason its log is missing */
    json_t *events = NULL, *reviewed = NULL, *history = NULL;
    if (rc == HS_OK && !json && !events_only) /* the fields as corrected, and how */
        pl_review_fields(db, argv[optind], &reviewed, &history, NULL, NULL);
    hs_err eerr;
    hs_err_clear(&eerr);
    int erc = rc == HS_OK && (events_only || !json)
                  ? pl_events_load(home, db, argv[optind], &events, &eerr)
                  : HS_OK;
    idx_db_close(db);
    if (rc || (events_only && erc)) {
        cli_err(rc ? &err : &eerr);
        free(rel);
        free(record);
        return EXIT_FAIL;
    }
    if (events_only) {
        if (json)
            cli_json_print(stdout, events);
        else
            print_events(events);
    } else if (json) {
        fputs(record, stdout);
        if (!*record || record[strlen(record) - 1] != '\n')
            fputc('\n', stdout);
    } else {
        hs_err perr;
        pl_dossier *rec = NULL;
        if (pl_dossier_parse(record, strlen(record), NULL, &rec, &perr)) {
            cli_error(_("show: '%s': bad record in the index: %s"), argv[optind], perr.msg);
            rc = HS_EFORMAT;
        } else {
            if (reviewed)
                pl_dossier_set_fields(rec, reviewed);
            print_record(home, rel, rec);
            size_t i;
            json_t *h;
            json_array_foreach(history, i, h)
            {
                if (i == 0)
                    printf("%s\n", _("Corrections:"));
                printf(_("  %-20s  %-14s p.%-3lld '%s' -> '%s'  by %s\n"),
                       json_string_value(json_object_get(h, "time")),
                       json_string_value(json_object_get(h, "field")),
                       json_integer_value(json_object_get(h, "page")),
                       json_string_value(json_object_get(h, "old")),
                       json_string_value(json_object_get(h, "new")),
                       json_string_value(json_object_get(h, "user")));
            }
            if (erc)
                cli_error(_("show: the event log cannot be read: %s"), eerr.msg);
            else if (json_array_size(events)) {
                printf("%s\n", _("Events:"));
                print_events(events);
            }
        }
        pl_dossier_free(rec);
    }
    json_decref(events);
    json_decref(reviewed);
    json_decref(history);
    free(rel);
    free(record);
    return rc ? EXIT_FAIL : EXIT_OK;
}
