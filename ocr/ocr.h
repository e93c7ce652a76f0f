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
/* Stops recognising a page after seconds (0: no limit); ocr_engine_page then fails with
 * HS_ELIMIT. */
void ocr_engine_set_timeout_ms(ocr_engine *e, int ms);

typedef struct ocr_result {
    char *text;        /* NFC UTF-8, malloc'd; "" for a page without text */
    double confidence; /* mean word confidence 0-100 as Tesseract reports it */
    int words;         /* number of recognised words */
    char *hocr, *alto; /* with ocr_engine_set_layout(e, 1): the page as hOCR and ALTO XML */
} ocr_result;

/* 1: every page also comes out as hOCR and ALTO (word boxes for viewers and archives). */
void ocr_engine_set_layout(ocr_engine *e, int on);

/* A searchable PDF (page images with an invisible text layer) made by Tesseract's PDF
 * renderer: between ocr_pdf_begin and ocr_pdf_end every page ocr_engine_page recognises
 * is added. base is a path without ".pdf" in a writable folder. ocr_pdf_end finishes the
 * file and hands back its name (base + ".pdf", malloc'd), which the caller then owns. */
typedef struct ocr_pdf ocr_pdf;
int ocr_pdf_begin(ocr_engine *e, const char *base, const char *title, ocr_pdf **out,
                  hs_err *err);
int ocr_pdf_end(ocr_engine *e, ocr_pdf *p, char **path, hs_err *err);
int ocr_pdf_pages(const ocr_pdf *p);
/* While a PDF is being made: the image the next recognised page shows in it, a PNG file
 * covering the same area as the page given to ocr_engine_page (at any resolution), whose
 * compressed data is copied into the PDF as it is. Without it the page shows the OCR
 * image. Does nothing when no PDF is being made. */
int ocr_engine_pdf_image(ocr_engine *e, const char *png_file, hs_err *err);
/* Drops a PDF not ended (on failure), detaching it from e. */
void ocr_pdf_free(ocr_engine *e, ocr_pdf *p);

/* Recognises one page. pix is borrowed (while a PDF is being made, its input format is set
 * to PNG so the PDF keeps it lossless); dpi is the page's resolution. */
int ocr_engine_page(ocr_engine *e, struct Pix *pix, int dpi, ocr_result *out, hs_err *err);
void ocr_result_release(ocr_result *r);

/* Tesseract's version string. */
const char *ocr_version(void);

/* Writes to out one PDF made of the pages of inputs[0..n-1], in order (n <= 65). */
int ocr_pdf_join(const char *const *inputs, int n, const char *out, hs_err *err);

#endif
