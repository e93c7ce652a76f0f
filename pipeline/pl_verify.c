/* pl_verify.c - fixity of one archive: its bag against its own manifests (arc_verify), and
 * the manifests against the checksums the index keeps for its pages. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "pl_int.h"

/* The manifest lines of an archive, to compare with the checksums the index keeps. */
typedef struct vctx {
    const char *code;
    arc_problem_fn fn;
    void *ud;
    int problems;
    pl_sums sums; /* the archive's manifest */
} vctx;

static void vproblem(vctx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void vproblem(vctx *v, const char *fmt, ...)
{
    char msg[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, hs_tr(fmt), ap);
    va_end(ap);
    v->problems++;
    v->fn(v->ud, msg);
}

static void relay(void *ud, const char *msg)
{
    vproblem(ud, "%s", msg);
}

static int compare(void *ud, const char *path, const char *sha)
{
    vctx *v = ud;
    const char *have = pl_sums_get(&v->sums, path);
    if (have) {
        if (strcmp(have, sha) != 0)
            vproblem(v, "%s: '%s' differs from the checksum in the index", v->code, path);
        return HS_OK;
    }
    vproblem(v, "%s: '%s' is in the index but not in the archive's manifest", v->code, path);
    return HS_OK;
}

int pl_verify_archive(idx_db *db, const char *code, const char *abs, arc_problem_fn fn, void *ud)
{
    vctx v = {.code = code, .fn = fn, .ud = ud};
    hs_err err;
    hs_err_clear(&err);
    arc_reader *r = NULL;
    if (arc_open(abs, &r, &err)) {
        vproblem(&v, "%s: %s", code, err.msg);
        return v.problems;
    }
    if (strcmp(arc_name(r), code) != 0)
        vproblem(&v, "%s: the archive '%s' holds dossier '%s'", code, abs, arc_name(r));
    /* the bag's messages start with its name, which is the code */
    arc_verify(r, relay, &v);
    if (pl_sums_read(r, &v.sums, &err) == HS_OK) {
        if (idx_dossier_files(db, code, compare, &v, &err))
            vproblem(&v, "%s: %s", code, err.msg);
    } else {
        vproblem(&v, "%s: %s", code, err.msg);
    }
    pl_sums_release(&v.sums);
    arc_close(r);
    return v.problems;
}

