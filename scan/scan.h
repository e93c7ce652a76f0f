/* scan.h - image acquisition from files and the cleanup that prepares a page for OCR.
 * A scan_source is one opened image file (PNG, JPEG, PNM or TIFF, multi-page for TIFF),
 * checked before any pixel is decoded; pages come out one at a time as leptonica PIX.
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
#define SCAN_DEFAULT_DPI 300

typedef struct scan_source scan_source;

/* Opens path and checks it: exists, not empty, a supported format, every page's declared
 * size within the limits above. Returns 0 and *out, or a negative code with err naming
 * the file and the reason. */
int scan_source_open(const char *path, scan_source **out, hs_err *err);
void scan_source_close(scan_source *s);
int scan_source_page_count(const scan_source *s);
/* "png", "jpeg", "pnm" or "tiff". */
const char *scan_source_format(const scan_source *s);
long long scan_source_size(const scan_source *s);
const char *scan_source_path(const scan_source *s);

/* What is known about one decoded page. dpi is read from the file; when the file has
 * none (or an implausible one) dpi is SCAN_DEFAULT_DPI and dpi_assumed is 1. */
typedef struct scan_page_info {
    int width, height, depth, dpi, dpi_assumed;
} scan_page_info;

/* Decodes page index (0-based). *out is a new PIX owned by the caller (pixDestroy). */
int scan_page_load(scan_source *s, int index, struct Pix **out, scan_page_info *info,
                   hs_err *err);

/* Cleanup for OCR: alpha removed over white, colour maps dropped, 8-bit grey.
 * *out is a new PIX owned by the caller; pix is borrowed. */
int scan_page_clean(struct Pix *pix, const scan_page_info *info, struct Pix **out,
                    hs_err *err);

/* Encodes the archival image losslessly: 1-bit pages as G4 TIFF, others as PNG, with
 * the dpi recorded. *data is malloc'd (free()); *ext is "tif" or "png" (static). */
int scan_page_encode(struct Pix *pix, const scan_page_info *info, char **data, size_t *len,
                     const char **ext, hs_err *err);

/* Silences leptonica's and libtiff's own messages to stderr: hoso reports errors itself.
 * Process-wide; call once from main. */
void scan_quiet(void);

#endif
