/* ocr.h - the OCR stage: one Tesseract engine, created once (model loading is slow) and
 * reused for every page. An ocr_engine is not thread-safe: give each worker its own. */
#ifndef HS_OCR_H
#define HS_OCR_H

#include "hs_common.h"

struct Pix;

typedef struct ocr_engine ocr_engine;

/* Loads the models for lang ("vie", "eng", "vie+eng"). Fails with a clear message when
 * a language's traineddata is not installed. */
int ocr_engine_new(const char *lang, ocr_engine **out, hs_err *err);
void ocr_engine_free(ocr_engine *e);
const char *ocr_engine_lang(const ocr_engine *e);

typedef struct ocr_result {
    char *text;        /* NFC UTF-8, malloc'd; "" for a page without text */
    double confidence; /* mean word confidence 0-100 as Tesseract reports it */
    int words;         /* number of recognised words */
} ocr_result;

/* Recognises one page. pix is borrowed; dpi is the page's resolution. */
int ocr_engine_page(ocr_engine *e, struct Pix *pix, int dpi, ocr_result *out, hs_err *err);
void ocr_result_release(ocr_result *r);

/* Tesseract's version string. */
const char *ocr_version(void);

#endif
