/* fuzz_fields.c - the field extractor: any bytes as a page's OCR text given to
 * fields_extract, its result merged into a dossier's fields (twice, as two pages) and
 * flattened, and the same bytes as hOCR to fields_extract_layout. Checks the result has
 * the documented shape (fields, and the "review" list), which merge and flatten take. */
#include "fuzz_util.h"

#include <math.h>

#include "fields.h"

static int known_key(const char *key)
{
    for (size_t i = 0; fields_key(i); i++)
        if (strcmp(fields_key(i), key) == 0)
            return 1;
    return 0;
}

/* {"value": non-empty string, "page": page, "confidence": 0-1, ...} */
static int value_ok(const json_t *v, int page)
{
    const char *s = json_string_value(json_object_get(v, "value"));
    double c = json_number_value(json_object_get(v, "confidence"));
    return s && *s && json_integer_value(json_object_get(v, "page")) == page &&
           json_is_number(json_object_get(v, "confidence")) && c >= 0 && c <= 1 && !isnan(c);
}

static void check_shape(const json_t *fields, int page)
{
    const char *key;
    json_t *v;
    if (!json_is_object(fields))
        abort();
    json_object_foreach((json_t *)fields, key, v)
    {
        /* "review": the doubtful values, each also naming its field and a reason */
        if (!strcmp(key, "review")) {
            size_t i;
            json_t *e;
            if (!json_is_array(v) || json_array_size(v) == 0)
                abort();
            json_array_foreach(v, i, e)
            {
                if (!value_ok(e, page) ||
                    !known_key(json_string_value(json_object_get(e, "field"))
                                   ? json_string_value(json_object_get(e, "field"))
                                   : "") ||
                    !json_is_string(json_object_get(e, "reason")))
                    abort();
            }
            continue;
        }
        if (!known_key(key))
            abort();
        if (fields_is_list(key)) {
            size_t i;
            json_t *e;
            if (!json_is_array(v) || json_array_size(v) == 0)
                abort();
            json_array_foreach(v, i, e)
            {
                if (!value_ok(e, page))
                    abort();
            }
        } else if (!value_ok(v, page)) {
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    char *text = fuzz_str(data, len);
    json_t *f1 = NULL, *dossier = json_object(), *flat = NULL;
    hs_err err;
    int rc = fields_extract(text, 1, &f1, &err);
    if (rc == HS_ELIMIT || rc == HS_ENOMEM)
        goto out;
    if (rc != HS_OK || !f1 || !dossier)
        abort();
    check_shape(f1, 1);
    /* the same text as page 1 and again as page 2 merged: the first copy wins ties */
    json_t *f2 = NULL;
    if (fields_extract(text, 2, &f2, &err) != HS_OK)
        abort();
    if (fields_merge(dossier, f1, &err) != HS_OK || fields_merge(dossier, f2, &err))
        abort();
    json_decref(f2);
    if (!json_equal(dossier, f1))
        abort();
    if (fields_flatten(dossier, FIELDS_MIN_CONFIDENCE, &flat, &err) != HS_OK)
        abort();
    /* the same bytes as hOCR: read as layout when they hold lines, else as the text */
    json_t *f3 = NULL;
    rc = fields_extract_layout(text, text, 1, &f3, &err);
    if (rc != HS_OK && rc != HS_ELIMIT && rc != HS_ENOMEM)
        abort();
    if (f3)
        check_shape(f3, 1);
    json_decref(f3);
out:
    json_decref(flat);
    json_decref(dossier);
    json_decref(f1);
    free(text);
    return 0;
}
