/* cmd_search.c - `hoso search [--json] [--limit N] [--from DATE] [--to DATE] [--code
 * PREFIX] [--field KEY=VALUE]... [--dossiers] QUERY...`: matching pages (or dossiers),
 * exact-diacritic matches first, then by bm25. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_i18n.h"
#include "cli_help.h"

/* the synopsis and options are in the help table, cli/cli_help.c */
static const char usage[] = "search";


int cmd_search(pl_home *home, int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {"limit", required_argument, NULL, 'n'},
        {"from", required_argument, NULL, 'f'},
        {"to", required_argument, NULL, 't'},
        {"code", required_argument, NULL, 'c'},
        {"field", required_argument, NULL, 'F'},
        {"dossiers", no_argument, NULL, 'd'},
        {"needs-review", no_argument, NULL, 'R'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    int json = 0, c, nfields = 0;
    const char *fields[16];
    idx_query q = {.limit = 20};
    opterr = 0;
    /* '+': options end at the first word of the query, so "giay -sinh" can be typed as
     * two arguments; a query that starts with '-' follows "--". */
    while ((c = getopt_long(argc, argv, "+n:h", opts, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = 1;
            break;
        case 'n':
            if (cli_parse_int(optarg, 1, 100000, &q.limit))
                return cli_usage(usage, _("search: bad --limit '%s'"), optarg);
            break;
        case 'f':
            q.from = optarg;
            break;
        case 't':
            q.to = optarg;
            break;
        case 'c':
            q.code_prefix = optarg;
            break;
        case 'F':
            if (nfields == 16)
                return cli_usage(usage, _("search: at most 16 --field filters"));
            char bad[600];
            if (cli_field_unknown(optarg, bad, sizeof bad))
                return cli_usage(usage, "%s", bad);
            fields[nfields++] = optarg;
            break;
        case 'd':
            q.by_dossier = 1;
            break;
        case 'R':
            /* the same threshold that marks pages "needs_review" in dossier.json */
            q.review_below = home->review;
            break;
        case 'h':
            return cli_help_print(stdout, "search");
        default:
            /* getopt may still be inside the bad word ("-khai"): name that word */
            return cli_usage(usage,
                             _("search: unknown or incomplete option '%s' (a query that starts "
                               "with '-' goes after '--')"),
                             optind < argc && argv[optind][0] == '-' && optopt &&
                                     strchr(argv[optind], optopt)
                                 ? argv[optind]
                                 : argv[optind - 1]);
        }
    }
    /* a filter may stand without words (--needs-review alone: every page to check) */
    if (optind >= argc && !(q.from || q.to || q.code_prefix || nfields || q.review_below > 0))
        return cli_usage(usage, _("search: no query"));
    q.fields = fields;
    q.nfields = nfields;
    /* Several words on the command line form one query. */
    hs_buf text;
    hs_buf_init(&text);
    for (int i = optind; i < argc; i++)
        if ((i > optind && hs_buf_puts(&text, " ")) || hs_buf_puts(&text, argv[i])) {
            hs_buf_release(&text);
            cli_error("%s", _("out of memory"));
            return EXIT_FAIL;
        }
    q.text = text.data ? text.data : "";
    hs_err err;
    hs_err_clear(&err);
    idx_db *db = NULL;
    idx_results r = {0};
    int rc = pl_home_index(home, 0, &db, &err);
    if (rc == HS_OK)
        rc = idx_search(db, &q, &r, &err);
    if (rc) {
        cli_err(&err);
        hs_buf_release(&text);
        idx_db_close(db);
        return rc == HS_EINVAL ? EXIT_USAGE : EXIT_FAIL;
    }
    if (json) {
        json_t *j = search_json(&q, &r);
        if (j)
            cli_json_print(stdout, j);
        else
            cli_error("%s", _("out of memory"));
        json_decref(j);
    } else {
        for (int i = 0; i < r.n; i++) {
            /* one hit per line: collapse the snippet's line breaks */
            for (char *p = r.hits[i].snippet; *p; p++)
                if (*p == '\n' || *p == '\r' || *p == '\t' || *p == '\f')
                    *p = ' ';
            if (q.by_dossier)
                printf(ngettext("%s  %d page, best p.%d  %.2f  %s\n",
                                "%s  %d pages, best p.%d  %.2f  %s\n", r.hits[i].pages),
                       r.hits[i].code, r.hits[i].pages, r.hits[i].page, r.hits[i].score,
                       r.hits[i].snippet);
            else
                printf("%s  p.%d  %.2f  %s\n", r.hits[i].code, r.hits[i].page, r.hits[i].score,
                       r.hits[i].snippet);
        }
        /* the count line: "N pages found", "more than N dossiers found", ", M shown" */
        unsigned long many = r.more ? 2 : (unsigned long)r.total;
        if (r.more)
            printf(q.by_dossier ? _("more than %ld dossiers found")
                                : _("more than %ld pages found"),
                   r.total);
        else if (q.by_dossier)
            printf(ngettext("%ld dossier found", "%ld dossiers found", many), r.total);
        else
            printf(ngettext("%ld page found", "%ld pages found", many), r.total);
        if (r.total > r.n)
            printf(_(", %d shown"), r.n);
        printf("\n");
    }
    idx_results_release(&r);
    idx_db_close(db);
    hs_buf_release(&text);
    return EXIT_OK;
}
