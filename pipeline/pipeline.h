/* pipeline.h - the pipeline that joins the stages: a data home (its folder, config, index
 * and archives), recognising pages (scan -> cleanup -> OCR), filing a dossier (fields ->
 * bag in a zip -> index, all or nothing), indexing an archive, verifying one, and the
 * dossier's event log. Nothing here prints or exits: warnings go to a pl_warn_fn. */
#ifndef HS_PIPELINE_H
#define HS_PIPELINE_H

#include <jansson.h>

#include "archive.h"
#include "hs_common.h"
#include "index.h"
#include "pl_dossier.h"

/* Pages read with a mean word confidence under this are listed as needing review (the
 * default; `review_confidence = N` in hoso.conf sets the home's). */
#define HS_REVIEW_CONFIDENCE 70.0

/* A warning for a person (one line, no "hoso: "); ud is the caller's. */
typedef void (*pl_warn_fn)(void *ud, const char *msg);

/* The data home. */
typedef struct pl_home {
    char *dir;        /* absolute */
    char *archive;    /* dir/archive */
    char *index_path; /* dir/index.sqlite */
    char *agency;     /* from hoso.conf, or NULL */
    double review;    /* review_confidence from hoso.conf, else HS_REVIEW_CONFIDENCE */
} pl_home;

/* Opens the home in the folder dir; with create, the folder and its archive folder are
 * made if missing, else a missing folder is HS_ENOTFOUND. Reads hoso.conf. */
int pl_home_open(pl_home *h, const char *dir, int create, hs_err *err);
void pl_home_release(pl_home *h);
/* Opens the index of the home (see idx_db_open for rebuild). */
int pl_home_index(pl_home *h, int rebuild, idx_db **db, hs_err *err);
/* Every *.zip under the home's archive folder, as paths relative to the home, sorted.
 * Temporary zips being written ("*.zip.tmp-PID") are not listed. */
int pl_home_archives(const pl_home *h, char ***list, size_t *n, hs_err *err);
void pl_home_archives_free(char **list, size_t n);
/* Absolute path of an archive given relative to the home (malloc'd). */
char *pl_home_abs(const pl_home *h, const char *rel);

/* Dossier codes and agencies: letters, digits, '.', '_' and '-', at most 64, no leading dot. */
int pl_code_valid(const char *code);

/* Filing: one dossier from image files. */
/* A batch input, as recorded in dossier.json ("batch") and the journal. */
typedef struct pl_batch_input {
    const char *source; /* the input's path (folder, file, or LIST#code) */
    long long size, mtime;
    const char *hash; /* SHA-256 of its bytes */
} pl_batch_input;

typedef struct pl_options {
    const char *code;   /* NULL: generate */
    const char *agency; /* NULL: from the config, else the default */
    const char *lang;
    int append;
    int no_clean;
    int drop_blank;         /* leave blank pages (duplex back sides) out of the dossier */
    const char *debug_dir;  /* write every cleanup stage's image there */
    const struct pl_batch_input *batch; /* batch: the input it came from, kept in dossier.json */
    int shard_k, shard_n;     /* batch --shard K/N: generated codes stay in this shard's lane */
    void (*on_page)(void *ud); /* if not NULL, called after each page is read (progress) */
    void *on_page_ud;
    pl_warn_fn warn; /* if not NULL, told what went wrong without stopping the filing */
    void *warn_ud;
} pl_options;

typedef struct pl_result {
    char *code;
    char *archive; /* absolute path */
    int pages;     /* pages in the dossier after filing */
    int added;     /* pages added by this run */
    /* new pages that repeat pages filed under other codes (same image, or nearly the same
     * text): [{"page", "dossier", "dossier_page", "kind", "similarity"}], or NULL */
    json_t *duplicates;
} pl_result;

int pl_file_dossier(pl_home *home, const pl_options *opt, char **files, int nfiles,
                    pl_result *res, hs_err *err);

/* The two halves of pl_file_dossier, for callers that keep an engine per worker and one
 * index writer (batch). pl_recognise checks, decodes, cleans and recognises every page of
 * the files into *pages (pl_pages_free); pl_file files them inside one transaction of db,
 * calling hook (if not NULL) inside it just before the archive is renamed into place. */
typedef struct pl_pages pl_pages;
struct ocr_engine;
typedef int (*pl_hook)(idx_db *db, void *ud, const char *code, int pages, hs_err *err);
int pl_recognise(struct ocr_engine *eng, const pl_options *opt, char **files, int nfiles,
                 pl_pages **pages, hs_err *err);
/* pl_recognise one file at a time, for a caller that gets its files as they are made (a
 * scanner's pages): begin, then add each file in order (opened, checked, cleaned and
 * recognised at once; every page of it is appended), then end hands back the pages in
 * *pages (pl_pages_free) with the searchable PDF finished. Unlike pl_recognise, a bad file
 * is only found when it is added. After any step fails, or after end, r can only be
 * freed. eng and opt are borrowed until pl_recognise_free, which accepts NULL; a pl_recog
 * is used by one thread at a time, like its engine. */
typedef struct pl_recog pl_recog;
int pl_recognise_begin(struct ocr_engine *eng, const pl_options *opt, pl_recog **r, hs_err *err);
int pl_recognise_add(pl_recog *r, const char *file, hs_err *err);
int pl_recognise_end(pl_recog *r, pl_pages **pages, hs_err *err);
void pl_recognise_free(pl_recog *r);
int pl_pages_count(const pl_pages *p);
/* One file recognised on its own, as a part of a dossier whose files are read side by
 * side (batch workers): as pl_recognise of that one file, except that a file whose every
 * page is blank and left out (--drop-blank) gives an empty part instead of an error. */
int pl_recognise_part(struct ocr_engine *eng, const pl_options *opt, const char *file,
                      pl_pages **part, hs_err *err);
/* Joins the parts of one dossier, in order, into *pages: the pages of parts[1..] move to
 * parts[0], their searchable PDFs are joined into one and each page's number in it
 * follows. Every part is consumed and set to NULL, also on failure; no page at all (every
 * page blank and left out) is an error. */
int pl_pages_join(pl_pages **parts, int n, pl_pages **pages, hs_err *err);
/* Removes the spool folders (pages on their way to an archive) of hoso processes that are
 * gone: a batch killed mid-dossier leaves one. */
void pl_spool_sweep(void);
void pl_pages_free(pl_pages *p);
int pl_file(pl_home *home, idx_db *db, const pl_options *opt, pl_pages *pages, pl_hook hook,
            void *hook_ud, pl_result *res, hs_err *err);
void pl_result_release(pl_result *r);

/* Mending a home before filing (pl_home.c). Warnings go to warn (one line each, if not
 * NULL). pl_home_sweep removes the temporary zips and spool folders of writers that are
 * gone and returns how many zips it removed; pl_home_adopt indexes every archive the index
 * does not know (*adopted: how many); pl_home_mend does both. Every command that files
 * calls pl_home_mend first: a code whose zip exists is then never handed out again. */
int pl_home_sweep(const pl_home *home);
int pl_home_adopt(const pl_home *home, idx_db *db, pl_warn_fn warn, void *ud, int *adopted,
                  hs_err *err);
int pl_home_mend(const pl_home *home, idx_db *db, pl_warn_fn warn, void *ud, hs_err *err);
/* The code an archive's file name gives ("archive/2026/CODE.zip" -> "CODE" in out): 1, or
 * 0 (out "") for a name that is not CODE.zip or does not fit in cap. The bag's own name
 * is the authority; this spares opening it to look the code up. */
int pl_archive_code(const char *rel, char *out, size_t cap);
/* 1 if an archive named CODE.zip exists in any year folder of the home. */
int pl_code_on_disk(const pl_home *home, const char *code);

/* The event log of a dossier (pl_events.c). An event is PREMIS-style: {"type", "time",
 * "agent", "outcome", "detail"}; type is one of capture, cleanup, ocr, extraction,
 * ingestion, append, fixity check, export, merge. pl_event_new makes one now (NULL when
 * memory runs out); pl_event_line appends it as a line of events.jsonl to out and
 * pl_event_record keeps it in the index beside the dossier's bag (both take ev).
 * pl_events_load lists every event of code: its bag's, then those kept in the index. */
json_t *pl_event_new(const char *type, const char *outcome, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int pl_event_line(hs_buf *out, json_t *ev);
int pl_event_record(idx_db *db, const char *code, json_t *ev, hs_err *err);
int pl_events_load(const pl_home *home, idx_db *db, const char *code, json_t **out, hs_err *err);

/* Reads the dossier.json of the archive at zip_path and the text of every page, and
 * indexes it as filed at rel_path (relative to the home). *code is the dossier's code. */
int pl_index_archive(idx_db *db, const char *zip_path, const char *rel_path, char **code,
                     hs_err *err);

/* Checks the archive at abs of dossier code against its own manifests and against the
 * checksums the index keeps; calls fn once per problem (one line, starting with the code).
 * Returns the number of problems, 0 when intact. */
int pl_verify_archive(idx_db *db, const char *code, const char *abs, arc_problem_fn fn, void *ud);

/* Cover and separator sheets (pl_sheet.c). pl_sheets_pdf makes a PDF (A4) with a cover
 * sheet per code (QR "HOSO:CODE" and the code in large type) and, if separator, a
 * separator sheet (QR "PATCHT") last; *out is malloc'd. pl_sheet_kind tells what a code
 * read on a page is: PL_SHEET_COVER or PL_SHEET_RECEIPT (a one-stop dossier code in it)
 * with code set, PL_SHEET_SEPARATOR, or PL_SHEET_NONE. */
#define PL_CODE_MAX 65
enum { PL_SHEET_NONE = 0, PL_SHEET_COVER, PL_SHEET_SEPARATOR, PL_SHEET_RECEIPT };
int pl_sheets_pdf(const char *const *codes, int n, int separator, char **out, size_t *outlen,
                  hs_err *err);
int pl_sheet_kind(const char *data, char code[PL_CODE_MAX]);

/* The review station (pl_review.c): people confirm or correct extracted fields; the bag is
 * not rewritten, every correction is kept in the index and is an event of the dossier. */
typedef struct pl_correction {
    const char *field;     /* a key of fields.h */
    int page;              /* the page the value was read from; 0: the value's own */
    const char *old_value; /* the value the person saw ("" for none: adds one) */
    const char *new_value; /* as typed ("" removes the value; the old value: confirmed) */
    const char *user;
} pl_correction;
/* The fields of code as reviewed: dossier.json's "fields" with every correction applied in
 * order, a corrected value carrying "corrected": {"by", "at", "was"}, a confirmed one
 * "confirmed": {"by", "at"}, both confidence 1.
 * *history lists the corrections oldest first ({"version", "field", "page", "old", "new",
 * "user", "time"}); *version is their count. Pass NULL for what is not wanted. */
int pl_review_fields(idx_db *db, const char *code, json_t **fields, json_t **history,
                     int *version, hs_err *err);
/* A typed value in the form the extractor writes (*out malloc'd): NFC, one line, single
 * spaces; dates as ISO from dd/mm/yyyy [hh:mm] or ISO; telephone digits only; e-mail lower
 * case. HS_EINVAL with a message for a value that cannot be the field's. */
int pl_review_value(const char *field, const char *in, char **out, hs_err *err);
/* Records c in one transaction of db (a writable connection): the correction, its event
 * ("correction", or "validation" when the value is confirmed as it is) and the rows search
 * filters on. HS_EEXIST, nothing written, when version is not the dossier's (someone saved
 * first) or old_value is not the field's value now; HS_EINVAL for an unknown field or a bad
 * value; HS_ENOTFOUND for no dossier. *new_version: the dossier's version after it. */
int pl_review_correct(idx_db *db, const char *code, const pl_correction *c, int version,
                      int *new_version, hs_err *err);

/* Splitting a stack of pages into dossiers (pl_split.c, `--split`). pl_split_plan reads
 * the recognised pages (their codes and text) and plans the dossiers: a separator sheet
 * ends one and is left out, a cover sheet starts one with its code and is left out, a
 * receipt whose code differs from the current dossier's starts one, blank pages are left
 * out with drop_blank. pl_plan_json gives {"dossiers": [{"code", "pages", "why"}],
 * "dropped": [{"page", "why"}]} (pages numbered from 1 in the stack). pl_split_take moves
 * the pages of part out of the stack into *out (pl_pages_free; the stack keeps owning the
 * spool files until it is freed), with their pages of the stack's searchable PDF. */
typedef struct pl_plan pl_plan;
int pl_split_plan(const pl_pages *pages, int drop_blank, pl_plan **out, hs_err *err);
int pl_plan_count(const pl_plan *p);
const char *pl_plan_code(const pl_plan *p, int part); /* NULL: a code is generated */
json_t *pl_plan_json(const pl_plan *p);
int pl_split_take(pl_pages *all, const pl_plan *plan, int part, pl_pages **out, hs_err *err);
void pl_plan_free(pl_plan *p);
/* Files every part of plan as a dossier of its own (with its cover sheet's or receipt's
 * code, else a new one); what became of each is kept in plan, for pl_plan_json ("code" and
 * "archive", or "error"). A part that fails does not stop the others. Returns how many
 * failed, or a negative code when the index or memory failed (*err). */
int pl_file_parts(pl_home *home, idx_db *db, const pl_options *opt, pl_pages *stack,
                  pl_plan *plan, hs_err *err);
/* pl_file_dossier for a stack: recognises the files, plans the split (*plan, for
 * pl_plan_json and pl_plan_free) and, unless dry_run, files the parts as pl_file_parts
 * does (same return). */
int pl_file_stack(pl_home *home, const pl_options *opt, char **files, int nfiles,
                  int dry_run, pl_plan **plan, hs_err *err);

/* Batch (pl_batch.c): a backlog digitised unattended. Inputs are folders (each folder of
 * image files one dossier, or each multi-page TIFF or PDF of a folder holding several) and
 * list files ("code<TAB>file[,file...]"). pl_batch_open opens the home's index and takes
 * the home's batch lock (one batch at a time); pl_batch_add lists an input (a bad one
 * becomes a failed input, only memory fails it); pl_batch_run does the work: the inputs
 * of this shard not filed yet, their files read by o->workers threads side by side and
 * each dossier filed by the calling thread as soon as its files are read. Every input
 * ends as one event (filed, failed, skipped; a stack split in parts gives one per part),
 * passed to on_event from the calling thread; on_tick gets the progress about every
 * 200 ms. A failure of an input is in the journal (idx_job_failures), not an error of
 * the run: pl_batch_run fails only when the index or memory does. */
typedef struct pl_batch pl_batch;
typedef struct pl_batch_event {
    const char *input;  /* a folder, a file, "LIST#code" or "LIST:N" */
    const char *status; /* "filed", "failed" or "skipped" */
    const char *code;   /* filed or skipped, else NULL */
    int pages;          /* filed: the dossier's pages, else -1 */
    const char *error;  /* failed: why, else NULL */
    double seconds;     /* from its first file taken to its end */
} pl_batch_event;
typedef struct pl_batch_progress {
    size_t dossiers, done, filed, failed, skipped, todo;
    long pages;                /* filed */
    long pages_read, pages_todo;
    double seconds;
} pl_batch_progress;
typedef struct pl_batch_opts {
    pl_options opt; /* lang, agency, drop_blank, warn */
    int workers;
    int timeout_ms; /* per page */
    int split;      /* an input is a stack, cut into dossiers (pl_split_plan) */
    int shard_k, shard_n;
    void (*on_event)(void *ud, const pl_batch_event *e);
    void (*on_tick)(void *ud, const pl_batch_progress *p);
    void *ud;
} pl_batch_opts;
int pl_batch_open(pl_home *home, const pl_batch_opts *o, pl_batch **b, hs_err *err);
int pl_batch_add(pl_batch *b, const char *path, hs_err *err);
int pl_batch_run(pl_batch *b, hs_err *err);
void pl_batch_progress_get(pl_batch *b, pl_batch_progress *p);
void pl_batch_close(pl_batch *b);

/* Scanning at the counter (pl_session.c): a session from a SANE device to a filed
 * dossier. Pages are kept in HOME/pending/<device>/ as they arrive; a recogniser thread
 * reads each while the scanner feeds the next; an empty feeder files them (req->split:
 * cut into dossiers) and removes the pending folder. A failed scan keeps its pages there
 * for req->resume. SIGINT cancels the device while a page is being scanned. on_page (if
 * not NULL) is told each page kept. Returns 0 when filed; else err says why, and
 * out->usage is set when the request itself was wrong (no such source, mode, option or
 * pending scan). With split, out->plan says what became of each part, also when some
 * failed. */
typedef struct pl_scan_request {
    const char *device;
    const char *source; /* "flatbed", "adf" or NULL */
    int duplex;
    int resolution;   /* 0: the scanner's */
    const char *mode; /* "color", "gray", "lineart" or NULL */
    char **opts;      /* --sane-option NAME=VALUE */
    int nopts;
    int resume;
    int split; /* the feeder's pages cut into dossiers (pl_split_plan) */
} pl_scan_request;
typedef struct pl_scan_outcome {
    int usage;    /* the request was wrong */
    int pages;    /* pages kept, pending ones included */
    int filed;    /* filed (one dossier in res, or every part of plan) */
    pl_result res;
    pl_plan *plan; /* split */
    /* where the time went: recognition (decoding, cleanup, OCR) in all; from the last
     * page read to recognised; from recognised to filed and searchable */
    double busy, read_to_recognised, recognised_to_filed;
} pl_scan_outcome;
typedef void (*pl_scan_page_fn)(void *ud, int page);
int pl_scan_device(pl_home *home, const pl_options *o, const pl_scan_request *req,
                   pl_scan_page_fn on_page, void *ud, pl_scan_outcome *out, hs_err *err);
void pl_scan_outcome_release(pl_scan_outcome *o);
/* The pending scans of a home (pl_pending_free). */
typedef struct pl_pending {
    char *device, *code, *folder;
    int pages, append;
} pl_pending;
int pl_pending_list(const pl_home *home, pl_pending **v, int *n, hs_err *err);
void pl_pending_free(pl_pending *v, int n);

#endif
