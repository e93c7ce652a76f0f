/* cmd_merge.c - `hoso [--home DIR] merge HOME...`: folds the archives of other homes (the
 * shards of a batch run on several machines) into this one. Each archive is checked, copied
 * under a temporary name, indexed from the copy and renamed into place in one transaction,
 * as `scan` files a dossier. A code filed in both homes with different content is a
 * conflict: it is reported, never overwritten; an identical copy is skipped. */
#define _XOPEN_SOURCE 700
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_help.h"
#include "cli_help.h"

/* the synopsis and options are in the help table, cli/cli_help.c */
static const char usage[] = "merge";

typedef struct mstats {
    int merged, same, conflicts, damaged;
} mstats;

static void count_problem(void *ud, const char *msg)
{
    (void)msg;
    (*(int *)ud)++;
}

static int same_file(const char *a, const char *b)
{
    char *x = NULL, *y = NULL;
    size_t lx = 0, ly = 0;
    int same = hs_file_read(a, (size_t)1 << 31, &x, &lx, NULL) == HS_OK &&
               hs_file_read(b, (size_t)1 << 31, &y, &ly, NULL) == HS_OK && lx == ly &&
               memcmp(x, y, lx) == 0;
    free(x);
    free(y);
    return same;
}

static int merge_one(pl_home *home, idx_db *db, const char *src_abs, const char *rel, mstats *st)
{
    hs_err err;
    hs_err_clear(&err);
    arc_reader *r = NULL;
    char *data = NULL, *final = NULL, *code = NULL, *tmp = NULL, *old_rel = NULL, *rec = NULL;
    size_t len = 0;
    int rc = arc_open(src_abs, &r, &err), bad = 0, exists = 0, in_txn = 0;
    if (rc == HS_OK && (arc_verify(r, count_problem, &bad), bad)) {
        rc = hs_err_set(&err, HS_EFIXITY, 0, "'%s': fails its own manifests (%d problem%s)",
                        src_abs, bad, bad == 1 ? "" : "s");
    }
    if (rc)
        goto out;
    if ((rc = idx_code_exists(db, arc_name(r), &exists, &err)))
        goto out;
    if (exists) {
        char *have = NULL;
        if ((rc = idx_dossier_get(db, arc_name(r), &old_rel, &rec, &err)))
            goto out;
        have = pl_home_abs(home, old_rel);
        if (have && same_file(have, src_abs)) {
            st->same++;
        } else {
            st->conflicts++;
            cli_error("merge: conflict: dossier '%s' is in both homes with different content "
                      "('%s' and '%s'); kept this home's",
                      arc_name(r), have ? have : old_rel, src_abs);
        }
        free(have);
        goto out;
    }
    if ((rc = hs_file_read(src_abs, (size_t)1 << 31, &data, &len, &err)))
        goto out;
    final = pl_home_abs(home, rel);
    hs_buf t;
    hs_buf_init(&t);
    if (!final || hs_buf_printf(&t, "%s.tmp-%ld", final, (long)getpid())) {
        rc = hs_err_set(&err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    tmp = hs_buf_detach(&t, NULL);
    char *slash = strrchr(final, '/');
    *slash = '\0';
    rc = hs_mkdir_p(final, &err);
    *slash = '/';
    if (rc || (rc = hs_file_write_atomic(tmp, data, len, &err)) || (rc = idx_begin(db, &err)))
        goto out;
    in_txn = 1;
    if ((rc = pl_index_archive(db, tmp, rel, &code, &err)))
        goto out;
    if ((rc = arc_commit(tmp, final, &err)) == HS_EEXIST) {
        /* a zip the index could not read holds the place: never replaced */
        st->conflicts++;
        cli_error("merge: conflict: '%s' already exists in this home and was not replaced "
                  "(its archive cannot be indexed; see 'hoso verify'); '%s' not merged",
                  final, src_abs);
        unlink(tmp);
        rc = HS_OK;
        goto out;
    }
    if (rc || (rc = pl_event_record(db, code,
                                    pl_event_new("merge", "success", "'%s' merged into '%s' as '%s'",
                                                 src_abs, home->dir, rel),
                                    &err)) ||
        (rc = idx_commit(db, &err)))
        goto out;
    in_txn = 0;
    st->merged++;
out:
    if (in_txn)
        idx_rollback(db);
    if (rc && tmp)
        unlink(tmp);
    if (rc && rc != HS_EFIXITY)
        cli_err(&err);
    else if (rc) {
        st->damaged++;
        cli_err(&err);
    }
    arc_close(r);
    free(data);
    free(final);
    free(code);
    free(tmp);
    free(old_rel);
    free(rec);
    return rc == HS_EFIXITY ? HS_OK : rc;
}

int cmd_merge(pl_home *home, int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        return cli_help_print(stdout, "merge");
    }
    if (argc < 2)
        return cli_usage(usage, "merge: name the homes to merge into '%s'", home->dir);
    for (int i = 1; i < argc; i++)
        if (argv[i][0] == '-')
            return cli_usage(usage, "merge: unknown option '%s'", argv[i]);
    hs_err err;
    hs_err_clear(&err);
    idx_db *db = NULL;
    if (pl_home_index(home, 0, &db, &err)) {
        cli_err(&err);
        return EXIT_FAIL;
    }
    /* archives this home holds but its index lacks are indexed first: a code is then
     * known to be here, and a conflict is reported instead of a zip replaced */
    if (pl_home_mend(home, db, cli_warn, (void *)"merge: ", &err)) {
        cli_err(&err);
        idx_db_close(db);
        return EXIT_FAIL;
    }
    mstats st = {0};
    int failed = 0;
    for (int i = 1; i < argc; i++) {
        char real[PATH_MAX];
        if (!realpath(argv[i], real)) {
            cli_error("merge: '%s': no such home", argv[i]);
            failed = 1;
            continue;
        }
        if (strcmp(real, home->dir) == 0) {
            cli_error("merge: '%s' is this home", argv[i]);
            failed = 1;
            continue;
        }
        pl_home src = {0};
        src.dir = real;
        src.archive = hs_path_join(real, "archive");
        char **list = NULL;
        size_t n = 0;
        if (pl_home_archives(&src, &list, &n, &err)) {
            cli_err(&err);
            failed = 1;
        }
        for (size_t k = 0; k < n; k++) {
            char *abs = hs_path_join(real, list[k]);
            if (!abs || merge_one(home, db, abs, list[k], &st))
                failed = 1;
            free(abs);
        }
        pl_home_archives_free(list, n);
        free(src.archive);
    }
    idx_db_close(db);
    printf("merged %d dossier%s; %d already here; %d conflict%s; %d damaged\n", st.merged,
           st.merged == 1 ? "" : "s", st.same, st.conflicts, st.conflicts == 1 ? "" : "s",
           st.damaged);
    return failed || st.conflicts || st.damaged ? EXIT_FAIL : EXIT_OK;
}
