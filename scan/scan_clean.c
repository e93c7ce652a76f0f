/* scan_clean.c - the minimal grey conversion of a decoded page, and the lossless encoding
 * of the archival image. The archival image is what the scanner gave (turned upright and
 * deskewed by scan_page_prepare at most); only the OCR image is altered. */
#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

int scan_page_clean(PIX *pix, const scan_page_info *info, PIX **out, hs_err *err)
{
    *out = NULL;
    PIX *p = NULL, *g = NULL;
    /* Transparent areas would be black after a plain conversion: blend over white. */
    if (pixGetDepth(pix) == 32 && pixGetSpp(pix) == 4)
        p = pixRemoveAlpha(pix);
    else
        p = pixClone(pix);
    if (!p)
        return hs_err_set(err, HS_ENOMEM, 0, "cleanup: cannot copy page");
    if (pixGetDepth(p) == 8 && !pixGetColormap(p))
        g = pixClone(p);
    else
        g = pixConvertTo8(p, 0);
    pixDestroy(&p);
    if (!g)
        return hs_err_set(err, HS_EFORMAT, 0, "cleanup: cannot convert %d-bit page to grey",
                          pixGetDepth(pix));
    pixSetResolution(g, info->dpi, info->dpi);
    *out = g;
    return HS_OK;
}

int scan_page_encode(PIX *pix, const scan_page_info *info, char **data, size_t *len,
                     const char **ext, hs_err *err)
{
    *data = NULL;
    *len = 0;
    *ext = NULL;
    l_uint8 *bytes = NULL;
    size_t n = 0;
    int bad;
    PIX *p = pixClone(pix);
    if (!p)
        return hs_err_set(err, HS_ENOMEM, 0, "archive image: out of memory");
    pixSetResolution(p, info->dpi, info->dpi);
    if (pixGetDepth(p) == 1) {
        bad = pixWriteMemTiff(&bytes, &n, p, IFF_TIFF_G4);
        *ext = "tif";
    } else {
        pixSetZlibCompression(p, 4);
        bad = pixWriteMemPng(&bytes, &n, p, 0.0);
        *ext = "png";
    }
    pixDestroy(&p);
    if (bad || !bytes) {
        lept_free(bytes);
        *ext = NULL;
        return hs_err_set(err, HS_EFORMAT, 0, "archive image: cannot encode page");
    }
    /* Hand back plain malloc memory so callers need not know leptonica's allocator. */
    char *copy = malloc(n);
    if (!copy) {
        lept_free(bytes);
        *ext = NULL;
        return hs_err_set(err, HS_ENOMEM, 0, "archive image: out of memory");
    }
    memcpy(copy, bytes, n);
    lept_free(bytes);
    *data = copy;
    *len = n;
    return HS_OK;
}
