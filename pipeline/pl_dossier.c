/* pl_dossier.c - the dossier record (dossier.json) and the names of a bag's files. The
 * record is held as the JSON it is filed as, so that a record read and written again keeps
 * every key it had, in its order, including keys this version does not know. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hs_vec.h"
#include "pipeline.h"
#include "pl_dossier.h"
#include "pl_int.h"

struct pl_dossier {
    json_t *root; /* a JSON object */
};

/* ---- layout ---- */

const char *pl_bag_page_path(char *out, size_t cap, int kind, int num, const char *ext)
{
    switch (kind) {
    case PL_BAG_IMAGE:
        snprintf(out, cap, "data/images/%04d.%s", num, ext ? ext : "png");
        break;
    case PL_BAG_TEXT:
        snprintf(out, cap, "data/text/%04d.txt", num);
        break;
    case PL_BAG_HOCR:
        snprintf(out, cap, "data/ocr/%04d.hocr", num);
        break;
    default:
        snprintf(out, cap, "data/ocr/%04d.alto.xml", num);
        break;
    }
    return out;
}

const char *pl_bag_pdf_path(char *out, size_t cap, size_t k)
{
    if (k == 0)
        snprintf(out, cap, "data/dossier.pdf");
    else
        snprintf(out, cap, "data/dossier-%zu.pdf", k + 1);
    return out;
}

const char *pl_bag_original_path(char *out, size_t cap, const char *base, int k)
{
    if (k <= 1)
        snprintf(out, cap, "data/original/%.200s.pdf", base);
    else
        snprintf(out, cap, "data/original/%.200s-%d.pdf", base, k);
    return out;
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n >= t && strcmp(s + n - t, tail) == 0;
}

int pl_bag_kind(const char *path)
{
    if (strncmp(path, "data/", 5) != 0)
        return PL_BAG_TAG;
    if (strcmp(path, PL_BAG_RECORD) == 0)
        return PL_BAG_RECORD_FILE;
    if (strcmp(path, PL_BAG_EVENTS) == 0)
        return PL_BAG_EVENTS_FILE;
    if (strncmp(path, "data/dossier", 12) == 0 && ends_with(path, ".pdf"))
        return PL_BAG_SEARCHABLE;
    return PL_BAG_PAYLOAD;
}

int pl_bag_stored(const char *path)
{
    const char *ext = strrchr(path, '.');
    return ext && (!strcmp(ext, ".png") || !strcmp(ext, ".tif") || !strcmp(ext, ".pdf"));
}

static int sums_add(void *ud, const char *path, const char *sha)
{
    pl_sums *s = ud;
    if (HS_VEC_RESERVE(s->v, s->cap, s->n + 1))
        return HS_ENOMEM;
    pl_sum *e = &s->v[s->n++];
    e->path = strdup(path);
    e->sha = strdup(sha);
    return e->path && e->sha ? HS_OK : HS_ENOMEM;
}

int pl_sums_read(arc_reader *r, pl_sums *s, hs_err *err)
{
    memset(s, 0, sizeof *s);
    int rc = arc_manifest_each(r, sums_add, s, err);
    if (rc == HS_ENOMEM)
        hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    return rc;
}

const char *pl_sums_get(const pl_sums *s, const char *path)
{
    for (size_t i = 0; path && i < s->n; i++)
        if (strcmp(s->v[i].path, path) == 0)
            return s->v[i].sha;
    return NULL;
}

void pl_sums_release(pl_sums *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].path);
        free(s->v[i].sha);
    }
    free(s->v);
    memset(s, 0, sizeof *s);
}

/* ---- the record ---- */

static int wrap(json_t *root, pl_dossier **d, hs_err *err)
{
    if (!root || !(*d = malloc(sizeof **d))) {
        json_decref(root);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    (*d)->root = root;
    return HS_OK;
}

int pl_dossier_new(const char *code, const char *created, pl_dossier **d, hs_err *err)
{
    *d = NULL;
    /* the order of a new record's first keys, as every filed record has them */
    return wrap(json_pack("{s:s, s:s, s:s, s:[], s:{}}", "code", code, "created", created,
                          "software", "hoso " HS_VERSION, "pages", "fields"),
                d, err);
}

int pl_dossier_parse(const char *json, size_t len, const char *where, pl_dossier **d, hs_err *err)
{
    *d = NULL;
    json_error_t je;
    json_t *root = json_loadb(json, len, 0, &je);
    const char *why = !root ? je.text : !json_is_object(root) ? "not an object" : NULL;
    if (why) {
        json_decref(root);
        return where ? hs_err_set(err, HS_EFORMAT, 0, "'%s': bad dossier.json: %s", where, why)
                     : hs_err_set(err, HS_EFORMAT, 0, "%s", why);
    }
    return wrap(root, d, err);
}

int pl_dossier_read(arc_reader *r, const char *where, pl_dossier **d, hs_err *err)
{
    *d = NULL;
    char *json = NULL;
    size_t len = 0;
    int rc = arc_read(r, PL_BAG_RECORD, &json, &len, err);
    if (rc == HS_OK)
        rc = pl_dossier_parse(json, len, where, d, err);
    free(json);
    return rc;
}

int pl_dossier_load(idx_db *db, const char *code, pl_dossier **d, char **rel, char **raw,
                    hs_err *err)
{
    *d = NULL;
    if (rel)
        *rel = NULL;
    if (raw)
        *raw = NULL;
    char *archive = NULL, *record = NULL;
    int rc = idx_dossier_get(db, code, &archive, &record, err);
    if (rc)
        return rc;
    json_error_t je;
    json_t *root = json_loads(record, 0, &je);
    if (!root || !json_is_object(root)) {
        rc = hs_err_set(err, HS_EFORMAT, 0, "'%s': bad record in the index: %s", code,
                        root ? "not an object" : je.text);
        json_decref(root);
    } else {
        rc = wrap(root, d, err);
    }
    if (rc == HS_OK && rel) {
        *rel = archive;
        archive = NULL;
    }
    if (rc == HS_OK && raw) {
        *raw = record;
        record = NULL;
    }
    free(archive);
    free(record);
    return rc;
}

int pl_dossier_check(const pl_dossier *d, const char *code, const char *where, hs_err *err)
{
    const char *c = pl_dossier_code(d);
    if (!c || !pl_dossier_created(d) || !json_is_array(json_object_get(d->root, "pages")) ||
        (code && strcmp(c, code) != 0))
        return hs_err_set(err, HS_EFORMAT, 0,
                          "'%s': dossier.json lacks code, created or pages, or names another code",
                          where);
    return HS_OK;
}

char *pl_dossier_dump(const pl_dossier *d, size_t *len)
{
    char *s = json_dumps(d->root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
    if (len)
        *len = s ? strlen(s) : 0;
    return s;
}

void pl_dossier_free(pl_dossier *d)
{
    if (!d)
        return;
    json_decref(d->root);
    free(d);
}

static const char *str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

const char *pl_dossier_code(const pl_dossier *d)
{
    return str(d->root, "code");
}

const char *pl_dossier_created(const pl_dossier *d)
{
    return str(d->root, "created");
}

const char *pl_dossier_updated(const pl_dossier *d)
{
    return str(d->root, "updated");
}

int pl_dossier_set_updated(pl_dossier *d, const char *when)
{
    return json_object_set_new(d->root, "updated", json_string(when)) ? HS_ENOMEM : HS_OK;
}

int pl_dossier_set_tesseract(pl_dossier *d, const char *version)
{
    return json_object_set_new(d->root, "tesseract", json_string(version)) ? HS_ENOMEM : HS_OK;
}

int pl_dossier_batch(const pl_dossier *d, pl_batch_input *b)
{
    memset(b, 0, sizeof *b);
    const json_t *o = json_object_get(d->root, "batch");
    if (!(b->source = str(o, "source")))
        return 0;
    b->size = json_integer_value(json_object_get(o, "size"));
    b->mtime = json_integer_value(json_object_get(o, "mtime"));
    b->hash = str(o, "hash") ? str(o, "hash") : "";
    return 1;
}

int pl_dossier_set_batch(pl_dossier *d, const pl_batch_input *b)
{
    if (json_object_get(d->root, "batch"))
        return HS_OK;
    json_t *o = json_pack("{s:s, s:I, s:I, s:s}", "source", b->source, "size", (json_int_t)b->size,
                          "mtime", (json_int_t)b->mtime, "hash", b->hash);
    return o && !json_object_set_new(d->root, "batch", o) ? HS_OK : HS_ENOMEM;
}

/* ---- pages ---- */

size_t pl_dossier_page_count(const pl_dossier *d)
{
    return json_array_size(json_object_get(d->root, "pages"));
}

void pl_dossier_page_meta(const json_t *m, pl_dossier_page *p)
{
    memset(p, 0, sizeof *p);
    const json_t *c = json_object_get(m, "cleanup"), *conf = json_object_get(m, "ocr_confidence");
    p->page = (int)json_integer_value(json_object_get(m, "page"));
    p->image = str(m, "image");
    p->text = str(m, "text");
    p->source = str(m, "source");
    p->format = str(m, "format");
    p->lang = str(m, "lang");
    p->original = str(m, "original");
    p->review_reason = str(m, "review_reason");
    p->width = json_integer_value(json_object_get(m, "width"));
    p->height = json_integer_value(json_object_get(m, "height"));
    p->depth = json_integer_value(json_object_get(m, "depth"));
    p->dpi = json_integer_value(json_object_get(m, "dpi"));
    p->dpi_assumed = json_is_true(json_object_get(m, "dpi_assumed"));
    p->has_confidence = json_is_number(conf);
    p->confidence = json_number_value(conf);
    p->needs_review = json_is_true(json_object_get(m, "needs_review"));
    p->born_digital = json_object_get(m, "text_source") != NULL;
    p->blank = json_is_true(json_object_get(c, "blank"));
    p->turned = json_integer_value(json_object_get(c, "orientation")) != 0;
    p->deskewed = json_number_value(json_object_get(c, "skew")) != 0;
    p->border_removed = json_is_true(json_object_get(c, "border_removed"));
    p->seal_removed = json_is_true(json_object_get(c, "seal_removed"));
}

int pl_dossier_page_get(const pl_dossier *d, size_t i, pl_dossier_page *p)
{
    const json_t *m = json_array_get(json_object_get(d->root, "pages"), i);
    memset(p, 0, sizeof *p);
    if (!json_is_object(m))
        return HS_ENOTFOUND;
    pl_dossier_page_meta(m, p);
    return HS_OK;
}

int pl_dossier_page_find(const pl_dossier *d, int num, pl_dossier_page *p)
{
    /* the last entry with that number, as the API always found it */
    int rc = HS_ENOTFOUND;
    pl_dossier_page one;
    for (size_t i = 0, n = pl_dossier_page_count(d); i < n; i++)
        if (pl_dossier_page_get(d, i, &one) == HS_OK && one.page == num) {
            *p = one;
            rc = HS_OK;
        }
    if (rc)
        memset(p, 0, sizeof *p);
    return rc;
}

size_t pl_dossier_page_codes(const json_t *meta)
{
    return json_array_size(json_object_get(meta, "codes"));
}

const char *pl_dossier_page_code_data(const json_t *meta, size_t k)
{
    return str(json_array_get(json_object_get(meta, "codes"), k), "data");
}

int pl_dossier_page_place(json_t *meta, int num, const char *ext)
{
    char path[80];
    if (json_object_set_new(meta, "page", json_integer(num)) ||
        json_object_set_new(
            meta, "image",
            json_string(pl_bag_page_path(path, sizeof path, PL_BAG_IMAGE, num, ext))) ||
        json_object_set_new(
            meta, "text", json_string(pl_bag_page_path(path, sizeof path, PL_BAG_TEXT, num, NULL))))
        return HS_ENOMEM;
    return HS_OK;
}

int pl_dossier_page_set_original(json_t *meta, const char *path)
{
    return json_object_set_new(meta, "original", json_string(path)) ? HS_ENOMEM : HS_OK;
}

int pl_dossier_page_add(pl_dossier *d, json_t *meta)
{
    return json_array_append(json_object_get(d->root, "pages"), meta) ? HS_ENOMEM : HS_OK;
}

int pl_dossier_original_used(const pl_dossier *d, const char *path)
{
    pl_dossier_page p;
    for (size_t i = 0, n = pl_dossier_page_count(d); i < n; i++)
        if (pl_dossier_page_get(d, i, &p) == HS_OK && p.original && !strcmp(p.original, path))
            return 1;
    return 0;
}

/* ---- fields ---- */

json_t *pl_dossier_fields(const pl_dossier *d)
{
    json_t *f = json_object_get(d->root, "fields");
    return json_is_object(f) ? f : NULL;
}

json_t *pl_dossier_fields_edit(pl_dossier *d)
{
    json_t *f = pl_dossier_fields(d);
    if (f)
        return f;
    f = json_object();
    return f && !json_object_set_new(d->root, "fields", f) ? f : NULL;
}

int pl_dossier_set_fields(pl_dossier *d, json_t *fields)
{
    return json_object_set(d->root, "fields", fields) ? HS_ENOMEM : HS_OK;
}

const char *pl_dossier_field_value(const pl_dossier *d, const char *key)
{
    const json_t *v = json_object_get(pl_dossier_fields(d), key);
    if (json_is_array(v))
        v = json_array_get(v, 0);
    if (json_is_object(v))
        v = json_object_get(v, "value");
    return json_string_value(v);
}

/* ---- searchable PDFs ---- */

size_t pl_dossier_pdf_count(const pl_dossier *d)
{
    return json_array_size(json_object_get(d->root, "pdf"));
}

const char *pl_dossier_pdf(const pl_dossier *d, size_t k)
{
    return json_string_value(json_array_get(json_object_get(d->root, "pdf"), k));
}

int pl_dossier_set_pdfs(pl_dossier *d, const char *const *paths, size_t n)
{
    if (n == 0)
        return HS_OK;
    json_t *list = json_array();
    for (size_t i = 0; list && i < n; i++)
        if (json_array_append_new(list, json_string(paths[i]))) {
            json_decref(list);
            list = NULL;
        }
    return list && !json_object_set_new(d->root, "pdf", list) ? HS_OK : HS_ENOMEM;
}

int pl_dossier_review_add(pl_dossier *d, const char *why)
{
    json_t *all = json_object_get(d->root, "review_reasons");
    if (!json_is_array(all)) {
        if (!(all = json_array()) || json_object_set_new(d->root, "review_reasons", all))
            return HS_ENOMEM;
    }
    size_t j;
    json_t *had;
    json_array_foreach(all, j, had)
    {
        const char *v = json_string_value(had);
        if (v && !strcmp(v, why))
            return json_object_set_new(d->root, "needs_review", json_true()) ? HS_ENOMEM
                                                                              : HS_OK;
    }
    if (json_array_append_new(all, json_string(why)) ||
        json_object_set_new(d->root, "needs_review", json_true()))
        return HS_ENOMEM;
    return HS_OK;
}
