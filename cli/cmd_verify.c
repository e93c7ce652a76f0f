/* cmd_verify.c - `hoso verify [CODE...]`: fixity of each archive against its own
 * manifests, and agreement between the archive and the index (same files, same
 * checksums); with no codes, every dossier in the index and every archive on disk. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_i18n.h"
#include "cli_help.h"
#include "hs_vec.h"

static void report(void *ud, const char *msg)
{
    (void)ud;
    cli_error(_("verify: %s"), msg);
}

static void index_problem(void *ud, const char *msg)
{
    (void)ud;
    cli_error(_("verify: %s"), msg);
}

/* Verifies one dossier known to the index; returns its number of problems. The check is
 * kept in the dossier's event log (in the index: the bag is not rewritten for it). */
static int verify_one(const pl_home *home, idx_db *db, const char *code)
{
    /* the logged checks are committed a few hundred at a time: one sync each would make
     * verify of a big archive crawl, one transaction for all would hold off filing */
    static int logged;
    if (logged++ % 256 == 0) {
        if (logged > 1)
            idx_commit(db, NULL);
        idx_begin(db, NULL);
    }
    hs_err err;
    hs_err_clear(&err);
    char *rel = NULL, *record = NULL, *abs = NULL;
    if (idx_dossier_get(db, code, &rel, &record, &err)) {
        cli_error(_("verify: %s"), err.msg);
        return 1;
    }
    int problems = 1;
    if ((abs = pl_home_abs(home, rel)))
        problems = pl_verify_archive(db, code, abs, report, NULL);
    if (problems == 0)
        printf("ok      %s\n", code);
    else
        printf(ngettext("FAILED  %s (%d problem)\n", "FAILED  %s (%d problems)\n", problems), code,
               problems);
    json_t *ev = pl_event_new("fixity check", problems ? "failure" : "success",
                              "'%s' checked against its SHA-256 manifests and the index: %s", rel,
                              problems ? "problems found" : "intact");
    if (pl_event_record(db, code, ev, &err))
        cli_error(_("verify: '%s': the check could not be logged: %s"), code, err.msg);
    free(abs);
    free(rel);
    free(record);
    return problems;
}

typedef struct all_ctx {
    char **codes;
    char **archives;
    size_t n, ccap, acap;
} all_ctx;

static int add_code(void *ud, const char *code, const char *archive)
{
    all_ctx *a = ud;
    if (HS_VEC_RESERVE(a->codes, a->ccap, a->n + 1) ||
        HS_VEC_RESERVE(a->archives, a->acap, a->n + 1))
        return HS_ENOMEM;
    a->codes[a->n] = strdup(code);
    a->archives[a->n] = strdup(archive);
    a->n++;
    return HS_OK;
}

int cmd_verify(pl_home *home, int argc, char **argv)
{
    hs_err err;
    hs_err_clear(&err);
    idx_db *db = NULL;
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        return cli_help_print(stdout, "verify");
    }
    for (int i = 1; i < argc; i++)
        if (argv[i][0] == '-' && strcmp(argv[i], "--") != 0)
            return cli_usage("verify", _("verify: unknown option '%s'"), argv[i]);
    if (pl_home_index(home, 0, &db, &err)) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    /* temporary zips of writers that are gone are not dossiers: cleared, not reported */
    pl_home_sweep(home);
    int problems = 0, dossiers = 0;
    /* the index itself: a damaged file or full-text index would hide dossiers from search */
    int bad_index = idx_db_check(db, index_problem, NULL, &err);
    if (bad_index < 0) {
        cli_err(&err);
        bad_index = 1;
    }
    if (argc > 1) {
        for (int i = 1; i < argc; i++) {
            if (strcmp(argv[i], "--") == 0)
                continue;
            problems += verify_one(home, db, argv[i]) ? 1 : 0;
            dossiers++;
        }
    } else {
        all_ctx a = {0};
        char **list = NULL;
        size_t n = 0;
        if (idx_dossier_each(db, add_code, &a, &err) || pl_home_archives(home, &list, &n, &err)) {
            cli_err(&err);
            problems++;
        }
        for (size_t i = 0; i < a.n; i++) {
            problems += verify_one(home, db, a.codes[i]) ? 1 : 0;
            dossiers++;
        }
        /* Archives on disk that the index does not know. */
        for (size_t k = 0; k < n; k++) {
            int known = 0;
            for (size_t i = 0; i < a.n && !known; i++)
                known = strcmp(a.archives[i], list[k]) == 0;
            if (!known) {
                cli_error(_("verify: '%s' is not in the index (run 'hoso reindex')"), list[k]);
                problems++;
            }
        }
        for (size_t i = 0; i < a.n; i++) {
            free(a.codes[i]);
            free(a.archives[i]);
        }
        free(a.codes);
        free(a.archives);
        pl_home_archives_free(list, n);
    }
    idx_commit(db, NULL); /* the logged checks; a no-op if none */
    idx_db_close(db);
    printf(ngettext("%d dossier checked, %d with problems\n",
                    "%d dossiers checked, %d with problems\n", dossiers),
           dossiers, problems);
    if (bad_index)
        printf(ngettext("index damaged: %d problem (run 'hoso reindex')\n",
                        "index damaged: %d problems (run 'hoso reindex')\n", bad_index),
               bad_index);
    return problems || bad_index ? EXIT_FAIL : EXIT_OK;
}
