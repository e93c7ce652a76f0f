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
    int needs_review;  /* dossier.json flags the page (a field left for review, or low OCR
                        * confidence): the review filter lists it whatever its confidence */
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
/* Rows copied from another index (idx_merge.c), for `hoso merge`: instead of reading
 * every archive again, the rows of an index of the same schema and tokenizer are copied
 * (text as stored, duplicate signatures as computed); only the full-text tokenizing is
 * done again. Use: attach (outside a transaction), then in a transaction pick each dossier
 * and copy, and detach when done. */
/* Attaches the index file at path (which must exist) to db. *compatible is 1 when its
 * rows can be copied (same schema version and tokenizer), 0 when not (still HS_OK: its
 * archives are then read one by one). On an error nothing stays attached. Until
 * idx_source_detach, db does not enforce foreign keys (the copies are consistent by
 * construction): add only dossiers whose code it lacks, as no cascade removes an old
 * one's rows. */
int idx_source_attach(idx_db *db, const char *path, int *compatible, hs_err *err);
void idx_source_detach(idx_db *db);
/* Picks the source's dossier code for the next idx_source_copy, to be filed here under
 * archive (relative to the home). The caller makes sure code is not in this index. */
int idx_source_pick(idx_db *db, const char *code, const char *archive, hs_err *err);
/* Copies the picked dossiers: their dossier, field, page, full-text, signature and batch
 * journal (done) rows, with row ids moved past this index's own; status rows seeded from
 * the fields as idx_status_seed does at filing. HS_EDB when a picked code is missing from
 * the source (nothing is then left half done if the caller rolls back). *copied is the
 * number of dossiers. Clears the picks. Call inside a transaction. */
int idx_source_copy(idx_db *db, int *copied, hs_err *err);
/* The source's full-text segments copied whole instead of its text tokenized again
 * (idx_segments.c). After idx_source_attach gives compatible: *usable is 1 when they can
 * be (its page ids unused here, neither index with delete markers, FTS5 structures this
 * code knows); idx_source_copy then keeps the pages' ids and leaves their text out of the
 * full-text index, naming them in meta 'fts_pending' until idx_source_finish, outside a
 * transaction and after the last group's commit, copies the segments when every source
 * page is here (*pages: how many), or tokenizes the copied pages when not. Call
 * idx_source_segments_off before this index gets pages any other way while the source
 * is attached (they are tokenized then, and the rest of the source's copied as before). */
int idx_source_segments(idx_db *db, int *usable, hs_err *err);
int idx_source_segments_off(idx_db *db, hs_err *err);
int idx_source_finish(idx_db *db, const char *src_path, long long *pages, hs_err *err);
/* Pages a merge that stopped left out of the full-text index (meta 'fts_pending' of a
 * process that is gone) tokenized into it; *pages: how many. */
int idx_fts_mend(idx_db *db, long long *pages, hs_err *err);
/* A merge bringing in at least as many duplicate-signature band rows as the index has
 * (and 100 000 or more) drops the hash index over them and builds it again when done
 * (idx_bands_restore): one sort instead of millions of inserts at random places (at 100 000
 * pages, 3.9 s of inserts against 0.6 s plus 1.7 s to build it). Should the process stop
 * between, the next open for writing builds it (idx_dupes_init). idx_band_rows: the rows
 * an index holds, about. */
int idx_band_rows(idx_db *db, long long *rows, hs_err *err);
int idx_bands_defer(idx_db *db, long long incoming, int *deferred, hs_err *err);
int idx_bands_restore(idx_db *db, hs_err *err);
/* Page ids of this index start above base from now on (meta 'page_id_base'): `batch
 * --shard K/N` numbers shard K's from K << 40, so that merged shards keep their ids and
 * their full-text segments can be copied whole. */
int idx_page_base_set(idx_db *db, long long base, hs_err *err);
/* The page rows of code as indexed, to check them against its archive (its record is
 * idx_dossier_get's): its page count, and fn called for each page in order with its
 * paths, SHA-256 sums and text (text_len bytes; valid during the call); a non-zero return
 * of fn stops and is returned. HS_ENOTFOUND
 * without a dossier code; HS_EEXIST when people corrected its fields (its field rows are
 * then not derived from its archive alone); HS_EDB when the page rows do not match the
 * page count. */
typedef int (*idx_text_fn)(void *ud, const idx_page *p, size_t text_len);
int idx_dossier_texts(idx_db *db, const char *code, int *npages, idx_text_fn fn, void *ud,
                      hs_err *err);
/* Empties the catalogue and recreates the text table with the current tokenizer. The
 * code sequences are kept so codes are never reused. */
int idx_clear(idx_db *db, hs_err *err);

/* The dossier's life (idx_status.c): status and dates per code, in a table of their own
 * that reindex keeps (idx_clear does not touch it) and that may hold codes without an
 * archive (an imported register). Times are minutes since 1970-01-01T00:00 in the
 * centre's local time (no zone); a date without a time of day is its 00:00, a deadline
 * without one its 23:59 (the end of that day); IDX_TIME_NONE when unknown. The table is
 * made on first use by a writable connection; a read-only one without it sees no rows. */
#define IDX_TIME_NONE (-1LL)
enum { IDX_STATUS_RECEIVED = 0, IDX_STATUS_PROCESSING, IDX_STATUS_RETURNED, IDX_STATUS_WITHDRAWN };
/* "received", "processing", "returned", "withdrawn"; idx_status_parse gives -1 for others. */
const char *idx_status_name(int status);
int idx_status_parse(const char *name);
/* Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" (or a space for T); a trailing Z (UTC, as
 * in dossier.json's created) is turned into local time. A date alone is 00:00, or 23:59
 * with end_of_day. HS_EINVAL for anything else (no message: the caller names the value). */
int idx_time_parse(const char *s, int end_of_day, long long *out);
/* "YYYY-MM-DDTHH:MM", or "YYYY-MM-DD" for 00:00 and 23:59; "" for IDX_TIME_NONE. */
void idx_time_format(long long t, char out[24]);
/* Local time now, in minutes. */
long long idx_time_now(void);

#define IDX_AGENCY_MAX 128
#define IDX_PROCEDURE_MAX 512
typedef struct idx_status {
    long long received_at, due_at, returned_at; /* returned_at: when it was returned or
                                                 * withdrawn, NONE while open */
    int status;                                 /* IDX_STATUS_* */
    int given; /* 1: set by a person or an import; filing then only fills what is unknown */
    char agency[IDX_AGENCY_MAX];       /* "" when unknown */
    char procedure[IDX_PROCEDURE_MAX]; /* cut at a character if longer */
} idx_status;
/* HS_ENOTFOUND when code has no row. */
int idx_status_get(idx_db *db, const char *code, idx_status *st, hs_err *err);
/* Writes code's row (inserted or replaced). HS_EINVAL when it is inconsistent: no received
 * time, returned or withdrawn without returned_at (or open with one), returned before
 * received. For many rows, a writer keeps its statements: call inside a transaction. */
int idx_status_put(idx_db *db, const char *code, const idx_status *st, hs_err *err);
typedef struct idx_status_writer idx_status_writer;
int idx_status_writer_new(idx_db *db, idx_status_writer **out, hs_err *err);
int idx_status_writer_put(idx_status_writer *w, const char *code, const idx_status *st,
                          hs_err *err);
void idx_status_writer_free(idx_status_writer *w);
/* The report reads the rows 4096 at a time as packs of fixed records kept beside them; a
 * write drops its rows' pack, which the report then reads from the rows (slower).
 * idx_status_pack makes every missing pack again: call it after changing rows (a command,
 * an import); cheap when none is missing. */
int idx_status_pack(idx_db *db, hs_err *err);
/* The dossiers still open whose deadline is before now, the longest overdue first (at most
 * limit; 0: all): fn gets each code and row; a non-zero return stops and is returned. */
typedef int (*idx_overdue_fn)(void *ud, const char *code, const idx_status *st);
int idx_status_overdue(idx_db *db, long long now, int limit, idx_overdue_fn fn, void *ud,
                       hs_err *err);
/* The row of a dossier being indexed, from its fields (received_at, due_at or appointment,
 * procedure), else its filing time created; agency from the code ("AGENCY-YYMMDD-NNNN").
 * A new row is "received"; an existing one keeps its status and return, and a given one
 * also its dates, agency and procedure where they are known. A record with neither a
 * received time nor a readable created gets no row (not an error). */
int idx_status_seed(idx_db *db, const char *code, const char *created, const idx_field *fields,
                    int nfields, hs_err *err);
/* The same through a writer made once for many dossiers (merge seeds thousands). */
int idx_status_writer_seed(idx_status_writer *w, const char *code, const char *created,
                           const idx_field *fields, int nfields, hs_err *err);

/* Working days: Saturdays, Sundays and the holidays of a calendar file are not (a line
 * "YYYY-MM-DD # comment" is a holiday, "YYYY-MM-DD work # comment" a weekend day worked
 * instead, '#' lines and blank lines are skipped). */
typedef struct idx_calendar idx_calendar;
int idx_calendar_load(const char *path, idx_calendar **out, hs_err *err);
void idx_calendar_free(idx_calendar *cal);
int idx_calendar_workday(const idx_calendar *cal, long long t);
/* The deadline n working days after the day of t: the end (23:59) of the nth working day
 * after it (cal NULL: only weekends are off). */
long long idx_calendar_due(const idx_calendar *cal, long long t, int n);

/* Counts as the one-stop report does, for the period [from, to) (minutes): received in it,
 * carried (received before, still open at its start), settled in it (returned early: on a
 * day before the deadline's; on time: by the deadline, or without one; late: after it),
 * withdrawn in it, and still open at its end (or at now when sooner), of which overdue
 * (past the deadline then). The on-time rate is (early + on_time) / settled. */
enum { IDX_BY_NONE = 0, IDX_BY_AGENCY, IDX_BY_PROCEDURE, IDX_BY_MONTH };
typedef struct idx_stats_row {
    char *key; /* the group's agency, procedure or "YYYY-MM" ("" for unknown; NULL: total) */
    long received, carried, early, on_time, late, withdrawn, open, overdue;
} idx_stats_row;
typedef struct idx_stats {
    idx_stats_row *rows; /* groups in order: by name, or by month (each month a period) */
    int n;
    idx_stats_row total; /* the whole period */
} idx_stats;
int idx_status_stats(idx_db *db, long long from, long long to, long long now, int by,
                     idx_stats *out, hs_err *err);
void idx_stats_release(idx_stats *s);

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
    double review_below; /* > 0: only pages read with a mean confidence under this, or
                          * flagged needs_review (a field left for review); with an empty
                          * text and no other filter, idx_search gives the review list
                          * (idx_review_pages) */
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
/* The pages read with a mean word confidence under below or flagged needs_review (a field
 * of theirs left for review), least sure first; score is the confidence, snippet the
 * page's first words. */
int idx_review_pages(idx_db *db, double below, int limit, idx_results *out, hs_err *err);

/* The FTS5 MATCH expressions for a user query (malloc'd): *match for finding pages, *exact
 * (NULL when the query has no diacritics) for ranking exact matches first. For tests. */
int idx_query_build(const char *query, char **match, char **exact, hs_err *err);

/* The review station (idx_users.c, idx_corrections.c): users, their sign-in sessions and
 * the corrections they make to extracted fields. Kept in the index, not derived from the
 * archives: reindex keeps them. idx_users_init (and idx_corrections_init, which it calls)
 * make the tables if missing; idx_db_open calls it. */
int idx_users_init(idx_db *db, hs_err *err);
int idx_corrections_init(idx_db *db, hs_err *err);

/* Roles, each allowed what the one before is and more: a reviewer corrects fields, an
 * archivist also marks dossiers returned or closed, an admin also manages users. */
enum { IDX_ROLE_REVIEWER = 1, IDX_ROLE_ARCHIVIST = 2, IDX_ROLE_ADMIN = 3 };
/* The role named ("reviewer", "archivist", "admin"), 0 when none; and its name back. */
int idx_role_parse(const char *name);
const char *idx_role_name(int role);
/* User names: ASCII letters, digits, '.', '_', '-', 1 to 64, not starting with '.' or '-'. */
int idx_user_name_valid(const char *name);

/* Passwords are kept as "pbkdf2-sha256$ITER$SALT$DIGEST" (hex): PBKDF2-HMAC-SHA256 with
 * IDX_PBKDF2_ITER iterations (OWASP's figure for 2023), a random 16-byte salt, a 32-byte
 * digest, compared in constant time. */
#define IDX_PBKDF2_ITER 600000
#define IDX_SALT_BYTES 16
#define IDX_HASH_BYTES 32
#define IDX_PASSWORD_MIN 8
/* *out is malloc'd. idx_password_check: 1 when password matches the stored digest. */
int idx_password_hash(const char *password, int iter, char **out, hs_err *err);
int idx_password_check(const char *password, const char *stored);
/* bytes (<= 64) random bytes from the system as hex into out (2 * bytes + 1). */
int idx_random_hex(size_t bytes, char *out, hs_err *err);

/* HS_EEXIST when name is taken; HS_EINVAL for a bad name, role or password (IDX_PASSWORD_MIN
 * to 1024 bytes). */
int idx_user_add(idx_db *db, const char *name, int role, const char *password, hs_err *err);
/* Removes the user and every session of theirs; HS_ENOTFOUND when there is none. */
int idx_user_del(idx_db *db, const char *name, hs_err *err);
typedef int (*idx_user_fn)(void *ud, const char *name, int role, const char *created);
int idx_user_each(idx_db *db, idx_user_fn fn, void *ud, hs_err *err);
/* *role is the user's role when name and password match, else 0 (still HS_OK). An unknown
 * name takes as long as a wrong password. Slow on purpose (the KDF): not under a lock. */
int idx_user_verify(idx_db *db, const char *name, const char *password, int *role, hs_err *err);

/* Sessions: an id of IDX_TOKEN_BYTES random bytes (hex) kept only as its SHA-256, a CSRF
 * token of as many, an expiry. The role is the user's now, read at every lookup. */
#define IDX_TOKEN_BYTES 32
#define IDX_TOKEN_HEX (2 * IDX_TOKEN_BYTES + 1)
#define IDX_SESSION_SECONDS (10 * 3600) /* a working day at the counter */
typedef struct idx_session {
    char user[72];
    int role;
    char csrf[IDX_TOKEN_HEX];
    long long expires; /* Unix time */
} idx_session;
int idx_session_new(idx_db *db, const char *user, int seconds, char id[IDX_TOKEN_HEX],
                    char csrf[IDX_TOKEN_HEX], hs_err *err);
/* HS_ENOTFOUND for an unknown, expired or malformed id, or one whose user is gone. */
int idx_session_get(idx_db *db, const char *id, idx_session *s, hs_err *err);
int idx_session_del(idx_db *db, const char *id, hs_err *err);
/* 1 when given is the session's CSRF token (compared in constant time). */
int idx_csrf_ok(const idx_session *s, const char *given);

/* A correction of one value of a field of a dossier (old "" adds a value, new "" removes
 * one). Corrections of a dossier are numbered from 1 in order; their count is the version
 * of its fields. */
typedef struct idx_correction {
    const char *field;
    int page; /* the page the value was read from, 0 when none */
    const char *old_value, *new_value;
    const char *user, *time; /* time: ISO 8601 UTC */
} idx_correction;
int idx_correction_count(idx_db *db, const char *code, int *n, hs_err *err);
/* Adds c as correction version + 1 of code; HS_EEXIST (nothing added) when code has
 * another count of corrections than version: someone saved first. Call inside a transaction
 * (idx_begin) so that the check and the insert are one. */
int idx_correction_add(idx_db *db, const char *code, const idx_correction *c, int version,
                       hs_err *err);
typedef int (*idx_correction_fn)(void *ud, const idx_correction *c);
/* Oldest first. */
int idx_correction_each(idx_db *db, const char *code, idx_correction_fn fn, void *ud,
                        hs_err *err);
/* Replaces the field rows (for --field filters) of key of dossier code with values (n of
 * them; 0: none) and keeps them, so that they are put back over the rows derived from the
 * archive when the dossier is indexed again (idx_review_restore, run at every opening for
 * writing). */
int idx_fields_set(idx_db *db, const char *code, const char *key, const char *const *values,
                   int n, hs_err *err);
int idx_review_restore(idx_db *db, hs_err *err);

/* Duplicate pages (idx_dupes.c): the same archival image, or nearly the same text
 * (MinHash of 3-word shingles of the folded text; similarity = estimated Jaccard). Every
 * page indexed by idx_dossier_put gets its signature. idx_dupes calls fn once per pair
 * with a page of dossier code against any other dossier (code NULL: every pair in the
 * index, pages of one dossier against each other included) whose similarity is at least
 * min_sim (IDX_DUPE_SIMILARITY is the documented default). */
#define IDX_DUPE_SIMILARITY 0.8
typedef struct idx_dupe {
    const char *code;
    int page;
    const char *other_code;
    int other_page;
    const char *kind;  /* "image" or "text" */
    double similarity; /* 1 for the same image */
} idx_dupe;
typedef int (*idx_dupe_fn)(void *ud, const idx_dupe *d);
int idx_dupes(idx_db *db, const char *code, double min_sim, idx_dupe_fn fn, void *ud,
              hs_err *err);

#endif
