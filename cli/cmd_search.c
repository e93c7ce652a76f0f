/* cmd_search.c - `hoso search [--json] [--limit N] QUERY...`: matching pages, best first. */
#define _GNU_SOURCE
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] = "hoso search [--json] [--limit N] QUERY";

int cmd_search(hs_home *home, int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {"limit", required_argument, NULL, 'n'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    int json = 0, limit = 20, c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "n:", opts, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = 1;
            break;
        case 'n':
            if (cli_parse_int(optarg, 1, 100000, &limit))
                return cli_usage(usage, "search: bad --limit '%s'", optarg);
            break;
        case 'h':
            printf("usage: %s\n", usage);
            return EXIT_OK;
        default:
            return cli_usage(usage, "search: unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage(usage, "search: no query");
    /* Several words on the command line form one query. */
    hs_buf q;
    hs_buf_init(&q);
    for (int i = optind; i < argc; i++)
        if ((i > optind && hs_buf_puts(&q, " ")) || hs_buf_puts(&q, argv[i])) {
            hs_buf_release(&q);
            cli_error("out of memory");
            return EXIT_FAIL;
        }
    hs_err err;
    hs_err_clear(&err);
    idx_db *db = NULL;
    idx_results r = {0};
    int rc = home_index(home, 0, &db, &err);
    if (rc == HS_OK)
        rc = idx_search(db, q.data, limit, &r, &err);
    if (rc) {
        cli_err(&err);
        hs_buf_release(&q);
        idx_db_close(db);
        return rc == HS_EINVAL ? EXIT_USAGE : EXIT_FAIL;
    }
    if (json) {
        json_t *hits = json_array();
        for (int i = 0; i < r.n; i++)
            json_array_append_new(hits, json_pack("{s:s, s:i, s:f, s:s}", "code", r.hits[i].code,
                                                  "page", r.hits[i].page, "score",
                                                  round(r.hits[i].score * 10000) / 10000,
                                                  "snippet", r.hits[i].snippet));
        json_t *j = json_pack("{s:s, s:I, s:o}", "query", q.data, "total", (json_int_t)r.total,
                              "hits", hits);
        cli_json_print(stdout, j);
        json_decref(j);
    } else {
        for (int i = 0; i < r.n; i++) {
            /* one hit per line: collapse the snippet's line breaks */
            char *s = r.hits[i].snippet;
            for (char *p = s; *p; p++)
                if (*p == '\n' || *p == '\r' || *p == '\t' || *p == '\f')
                    *p = ' ';
            printf("%s  p.%d  %.2f  %s\n", r.hits[i].code, r.hits[i].page, r.hits[i].score, s);
        }
        printf("%ld page%s found", r.total, r.total == 1 ? "" : "s");
        if (r.total > r.n)
            printf(", %d shown", r.n);
        printf("\n");
    }
    idx_results_release(&r);
    idx_db_close(db);
    hs_buf_release(&q);
    return EXIT_OK;
}
