/* scan_int.h - helpers shared by the files of the scan module (not part of its API):
 * the page geometry found at low resolution (scan_geom.c) and the ink operations on
 * grey and binary images (scan_ink.c) that scan_page_prepare (scan_prep.c) strings together.
 * Every function here takes borrowed PIXes and returns new ones (NULL on failure). */
#ifndef HS_SCAN_INT_H
#define HS_SCAN_INT_H

#include <leptonica/allheaders.h>

#include "scan.h"

/* Small arithmetic without libm (the scan library links only leptonica). */
#define SCAN_PI 3.14159265358979f
static inline float scan_absf(float v)
{
    return v < 0 ? -v : v;
}
static inline int scan_round(double v)
{
    return (int)(v < 0 ? v - 0.5 : v + 0.5);
}

/* The resolution the OCR image is normalised to, and the range left as it is. */
#define SCAN_OCR_DPI 300
#define SCAN_OCR_DPI_MIN 250
#define SCAN_OCR_DPI_MAX 450
/* Text whose x-height is more than SCAN_OCR_GLYPH pixels is read at less resolution
 * (down to SCAN_OCR_DPI_LOW), when that saves more than 1 - SCAN_OCR_REDUCE_MAX of it. */
#define SCAN_OCR_GLYPH 20
#define SCAN_OCR_DPI_LOW 200
#define SCAN_OCR_REDUCE_MAX 0.9f
/* Skew searched in [-range, +range] degrees; smaller angles than min are not corrected. */
#define SCAN_SKEW_RANGE 25.0f
#define SCAN_SKEW_MIN 0.2f
/* Under this skew confidence (leptonica's) the page shows no lines of text. */
#define SCAN_SKEW_CONF_LINES 3.0f

/* Grey from any page: alpha over white, colour maps and 16-bit dropped. For colour pages
 * the ink of coloured seals and stamps (red, blue...) is turned light, so the black text
 * under it stays; *seal is set to 1 when enough such ink was found to call it a seal.
 * A page printed mostly in colour is converted plainly (its text is the colour ink).
 * An 8-bit page comes back as a clone of pix: copy it before changing it. */
PIX *scan_grey_from(PIX *pix, int *seal);

/* The page's geometry, found on a binary image at half the OCR resolution. */
typedef struct scan_geom {
    int quads;         /* 90-degree clockwise turns that make the page upright: 0..3 */
    float orient_conf; /* 0..1: how clearly the text lines said which way is up */
    float skew;        /* degrees to rotate (clockwise positive) after the turn */
    float skew_conf;   /* leptonica's skew confidence; < 2 means no text lines found */
    int lines;         /* text lines seen when deciding up from down */
} scan_geom;

/* Finds orientation and skew from bin (1 bpp at dpi, borders and specks removed). */
int scan_geom_find(PIX *bin, int dpi, scan_geom *g);

/* Turns and deskews pix (any depth) by g: exact 90-degree turns, then a rotation that
 * keeps every pixel (the image grows) bringing in white. Binary, 16-bit and colour-mapped
 * images keep their depth and values (rotation by sampling); grey and colour are
 * area-mapped. With fast 1, 1-, 8- and 32-bit images are sheared instead (fast 2:
 * sampled). A clone of pix when g asks for nothing. */
PIX *scan_geom_apply(PIX *pix, const scan_geom *g, int fast);

/* Rotates grey (8 bpp, white except under mask, a 1 bpp image of the same size) by deg
 * degrees clockwise (|deg| <= 45) about its centre onto a white canvas that holds all
 * of it. Only pixels under the rotated mask are interpolated (bilinear), so a page of
 * text costs a fraction of a full rotation. */
PIX *scan_rotate_sparse(PIX *grey, PIX *mask, float deg);

/* Enlarges an 8-bit image by sx, sy (>= 1) with bilinear interpolation in fixed point:
 * the same result as leptonica's linear interpolation, at a fraction of its cost. */
PIX *scan_scale_up(PIX *grey, float sx, float sy);

/* Reduces an 8-bit image (no colour map) by s, 0.5 <= s < 1, by area mapping: every
 * output pixel the mean of the input it covers. Rows of white are not computed. NULL on
 * other depths or factors. */
PIX *scan_scale_down(PIX *grey, float s);

/* Dark solid regions connected to the image edge (scanner borders, edge shadows) in a
 * binary image at dpi: a mask of them, or an empty mask. */
PIX *scan_border_mask(PIX *bin, int dpi);

/* Removes specks from a binary image at dpi without touching diacritics: components of
 * at most a 2x2 box at 300 dpi always go; those up to a tone mark's size go only when
 * no larger component is near them. *removed counts what went. */
PIX *scan_speck_remove(PIX *bin, int dpi, int *removed);

/* The OCR image softened: a Gaussian of one pixel (the binomial 1 4 6 4 1 across and
 * down) over an 8-bit image, or a 1-bit one read as black ink on white; 8 bpp out. The
 * recogniser was trained on anti-aliased renders and misreads some hard-edged glyphs
 * (thresholded ink, bilevel scans) that it reads right once their edges are soft.
 * Rows of white are not computed. */
PIX *scan_soften(PIX *pix);
/* Whether one row of an image of width w and depth d (1: no ink set; 8: all 255) is all
 * white, by whole words. */
int scan_row_white(const l_uint32 *line, int w, int d);
/* Counts the text-like components of a clean binary image at dpi (glyph-sized); with
 * height, also the x-height in pixels at dpi of the smallest text that makes at least a
 * tenth of the page's letters (0 without any), measured across when sideways (the page's
 * lines run down the image: it is turned a quarter). */
int scan_text_count(PIX *bin, int dpi, int *height, int sideways);

/* ---- PDF files (scan_pdf.c, MuPDF) ----
 * A scan_pdf is one opened PDF with the plan of each page (SCAN_PDF_IMAGE, _RENDER or
 * _TEXT), made by scan_pdf_open from every page's content: an encrypted, damaged or empty
 * file, or a page over the limits of scan.h, is refused there (HS_EFORMAT, HS_ELIMIT,
 * HS_EINVAL) with err naming path, which is borrowed until scan_pdf_close. Holds its own
 * MuPDF context and the file open; one thread at a time. */
typedef struct scan_pdf scan_pdf;
int scan_pdf_open(const char *path, scan_pdf **out, int *npages, hs_err *err);
void scan_pdf_close(scan_pdf *p);
/* SCAN_PDF_* of page index (0-based). */
int scan_pdf_kind(const scan_pdf *p, int index);
/* The page as a new PIX with *dpi: its one image at its own pixels (1 bpp for a bilevel
 * scan, 8 bpp grey or 32 bpp colour), turned as the page shows it, or the page rendered
 * at SCAN_DEFAULT_DPI in colour. */
int scan_pdf_load(scan_pdf *p, int index, PIX **out, int *dpi, hs_err *err);
/* The page's own text, NFC UTF-8 (malloc'd). */
int scan_pdf_text(scan_pdf *p, int index, char **text, hs_err *err);
/* The JPEG bytes of a SCAN_PDF_IMAGE page's image when they show the page as it is, else
 * *data NULL (malloc'd). */
int scan_pdf_jpeg(scan_pdf *p, int index, char **data, size_t *len, hs_err *err);
/* The JPEG in[0..len-1] with Huffman tables made for its own data, the same coefficients
 * (scan_pdf.c): a new malloc'd buffer and *out_len, or NULL when libjpeg cannot read it or
 * the result is not smaller. */
unsigned char *scan_jpeg_optimize(const unsigned char *in, size_t len, size_t *out_len);
/* The compression of a SCAN_PDF_IMAGE page's image ("ccitt", "jbig2", "jpeg", "jpx",
 * "flate", "other"), else NULL. Static. */
const char *scan_pdf_codec(const scan_pdf *p, int index);


#endif
