/* ocr_lept.c - Tesseract's line images kept in leptonica's own raw form, not PNG.
 *
 * Tesseract 5.3 (Debian 12) hands each text line to its LSTM recogniser as an ImageData,
 * which stores the line's image PNG-encoded (imagedata.cpp, SetPixInternal: pixWriteMem
 * with IFF_PNG) and decodes it again before scaling it (GetPix: pixReadMem): a zlib
 * compression and decompression of every line of every page, thrown away at once; ~2.5%
 * of a page's CPU (docs/BENCHMARKS.md, "Batch throughput"). Later Tesseracts keep the pix
 * itself (TESSERACT_IMAGEDATA_AS_PIX). This pixWriteMem, found by the dynamic linker before
 * leptonica's for libtesseract's calls, asks leptonica for its serialised form (IFF_SPIX:
 * the raster as it is, with depth and colour map) when the caller is libtesseract and the
 * format is PNG; pixReadMem recognises that form by its magic, and the pixels read back
 * are the same, so the recogniser sees exactly what it saw. Every other caller, and every
 * other format, goes to leptonica unchanged. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <leptonica/allheaders.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "ocr_int.h"

typedef l_ok (*write_mem_fn)(l_uint8 **pdata, size_t *psize, PIX *pix, l_int32 format);

static write_mem_fn next_write_mem;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static atomic_int raw = 1;
static atomic_long kept;

static void resolve(void)
{
    *(void **)&next_write_mem = dlsym(RTLD_NEXT, "pixWriteMem");
}

/* 1 when the code at addr belongs to libtesseract */
static int in_tesseract(const void *addr)
{
    Dl_info info;
    if (!addr || !dladdr(addr, &info) || !info.dli_fname)
        return 0;
    const char *base = strrchr(info.dli_fname, '/');
    return strncmp(base ? base + 1 : info.dli_fname, "libtesseract", 12) == 0;
}

l_ok pixWriteMem(l_uint8 **pdata, size_t *psize, PIX *pix, l_int32 format)
{
    pthread_once(&once, resolve);
    if (!next_write_mem)
        return 1; /* no leptonica below us: cannot happen in a linked hoso */
    if (format == IFF_PNG && atomic_load(&raw) && in_tesseract(__builtin_return_address(0))) {
        atomic_fetch_add(&kept, 1);
        format = IFF_SPIX;
    }
    return next_write_mem(pdata, psize, pix, format);
}

void ocr_lept_ready(void)
{
    pthread_once(&once, resolve);
}

void ocr_lept_raw(int on)
{
    atomic_store(&raw, on != 0);
}

long ocr_lept_raw_count(void)
{
    return atomic_load(&kept);
}
