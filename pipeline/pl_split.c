/* pl_split.c - a stack of recognised pages cut into dossiers (`--split`): a new dossier
 * starts at a separator sheet (left out), at a cover sheet (left out; its code becomes the
 * dossier's) and at a receipt page whose code (QR or printed) differs from the current
 * dossier's; blank pages are left out when asked. The plan is made first (and printed by
 * --dry-run), then each part is taken out as pages of its own, with its pages of the
 * stack's searchable PDF, and filed like any dossier. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocr.h"
#include "pl_int.h"
#include "hs_vec.h"

typedef struct plan_part {
    int *pages; /* 0-based indices into the stack */
    int n;
    size_t cap;
    char code[PL_CODE_MAX]; /* "" : none yet (a code is made when it is filed) */
    char why[96];
    json_t *filed; /* once filed (pl_file_parts): {"code", "archive"} or {"error"} */
} plan_part;

struct pl_plan {
    plan_part *parts;
    int n;
    size_t cap;
    json_t *dropped; /* [{"page", "why"}] */
};

void pl_plan_free(pl_plan *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->n; i++) {
        free(p->parts[i].pages);
        json_decref(p->parts[i].filed);
    }
    free(p->parts);
    json_decref(p->dropped);
    free(p);
}

int pl_plan_count(const pl_plan *p)
{
    return p->n;
}

const char *pl_plan_code(const pl_plan *p, int part)
{
    return p->parts[part].code[0] ? p->parts[part].code : NULL;
}

static plan_part *part_new(pl_plan *p, const char *code, const char *why)
{
    if (HS_VEC_RESERVE(p->parts, p->cap, (size_t)p->n + 1))
        return NULL;
    plan_part *t = &p->parts[p->n++];
    memset(t, 0, sizeof *t);
    snprintf(t->code, sizeof t->code, "%s", code ? code : "");
    snprintf(t->why, sizeof t->why, "%s", why);
    return t;
}

static int part_add(plan_part *t, int page)
{
    if (HS_VEC_RESERVE(t->pages, t->cap, (size_t)t->n + 1))
        return HS_ENOMEM;
    t->pages[t->n++] = page;
    return HS_OK;
}

static int drop(pl_plan *p, int page, const char *why)
{
    return json_array_append_new(p->dropped, json_pack("{s:i, s:s}", "page", page + 1, "why", why))
               ? HS_ENOMEM
               : HS_OK;
}

int pl_split_plan(const pl_pages *pages, int drop_blank, pl_plan **out, hs_err *err)
{
    *out = NULL;
    pl_plan *p = calloc(1, sizeof *p);
    int rc = HS_OK;
    if (!p || !(p->dropped = json_array())) {
        free(p);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    plan_part *cur = NULL; /* the dossier pages go to; NULL until one starts */
    for (int i = 0; i < pages->n && rc == HS_OK; i++) {
        const pl_page *pg = &pages->v[i];
        int kind = PL_SHEET_NONE;
        char *code = pl_page_code(pg, &kind), why[96];
        int blank = json_is_true(json_object_get(json_object_get(pg->meta, "cleanup"), "blank"));
        if (kind == PL_SHEET_SEPARATOR) {
            rc = drop(p, i, "separator sheet");
            cur = NULL;
        } else if (kind == PL_SHEET_COVER) {
            snprintf(why, sizeof why, "cover sheet on page %d", i + 1);
            rc = drop(p, i, "cover sheet");
            if (rc == HS_OK && !(cur = part_new(p, code, why)))
                rc = HS_ENOMEM;
        } else if (blank && drop_blank) {
            rc = drop(p, i, "blank page");
        } else {
            /* a receipt of another dossier than the current one starts its own */
            if (kind == PL_SHEET_RECEIPT && cur && cur->n > 0 && strcmp(cur->code, code) != 0)
                cur = NULL;
            if (kind == PL_SHEET_RECEIPT && cur && cur->n == 0 && !cur->code[0])
                snprintf(cur->code, sizeof cur->code, "%s", code);
            if (!cur) {
                if (kind == PL_SHEET_RECEIPT)
                    snprintf(why, sizeof why, "receipt on page %d", i + 1);
                else
                    snprintf(why, sizeof why, p->n ? "after a separator sheet" : "first page");
                if (!(cur = part_new(p, kind == PL_SHEET_RECEIPT ? code : NULL, why)))
                    rc = HS_ENOMEM;
            }
            if (rc == HS_OK)
                rc = part_add(cur, i);
        }
        free(code);
    }
    /* a cover sheet or separator with nothing after it makes no dossier */
    int k = 0;
    for (int i = 0; i < p->n; i++) {
        if (p->parts[i].n > 0)
            p->parts[k++] = p->parts[i];
        else
            free(p->parts[i].pages);
    }
    p->n = k;
    if (rc) {
        pl_plan_free(p);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    *out = p;
    return HS_OK;
}

json_t *pl_plan_json(const pl_plan *p)
{
    json_t *d = json_array();
    for (int i = 0; d && i < p->n; i++) {
        const plan_part *t = &p->parts[i];
        json_t *pg = json_array();
        for (int k = 0; pg && k < t->n; k++)
            json_array_append_new(pg, json_integer(t->pages[k] + 1));
        json_t *one = json_pack("{s:o, s:o, s:s}", "code",
                                t->code[0] ? json_string(t->code) : json_null(), "pages",
                                pg ? pg : json_array(), "why", t->why);
        if (one && t->filed)
            json_object_update(one, t->filed);
        json_array_append_new(d, one);
    }
    return d ? json_pack("{s:o, s:O}", "dossiers", d, "dropped", p->dropped) : NULL;
}

int pl_split_take(pl_pages *all, const pl_plan *plan, int part, pl_pages **out, hs_err *err)
{
    *out = NULL;
    const plan_part *t = &plan->parts[part];
    pl_pages *s = calloc(1, sizeof *s);
    int *pdfp = calloc((size_t)t->n + 1, sizeof *pdfp), npdf = 0, rc = HS_OK;
    if (!s || !pdfp || !(s->v = calloc((size_t)t->n, sizeof *s->v)) ||
        !(s->spool = strdup(all->spool))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    s->spool_borrowed = 1;
    /* spool names of an appended dossier's old files stay apart between parts */
    s->carried = 100000 * (part + 1);
    for (int k = 0; k < t->n; k++) {
        pl_page *pg = &all->v[t->pages[k]];
        s->v[s->n++] = *pg;
        if (pg->pdf_page)
            pdfp[npdf++] = pg->pdf_page;
        memset(pg, 0, sizeof *pg); /* moved: the stack no longer frees it */
    }
    s->cap = s->n;
    if (npdf > 0 && all->pdf) {
        char name[48];
        snprintf(name, sizeof name, "part-%d.pdf", part + 1);
        if (!(s->pdf = hs_path_join(all->spool, name)))
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        else if ((rc = ocr_pdf_select(all->pdf, pdfp, npdf, s->pdf, err))) {
            free(s->pdf);
            s->pdf = NULL;
        }
    }
out:
    free(pdfp);
    if (rc)
        pl_pages_free(s);
    else
        *out = s;
    return rc;
}

int pl_file_parts(pl_home *home, idx_db *db, const pl_options *opt, pl_pages *stack,
                  pl_plan *plan, hs_err *err)
{
    int failed = 0;
    for (int i = 0; i < plan->n; i++) {
        pl_pages *part = NULL;
        pl_result res;
        memset(&res, 0, sizeof res);
        hs_err e;
        hs_err_clear(&e);
        pl_options o = *opt;
        o.code = pl_plan_code(plan, i);
        int rc = pl_split_take(stack, plan, i, &part, &e);
        if (rc == HS_OK)
            rc = pl_file(home, db, &o, part, NULL, NULL, &res, &e);
        if (rc)
            failed++;
        json_decref(plan->parts[i].filed);
        plan->parts[i].filed = rc ? json_pack("{s:s}", "error", e.msg)
                                  : json_pack("{s:s, s:s}", "code", res.code, "archive",
                                              res.archive);
        pl_result_release(&res);
        pl_pages_free(part);
        /* memory and the index are the only reasons to stop the other parts */
        if (rc == HS_ENOMEM || rc == HS_EDB) {
            *err = e;
            return rc;
        }
    }
    return failed;
}

int pl_file_stack(pl_home *home, const pl_options *opt, char **files, int nfiles,
                  int dry_run, pl_plan **plan_out, hs_err *err)
{
    *plan_out = NULL;
    ocr_engine *eng = NULL;
    pl_pages *pages = NULL;
    pl_plan *plan = NULL;
    idx_db *db = NULL;
    /* blank pages are left out by the plan, which says so, not before it */
    pl_options o = *opt;
    o.drop_blank = 0;
    int rc = ocr_engine_new(opt->lang, &eng, err);
    if (rc == HS_OK)
        rc = pl_recognise(eng, &o, files, nfiles, &pages, err);
    ocr_engine_free(eng);
    if (rc == HS_OK)
        rc = pl_split_plan(pages, opt->drop_blank, &plan, err);
    if (rc == HS_OK && !dry_run) {
        if ((rc = pl_home_index(home, 0, &db, err)) == HS_OK &&
            (rc = pl_home_mend(home, db, opt->warn, opt->warn_ud, err)) == HS_OK)
            rc = pl_file_parts(home, db, &o, pages, plan, err);
    }
    idx_db_close(db);
    pl_pages_free(pages);
    if (rc < 0)
        pl_plan_free(plan);
    else
        *plan_out = plan;
    return rc;
}
