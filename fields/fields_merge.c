/* fields_merge.c - a dossier's fields from its pages' fields: the receipt page wins the
 * receipt's own facts (code, applicant, received and due times), otherwise the more
 * confident value wins and, at equal confidence, the earlier page. Also the flat view
 * ({"applicant": "Phạm Minh Tuấn", "phones": ["0905118274"]}) for display and comparison. */
#include <string.h>

#include "fields.h"

#define RECEIPT_TYPE "giay_tiep_nhan"

static int receipt_key(const char *key)
{
    return !strcmp(key, "dossier_code") || !strcmp(key, "applicant") ||
           !strcmp(key, "received_at") || !strcmp(key, "due_at");
}

static int entry_valid(const json_t *e)
{
    const json_t *src = json_object_get(e, "source");
    return json_is_object(e) && json_is_string(json_object_get(e, "value")) &&
           json_is_integer(json_object_get(e, "page")) &&
           json_is_number(json_object_get(e, "confidence")) && (!src || json_is_string(src));
}

static int from_receipt(const json_t *e)
{
    const char *s = json_string_value(json_object_get(e, "source"));
    return s && !strcmp(s, RECEIPT_TYPE);
}

/* Does page entry p beat dossier entry d for key? */
static int beats(const char *key, const json_t *p, const json_t *d)
{
    if (receipt_key(key)) {
        int pr = from_receipt(p), dr = from_receipt(d);
        if (pr != dr)
            return pr;
    }
    double cp = json_number_value(json_object_get(p, "confidence"));
    double cd = json_number_value(json_object_get(d, "confidence"));
    if (cp > cd + 1e-9)
        return 1;
    if (cp < cd - 1e-9)
        return 0;
    return json_integer_value(json_object_get(p, "page")) <
           json_integer_value(json_object_get(d, "page"));
}

/* "review": an array of entries that also name their field and a reason. */
static int review_valid(const json_t *r)
{
    if (!r)
        return 1;
    if (!json_is_array(r))
        return 0;
    for (size_t i = 0; i < json_array_size(r); i++) {
        const json_t *e = json_array_get(r, i);
        if (!entry_valid(e) || !json_is_string(json_object_get(e, "field")) ||
            !json_is_string(json_object_get(e, "reason")))
            return 0;
    }
    return 1;
}

static int check(const json_t *fields, const char *what, hs_err *err)
{
    if (!json_is_object(fields))
        return hs_err_set(err, HS_EINVAL, 0, "fields: %s is not an object", what);
    for (size_t k = 0; fields_key(k); k++) {
        const char *key = fields_key(k);
        const json_t *v = json_object_get(fields, key);
        if (!v)
            continue;
        int ok = 1;
        if (fields_is_list(key)) {
            ok = json_is_array(v);
            for (size_t i = 0; ok && i < json_array_size(v); i++)
                ok = entry_valid(json_array_get(v, i));
        } else {
            ok = entry_valid(v);
        }
        if (!ok)
            return hs_err_set(err, HS_EINVAL, 0, "fields: %s: '%s' is malformed", what, key);
    }
    if (!review_valid(json_object_get(fields, "review")))
        return hs_err_set(err, HS_EINVAL, 0, "fields: %s: 'review' is malformed", what);
    return HS_OK;
}

/* Appends the page's review entries the dossier does not hold yet (same field, same value). */
static int merge_review(json_t *dossier_fields, const json_t *pr)
{
    json_t *dr = json_object_get(dossier_fields, "review");
    for (size_t i = 0; i < json_array_size(pr); i++) {
        const json_t *p = json_array_get(pr, i);
        const char *f = json_string_value(json_object_get(p, "field"));
        const char *v = json_string_value(json_object_get(p, "value"));
        int seen = 0;
        for (size_t j = 0; j < json_array_size(dr) && !seen; j++) {
            const json_t *d = json_array_get(dr, j);
            seen = !strcmp(f, json_string_value(json_object_get(d, "field"))) &&
                   !strcmp(v, json_string_value(json_object_get(d, "value")));
        }
        if (seen)
            continue;
        if (!dr) {
            dr = json_array();
            if (!dr || json_object_set_new(dossier_fields, "review", dr))
                return HS_ENOMEM;
        }
        if (json_array_append_new(dr, json_deep_copy(p)))
            return HS_ENOMEM;
    }
    return HS_OK;
}

int fields_needs_review(const json_t *fields, const char **field, const char **reason)
{
    const json_t *r = json_object_get(fields, "review");
    const json_t *e = json_array_get(r, 0);
    if (field)
        *field = e ? json_string_value(json_object_get(e, "field")) : NULL;
    if (reason)
        *reason = e ? json_string_value(json_object_get(e, "reason")) : NULL;
    return (int)json_array_size(r);
}

static int merge_list(json_t *dl, const json_t *pl)
{
    for (size_t i = 0; i < json_array_size(pl); i++) {
        const json_t *p = json_array_get(pl, i);
        const char *v = json_string_value(json_object_get(p, "value"));
        size_t j, n = json_array_size(dl);
        for (j = 0; j < n; j++)
            if (!strcmp(v, json_string_value(json_object_get(json_array_get(dl, j), "value"))))
                break;
        if (j < n && !beats("", p, json_array_get(dl, j)))
            continue;
        json_t *copy = json_deep_copy(p);
        if (!copy || (j < n ? json_array_set_new(dl, j, copy) : json_array_append_new(dl, copy)))
            return HS_ENOMEM;
    }
    return HS_OK;
}

int fields_merge(json_t *dossier_fields, const json_t *page_fields, hs_err *err)
{
    int rc;
    if ((rc = check(dossier_fields, "dossier fields", err)) ||
        (rc = check(page_fields, "page fields", err)))
        return rc;
    for (size_t k = 0; fields_key(k); k++) {
        const char *key = fields_key(k);
        const json_t *p = json_object_get(page_fields, key);
        if (!p)
            continue;
        json_t *d = json_object_get(dossier_fields, key);
        if (fields_is_list(key) && d) {
            if (merge_list(d, p))
                return hs_err_set(err, HS_ENOMEM, 0, "fields: out of memory");
            continue;
        }
        if (d && !beats(key, p, d))
            continue;
        json_t *copy = json_deep_copy(p);
        if (!copy || json_object_set_new(dossier_fields, key, copy))
            return hs_err_set(err, HS_ENOMEM, 0, "fields: out of memory");
    }
    if (merge_review(dossier_fields, json_object_get(page_fields, "review")))
        return hs_err_set(err, HS_ENOMEM, 0, "fields: out of memory");
    return HS_OK;
}

int fields_flatten(const json_t *fields, double min_confidence, json_t **out, hs_err *err)
{
    if (out)
        *out = NULL;
    if (!out)
        return hs_err_set(err, HS_EINVAL, 0, "fields: no result to fill");
    int rc = check(fields, "fields", err);
    if (rc)
        return rc;
    json_t *o = json_object();
    if (!o)
        goto nomem;
    for (size_t k = 0; fields_key(k); k++) {
        const char *key = fields_key(k);
        const json_t *v = json_object_get(fields, key);
        if (!v)
            continue;
        if (fields_is_list(key)) {
            json_t *a = json_array();
            if (!a)
                goto nomem;
            for (size_t i = 0; i < json_array_size(v); i++) {
                const json_t *e = json_array_get(v, i);
                if (json_number_value(json_object_get(e, "confidence")) < min_confidence)
                    continue;
                if (json_array_append_new(
                        a, json_string(json_string_value(json_object_get(e, "value"))))) {
                    json_decref(a);
                    goto nomem;
                }
            }
            if (!json_array_size(a)) {
                json_decref(a);
                continue;
            }
            if (json_object_set_new(o, key, a))
                goto nomem;
        } else {
            if (json_number_value(json_object_get(v, "confidence")) < min_confidence)
                continue;
            if (json_object_set_new(o, key,
                                    json_string(json_string_value(json_object_get(v, "value")))))
                goto nomem;
        }
    }
    *out = o;
    return HS_OK;
nomem:
    json_decref(o);
    return hs_err_set(err, HS_ENOMEM, 0, "fields: out of memory");
}
