/* cmd_dupes.c - `hoso dupes [--json] [--min-similarity X] [CODE]`: pages filed twice across
 * the archive (the same archival image, or nearly the same text), and dossiers every page
 * of which repeats another dossier. Nothing is dropped: it is for a person to decide. */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_i18n.h"

static const char usage[] = "hoso dupes [--json] [--min-similarity X] [CODE]";

typedef struct dctx {
    json_t *pairs;
} dctx;

static int add_pair(void *ud, const idx_dupe *d)
{
    dctx *c = ud;
    json_array_append_new(c->pairs,
                          json_pack("{s:s, s:i, s:s, s:i, s:s, s:f}", "dossier", d->code, "page",
                                    d->page, "other", d->other_code, "other_page", d->other_page,
                                    "kind", d->kind, "similarity",
                                    (double)(int)(d->similarity * 100 + 0.5) / 100));
    return HS_OK;
}

/* Dossiers each page of which has a duplicate in one other dossier. */
static int page_count(idx_db *db, const char *code)
{
    pl_dossier *rec = NULL;
    int n = -1;
    if (pl_dossier_load(db, code, &rec, NULL, NULL, NULL) == HS_OK)
        n = (int)pl_dossier_page_count(rec);
    pl_dossier_free(rec);
    return n;
}

static json_t *whole_dossiers(idx_db *db, json_t *pairs)
{
    json_t *out = json_array(), *seen = json_object(), *p;
    size_t i;
    /* distinct pages of A matched in B, for every (A, B) in either direction */
    json_array_foreach(pairs, i, p)
    {
        for (int dir = 0; dir < 2; dir++) {
            const char *a = json_string_value(json_object_get(p, dir ? "other" : "dossier"));
            const char *b = json_string_value(json_object_get(p, dir ? "dossier" : "other"));
            json_int_t pg = json_integer_value(json_object_get(p, dir ? "other_page" : "page"));
            if (!strcmp(a, b))
                continue;
            char key[300], pk[32];
            snprintf(key, sizeof key, "%s\t%s", a, b);
            json_t *set = json_object_get(seen, key);
            if (!set) {
                set = json_object();
                json_object_set_new(seen, key, set);
            }
            snprintf(pk, sizeof pk, "%lld", (long long)pg);
            json_object_set_new(set, pk, json_true());
        }
    }
    const char *key;
    json_t *set;
    json_object_foreach(seen, key, set)
    {
        const char *tab = strchr(key, '\t');
        char a[200];
        snprintf(a, sizeof a, "%.*s", (int)(tab - key), key);
        int n = page_count(db, a);
        if (n > 0 && (int)json_object_size(set) == n)
            json_array_append_new(out, json_pack("{s:s, s:s, s:i}", "dossier", a, "repeats",
                                                 tab + 1, "pages", n));
    }
    json_decref(seen);
    return out;
}

int cmd_dupes(pl_home *home, int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {"min-similarity", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {0, 0, 0, 0},
    };
    int json = 0, c;
    double min = IDX_DUPE_SIMILARITY;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'j':
            json = 1;
            break;
        case 'm': {
            char *end = NULL;
            min = strtod(optarg, &end);
            if (!*optarg || *end || min <= 0 || min > 1)
                return cli_usage(usage,
                                 _("dupes: --min-similarity is a number above 0, at most 1"));
            break;
        }
        case 'h':
            printf("%s %s\n", _("usage:"), usage);
            return EXIT_OK;
        default:
            return cli_usage(usage, _("dupes: unknown or incomplete option '%s'"),
                             argv[optind - 1]);
        }
    }
    if (argc - optind > 1)
        return cli_usage(usage, _("dupes: at most one dossier code"));
    const char *code = optind < argc ? argv[optind] : NULL;
    hs_err err;
    hs_err_clear(&err);
    idx_db *db = NULL;
    dctx ctx = {json_array()};
    int rc = pl_home_index(home, 0, &db, &err), exists = 1;
    if (rc == HS_OK && code && (rc = idx_code_exists(db, code, &exists, &err)) == HS_OK &&
        !exists)
        rc = hs_err_set(&err, HS_ENOTFOUND, 0, "dupes: no dossier '%s'", code);
    if (rc == HS_OK)
        rc = idx_dupes(db, code, min, add_pair, &ctx, &err);
    if (rc) {
        cli_err(&err);
        idx_db_close(db);
        json_decref(ctx.pairs);
        return EXIT_FAIL;
    }
    json_t *whole = whole_dossiers(db, ctx.pairs);
    idx_db_close(db);
    if (json) {
        json_t *doc = json_pack("{s:O, s:o}", "pages", ctx.pairs, "dossiers", whole);
        cli_json_print(stdout, doc);
        json_decref(doc);
    } else {
        size_t i;
        json_t *p;
        json_array_foreach(ctx.pairs, i, p)
        {
            int img = !strcmp(json_string_value(json_object_get(p, "kind")), "image");
            printf("%s p.%lld  %s  %s p.%lld  ", json_string_value(json_object_get(p, "dossier")),
                   (long long)json_integer_value(json_object_get(p, "page")), img ? "=" : "~",
                   json_string_value(json_object_get(p, "other")),
                   (long long)json_integer_value(json_object_get(p, "other_page")));
            if (img)
                printf("%s\n", _("same image"));
            else
                printf(_("text %.2f\n"), json_number_value(json_object_get(p, "similarity")));
        }
        json_array_foreach(whole, i, p)
        {
            long long np = (long long)json_integer_value(json_object_get(p, "pages"));
            const char *dossier = json_string_value(json_object_get(p, "dossier"));
            const char *repeats = json_string_value(json_object_get(p, "repeats"));
            if (np == 1)
                printf(_("dossier %s repeats %s (its one page)\n"), dossier, repeats);
            else
                printf(ngettext("dossier %s repeats %s (all %lld page)\n",
                                "dossier %s repeats %s (all %lld pages)\n", (unsigned long)np),
                       dossier, repeats, np);
        }
        size_t npairs = json_array_size(ctx.pairs), nwhole = json_array_size(whole);
        printf(ngettext("%zu duplicate page pair", "%zu duplicate page pairs", npairs), npairs);
        printf(ngettext(", %zu repeated dossier\n", ", %zu repeated dossiers\n", nwhole), nwhole);
        json_decref(whole);
    }
    json_decref(ctx.pairs);
    return EXIT_OK;
}
