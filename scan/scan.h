/* scan.h - image acquisition from files and the cleanup that prepares a page for OCR.
 * A scan_source is one opened image file (PNG, JPEG, PNM or TIFF, multi-page for TIFF) or
 * PDF, checked before any pixel is decoded; pages come out one at a time as leptonica PIX.
 * Not thread-safe per object; separate objects may be used from separate threads. */
#ifndef HS_SCAN_H
#define HS_SCAN_H

#include <stddef.h>

#include "hs_common.h"

struct Pix;

/* Safety limits on what a file may declare, checked from its header before decoding. */
#define SCAN_MAX_SIDE 30000                    /* pixels on either side */
#define SCAN_MAX_PIXELS (250LL * 1000 * 1000)  /* 250 megapixels, A3 at 1200 dpi */
#define SCAN_MIN_SIDE 16                       /* smaller cannot hold a readable line */
/* Pages in one TIFF: far beyond any dossier, and it bounds the work a crafted file of
 * thousands of tiny pages can cause before it is refused. */
#define SCAN_MAX_PAGES 2000
#define SCAN_DEFAULT_DPI 300

typedef struct scan_source scan_source;

/* Opens path and checks it: exists, not empty, a supported format, at most SCAN_MAX_PAGES
 * pages, every page's declared size within the limits above, and the file whole (a TIFF
 * page's image data, a PNG's chunks and their CRCs, a JPEG's data up to its end marker).
 * A PDF ("%PDF-" in its first 1024 bytes) has every page's content looked at: encrypted,
 * damaged (a cross-reference table MuPDF had to rebuild) or without pages, it is refused.
 * Returns 0 and *out, or a negative code with err naming the file and the reason:
 * HS_ELIMIT over a limit, HS_EFORMAT for a file not an image, corrupt or cut short (its
 * message says "truncated"), HS_EINVAL for a page too small, HS_EIO. Holds no file open,
 * except a PDF, which stays open until scan_source_close. */
int scan_source_open(const char *path, scan_source **out, hs_err *err);
void scan_source_close(scan_source *s);
int scan_source_page_count(const scan_source *s);
/* "png", "jpeg", "pnm", "tiff" or "pdf". */
const char *scan_source_format(const scan_source *s);
long long scan_source_size(const scan_source *s);
const char *scan_source_path(const scan_source *s);

/* What is known about one decoded page. dpi is read from the file; when the file has
 * none (or an implausible one) dpi is SCAN_DEFAULT_DPI and dpi_assumed is 1. */
typedef struct scan_page_info {
    int width, height, depth, dpi, dpi_assumed;
} scan_page_info;

/* How a page of a PDF is taken. */
#define SCAN_PDF_IMAGE 1  /* one scanned image covering it: that image, at its own pixels and
                           * resolution (page size against image size) */
#define SCAN_PDF_RENDER 2 /* vector content or several images: rendered at 300 dpi */
#define SCAN_PDF_TEXT 3   /* born digital (visible text of its own): rendered at 300 dpi, and
                           * its text is scan_page_text's */

/* SCAN_PDF_* of page index (0-based) of a PDF, 0 for image files. */
int scan_page_kind(const scan_source *s, int index);
/* The compression of a SCAN_PDF_IMAGE page's image in the PDF ("ccitt", "jbig2", "jpeg",
 * "jpx", "flate", "other"), NULL for other pages. Static. */
const char *scan_page_codec(const scan_source *s, int index);
/* The JPEG data of a SCAN_PDF_IMAGE page whose image is a plain grey or RGB JPEG shown
 * upright, or of a plain grey or RGB JPEG file (*data malloc'd, *len bytes): the page's
 * pixels as the PDF or the file held them, to show in another PDF without a second
 * compression (its Huffman coding optimised, losslessly: the same coefficients, the same
 * pixels). *data NULL for other pages. */
int scan_page_jpeg(scan_source *s, int index, char **data, size_t *len, hs_err *err);
/* The text of a SCAN_PDF_TEXT page (NFC UTF-8, malloc'd); *text NULL for other pages. */
int scan_page_text(scan_source *s, int index, char **text, hs_err *err);

/* Decodes page index (0-based), without reading the pages before it. *out is a new PIX
 * owned by the caller (pixDestroy). */
int scan_page_load(scan_source *s, int index, struct Pix **out, scan_page_info *info,
                   hs_err *err);

/* The minimal conversion for OCR, without analysis: alpha removed over white, colour maps
 * dropped, 8-bit grey. The cleanup stage proper is scan_page_prepare below.
 * *out is a new PIX owned by the caller; pix is borrowed. */
int scan_page_clean(struct Pix *pix, const scan_page_info *info, struct Pix **out,
                    hs_err *err);

/* What the cleanup found on one page and did to it (recorded per page in dossier.json). */
typedef struct scan_clean_report {
    int dpi;                 /* resolution of the OCR image (300 unless the page was near it) */
    int scaled;              /* 1 if the OCR image was resampled to reach that resolution */
    int orientation;         /* 0, 90, 180 or 270: clockwise turn that made the page upright */
    double orientation_conf; /* 0-1: share of text lines agreeing on which way is up */
    double skew;             /* degrees the page was rotated (clockwise) after the turn */
    double skew_conf;        /* leptonica's skew confidence; under 3: no text lines found */
    int blank;               /* no text: the page should not be OCR'd */
    int noise;               /* blank because it is noise: specks everywhere, no lines */
    int text_components;     /* glyph-sized components left after cleaning */
    int glyph_height;        /* x-height of the page's smallest text (a tenth of its letters
                                or more), in pixels of the OCR image */
    int seal_removed;        /* coloured seal or stamp ink was dropped from the OCR image */
    int border_removed;      /* a dark scanner border or edge shadow was cut away */
    int specks_removed;      /* noise components taken out of the OCR image */
    int softened;            /* the ink's hard edges were softened for the recogniser */
    double seconds;          /* wall time of the cleanup */
} scan_clean_report;

typedef struct scan_clean_opts {
    const char *debug_dir;  /* when set, every stage's image is written there as PNG */
    const char *debug_name; /* file name prefix for those images, e.g. "scan-p1" */
    int full_res;           /* 1: the OCR image stays at about 300 dpi however large its text */
} scan_clean_opts;

/* The cleanup stage. From a decoded page makes:
 * - *ocr: the image for OCR at rep->dpi, upright and deskewed, background made white
 *   (shadows, grey paper), borders, specks and coloured seals removed, and hard-edged
 *   ink softened: 8-bit grey (a blank page's may stay 1-bit). About 300 dpi, or down to
 *   200 dpi when the text is large enough to be read as well there (rep->glyph_height),
 *   unless opt->full_res;
 * - *upright (if upright is not NULL): the archival image, which is pix itself only
 *   turned upright and deskewed (same depth; 1-bit stays 1-bit; enlarged so no pixel is
 *   lost), or a clone of pix when nothing had to be turned.
 * rep says what was found and done; when rep->blank the page has no text and should
 * not be OCR'd (*ocr is still made). opt may be NULL. pix is borrowed; the outputs are
 * new PIXes owned by the caller. Fails with HS_EINVAL for a page too small to read and
 * HS_EFORMAT/HS_ENOMEM when an image operation fails. Thread-safe for distinct pixes. */
int scan_page_prepare(struct Pix *pix, const scan_page_info *info, const scan_clean_opts *opt,
                      struct Pix **ocr, struct Pix **upright, scan_clean_report *rep, hs_err *err);

/* Encodes the archival image losslessly: 1-bit pages as G4 TIFF, others as PNG, with
 * the dpi recorded. *data is malloc'd (free()); *ext is "tif" or "png" (static). */
int scan_page_encode(struct Pix *pix, const scan_page_info *info, char **data, size_t *len,
                     const char **ext, hs_err *err);
/* Any page as a lossless PNG (a scanner's page kept pending), with dpi recorded when > 0;
 * the same fast writer as the archival image for 8-bit grey and RGB. *data is malloc'd. */
int scan_png_encode(struct Pix *pix, int dpi, char **data, size_t *len, hs_err *err);
/* Pages whose raw rows (width x bytes a pixel + 1, x height) exceed bytes are deflated row
 * by row rather than in one piece (default 64 MiB; tests set it low to take that path). */
void scan_png_one_piece_max(size_t bytes);

/* Silences leptonica's and libtiff's own messages to stderr: hoso reports errors itself
 * (libtiff's on the files checked here go into the hs_err). libpng and libjpeg print theirs
 * and cannot be told otherwise through leptonica: scan_source_open refuses the damaged
 * files that would make them. Process-wide; call once from main. */
void scan_quiet(void);

/* ---- Scanners through SANE (scan_sane.c) ----
 * The SANE library is process-wide: scan_sane_init once (the other calls do it when
 * needed), scan_sane_exit at the end. A scan_device is one open scanner, used by one
 * thread; scan_device_cancel (a flag, seen by the next read within 100 ms of a wait) may
 * be called from a signal handler. */
typedef struct scan_device scan_device;
typedef struct scan_device_info {
    char name[128], vendor[64], model[64], type[64];
} scan_device_info;

int scan_sane_init(hs_err *err);
void scan_sane_exit(void);
/* Non-zero once a backend's reader thread was stopped in the middle of a frame (after a
 * fault or a cancel). Backends built on sanei_thread (SANE's test backend among them) stop
 * it with an asynchronous pthread_cancel, which can leave a C library or loader lock held
 * by the dead thread (seen under load: the locale lock, the loader's lock), so that
 * sane_exit and the exit handlers wait forever. scan_sane_exit then skips sane_exit, and
 * the program should end with _exit once its output is flushed. */
int scan_sane_tainted(void);
/* *out is malloc'd (free()), *n devices. */
int scan_devices_list(scan_device_info **out, int *n, hs_err *err);
int scan_device_open(const char *name, scan_device **out, hs_err *err);
void scan_device_close(scan_device *d);
void scan_device_cancel(scan_device *d);
/* Sets a backend option by its SANE name (as scanimage --NAME=VALUE). An unknown option or
 * a value the option does not take is HS_EINVAL with a message listing what it takes: a
 * number off the option's word list or between its range steps, or one the backend would
 * only take rounded (SANE_INFO_INEXACT; the previous value is put back), is refused. */
int scan_device_option(scan_device *d, const char *name, const char *value, hs_err *err);
/* The current value of an option as text (numbers as scanimage shows them, booleans "yes"
 * or "no") into buf (len bytes, cut if longer). HS_EINVAL if the device has no such option
 * or it cannot be read now (inactive). */
int scan_device_value(scan_device *d, const char *name, char *buf, size_t len, hs_err *err);
/* The choices of a string-list option (NULL-terminated, owned by the backend), or 0. */
int scan_device_choices(scan_device *d, const char *name, const char ***list);
/* Scans one page. HS_OK with *out NULL: the feeder is empty. A jam, an open cover, an I/O
 * error or a cancel fail with a message; *dpi is the resolution the scanner used (0 if it
 * does not say). *out is 1-bit (line art), 8-bit grey or 32-bit colour. Reads are
 * non-blocking where the backend offers it, waiting on its select fd if it has one. */
int scan_device_page(scan_device *d, struct Pix **out, int *dpi, hs_err *err);
/* How many times the reads of the last page found no data yet and waited for it (on the
 * backend's select fd in non-blocking mode): for diagnostics and tests. */
int scan_device_waits(const scan_device *d);

/* Barcodes and QR codes on a page (scan_codes.c, zbar): QR, Code 128 and Code 39. */
typedef struct scan_code {
    char type[16];      /* zbar's name: "QR-Code", "CODE-128", "CODE-39" */
    char *data;         /* its text, valid UTF-8 */
    int x0, y0, x1, y1; /* where on the page, in its pixels */
} scan_code;
/* Reads the codes of pix (any depth, dpi its resolution) into *codes (*n of them; free
 * with scan_codes_free). A page without codes is 0 and *n 0. pix is borrowed. */
int scan_page_codes(struct Pix *pix, int dpi, scan_code **codes, int *n, hs_err *err);
void scan_codes_free(scan_code *codes, int n);

#endif
