/* pl_index.c - deriving a dossier's index rows from its archive alone: dossier.json for
 * the record, the page text files for the text, the manifest for the checksums. Used when
 * filing and by reindex, so both give the same index. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "pl_int.h"
#include "fields.h"
#include "hs_vec.h"

/* The fields of dossier.json as key/value rows: a string is one row, a list gives one
 * row per element, an object {"value": ...} (a field with its page and confidence)
 * gives its value. */
typedef struct flist {
    idx_field *v;
    size_t n, cap;
} flist;

static int flist_add(flist *f, const char *key, json_t *v)
{
    if (json_is_object(v))
        v = json_object_get(v, "value");
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
        {
            int rc = flist_add(f, key, e);
            if (rc)
                return rc;
        }
        return HS_OK;
    }
    char num[64];
    const char *s = json_string_value(v);
    if (!s && json_is_number(v)) {
        snprintf(num, sizeof num, "%g", json_number_value(v));
        s = num;
    }
    if (!s || !*s)
        return HS_OK;
    if (HS_VEC_RESERVE(f->v, f->cap, f->n + 1))
        return HS_ENOMEM;
    f->v[f->n].key = strdup(key);
    f->v[f->n].value = strdup(s);
    f->n++;
    return f->v[f->n - 1].key && f->v[f->n - 1].value ? HS_OK : HS_ENOMEM;
}

static void flist_release(flist *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free((char *)f->v[i].key);
        free((char *)f->v[i].value);
    }
    free(f->v);
}

static int flatten_fields(json_t *fields, flist *f)
{
    const char *k;
    json_t *v;
    json_object_foreach(fields, k, v)
    {
        if (flist_add(f, k, v))
            return HS_ENOMEM;
    }
    return HS_OK;
}

/* The rows of page i: its number, paths, confidence and checksums (from the manifest);
 * *text is read from the bag (malloc'd). HS_EFORMAT when the record's page is not page i
 * + 1 or its files are not in the manifest. */
static int index_page(arc_reader *r, const pl_dossier *rec, const pl_sums *s, size_t i,
                      const char *zip_path, idx_page *p, char **text, hs_err *err)
{
    pl_dossier_page pg;
    pl_dossier_page_get(rec, i, &pg);
    p->page = pg.page;
    p->image = pg.image;
    p->text_path = pg.text;
    /* a blank page was not read: it has no confidence to review */
    p->confidence = pg.has_confidence && !pg.blank ? pg.confidence : -1;
    /* a field left for review flags the page however well it was read */
    p->needs_review = pg.needs_review;
    p->image_sha256 = pl_sums_get(s, p->image);
    p->text_sha256 = pl_sums_get(s, p->text_path);
    if (p->page != (int)i + 1 || !p->image_sha256 || !p->text_sha256)
        return hs_err_set(err, HS_EFORMAT, 0,
                          "'%s': page %zu of dossier.json is not numbered in order or its "
                          "files are not in the manifest",
                          zip_path, i + 1);
    size_t tl = 0;
    int rc = arc_read(r, p->text_path, text, &tl, err);
    p->text = *text;
    return rc;
}

/* The fields sure enough to filter on, as rows; guesses stay in dossier.json for review. */
static int index_fields(const pl_dossier *rec, const char *zip_path, flist *fl, hs_err *err)
{
    json_t *fields = pl_dossier_fields(rec);
    if (!fields || json_object_size(fields) == 0)
        return HS_OK;
    json_t *flat = NULL;
    if (fields_flatten(fields, FIELDS_MIN_CONFIDENCE, &flat, err))
        return hs_err_prefix(err, "'%s': fields", zip_path);
    int bad = flatten_fields(flat, fl);
    json_decref(flat);
    return bad ? hs_err_set(err, HS_ENOMEM, 0, "out of memory") : HS_OK;
}

int pl_index_archive(idx_db *db, const char *zip_path, const char *rel_path, char **code,
                     hs_err *err)
{
    *code = NULL;
    arc_reader *r = NULL;
    pl_dossier *rec = NULL;
    char *json = NULL;
    size_t len = 0, np = 0;
    pl_sums s = {0};
    flist fl = {0};
    idx_page *pages = NULL;
    char **texts = NULL;
    int rc = arc_open(zip_path, &r, err);
    if (rc)
        return rc;
    /* the record's text is what the index keeps, byte for byte */
    if ((rc = arc_read(r, PL_BAG_RECORD, &json, &len, err)) ||
        (rc = pl_dossier_parse(json, len, zip_path, &rec, err)) ||
        (rc = pl_dossier_check(rec, arc_name(r), zip_path, err)))
        goto out;
    const char *c = pl_dossier_code(rec);
    if ((rc = pl_sums_read(r, &s, err)))
        goto out;
    np = pl_dossier_page_count(rec);
    pages = calloc(np + 1, sizeof *pages);
    texts = calloc(np + 1, sizeof *texts);
    if (!pages || !texts) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < np; i++)
        if ((rc = index_page(r, rec, &s, i, zip_path, &pages[i], &texts[i], err)))
            goto out;
    if ((rc = index_fields(rec, zip_path, &fl, err)))
        goto out;
    /* the dossier's date: when the citizen handed it in, else when it was issued */
    const char *date = NULL;
    for (size_t i = 0; i < fl.n && !date; i++)
        if (strcmp(fl.v[i].key, "received_at") == 0)
            date = fl.v[i].value;
    for (size_t i = 0; i < fl.n && !date; i++)
        if (strcmp(fl.v[i].key, "issue_date") == 0)
            date = fl.v[i].value;
    idx_dossier dos = {
        .code = c,
        .archive = rel_path,
        .created = pl_dossier_created(rec),
        .date = date,
        .record = json,
        .npages = (int)np,
        .pages = pages,
        .nfields = (int)fl.n,
        .fields = fl.v,
    };
    if ((rc = idx_dossier_put(db, &dos, err)))
        goto out;
    /* its status row: received and due from the record, a later return kept */
    if ((rc = idx_status_seed(db, c, pl_dossier_created(rec), fl.v, (int)fl.n, err)))
        goto out;
    /* a dossier filed by a batch: its journal row follows it, so reindex or merge keep
     * "already filed" true and the input is not filed twice */
    pl_batch_input b;
    if (pl_dossier_batch(rec, &b)) {
        idx_job row = {.size = b.size, .mtime = b.mtime, .state = IDX_JOB_DONE, .pages = (int)np};
        snprintf(row.hash, sizeof row.hash, "%s", b.hash);
        snprintf(row.code, sizeof row.code, "%s", c);
        if ((rc = idx_job_set(db, b.source, &row, NULL, err)))
            goto out;
    }
    *code = strdup(c);
    if (!*code)
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
out:
    flist_release(&fl);
    for (size_t i = 0; texts && i < np; i++)
        free(texts[i]);
    free(texts);
    free(pages);
    pl_sums_release(&s);
    pl_dossier_free(rec);
    free(json);
    arc_close(r);
    return rc;
}
