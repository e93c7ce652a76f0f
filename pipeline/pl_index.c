/* pl_index.c - deriving a dossier's index rows from its archive alone: dossier.json for
 * the record, the page text files for the text, the manifest for the checksums. Used when
 * filing and by reindex, so both give the same index. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pipeline.h"
#include "fields.h"

typedef struct sums {
    char **path, **sha;
    size_t n, cap;
} sums;

static int sums_add(void *ud, const char *path, const char *sha)
{
    sums *s = ud;
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 32;
        char **p = realloc(s->path, cap * sizeof *p);
        if (!p)
            return HS_ENOMEM;
        s->path = p;
        char **q = realloc(s->sha, cap * sizeof *q);
        if (!q)
            return HS_ENOMEM;
        s->sha = q;
        s->cap = cap;
    }
    s->path[s->n] = strdup(path);
    s->sha[s->n] = strdup(sha);
    s->n++;
    return s->path[s->n - 1] && s->sha[s->n - 1] ? HS_OK : HS_ENOMEM;
}

static const char *sums_get(const sums *s, const char *path)
{
    for (size_t i = 0; path && i < s->n; i++)
        if (strcmp(s->path[i], path) == 0)
            return s->sha[i];
    return NULL;
}

static void sums_release(sums *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->path[i]);
        free(s->sha[i]);
    }
    free(s->path);
    free(s->sha);
}

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
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 32;
        idx_field *p = realloc(f->v, cap * sizeof *p);
        if (!p)
            return HS_ENOMEM;
        f->v = p;
        f->cap = cap;
    }
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

int pl_index_archive(idx_db *db, const char *zip_path, const char *rel_path, char **code,
                     hs_err *err)
{
    *code = NULL;
    arc_reader *r = NULL;
    json_t *rec = NULL;
    char *json = NULL;
    size_t len = 0, np = 0;
    sums s = {0};
    flist fl = {0};
    idx_page *pages = NULL;
    char **texts = NULL;
    int rc = arc_open(zip_path, &r, err);
    if (rc)
        return rc;
    if ((rc = arc_read(r, "data/dossier.json", &json, &len, err)))
        goto out;
    json_error_t je;
    if (!(rec = json_loadb(json, len, 0, &je))) {
        rc = hs_err_set(err, HS_EFORMAT, 0, "'%s': bad dossier.json: %s", zip_path, je.text);
        goto out;
    }
    const char *c = json_string_value(json_object_get(rec, "code"));
    const char *created = json_string_value(json_object_get(rec, "created"));
    json_t *jp = json_object_get(rec, "pages");
    if (!c || !created || !json_is_array(jp) || strcmp(c, arc_name(r)) != 0) {
        rc = hs_err_set(err, HS_EFORMAT, 0,
                        "'%s': dossier.json lacks code, created or pages, or names another code",
                        zip_path);
        goto out;
    }
    if ((rc = arc_manifest_each(r, sums_add, &s, err)))
        goto out;
    np = json_array_size(jp);
    pages = calloc(np + 1, sizeof *pages);
    texts = calloc(np + 1, sizeof *texts);
    if (!pages || !texts) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < np; i++) {
        json_t *pg = json_array_get(jp, i);
        idx_page *p = &pages[i];
        p->page = (int)json_integer_value(json_object_get(pg, "page"));
        p->image = json_string_value(json_object_get(pg, "image"));
        p->text_path = json_string_value(json_object_get(pg, "text"));
        json_t *conf = json_object_get(pg, "ocr_confidence");
        /* a blank page was not read: it has no confidence to review */
        int blank = json_is_true(json_object_get(json_object_get(pg, "cleanup"), "blank"));
        p->confidence = json_is_number(conf) && !blank ? json_number_value(conf) : -1;
        p->image_sha256 = sums_get(&s, p->image);
        p->text_sha256 = sums_get(&s, p->text_path);
        if (p->page != (int)i + 1 || !p->image_sha256 || !p->text_sha256) {
            rc = hs_err_set(err, HS_EFORMAT, 0,
                            "'%s': page %zu of dossier.json is not numbered in order or its "
                            "files are not in the manifest",
                            zip_path, i + 1);
            goto out;
        }
        size_t tl = 0;
        if ((rc = arc_read(r, p->text_path, &texts[i], &tl, err)))
            goto out;
        p->text = texts[i];
    }
    /* index the values sure enough to filter on; guesses stay in dossier.json for review */
    json_t *fields = json_object_get(rec, "fields");
    if (json_is_object(fields) && json_object_size(fields) > 0) {
        json_t *flat = NULL;
        if (fields_flatten(fields, FIELDS_MIN_CONFIDENCE, &flat, err)) {
            rc = hs_err_prefix(err, "'%s': fields", zip_path);
            goto out;
        }
        int bad = flatten_fields(flat, &fl);
        json_decref(flat);
        if (bad) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
    }
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
        .created = created,
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
    if ((rc = idx_status_seed(db, c, created, fl.v, (int)fl.n, err)))
        goto out;
    /* a dossier filed by a batch: its journal row follows it, so reindex or merge keep
     * "already filed" true and the input is not filed twice */
    json_t *b = json_object_get(rec, "batch");
    const char *bsrc = json_string_value(json_object_get(b, "source"));
    if (bsrc) {
        idx_job row = {.size = json_integer_value(json_object_get(b, "size")),
                       .mtime = json_integer_value(json_object_get(b, "mtime")),
                       .state = IDX_JOB_DONE,
                       .pages = (int)np};
        snprintf(row.hash, sizeof row.hash, "%s",
                 json_string_value(json_object_get(b, "hash")) ? json_string_value(json_object_get(b, "hash")) : "");
        snprintf(row.code, sizeof row.code, "%s", c);
        if ((rc = idx_job_set(db, bsrc, &row, NULL, err)))
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
    sums_release(&s);
    json_decref(rec);
    free(json);
    arc_close(r);
    return rc;
}
