/* index_int.h - what the index module's files share: the connection and helpers. */
#ifndef HS_INDEX_INT_H
#define HS_INDEX_INT_H

#include <sqlite3.h>
#include <stdint.h>

#include "index.h"

/* The one place the text tokenizer is chosen (see idx_tokenizer.c). The version is
 * recorded in the index: change it whenever tokens change, and existing indexes ask for
 * 'hoso reindex' instead of giving wrong results. */
#define IDX_TOKENIZER "hoso_vi"
#define IDX_TOKENIZER_VERSION "hoso_vi/1"

/* The pragma that has a connection read index pages in place from the file's mapping
 * instead of copying them by pread() into its cache (readers, and merge's segment copy). */
#define IDX_MMAP_PRAGMA "PRAGMA mmap_size = 1073741824"

struct z_stream_s;
struct idx_dfcache;

/* Statements idx_dossier_put runs for every dossier, prepared once per connection. */
/* ... and the reads merge's workers run for every dossier (idx_dossier_get and
 * idx_dossier_texts): preparing them cost more than running them. */
enum {
    IDX_ST_EXISTS,
    IDX_ST_DOSSIER,
    IDX_ST_PAGE,
    IDX_ST_TEXT,
    IDX_ST_FIELD,
    IDX_ST_GET,
    IDX_ST_NPAGES,
    IDX_ST_CORRECTED,
    IDX_ST_PAGES_OF,
    IDX_ST_N
};

struct idx_db {
    sqlite3 *db;
    struct libdeflate_compressor *zs; /* page text's compressor, made on first use */
    unsigned char *zbuf;              /* its output, reused from page to page */
    size_t zcap;
    struct libdeflate_decompressor *zi; /* hs_inflate's, made on first use */
    sqlite3_stmt *st[IDX_ST_N]; /* made on first use, finalized by idx_db_close */
    struct idx_dfcache *df;     /* term page counts for ranking (idx_rank.c) */
    long long page_base;        /* page ids start above it (meta 'page_id_base') */
    /* while a source's full-text segments are to be copied (idx_merge.c): its page ids,
     * copied unchanged, lo..hi */
    int seg_mode, seg_started; /* started: the first pages copied, meta 'fts_pending' set */
    long long seg_lo, seg_hi;
    int bands_deferred; /* page_bands_hash dropped for a bulk merge (idx_bands_defer) */
};

int idx_fail(idx_db *db, hs_err *err, const char *what);
/* The connection's prepared statement i (IDX_ST_*), reset and ready for binding; NULL
 * when it cannot be prepared. Reset it after use: a statement left stepping holds its
 * read transaction open. */
sqlite3_stmt *idx_cached(idx_db *db, int i);
/* The first column of sql's first row as an integer, ?1 and ?2 bound to a and b when sql
 * has them: 0 when there is no row (a NULL reads as 0), -1 on an error. On any connection
 * (merge's second one too). */
long long idx_one_int(sqlite3 *db, const char *sql, long long a, long long b);
/* The meta table's value of key (malloc'd; NULL when absent), and setting it. */
int idx_meta_get(idx_db *db, const char *key, char **value, hs_err *err);
int idx_meta_set(idx_db *db, const char *key, const char *value, hs_err *err);
/* Sets meta 'fts_pending' for the source pages db->seg_lo..seg_hi (idx_segments.c). */
int idx_source_pending(idx_db *db, hs_err *err);
int idx_exec(idx_db *db, const char *sql, hs_err *err);
/* Creates the journal table (idx_jobs.c). */
int idx_jobs_init(idx_db *db, hs_err *err);
/* Creates the events table (idx_events.c). */
int idx_events_init(idx_db *db, hs_err *err);
/* The duplicate-page tables (idx_dupes.c), and a page's text signature. */
int idx_dupes_init(idx_db *db, hs_err *err);
int idx_page_sig_put(idx_db *db, int64_t page_id, const char *text, hs_err *err);

/* Page text compression (idx_db.c): *out points into the connection's buffer, valid until
 * the next call. hs_inflate() is its SQL inverse. */
int idx_deflate(idx_db *db, const char *text, size_t len, const void **out, size_t *outlen,
                hs_err *err);
int idx_functions_register(idx_db *db, hs_err *err);

/* Ranking and snippets (idx_rank.c). */
int idx_rank_register(idx_db *db, fts5_api *api, hs_err *err);
/* The IDF weight of a query term (a word or phrase; prefix: a prefix) for hs_rank(). The
 * page counts behind it are kept per connection while the index does not change. */
int idx_term_weight(idx_db *db, const char *text, int prefix, long npages, double *w,
                    hs_err *err);
void idx_dfcache_free(struct idx_dfcache *c);
/* The pages of the index as ranking counts them (ids dense from each slot's base). */
int idx_page_count(idx_db *db, long *npages, hs_err *err);
/* Folded query tokens, for snippets. */
typedef struct idx_terms idx_terms;
idx_terms *idx_terms_new(void);
int idx_terms_add(idx_terms *t, const char *text, int prefix);
void idx_terms_free(idx_terms *t);
/* A snippet of about width words of text around the most query tokens, hits in [ ]. */
char *idx_snippet(const char *text, const idx_terms *q, int width);

/* One character of text (left > 0 bytes) as the tokenizer folds it: returns the bytes it
 * takes; *cls is its HS_FOLD_* class, *f its folded UTF-8 (*flen bytes, in a table or in
 * fbuf). A byte that is not UTF-8 is a one-byte separator. */
int idx_fold_next(const char *text, int left, int *cls, const char **f, int *flen, char fbuf[4]);

/* Registers the hoso_vi tokenizer and hs_rank on a new connection. */
int idx_register(idx_db *db, hs_err *err);

#endif
