/* cmd_reindex.c - `hoso reindex`: rebuilds the index from the archives alone, in one
 * transaction, so searchers see the old index until the new one is complete. A damaged
 * index file is moved aside ("index.sqlite.damaged-TIME") and a new one built. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "cli_i18n.h"
#include "cli_help.h"

/* Indexes every archive of list into db, replacing what it held. */
static int rebuild(pl_home *home, idx_db *db, char **list, size_t n, size_t *done,
                   size_t *failed, hs_err *err)
{
    *done = *failed = 0;
    int rc = idx_begin(db, err);
    if (rc == HS_OK)
        rc = idx_clear(db, err);
    for (size_t i = 0; rc == HS_OK && i < n; i++) {
        char *abs = pl_home_abs(home, list[i]), *code = NULL;
        hs_err e;
        hs_err_clear(&e);
        /* Two archives claiming one code would silently replace each other. */
        arc_reader *r = NULL;
        int exists = 0;
        int r1 = abs ? arc_open(abs, &r, &e) : hs_err_set(&e, HS_ENOMEM, 0, "out of memory");
        if (r1 == HS_OK)
            r1 = idx_code_exists(db, arc_name(r), &exists, &e);
        if (r1 == HS_OK && exists)
            r1 = hs_err_set(&e, HS_EEXIST, 0, "'%s': dossier '%s' is also in another archive",
                            list[i], arc_name(r));
        arc_close(r);
        if (r1 == HS_OK)
            r1 = pl_index_archive(db, abs, list[i], &code, &e);
        if (r1 == HS_EDB) {
            rc = r1;
            *err = e;
        } else if (r1) {
            cli_err(&e);
            (*failed)++;
        } else {
            (*done)++;
        }
        free(code);
        free(abs);
    }
    if (rc == HS_OK)
        rc = idx_commit(db, err);
    /* a bulk load leaves many small segments: merge them for faster searches */
    if (rc == HS_OK)
        rc = idx_optimize(db, err);
    if (rc)
        idx_rollback(db);
    return rc;
}

/* Moves the index file and its WAL files aside under one new name. */
static int move_aside(const pl_home *home, hs_err *err)
{
    char stamp[32], from[4200], to[4200];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    static const char *const ext[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(from, sizeof from, "%s%s", home->index_path, ext[i]);
        snprintf(to, sizeof to, "%s.damaged-%s%s", home->index_path, stamp, ext[i]);
        if (rename(from, to) != 0 && errno != ENOENT)
            return hs_err_set(err, HS_EIO, errno, "reindex: cannot move '%s' aside", from);
        if (i == 0)
            cli_error(_("reindex: the index was damaged; moved it to '%s', building a new one"),
                      to);
    }
    return HS_OK;
}

int cmd_reindex(pl_home *home, int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        return cli_help_print(stdout, "reindex");
    }
    if (argc > 1)
        return cli_usage("reindex", _("reindex: takes no arguments"));
    hs_err err;
    hs_err_clear(&err);
    idx_db *db = NULL;
    char **list = NULL;
    size_t n = 0, done = 0, failed = 0;
    pl_home_sweep(home); /* temporary zips of writers that are gone */
    int rc = pl_home_archives(home, &list, &n, &err);
    for (int attempt = 0; rc == HS_OK && attempt < 2; attempt++) {
        rc = pl_home_index(home, 1, &db, &err);
        if (rc == HS_OK)
            rc = rebuild(home, db, list, n, &done, &failed, &err);
        idx_db_close(db);
        db = NULL;
        /* the archives are the record: a damaged index is set aside, never repaired */
        if (rc != HS_EDB || attempt > 0 || !idx_file_damaged(home->index_path))
            break;
        if ((rc = move_aside(home, &err)))
            break;
    }
    if (rc) {
        cli_err(&err);
    } else {
        printf(ngettext("reindexed %zu dossier", "reindexed %zu dossiers", done), done);
        if (failed)
            printf(ngettext(", %zu archive skipped", ", %zu archives skipped", failed), failed);
        printf("\n");
    }
    pl_home_archives_free(list, n);
    return rc || failed ? EXIT_FAIL : EXIT_OK;
}
