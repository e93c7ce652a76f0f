/* index.h - the catalogue: a SQLite database (WAL) with a table of dossiers, a table of
 * pages and an FTS5 table over page text, ranked with bm25. The index is derived from
 * the archives and can always be rebuilt from them. An idx_db is one connection: use
 * one per thread. */
#ifndef HS_INDEX_H
#define HS_INDEX_H

#include "hs_common.h"

typedef struct idx_db idx_db;

/* Opens (creating if needed) the index at path. An index built with another tokenizer or
 * schema is refused with HS_EDB and a message telling the user to run 'hoso reindex',
 * unless rebuild is 1 (used by reindex, which then calls idx_clear). */
int idx_db_open(const char *path, int rebuild, idx_db **out, hs_err *err);
/* Opens an existing, current index for reading only: nothing is created or written
 * (HS_EDB when path is missing, foreign or built by another version). Readers of a WAL
 * index need its -shm file: SQLite makes it when the folder is writable. */
int idx_db_open_readonly(const char *path, idx_db **out, hs_err *err);
/* Is the index file at path damaged (unreadable, or failing SQLite's quick_check)?
 * 'hoso reindex' then moves it aside and builds a new one from the archives. */
int idx_file_damaged(const char *path);
void idx_db_close(idx_db *db);

/* Write transactions. idx_begin takes the write lock at once (BEGIN IMMEDIATE), so two
 * processes filing at the same time are serialised, not failed. */
int idx_begin(idx_db *db, hs_err *err);
int idx_commit(idx_db *db, hs_err *err);
void idx_rollback(idx_db *db);

int idx_code_exists(idx_db *db, const char *code, int *exists, hs_err *err);
/* Allocates the next free code "<prefix>-NNNN" from the per-prefix sequence (prefix is
 * "<agency>-<YYMMDD>"), taking only numbers n with (n - 1) % stride == offset, so that
 * the shards of a batch (offset K-1, stride N) never hand out the same code; stride 1 for
 * all numbers. Call inside a transaction. *code is malloc'd. */
int idx_code_next(idx_db *db, const char *prefix, int stride, int offset, char **code,
                  hs_err *err);

typedef struct idx_page {
    int page; /* 1-based */
    const char *image, *image_sha256;
    const char *text_path, *text_sha256;
    double confidence; /* negative: not recognised */
    const char *text;  /* NFC */
} idx_page;

/* An extracted field, one row per value (a list field gives several). */
/* The batch journal: one row per input dossier, keyed by its path. */
enum { IDX_JOB_NONE = 0, IDX_JOB_DONE = 1, IDX_JOB_FAILED = 2 };
typedef struct idx_job {
    long long size, mtime; /* of the input (summed over its files; newest mtime) */
    char hash[65];         /* SHA-256 of the input's bytes, "" when not computed */
    int state;             /* IDX_JOB_*; NONE when the path is not in the journal */
    char code[128];        /* the code it was filed under */
    int pages;
} idx_job;
int idx_job_get(idx_db *db, const char *path, idx_job *job, hs_err *err);
/* Records a job's state; error is the reason of a failure (one line) or NULL. Call inside
 * the transaction that files the dossier, so both happen or neither. */
int idx_job_set(idx_db *db, const char *path, const idx_job *job, const char *error, hs_err *err);
typedef int (*idx_job_fn)(void *ud, const char *path, const char *error, const char *when);
int idx_job_failures(idx_db *db, idx_job_fn fn, void *ud, hs_err *err);

/* Merges the full-text index into one segment: queries read one doclist per term instead
 * of one per segment. Worth it after a bulk load (reindex, a batch). */
int idx_optimize(idx_db *db, hs_err *err);
/* Checks the index file (PRAGMA integrity_check) and the full-text index against the
 * text it was built from (FTS5 integrity-check); calls fn (if not NULL) with one line per
 * problem. Returns the number of problems (0: intact), or a negative code when the check
 * cannot be run at all. */
/* Events of a dossier kept beside its bag (one JSON object per event, as text): added in
 * the order they happen, listed in that order, cleared once a new bag holds them. */
int idx_event_add(idx_db *db, const char *code, const char *event, hs_err *err);
typedef int (*idx_event_fn)(void *ud, const char *event);
int idx_event_each(idx_db *db, const char *code, idx_event_fn fn, void *ud, hs_err *err);
int idx_event_clear(idx_db *db, const char *code, hs_err *err);
typedef void (*idx_problem_fn)(void *ud, const char *msg);
int idx_db_check(idx_db *db, idx_problem_fn fn, void *ud, hs_err *err);

typedef struct idx_field {
    const char *key, *value;
} idx_field;

typedef struct idx_dossier {
    const char *code;
    const char *archive; /* path relative to the home */
    const char *created; /* ISO 8601 */
    const char *date;    /* the dossier's date for filters (YYYY-MM-DD...); NULL: created */
    const char *record;  /* dossier.json */
    int npages;
    const idx_page *pages;
    int nfields;
    const idx_field *fields;
} idx_dossier;

/* Adds a dossier, replacing any dossier with the same code (used by --append). */
int idx_dossier_put(idx_db *db, const idx_dossier *d, hs_err *err);
/* The archive path and dossier.json of code (malloc'd), or HS_ENOTFOUND. */
int idx_dossier_get(idx_db *db, const char *code, char **archive, char **record, hs_err *err);
typedef int (*idx_dossier_fn)(void *ud, const char *code, const char *archive);
int idx_dossier_each(idx_db *db, idx_dossier_fn fn, void *ud, hs_err *err);
/* Calls fn for each file of code the index knows, with its SHA-256. */
typedef int (*idx_file_fn)(void *ud, const char *path, const char *sha256);
int idx_dossier_files(idx_db *db, const char *code, idx_file_fn fn, void *ud, hs_err *err);
/* Empties the catalogue and recreates the text table with the current tokenizer. The
 * code sequences are kept so codes are never reused. */
int idx_clear(idx_db *db, hs_err *err);

/* A search. The query language: words (all must match), "phrases", OR between two terms,
 * -word to exclude, prefix*; anything else is literal text. Runs of digits typed with
 * spaces, dots or hyphens ("0905 118 274") are looked up as one number. */
typedef struct idx_query {
    const char *text;
    int limit;
    const char *from, *to;     /* dossier date bounds YYYY-MM-DD, inclusive; NULL: open */
    const char *code_prefix;   /* NULL: any */
    const char *const *fields; /* "key=value": the folded value contains the folded VALUE */
    int nfields;
    int by_dossier;            /* one hit per dossier: its best page, with a hit count */
    /* Ranking cost grows with the number of matching pages. When more than rank_cap pages
     * match (0: IDX_RANK_CAP; negative: no cap) and no filter is set, bm25 ranks the
     * rank_cap most recently filed of them; total stays exact. */
    int rank_cap;
    int no_snippet; /* 1: hits without snippets (faster, for programs) */
    double review_below; /* > 0: only pages read with a mean confidence under this; with
                          * an empty text and no other filter, idx_search gives the review
                          * list (idx_review_pages) */
} idx_query;

#define IDX_RANK_CAP 1000
/* Without filters, matches are counted up to this; a negative rank_cap counts them all. */
#define IDX_COUNT_CAP 1000

typedef struct idx_hit {
    char *code;
    int page;
    double score;  /* -bm25: higher is better */
    int exact;     /* 1: matches the query's diacritics exactly (ranked first) */
    int pages;     /* with by_dossier: matching pages of the dossier; else 1 */
    char *snippet; /* hits between '[' and ']' */
} idx_hit;

typedef struct idx_results {
    idx_hit *hits;
    int n;
    long total; /* all matching pages (dossiers with by_dossier), not only those returned */
    int more;   /* 1: more than total match (counting stops at IDX_COUNT_CAP) */
} idx_results;

/* Searches. Any user text is accepted: it never reaches FTS5 as syntax. HS_EINVAL with a
 * message for a query with nothing to search for (empty, only punctuation, only excluded
 * words, not UTF-8) or a bad filter. */
int idx_search(idx_db *db, const idx_query *q, idx_results *out, hs_err *err);
void idx_results_release(idx_results *r);
/* The pages read with a mean word confidence under below, least sure first; score is the
 * confidence, snippet the page's first words. */
int idx_review_pages(idx_db *db, double below, int limit, idx_results *out, hs_err *err);

/* The FTS5 MATCH expressions for a user query (malloc'd): *match for finding pages, *exact
 * (NULL when the query has no diacritics) for ranking exact matches first. For tests. */
int idx_query_build(const char *query, char **match, char **exact, hs_err *err);

#endif
