/* ocr_int.h - helpers shared by the files of the ocr module (not part of its API): the
 * pages of a searchable PDF as Tesseract's renderer wrote them, put in their final shape
 * by qpdf (ocr_pdf.c) when the PDF is ended (ocr_engine.c). */
#ifndef HS_OCR_INT_H
#define HS_OCR_INT_H

#include "ocr.h"

/* One page of the PDF being made, in order. */
typedef struct ocr_pdf_item {
    char *file; /* page >= 0: the PDF the page is taken from as it is; page < 0 (the next
                 * page of Tesseract's PDF): a G4 TIFF whose data replaces its image, a JPEG
                 * drawn with placed's matrix (placed[0..3] not all 0), or NULL */
    int page;
    double placed[6]; /* the JPEG's unit square into the page's (ocr_engine_pdf_image_placed) */
} ocr_pdf_item;

/* Writes to out the pages of items[0..n-1]: Tesseract's pages from tess_pdf in order
 * (tess_pages of them; tess_pdf is not read when 0), with the G4 data of their TIFF or
 * their placed JPEG as their image where one is given, and the other PDFs' pages between
 * them. */
int ocr_pdf_assemble(const char *tess_pdf, int tess_pages, const ocr_pdf_item *items, int n,
                     const char *out, hs_err *err);

/* 1 when Tesseract's OpenMP regions run on the calling thread (the thread limit is 1;
 * ocr_omp.c), 0 when libgomp runs them. */
int ocr_omp_serial(void);

/* Tesseract's line images kept raw instead of PNG (ocr_lept.c; ready: looks leptonica's
 * pixWriteMem up, once, and links the file in): on by default; off (0)
 * gives Tesseract's own PNG round trip, for tests comparing the two. The count is of the
 * line images kept raw since the process started. */
void ocr_lept_ready(void);
void ocr_lept_raw(int on);
long ocr_lept_raw_count(void);

#endif
