/* pl_review.c - the review station's view of a dossier: the fields of its dossier.json with
 * the corrections people made applied in order, and a correction made as one transaction (the
 * correction kept, its event recorded, the field rows search filters on updated). The bag is
 * never rewritten for a correction: its event joins data/events.jsonl at the next append. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fields.h"
#include "pipeline.h"

#define MAX_VALUE 1000

static int known_field(const char *key)
{
    for (size_t i = 0; fields_key(i); i++)
        if (strcmp(fields_key(i), key) == 0)
            return 1;
    return 0;
}

static const char *entry_value(const json_t *e)
{
    const char *v = json_string_value(json_object_get(e, "value"));
    return v ? v : json_string_value(e);
}

/* The entry for value new_value made from old (copied: its page, source and box stay) or
 * from nothing; NULL when memory runs out. */
static json_t *corrected_entry(const json_t *old, const idx_correction *c)
{
    json_t *e = json_is_object(old) ? json_deep_copy(old) : json_object();
    /* a value confirmed as it was read is "confirmed", one changed "corrected" */
    int same = json_is_object(old) && c->old_value && c->new_value &&
               !strcmp(c->old_value, c->new_value);
    json_t *by = same ? json_pack("{s:s, s:s}", "by", c->user ? c->user : "", "at",
                                  c->time ? c->time : "")
                      : json_pack("{s:s, s:s, s:s}", "by", c->user ? c->user : "", "at",
                                  c->time ? c->time : "", "was",
                                  c->old_value ? c->old_value : "");
    int page = c->page > 0 ? c->page : (int)json_integer_value(json_object_get(old, "page"));
    if (!e || !by || json_object_set_new(e, "value", json_string(c->new_value)) ||
        json_object_set_new(e, "page", json_integer(page)) ||
        json_object_set_new(e, "confidence", json_real(1.0)) ||
        json_object_set_new(e, same ? "confirmed" : "corrected", by)) {
        json_decref(e);
        return NULL;
    }
    return e;
}

/* Applies one correction to fields (in place). A list field's value is found by its old
 * value; one not found (or old "") is added. new "" removes the value. */
static int apply(json_t *fields, const idx_correction *c)
{
    json_t *cur = json_object_get(fields, c->field);
    const char *nv = c->new_value ? c->new_value : "";
    if (fields_is_list(c->field)) {
        if (!json_is_array(cur)) {
            if (!*nv)
                return HS_OK;
            if (!(cur = json_array()) || json_object_set_new(fields, c->field, cur))
                return HS_ENOMEM;
        }
        size_t i, at = (size_t)-1;
        json_t *e;
        json_array_foreach(cur, i, e) if (at == (size_t)-1 && c->old_value && *c->old_value &&
                                          entry_value(e) && !strcmp(entry_value(e), c->old_value))
            at = i;
        if (!*nv) {
            if (at != (size_t)-1)
                json_array_remove(cur, at);
            if (json_array_size(cur) == 0)
                json_object_del(fields, c->field);
            return HS_OK;
        }
        json_t *ne = corrected_entry(at == (size_t)-1 ? NULL : json_array_get(cur, at), c);
        if (!ne)
            return HS_ENOMEM;
        return at == (size_t)-1 ? json_array_append_new(cur, ne) ? HS_ENOMEM : HS_OK
                                : json_array_set_new(cur, at, ne) ? HS_ENOMEM : HS_OK;
    }
    if (!*nv) {
        json_object_del(fields, c->field);
        return HS_OK;
    }
    json_t *ne = corrected_entry(cur, c);
    return ne && !json_object_set_new(fields, c->field, ne) ? HS_OK : HS_ENOMEM;
}

typedef struct replay {
    json_t *fields, *history;
    int n, rc;
} replay;

static int replay_one(void *ud, const idx_correction *c)
{
    replay *r = ud;
    r->n++;
    if (r->history &&
        json_array_append_new(r->history,
                              json_pack("{s:i, s:s, s:i, s:s, s:s, s:s, s:s}", "version", r->n,
                                        "field", c->field, "page", c->page, "old",
                                        c->old_value ? c->old_value : "", "new",
                                        c->new_value ? c->new_value : "", "user", c->user,
                                        "time", c->time)))
        return r->rc = HS_ENOMEM;
    return r->fields ? (r->rc = apply(r->fields, c)) : HS_OK;
}

int pl_review_fields(idx_db *db, const char *code, json_t **fields, json_t **history,
                     int *version, hs_err *err)
{
    if (fields)
        *fields = NULL;
    if (history)
        *history = NULL;
    if (version)
        *version = 0;
    pl_dossier *rec = NULL;
    replay r = {0};
    int rc = pl_dossier_load(db, code, &rec, NULL, NULL, err);
    if (rc)
        goto out;
    json_t *f = pl_dossier_fields(rec);
    r.fields = f ? json_deep_copy(f) : json_object();
    r.history = json_array();
    if (!r.fields || !r.history) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    if ((rc = idx_correction_each(db, code, replay_one, &r, err)))
        goto out;
    if (r.rc) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    if (fields) {
        *fields = r.fields;
        r.fields = NULL;
    }
    if (history) {
        *history = r.history;
        r.history = NULL;
    }
    if (version)
        *version = r.n;
out:
    json_decref(r.fields);
    json_decref(r.history);
    pl_dossier_free(rec);
    return rc;
}

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29 : d[m - 1];
}

/* "YYYY-MM-DD" or "DD/MM/YYYY" (also D/M/YYYY), then for times " HH:MM" or "THH:MM":
 * written ISO into out[80]; -1 when it is no such date. */
static int parse_date(const char *s, int with_time, char out[80])
{
    int y = 0, m = 0, d = 0, hh = -1, mm = -1, n = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10)
        ;
    else if (sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 && s[n - 5] == '/')
        ;
    else
        return -1;
    const char *rest = s + n;
    if (*rest && with_time) {
        int k = 0;
        if ((*rest != ' ' && *rest != 'T') || sscanf(rest + 1, "%2d:%2d%n", &hh, &mm, &k) != 2 ||
            rest[1 + k] || k != 5 || hh > 23 || mm > 59 || hh < 0 || mm < 0)
            return -1;
    } else if (*rest) {
        return -1;
    }
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days_in(y, m))
        return -1;
    if (hh >= 0)
        snprintf(out, 80, "%04d-%02d-%02dT%02d:%02d", y, m, d, hh, mm);
    else
        snprintf(out, 80, "%04d-%02d-%02d", y, m, d);
    return 0;
}

int pl_review_value(const char *field, const char *in, char **out, hs_err *err)
{
    *out = NULL;
    size_t n = in ? strlen(in) : 0;
    if (n > MAX_VALUE)
        return hs_err_set(err, HS_EINVAL, 0, "%s: a value has at most %d bytes", field,
                          MAX_VALUE);
    char *v = hs_utf8_nfc(in ? in : "", n);
    if (!v)
        return hs_err_set(err, HS_EINVAL, 0, "%s: the value is not valid UTF-8", field);
    /* one line, single spaces, none at either end */
    size_t k = 0;
    int rc = HS_OK;
    for (size_t i = 0; v[i]; i++) {
        unsigned char ch = (unsigned char)v[i];
        if (ch == '\t' || ch == '\n' || ch == '\r')
            ch = ' ';
        if (ch < 0x20 || ch == 0x7f) {
            rc = hs_err_set(err, HS_EINVAL, 0, "%s: the value holds a control character", field);
            goto out;
        }
        if (ch == ' ' && (k == 0 || v[k - 1] == ' '))
            continue;
        v[k++] = (char)ch;
    }
    while (k && v[k - 1] == ' ')
        k--;
    v[k] = '\0';
    char iso[80];
    if (!*v) {
        /* empty: the value is removed */
    } else if (!strcmp(field, "issue_date") || !strcmp(field, "received_at") ||
               !strcmp(field, "due_at")) {
        if (parse_date(v, strcmp(field, "issue_date") != 0, iso)) {
            rc = hs_err_set(err, HS_EINVAL, 0, "%s: '%s' is not a date (dd/mm/yyyy%s)", field, v,
                            strcmp(field, "issue_date") ? " [hh:mm]" : "");
            goto out;
        }
        free(v); /* the ISO form may be longer than what was typed (1/2/2020) */
        if (!(v = strdup(iso))) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
    } else if (!strcmp(field, "phones")) {
        size_t j = 0;
        const char *p = v;
        if (!strncmp(p, "+84", 3)) {
            v[j++] = '0';
            p += 3;
        }
        for (; *p; p++) {
            if (isdigit((unsigned char)*p))
                v[j++] = *p;
            else if (!strchr(" .-()", *p))
                break;
        }
        int bad = *p != '\0' || j < 8 || j > 12;
        v[j] = '\0';
        if (bad) {
            rc = hs_err_set(err, HS_EINVAL, 0, "%s: '%s' is not a telephone number", field, in);
            goto out;
        }
    } else if (!strcmp(field, "emails")) {
        const char *at = strchr(v, '@');
        if (!at || at == v || !at[1] || strchr(at + 1, '@') || strchr(v, ' ') ||
            !strchr(at + 1, '.')) {
            rc = hs_err_set(err, HS_EINVAL, 0, "%s: '%s' is not an e-mail address", field, v);
            goto out;
        }
        for (char *p = v; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    }
    *out = v;
    v = NULL;
out:
    free(v);
    return rc;
}

/* The current value of c's field that old_value names: the value of a single field ("" when
 * it has none); for a list, old_value itself if one element has it, "" adds one. */
static int old_matches(const json_t *fields, const char *field, const char *old_value,
                       const char **current)
{
    const json_t *cur = json_object_get(fields, field);
    *current = "";
    if (fields_is_list(field)) {
        if (!*old_value)
            return 1;
        size_t i;
        const json_t *e;
        json_array_foreach(cur, i, e) if (entry_value(e) && !strcmp(entry_value(e), old_value))
            return *current = entry_value(e), 1;
        return 0;
    }
    *current = cur && entry_value(cur) ? entry_value(cur) : "";
    return strcmp(*current, old_value) == 0;
}

/* The rows of field search filters on: the values sure enough (as pl_index_archive keeps
 * them), corrected ones always. */
static int set_rows(idx_db *db, const char *code, const char *field, const json_t *fields,
                    hs_err *err)
{
    json_t *flat = NULL;
    int rc = fields_flatten(fields, FIELDS_MIN_CONFIDENCE, &flat, err);
    if (rc)
        return hs_err_prefix(err, "'%s'", code);
    const json_t *v = json_object_get(flat, field);
    const char *vals[64];
    int n = 0;
    if (json_is_string(v)) {
        vals[n++] = json_string_value(v);
    } else {
        size_t i;
        const json_t *e;
        json_array_foreach(v, i, e) if (n < 64 && json_string_value(e)) vals[n++] =
            json_string_value(e);
    }
    rc = idx_fields_set(db, code, field, vals, n, err);
    json_decref(flat);
    return rc;
}

int pl_review_correct(idx_db *db, const char *code, const pl_correction *c, int version,
                      int *new_version, hs_err *err)
{
    if (new_version)
        *new_version = version;
    if (!c->field || !known_field(c->field))
        return hs_err_set(err, HS_EINVAL, 0, "no field '%s'", c->field ? c->field : "");
    if (!c->user || !*c->user)
        return hs_err_set(err, HS_EINVAL, 0, "a correction needs the name of who made it");
    if (c->page < 0 || c->page > 100000)
        return hs_err_set(err, HS_EINVAL, 0, "bad page number %d", c->page);
    char *nv = NULL, when[32];
    json_t *fields = NULL, *ev = NULL;
    int rc = pl_review_value(c->field, c->new_value, &nv, err), n = 0;
    if (rc)
        return rc;
    const char *old = c->old_value ? c->old_value : "", *current = "";
    if ((rc = idx_begin(db, err)))
        goto out;
    if ((rc = pl_review_fields(db, code, &fields, NULL, &n, err)))
        goto out;
    if (n != version) {
        rc = hs_err_set(err, HS_EEXIST, 0,
                        "'%s' was changed by someone else meanwhile (version %d, yours %d): "
                        "reload it and check the value again",
                        code, n, version);
        goto out;
    }
    if (!old_matches(fields, c->field, old, &current)) {
        rc = hs_err_set(err, HS_EEXIST, 0,
                        "'%s': %s is now '%s', not '%s': reload it and check the value again",
                        code, c->field, current, old);
        goto out;
    }
    hs_time_iso((long long)time(NULL), when);
    idx_correction ic = {.field = c->field,
                         .page = c->page,
                         .old_value = old,
                         .new_value = nv,
                         .user = c->user,
                         .time = when};
    if (ic.page == 0) {
        /* the page the value was read from, when it says */
        const json_t *cur = json_object_get(fields, c->field);
        size_t i;
        const json_t *e;
        if (fields_is_list(c->field)) {
            json_array_foreach(cur, i, e) if (*old && entry_value(e) &&
                                              !strcmp(entry_value(e), old)) ic.page =
                (int)json_integer_value(json_object_get(e, "page"));
        } else {
            ic.page = (int)json_integer_value(json_object_get(cur, "page"));
        }
    }
    int confirm = strcmp(old, nv) == 0;
    if ((rc = idx_correction_add(db, code, &ic, version, err)))
        goto out;
    /* PREMIS: a person checked (validation) or changed (correction) a value */
    ev = pl_event_new(confirm ? "validation" : "correction", "success", "%s p.%d: '%s' -> '%s' by %s",
                      c->field, ic.page, old, nv, c->user);
    if (!ev || json_object_set_new(ev, "user", json_string(c->user)) ||
        json_object_set_new(ev, "field", json_string(c->field)) ||
        json_object_set_new(ev, "page", json_integer(ic.page)) ||
        json_object_set_new(ev, "old", json_string(old)) ||
        json_object_set_new(ev, "new", json_string(nv))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    rc = pl_event_record(db, code, ev, err);
    ev = NULL; /* taken by pl_event_record */
    if (rc)
        goto out;
    if (!confirm) {
        if (apply(fields, &ic)) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
        if ((rc = set_rows(db, code, c->field, fields, err)))
            goto out;
    }
    if ((rc = idx_commit(db, err)))
        goto out;
    if (new_version)
        *new_version = version + 1;
out:
    if (rc)
        idx_rollback(db);
    json_decref(ev);
    json_decref(fields);
    free(nv);
    return rc;
}
