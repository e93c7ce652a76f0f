/* scan_file.c - image files as page sources: format detection, header checks against
 * the safety limits before any decoding (a TIFF's directories read in one pass, at most
 * SCAN_MAX_PAGES), files cut short, multi-page TIFF without walking the earlier pages
 * for each one, resolution. */
#define _GNU_SOURCE /* fopencookie: a TIFF seen from one of its pages (page_stream) */
#include <errno.h>
#include <fcntl.h>
#include <leptonica/allheaders.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tiffio.h>
#include <unistd.h>
#include <zlib.h>

#include "scan.h"
#include "scan_int.h"

/* One page of a TIFF as its header pass found it. */
typedef struct tiff_page {
    uint64_t diroff;   /* where its directory starts */
    uint64_t data_end; /* end of its last byte of image data */
    uint32_t w, h;
} tiff_page;

struct scan_source {
    char *path;
    int format; /* leptonica IFF_* */
    int npages;
    long long size;
    /* TIFF only: the header's layout and each page's directory */
    int tiff_big, tiff_be;
    uint64_t *diroff;
    scan_pdf *pdf; /* a PDF (scan_pdf.c) */
};

static const char *format_name(int format)
{
    if (L_FORMAT_IS_TIFF(format))
        return "tiff";
    switch (format) {
    case IFF_PNG:
        return "png";
    case IFF_JFIF_JPEG:
        return "jpeg";
    case IFF_PNM:
        return "pnm";
    default:
        return NULL;
    }
}

static int check_size(const char *path, int page, long long w, long long h, hs_err *err)
{
    if (w <= 0 || h <= 0)
        return hs_err_set(err, HS_EFORMAT, 0, "'%s': page %d: bad image size %lldx%lld", path, page,
                          w, h);
    if (w > SCAN_MAX_SIDE || h > SCAN_MAX_SIDE || w * h > SCAN_MAX_PIXELS)
        return hs_err_set(err, HS_ELIMIT, 0,
                          "'%s': page %d: image of %lldx%lld pixels is too large (limit %d "
                          "pixels a side, %lld megapixels)",
                          path, page, w, h, SCAN_MAX_SIDE, SCAN_MAX_PIXELS / 1000000);
    if (w < SCAN_MIN_SIDE || h < SCAN_MIN_SIDE)
        return hs_err_set(err, HS_EINVAL, 0,
                          "'%s': page %d: image of %lldx%lld pixels is too small to read", path,
                          page, w, h);
    return HS_OK;
}

/* ---- TIFF ---- */

static uint64_t get_uint(const unsigned char *p, int n, int be)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++)
        v |= (uint64_t)p[be ? i : n - 1 - i] << (8 * (n - 1 - i));
    return v;
}

static void put_uint(unsigned char *p, int n, int be, uint64_t v)
{
    for (int i = 0; i < n; i++)
        p[be ? n - 1 - i : i] = (unsigned char)(v >> (8 * i));
}

/* The header: byte order, classic or BigTIFF, the first directory's offset. */
static int tiff_header(FILE *fp, int *big, int *be, uint64_t *ifd0)
{
    unsigned char h[16];
    rewind(fp);
    size_t n = fread(h, 1, sizeof h, fp);
    if (n < 8 || !((h[0] == 'I' && h[1] == 'I') || (h[0] == 'M' && h[1] == 'M')))
        return -1;
    *be = h[0] == 'M';
    int magic = (int)get_uint(h + 2, 2, *be);
    if (magic != 42 && !(magic == 43 && n == 16))
        return -1;
    *big = magic == 43;
    *ifd0 = *big ? get_uint(h + 8, 8, *be) : get_uint(h + 4, 4, *be);
    return 0;
}

/* libtiff's first error on a handle, kept for the message: the later ones follow from it. */
typedef struct tiff_msg {
    const char *path;
    char text[200];
} tiff_msg;

static int tiff_capture(TIFF *tif, void *ud, const char *module, const char *fmt, va_list ap)
{
    (void)tif;
    tiff_msg *m = ud;
    if (m->text[0])
        return 1;
    int n = 0;
    /* libtiff names the module, or the file, which the message names already */
    if (module && strcmp(module, m->path) != 0)
        n = snprintf(m->text, sizeof m->text, "%s: ", module);
    if (n < 0 || (size_t)n >= sizeof m->text)
        n = 0;
    vsnprintf(m->text + n, sizeof m->text - (size_t)n, fmt, ap);
    return 1; /* handled: not passed on to the process-wide handlers */
}

static int tiff_ignore(TIFF *tif, void *ud, const char *module, const char *fmt, va_list ap)
{
    (void)tif, (void)ud, (void)module, (void)fmt, (void)ap;
    return 1;
}

/* Where the image data of the current directory ends: the furthest strip or tile. */
static uint64_t tiff_data_end(TIFF *tif)
{
    uint32_t n = TIFFIsTiled(tif) ? TIFFNumberOfTiles(tif) : TIFFNumberOfStrips(tif);
    uint64_t end = 0;
    for (uint32_t i = 0; i < n; i++) {
        int bad = 0;
        uint64_t off = TIFFGetStrileOffsetWithErr(tif, i, &bad);
        uint64_t len = bad ? 0 : TIFFGetStrileByteCountWithErr(tif, i, &bad);
        if (bad)
            break;
        if (len && off + len > end)
            end = off + len;
    }
    return end;
}

/* Whether the directory after the one at cur lies past the end of the file, whole or in
 * part: a multi-page TIFF cut short, as writers put each page's directory after its data. */
static int tiff_next_cut(const scan_source *s, FILE *fp, uint64_t cur)
{
    int cw = s->tiff_big ? 8 : 2, ew = s->tiff_big ? 20 : 12, ow = s->tiff_big ? 8 : 4;
    uint64_t size = (uint64_t)s->size, next = cur;
    unsigned char b[8];
    for (int k = 0; k < 2; k++) {
        if (next > size - (uint64_t)cw)
            return k == 1;
        if (fseeko(fp, (off_t)next, SEEK_SET) != 0 || fread(b, 1, (size_t)cw, fp) != (size_t)cw)
            return 0;
        uint64_t count = get_uint(b, cw, s->tiff_be);
        if (count > size)
            return k == 1;
        uint64_t end = next + (uint64_t)cw + count * (uint64_t)ew;
        if (end > size - (uint64_t)ow)
            return k == 1;
        if (k == 1)
            return 0;
        if (fseeko(fp, (off_t)end, SEEK_SET) != 0 || fread(b, 1, (size_t)ow, fp) != (size_t)ow)
            return 0;
        next = get_uint(b, ow, s->tiff_be);
    }
    return 0;
}

/* Reads every page's directory in one pass over the file (libtiff checks each one and
 * stops at a loop back to an earlier one) and checks the pages against the limits: the
 * page count first, then each page's size and whether its data is all in the file. */
static int tiff_check(scan_source *s, FILE *fp, hs_err *err)
{
    const char *path = s->path;
    tiff_msg msg = {path, {0}};
    tiff_page *pages = NULL;
    TIFF *tif = NULL;
    int n = 0, rc = HS_OK;
    uint64_t ifd0 = 0;
    if (tiff_header(fp, &s->tiff_big, &s->tiff_be, &ifd0) != 0)
        return hs_err_set(err, HS_EFORMAT, 0, "'%s': corrupt TIFF header", path);
    if (ifd0 + (s->tiff_big ? 8 : 2) > (uint64_t)s->size)
        return hs_err_set(err, HS_EFORMAT, 0,
                          "'%s': truncated file (its first page's directory is at byte %llu, "
                          "the file has %lld)",
                          path, (unsigned long long)ifd0, s->size);
    TIFFOpenOptions *opts = TIFFOpenOptionsAlloc();
    if (!opts)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    TIFFOpenOptionsSetErrorHandlerExtR(opts, tiff_capture, &msg);
    TIFFOpenOptionsSetWarningHandlerExtR(opts, tiff_ignore, NULL);
    /* "m": read, not map, so a file cut short while it is read fails a read, not SIGBUS */
    tif = TIFFOpenExt(path, "rm", opts);
    TIFFOpenOptionsFree(opts);
    if (!tif) {
        rc = hs_err_set(err, HS_EFORMAT, 0, "'%s': corrupt TIFF (%s)", path,
                        msg.text[0] ? msg.text : "no readable page");
        goto out;
    }
    if (!(pages = malloc(SCAN_MAX_PAGES * sizeof *pages))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    for (;;) {
        if (n == SCAN_MAX_PAGES) {
            rc = hs_err_set(err, HS_ELIMIT, 0, "'%s': more than %d pages (limit %d pages a file)",
                            path, SCAN_MAX_PAGES, SCAN_MAX_PAGES);
            goto out;
        }
        tiff_page *p = &pages[n++];
        p->diroff = TIFFCurrentDirOffset(tif);
        p->w = p->h = 0;
        TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &p->w);
        TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &p->h);
        /* a page refused for its size below is not worth a look at each of its strips */
        p->data_end = p->w <= SCAN_MAX_SIDE && p->h <= SCAN_MAX_SIDE ? tiff_data_end(tif) : 0;
        if (TIFFLastDirectory(tif))
            break;
        if (!TIFFReadDirectory(tif)) {
            if (tiff_next_cut(s, fp, p->diroff))
                rc = hs_err_set(err, HS_EFORMAT, 0,
                                "'%s': page %d: truncated file (its directory runs past the end, "
                                "%lld bytes)",
                                path, n + 1, s->size);
            else
                rc = hs_err_set(err, HS_EFORMAT, 0, "'%s': page %d: corrupt TIFF directory (%s)",
                                path, n + 1, msg.text[0] ? msg.text : "unreadable");
            goto out;
        }
    }
    for (int i = 0; i < n; i++) {
        if ((rc = check_size(path, i + 1, pages[i].w, pages[i].h, err)))
            goto out;
        if (pages[i].data_end > (uint64_t)s->size) {
            rc = hs_err_set(err, HS_EFORMAT, 0,
                            "'%s': page %d: truncated file (its image data runs to byte %llu, "
                            "the file has %lld)",
                            path, i + 1, (unsigned long long)pages[i].data_end, s->size);
            goto out;
        }
    }
    if (!(s->diroff = malloc((size_t)n * sizeof *s->diroff))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    for (int i = 0; i < n; i++)
        s->diroff[i] = pages[i].diroff;
    s->npages = n;
out:
    free(pages);
    if (tif)
        TIFFClose(tif);
    return rc;
}

/* A TIFF read from one page: the file as it is, except that the header's first-directory
 * offset points at that page's directory. Leptonica decodes only a file's n-th page by
 * opening it and stepping through the n-1 directories before it, which made reading a
 * long TIFF quadratic; read through this view, every page is leptonica's page 0. */
typedef struct page_view {
    int fd;
    long long pos, size;
    unsigned char head[16]; /* the header as the decoder sees it */
    size_t head_len;
} page_view;

static ssize_t view_read(void *cookie, char *buf, size_t len)
{
    page_view *v = cookie;
    ssize_t n = pread(v->fd, buf, len, (off_t)v->pos);
    if (n <= 0)
        return n;
    for (long long i = v->pos; i < v->pos + n && i < (long long)v->head_len; i++)
        buf[i - v->pos] = (char)v->head[i];
    v->pos += n;
    return n;
}

static int view_seek(void *cookie, off64_t *off, int whence)
{
    page_view *v = cookie;
    long long base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? v->pos : v->size;
    if (*off < -base)
        return -1;
    v->pos = base + *off;
    *off = v->pos;
    return 0;
}

static FILE *page_stream(const scan_source *s, int index, page_view *v)
{
    v->pos = 0;
    v->size = s->size;
    v->head_len = s->tiff_big ? 16 : 8;
    if (pread(v->fd, v->head, v->head_len, 0) != (ssize_t)v->head_len)
        return NULL;
    if (s->tiff_big)
        put_uint(v->head + 8, 8, s->tiff_be, s->diroff[index]);
    else
        put_uint(v->head + 4, 4, s->tiff_be, s->diroff[index]);
    cookie_io_functions_t io = {.read = view_read, .seek = view_seek};
    return fopencookie(v, "rb", io);
}

static int tiff_load(const scan_source *s, int index, PIX **out, hs_err *err)
{
    page_view v = {.fd = open(s->path, O_RDONLY | O_CLOEXEC)};
    if (v.fd < 0)
        return hs_err_set(err, HS_EIO, errno, "'%s'", s->path);
    FILE *fp = page_stream(s, index, &v);
    PIX *pix = fp ? pixReadStreamTiff(fp, 0) : NULL;
    if (fp)
        fclose(fp);
    close(v.fd);
    if (!pix)
        return hs_err_set(err, HS_EFORMAT, 0, "'%s': page %d: cannot decode tiff image data",
                          s->path, index + 1);
    *out = pix;
    return HS_OK;
}

/* ---- PNG and JPEG: whole files ----
 * A file cut short (an interrupted copy, a partial download) is the usual damage. Found
 * here, it is refused with its cause before decoding, where libpng and libjpeg would
 * otherwise print their own complaints. */

/* PNG: every chunk's length, type and CRC (which catches damage anywhere in the file),
 * up to the IEND chunk. The CRC is zlib's (PNG's is the same CRC-32), over blocks: a byte
 * at a time it cost ~4 ms a page, and a batch checks each file twice (job and read). */
static int png_check(const scan_source *s, FILE *fp, hs_err *err)
{
    long long pos = 8;
    if (fseeko(fp, 8, SEEK_SET) != 0)
        return hs_err_set(err, HS_EIO, errno, "'%s'", s->path);
    unsigned char buf[1 << 15];
    for (;;) {
        unsigned char h[8];
        if (fread(h, 1, 8, fp) != 8)
            return hs_err_set(err, HS_EFORMAT, 0,
                              "'%s': truncated file (it ends after %lld bytes, before the png "
                              "end chunk)",
                              s->path, pos);
        uint64_t len = get_uint(h, 4, 1);
        char type[5] = {(char)h[4], (char)h[5], (char)h[6], (char)h[7], 0};
        if (len > 0x7fffffffu)
            return hs_err_set(err, HS_EFORMAT, 0, "'%s': corrupt png (chunk '%s' at byte %lld)",
                              s->path, type, pos);
        if (pos + 12 + (long long)len > s->size)
            return hs_err_set(err, HS_EFORMAT, 0,
                              "'%s': truncated file (its png chunk '%s' runs to byte %lld, the "
                              "file has %lld)",
                              s->path, type, pos + 12 + (long long)len, s->size);
        uLong crc = crc32(crc32(0L, Z_NULL, 0), h + 4, 4);
        for (uint64_t left = len; left > 0;) {
            size_t want = left < sizeof buf ? (size_t)left : sizeof buf;
            if (fread(buf, 1, want, fp) != want)
                return hs_err_set(err, HS_EIO, 0, "'%s': read error", s->path);
            crc = crc32(crc, buf, (uInt)want);
            left -= want;
        }
        unsigned char stored[4];
        if (fread(stored, 1, 4, fp) != 4)
            return hs_err_set(err, HS_EIO, 0, "'%s': read error", s->path);
        if ((uint64_t)crc != get_uint(stored, 4, 1))
            return hs_err_set(err, HS_EFORMAT, 0,
                              "'%s': corrupt png (chunk '%s' at byte %lld fails its checksum)",
                              s->path, type, pos);
        if (!strcmp(type, "IEND"))
            return HS_OK;
        pos += 12 + (long long)len;
    }
}

/* JPEG: the markers up to EOI, segments skipped by their lengths and entropy-coded data
 * scanned (a 0xFF in it is stuffed as FF 00). What follows EOI (a phone's motion-photo
 * video) is not looked at. Only a file that ends before EOI is refused: anything odder
 * is left to the decoder. */
static int jpeg_check(const scan_source *s, FILE *fp, hs_err *err)
{
    int in_scan = 0, c;
    if (fseeko(fp, 2, SEEK_SET) != 0)
        return hs_err_set(err, HS_EIO, errno, "'%s'", s->path);
    while ((c = getc_unlocked(fp)) != EOF) {
        if (c != 0xff) {
            if (!in_scan)
                return HS_OK;
            continue;
        }
        while ((c = getc_unlocked(fp)) == 0xff)
            ; /* fill bytes */
        if (c == EOF)
            break;
        if (c == 0x00 || (c >= 0xd0 && c <= 0xd7) || c == 0x01)
            continue; /* stuffed byte, restart marker, TEM: no length */
        if (c == 0xd9)
            return HS_OK; /* EOI */
        int hi = getc_unlocked(fp), lo = getc_unlocked(fp);
        if (lo == EOF)
            break;
        long long len = hi << 8 | lo, at = (long long)ftello(fp);
        if (len < 2)
            return HS_OK;
        if (at < 0 || at + len - 2 > s->size)
            break;
        if (fseeko(fp, len - 2, SEEK_CUR) != 0)
            return hs_err_set(err, HS_EIO, errno, "'%s'", s->path);
        in_scan = c == 0xda; /* SOS: its entropy-coded data follows */
    }
    if (ferror(fp))
        return hs_err_set(err, HS_EIO, 0, "'%s': read error", s->path);
    return hs_err_set(err, HS_EFORMAT, 0,
                      "'%s': truncated file (its %lld bytes end before the jpeg end marker)",
                      s->path, s->size);
}

/* ---- Sources ---- */

int scan_source_open(const char *path, scan_source **out, hs_err *err)
{
    *out = NULL;
    struct stat st;
    if (stat(path, &st) != 0)
        return hs_err_set(err, HS_EIO, errno, "'%s'", path);
    if (!S_ISREG(st.st_mode))
        return hs_err_set(err, HS_EINVAL, 0, "'%s': not a regular file", path);
    if (st.st_size == 0)
        return hs_err_set(err, HS_EFORMAT, 0, "'%s': empty file", path);

    scan_source *s = calloc(1, sizeof *s);
    FILE *fp = NULL;
    int format = IFF_UNKNOWN, rc = HS_OK;
    if (!s || !(s->path = strdup(path))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    s->size = (long long)st.st_size;
    s->npages = 1;
    if (!(fp = fopen(path, "rb"))) {
        rc = hs_err_set(err, HS_EIO, errno, "'%s'", path);
        goto out;
    }
    /* a PDF's header may follow up to 1024 bytes of anything (PDF 1.7, annex H) */
    char head[1024];
    size_t hn = fread(head, 1, sizeof head, fp);
    if (hn >= 5 && memmem(head, hn, "%PDF-", 5)) {
        rc = scan_pdf_open(s->path, &s->pdf, &s->npages, err);
        goto out;
    }
    rewind(fp);
    findFileFormatStream(fp, &format);
    /* leptonica tells TIFFs apart by their first page's compression: one whose first page
     * cannot be read is unknown to it, but is a TIFF to check (and to report as cut short) */
    int big, be;
    uint64_t ifd0;
    if (format == IFF_UNKNOWN && tiff_header(fp, &big, &be, &ifd0) == 0)
        format = IFF_TIFF;
    s->format = format;
    if (!format_name(format)) {
        rc = hs_err_set(err, HS_EFORMAT, 0,
                        "'%s': not a supported image (PNG, JPEG, PNM, TIFF or PDF expected)", path);
        goto out;
    }
    if (L_FORMAT_IS_TIFF(format)) {
        rc = tiff_check(s, fp, err);
        goto out;
    }
    int w = 0, h = 0, bps = 0, spp = 0, cmap = 0, fmt = 0;
    if (pixReadHeader(path, &fmt, &w, &h, &bps, &spp, &cmap) != 0) {
        rc = hs_err_set(err, HS_EFORMAT, 0, "'%s': corrupt %s header", path, format_name(format));
        goto out;
    }
    if ((rc = check_size(path, 1, w, h, err)))
        goto out;
    if (format == IFF_PNG)
        rc = png_check(s, fp, err);
    else if (format == IFF_JFIF_JPEG)
        rc = jpeg_check(s, fp, err);
out:
    if (fp)
        fclose(fp);
    if (rc)
        scan_source_close(s);
    else
        *out = s;
    return rc;
}

void scan_source_close(scan_source *s)
{
    if (!s)
        return;
    scan_pdf_close(s->pdf);
    free(s->diroff);
    free(s->path);
    free(s);
}

int scan_source_page_count(const scan_source *s)
{
    return s->npages;
}

const char *scan_source_format(const scan_source *s)
{
    return s->pdf ? "pdf" : format_name(s->format);
}

int scan_page_kind(const scan_source *s, int index)
{
    return s->pdf ? scan_pdf_kind(s->pdf, index) : 0;
}

const char *scan_page_codec(const scan_source *s, int index)
{
    return s->pdf ? scan_pdf_codec(s->pdf, index) : NULL;
}

/* A JPEG file's data, read again (it holds no file open), if it is a plain grey or RGB
 * JPEG: leptonica decodes it to the pixels the page was given, leaving EXIF alone, and a
 * CMYK or YCCK file is not shown as it is. */
static int file_jpeg(const scan_source *s, char **data, size_t *len, hs_err *err)
{
    FILE *f = fopen(s->path, "rb");
    if (!f)
        return hs_err_set(err, HS_EIO, errno, "'%s'", s->path);
    size_t n = s->size > 0 ? (size_t)s->size : 0, got = 0;
    unsigned char *d = n ? malloc(n) : NULL;
    if (d)
        got = fread(d, 1, n, f);
    fclose(f);
    if (n && !d)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    l_int32 w = 0, h = 0, spp = 0, cmyk = 0;
    if (!d || got != n || n < 4 || d[0] != 0xff || d[1] != 0xd8 ||
        readHeaderMemJpeg(d, n, &w, &h, &spp, NULL, &cmyk) || (spp != 1 && spp != 3) || cmyk) {
        /* changed since it was opened, or not one to show as it is: the PNG is shown */
        free(d);
        return HS_OK;
    }
    size_t on = 0;
    unsigned char *opt = scan_jpeg_optimize(d, n, &on);
    if (opt) {
        free(d);
        d = opt;
        n = on;
    }
    *data = (char *)d;
    *len = n;
    return HS_OK;
}

int scan_page_jpeg(scan_source *s, int index, char **data, size_t *len, hs_err *err)
{
    *data = NULL;
    *len = 0;
    if (index < 0 || index >= s->npages)
        return HS_OK;
    if (!s->pdf)
        return s->format == IFF_JFIF_JPEG && s->npages == 1 ? file_jpeg(s, data, len, err) : HS_OK;
    return scan_pdf_jpeg(s->pdf, index, data, len, err);
}

int scan_page_text(scan_source *s, int index, char **text, hs_err *err)
{
    *text = NULL;
    if (scan_page_kind(s, index) != SCAN_PDF_TEXT)
        return HS_OK;
    return scan_pdf_text(s->pdf, index, text, err);
}

long long scan_source_size(const scan_source *s)
{
    return s->size;
}

const char *scan_source_path(const scan_source *s)
{
    return s->path;
}

int scan_page_load(scan_source *s, int index, PIX **out, scan_page_info *info, hs_err *err)
{
    *out = NULL;
    memset(info, 0, sizeof *info);
    if (index < 0 || index >= s->npages)
        return hs_err_set(err, HS_EINVAL, 0, "'%s': no page %d", s->path, index + 1);
    PIX *pix = NULL;
    if (s->pdf) {
        /* the resolution is the image's size against the page's, never assumed */
        int rc = scan_pdf_load(s->pdf, index, &pix, &info->dpi, err);
        if (rc)
            return rc;
        info->width = pixGetWidth(pix);
        info->height = pixGetHeight(pix);
        info->depth = pixGetDepth(pix);
        *out = pix;
        return HS_OK;
    }
    if (L_FORMAT_IS_TIFF(s->format)) {
        int rc = tiff_load(s, index, &pix, err);
        if (rc)
            return rc;
    } else if (!(pix = pixRead(s->path))) {
        return hs_err_set(err, HS_EFORMAT, 0, "'%s': page %d: cannot decode %s image data", s->path,
                          index + 1, format_name(s->format));
    }
    info->width = pixGetWidth(pix);
    info->height = pixGetHeight(pix);
    info->depth = pixGetDepth(pix);
    int dpi = pixGetXRes(pix);
    /* Files without a resolution, or with a nonsense one (72 from screen tools, 1 from
     * some scanners' "no unit"), are taken as scanned at the usual office 300 dpi. */
    if (dpi <= 72 || dpi > 2400) {
        dpi = SCAN_DEFAULT_DPI;
        info->dpi_assumed = 1;
    }
    info->dpi = dpi;
    *out = pix;
    return HS_OK;
}

static void tiff_silent(const char *module, const char *fmt, va_list ap)
{
    (void)module;
    (void)fmt;
    (void)ap;
}

static void lept_silent(const char *msg)
{
    (void)msg;
}

/* Leptonica turns libtiff's process-wide handlers off itself whenever it opens a TIFF;
 * the handles opened here carry their own (tiff_check). */
void scan_quiet(void)
{
    setMsgSeverity(L_SEVERITY_NONE);
    leptSetStderrHandler(lept_silent);
    TIFFSetErrorHandler(tiff_silent);
    TIFFSetWarningHandler(tiff_silent);
}
