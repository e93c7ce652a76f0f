/* fuzz_image.c - image loading: any bytes as a file given to scan_source_open, then every
 * page it accepts decoded with scan_page_load, made 8-bit grey with scan_page_clean and
 * encoded as the archival copy with scan_page_encode. Checks that what was decoded is what
 * the header check let through. */
#include "fuzz_util.h"

#include <leptonica/allheaders.h>
#include <tiffio.h>

#include "scan.h"

/* hoso accepts pages of up to 250 megapixels by design; decoding one takes seconds and a
 * gigabyte, which would only find that limit again. Larger declared pages are opened
 * (the header checks run) but not decoded. */
#define FUZZ_MAX_DECODE (2000 * 2000)
#define FUZZ_MAX_ENCODE (512 * 512)
#define FUZZ_MAX_PAGES 4

static int declared_small(const char *path, int tiff, int index)
{
    int w = 0, h = 0, bps = 0, spp = 0, res = 0, cmap = 0, fmt = 0;
    int bad = tiff ? readHeaderTiff(path, index, &w, &h, &bps, &spp, &res, &cmap, &fmt)
                   : pixReadHeader(path, &fmt, &w, &h, &bps, &spp, &cmap);
    return !bad && (long long)w * h <= FUZZ_MAX_DECODE;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    scan_quiet();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    char path[300];
    snprintf(path, sizeof path, "%s/input", fuzz_scratch());
    fuzz_write(path, data, len);
    scan_source *s = NULL;
    hs_err err;
    if (scan_source_open(path, &s, &err) != HS_OK) {
        if (s)
            abort(); /* a failed open must not hand out a source */
        return 0;
    }
    int tiff = strcmp(scan_source_format(s), "tiff") == 0;
    int n = scan_source_page_count(s);
    if (n < 1)
        abort();
    for (int i = 0; i < n && i < FUZZ_MAX_PAGES; i++) {
        if (!declared_small(path, tiff, i))
            continue;
        PIX *pix = NULL;
        scan_page_info info;
        if (scan_page_load(s, i, &pix, &info, &err) != HS_OK)
            continue;
        if (info.width != pixGetWidth(pix) || info.height != pixGetHeight(pix) ||
            info.width > SCAN_MAX_SIDE || info.height > SCAN_MAX_SIDE || info.dpi < 72 ||
            info.dpi > 2400)
            abort();
        PIX *grey = NULL;
        if (scan_page_clean(pix, &info, &grey, &err) == HS_OK && pixGetDepth(grey) != 8)
            abort();
        pixDestroy(&grey);
        /* the archival copy of a page, as filing writes it (small pages: encoding is slow) */
        char *bytes = NULL;
        size_t n_bytes = 0;
        const char *ext = NULL;
        if ((long long)info.width * info.height <= FUZZ_MAX_ENCODE &&
            scan_page_encode(pix, &info, &bytes, &n_bytes, &ext, &err) == HS_OK &&
            (!bytes || !n_bytes || !ext))
            abort();
        free(bytes);
        pixDestroy(&pix);
    }
    scan_source_close(s);
    return 0;
}
