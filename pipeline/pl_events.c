/* pl_events.c - the event log of a dossier (PREMIS-style: what happened to it, when, by
 * which software, with what outcome). Events of a filing travel in the bag as
 * data/events.jsonl, one JSON object a line; later events that do not rewrite the bag (a
 * fixity check, an export, a merge) are kept in the index until the next bag write. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pipeline.h"

json_t *pl_event_new(const char *type, const char *outcome, const char *fmt, ...)
{
    char when[32], detail[1024];
    hs_time_iso((long long)time(NULL), when);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    return json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", type, "time", when, "agent",
                     "hoso " HS_VERSION, "outcome", outcome, "detail", detail);
}

int pl_event_line(hs_buf *out, json_t *ev)
{
    char *line = ev ? json_dumps(ev, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(ev);
    int rc = line && hs_buf_puts(out, line) == HS_OK && hs_buf_puts(out, "\n") == HS_OK
                 ? HS_OK
                 : HS_ENOMEM;
    free(line);
    return rc;
}

int pl_event_record(idx_db *db, const char *code, json_t *ev, hs_err *err)
{
    char *line = ev ? json_dumps(ev, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(ev);
    if (!line)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    int rc = idx_event_add(db, code, line, err);
    free(line);
    return rc;
}

/* Appends each line of text that is a JSON object to list; other lines are skipped (a
 * record written by hand or damaged must not hide the rest). */
static void add_lines(json_t *list, const char *text, size_t len)
{
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        json_t *ev = json_loadb(p, n, 0, NULL);
        if (json_is_object(ev))
            json_array_append(list, ev);
        json_decref(ev);
        p += n + 1;
    }
}

static int add_kept(void *ud, const char *event)
{
    add_lines(ud, event, strlen(event));
    return HS_OK;
}

int pl_events_load(const pl_home *home, idx_db *db, const char *code, json_t **out, hs_err *err)
{
    *out = NULL;
    char *rel = NULL, *record = NULL, *abs = NULL, *text = NULL;
    size_t len = 0;
    arc_reader *r = NULL;
    json_t *list = json_array();
    int rc = list ? idx_dossier_get(db, code, &rel, &record, err)
                  : hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    if (rc)
        goto out;
    if (!(abs = pl_home_abs(home, rel))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    if ((rc = arc_open(abs, &r, err)))
        goto out;
    /* a dossier filed before the log existed has none in its bag */
    if (arc_read(r, PL_BAG_EVENTS, &text, &len, NULL) == HS_OK)
        add_lines(list, text, len);
    if ((rc = idx_event_each(db, code, add_kept, list, err)))
        goto out;
    *out = list;
    list = NULL;
out:
    json_decref(list);
    arc_close(r);
    free(text);
    free(abs);
    free(rel);
    free(record);
    return rc;
}
