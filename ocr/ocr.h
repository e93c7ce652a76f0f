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
/* While a PDF is being made: the image the next recognised page shows in it, a file
 * covering the same area as the page given to ocr_engine_page (at any resolution): a PNG
 * or JPEG, whose compressed data is copied into the PDF as it is, or a 1-bit G4 TIFF
 * (name ending ".tif"), whose G4 data becomes the page's image when the PDF is ended
 * (the file must stay until then). Without it the page shows the OCR image. Does nothing
 * when no PDF is being made. */
int ocr_engine_pdf_image(ocr_engine *e, const char *file, hs_err *err);
/* Like ocr_engine_pdf_image for a plain grey or RGB JPEG file (name ending ".jpg") that
 * is not the page as the OCR image frames it but is drawn into it with the affine matrix m
 * (PDF's [a b c d e f]), which maps the JPEG's unit square into the page's (0,0 lower left,
 * 1,1 upper right): a scan shown turned and deskewed without new pixels. What m leaves
 * uncovered is not drawn (the page's white). Its data goes in as it is when the PDF is
 * ended (the file must stay until then). Does nothing when no PDF is being made. */
int ocr_engine_pdf_image_placed(ocr_engine *e, const char *file, const double m[6], hs_err *err);
/* While a PDF is being made: page index (0-based) of the PDF file pdf_file goes in as the
 * next page, as it is, not recognised (a born-digital page keeps its own text). The file
 * must stay until ocr_pdf_end. Does nothing when no PDF is being made. */
int ocr_pdf_add_page(ocr_engine *e, const char *pdf_file, int index, hs_err *err);
/* Drops a PDF not ended (on failure), detaching it from e. */
void ocr_pdf_free(ocr_engine *e, ocr_pdf *p);

/* Recognises one page. pix is borrowed (while a PDF is being made, its input format is set
 * to PNG so the PDF keeps it lossless); dpi is the page's resolution. */
int ocr_engine_page(ocr_engine *e, struct Pix *pix, int dpi, ocr_result *out, hs_err *err);
void ocr_result_release(ocr_result *r);

/* Tesseract's version string. */
const char *ocr_version(void);

/* Writes to out one PDF made of the pages of inputs[0..n-1], in order (n <= 65). The last
 * input's catalog (its XMP, output intent) and document information are the output's. */
int ocr_pdf_join(const char *const *inputs, int n, const char *out, hs_err *err);

/* Writes to out the PDF in made PDF/A-2b: XMP metadata (pdfaid part 2, conformance B;
 * dc:title title, UTF-8; dates, producer, a new document ID) and the same in its document
 * information, an sRGB output intent (the ICC profile of icc-profiles-free, colord or
 * Ghostscript; HS_ENOTFOUND without one), no page transparency groups, a new trailer ID.
 * Tesseract's pages (images and an invisible text layer in its embedded glyphless font)
 * then conform; a born-digital page added as it is conforms only if it did before. */
int ocr_pdf_archival(const char *in, const char *out, const char *title, hs_err *err);

/* Writes to out a PDF of the pages of in numbered pages[0..n-1] (1-based, in the order of
 * in; ocr_pdf_pages.c). */
int ocr_pdf_select(const char *in, const int *pages, int n, const char *out, hs_err *err);

#endif
