/* pl_dossier.h - the dossier record (data/dossier.json) and the layout of a dossier's bag.
 * This module alone parses and writes dossier.json and names the files in a bag; every
 * other part of hoso goes through its accessors. The JSON shape is the one filed archives
 * have, kept byte for byte: {"code", "created", "software", "pages": [...], "fields": {...},
 * then "updated" (after an append), "tesseract", "batch" (a batch input), "pdf" (the
 * searchable PDFs)}, written with 2-space indent, keys in insertion order, reals to 4
 * significant digits. A pl_dossier is used by one thread at a time. */
#ifndef HS_PL_DOSSIER_H
#define HS_PL_DOSSIER_H

#include <jansson.h>

#include "archive.h"
#include "hs_common.h"
#include "index.h"

struct pl_batch_input;

/* ---- the bag's layout: paths relative to the bag folder (arc_read's); arc_bag_add takes
 * the part after "data/" (PL_BAG_IN_DATA) ---- */
#define PL_BAG_RECORD "data/dossier.json"
#define PL_BAG_EVENTS "data/events.jsonl"
#define PL_BAG_IN_DATA(path) ((path) + 5)

/* Page num's file of kind (PL_BAG_IMAGE takes ext, "png" or "tif"; the others ignore it)
 * into out[cap]: "data/images/0001.png", "data/text/0001.txt", "data/ocr/0001.hocr",
 * "data/ocr/0001.alto.xml". Returns out. */
enum { PL_BAG_IMAGE, PL_BAG_TEXT, PL_BAG_HOCR, PL_BAG_ALTO };
const char *pl_bag_page_path(char *out, size_t cap, int kind, int num, const char *ext);
/* The k-th searchable PDF's name (0: "data/dossier.pdf", k: "data/dossier-(k+1).pdf"). */
const char *pl_bag_pdf_path(char *out, size_t cap, size_t k);
/* The original PDF's name: "data/original/BASE.pdf" (k == 1) or ".../BASE-k.pdf". */
const char *pl_bag_original_path(char *out, size_t cap, const char *base, int k);
/* What a path of a bag is: outside data/ (bagit.txt, manifests), the record, the event
 * log, a searchable PDF (data/dossier*.pdf), or another payload file (images, texts,
 * hOCR, ALTO, originals). */
enum { PL_BAG_TAG, PL_BAG_RECORD_FILE, PL_BAG_EVENTS_FILE, PL_BAG_SEARCHABLE, PL_BAG_PAYLOAD };
int pl_bag_kind(const char *path);
/* 1 when the file is compressed already (PNG, TIFF, PDF): stored in the zip as it is. */
int pl_bag_stored(const char *path);

/* ---- the record ---- */
typedef struct pl_dossier pl_dossier;

/* A new record of code, created at created (ISO time): no pages, no fields. */
int pl_dossier_new(const char *code, const char *created, pl_dossier **d, hs_err *err);
/* Parses len bytes of dossier.json; where names it in the message of HS_EFORMAT ("'WHERE':
 * bad dossier.json: ..."; with where NULL the message is the parser's reason alone). Any
 * JSON object is accepted (see pl_dossier_check). */
int pl_dossier_parse(const char *json, size_t len, const char *where, pl_dossier **d, hs_err *err);
/* Reads and parses the record of the bag r (where: the archive's name for messages). */
int pl_dossier_read(arc_reader *r, const char *where, pl_dossier **d, hs_err *err);
/* The record of code as the index keeps it (the dossier.json filed): *d parsed, and if not
 * NULL *rel its archive (relative to the home) and *raw the text as filed (malloc'd).
 * HS_ENOTFOUND for no such dossier, HS_EFORMAT for a record that is not a JSON object. */
int pl_dossier_load(idx_db *db, const char *code, pl_dossier **d, char **rel, char **raw,
                    hs_err *err);
/* HS_EFORMAT unless the record has a code (equal to code when code is not NULL), a
 * creation time and a list of pages. */
int pl_dossier_check(const pl_dossier *d, const char *code, const char *where, hs_err *err);
/* dossier.json's text (malloc'd, *len its length if len is not NULL), NULL if memory ran
 * out. */
char *pl_dossier_dump(const pl_dossier *d, size_t *len);
void pl_dossier_free(pl_dossier *d);

/* Strings are borrowed from d; NULL when absent. */
const char *pl_dossier_code(const pl_dossier *d);
const char *pl_dossier_created(const pl_dossier *d);
const char *pl_dossier_updated(const pl_dossier *d);
int pl_dossier_set_updated(pl_dossier *d, const char *when);
int pl_dossier_set_tesseract(pl_dossier *d, const char *version);

/* The batch input the dossier was filed from: 1 and *b filled (strings borrowed from d),
 * or 0 when it was not filed by batch. */
int pl_dossier_batch(const pl_dossier *d, struct pl_batch_input *b);
/* Records b, unless an input is recorded already (an append keeps the first). */
int pl_dossier_set_batch(pl_dossier *d, const struct pl_batch_input *b);

/* ---- pages ---- */
typedef struct pl_dossier_page {
    int page;                 /* 1-based, as recorded */
    const char *image, *text; /* their paths in the bag */
    const char *source, *format, *lang;
    const char *original;      /* data/original/NAME.pdf for a page of a PDF, else NULL */
    const char *review_reason; /* a field of the page read too unsure to be given, or NULL */
    long long width, height, depth, dpi;
    int dpi_assumed;
    int has_confidence; /* ocr_confidence recorded (0 for a born-digital page) */
    double confidence;
    int needs_review;
    int born_digital; /* its text is the PDF's ("text_source") */
    /* from the cleanup report ("cleanup"; all 0 when the page was not cleaned) */
    int blank, turned, deskewed, border_removed, seal_removed;
} pl_dossier_page;

size_t pl_dossier_page_count(const pl_dossier *d);
/* Page i (0-based, in the record's order) into *p: HS_OK, or HS_ENOTFOUND past the end or
 * for an entry that is not an object. */
int pl_dossier_page_get(const pl_dossier *d, size_t i, pl_dossier_page *p);
/* The entry whose "page" is num; HS_ENOTFOUND for none. */
int pl_dossier_page_find(const pl_dossier *d, int num, pl_dossier_page *p);
/* A page's entry as made by the recogniser (not yet in a record) read into *p. */
void pl_dossier_page_meta(const json_t *meta, pl_dossier_page *p);
/* The codes (QR, barcodes) read on a page entry: how many, and the data of the k-th (NULL
 * past the end or when it has none). */
size_t pl_dossier_page_codes(const json_t *meta);
const char *pl_dossier_page_code_data(const json_t *meta, size_t k);
/* Gives the page entry meta its number and the bag paths of its image (ext) and text. */
int pl_dossier_page_place(json_t *meta, int num, const char *ext);
/* Names path ("data/original/NAME.pdf") as the page entry's original PDF. */
int pl_dossier_page_set_original(json_t *meta, const char *path);
/* Appends the page entry meta (a reference is taken) to the record. */
int pl_dossier_page_add(pl_dossier *d, json_t *meta);
/* Flags the dossier "needs_review" and adds why ("page N: field: reason") to its
 * "review_reasons", once. */
int pl_dossier_review_add(pl_dossier *d, const char *why);
/* 1 if a page of the record names path as its original. */
int pl_dossier_original_used(const pl_dossier *d, const char *path);

/* ---- fields: the extractor's objects (fields.h), borrowed from d ---- */
/* The record's "fields" object, or NULL when it has none. */
json_t *pl_dossier_fields(const pl_dossier *d);
/* The record's "fields", made an empty object first if it is missing or not one; NULL if
 * memory ran out. For merging a page's fields into the dossier's. */
json_t *pl_dossier_fields_edit(pl_dossier *d);
/* Replaces "fields" with fields (a reference is taken): the fields as reviewed. */
int pl_dossier_set_fields(pl_dossier *d, json_t *fields);
/* The value of field key as a string (its first value for a list), or NULL. */
const char *pl_dossier_field_value(const pl_dossier *d, const char *key);

/* ---- the searchable PDFs ("pdf": their paths in the bag, in page order) ---- */
size_t pl_dossier_pdf_count(const pl_dossier *d);
/* The k-th path, NULL past the end or when the entry is not a string. */
const char *pl_dossier_pdf(const pl_dossier *d, size_t k);
/* Replaces the list with paths[0..n-1]; n == 0 leaves the record's list as it is. */
int pl_dossier_set_pdfs(pl_dossier *d, const char *const *paths, size_t n);

#endif
