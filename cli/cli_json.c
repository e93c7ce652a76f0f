/* cli_json.c - JSON documents that more than one front end prints: the search results of
 * `hoso search --json` and of `GET /api/search` are built here, so both stay identical. */
#include <math.h>

#include "cli.h"

json_t *search_json(const idx_query *q, const idx_results *r)
{
    json_t *hits = json_array();
    if (!hits)
        return NULL;
    for (int i = 0; i < r->n; i++) {
        json_t *h = json_pack("{s:s, s:i, s:f, s:b, s:s}", "code", r->hits[i].code, "page",
                              r->hits[i].page, "score", round(r->hits[i].score * 10000) / 10000,
                              "exact", r->hits[i].exact, "snippet", r->hits[i].snippet);
        if (!h) {
            json_decref(hits);
            return NULL;
        }
        if (q->by_dossier)
            json_object_set_new(h, "hits", json_integer(r->hits[i].pages));
        json_array_append_new(hits, h);
    }
    /* The query is echoed as typed; idx_search refused invalid UTF-8. */
    return json_pack("{s:s, s:I, s:b, s:o}", "query", q->text, "total", (json_int_t)r->total,
                     "total_exact", !r->more, "hits", hits);
}

char *cli_json_text(json_t *v)
{
    return json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
}
