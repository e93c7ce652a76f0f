/* scan_pdf.c - PDF files as page sources (MuPDF): a page that is one scanned image gives
 * that image at its own pixels and resolution (decoded from the file, not re-rendered),
 * any other page is rendered at 300 dpi, and a born-digital page's own text is handed
 * out. Every page is looked at when the file is opened, so an encrypted, damaged or empty
 * PDF, or a page over the size limits, is refused before any pixel is decoded. MuPDF's
 * types stay in this file: one fz_context per source, never shared between threads. */
#include <leptonica/allheaders.h>
#include <mupdf/fitz.h>
#include <mupdf/pdf.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* after stdio.h, which it needs */
#include <jpeglib.h>

#include "scan.h"
#include "scan_int.h"

/* MuPDF keeps decoded images and fonts in a store; one page at a time needs little. */
#define PDF_STORE_BYTES (64u << 20)
/* A single image covering at least this share of the page is the page's scan. */
#define PDF_SCAN_COVER 0.5f

typedef struct pdf_page_plan {
    int kind;      /* SCAN_PDF_IMAGE, SCAN_PDF_RENDER or SCAN_PDF_TEXT */
    int turn;      /* SCAN_PDF_IMAGE: quarter turns clockwise to show it as on the page */
    int flip_x;    /* ... and mirrorings */
    int flip_y;
    int w, h;      /* pixels of what scan_pdf_load gives */
    int dpi;
    int codec;     /* SCAN_PDF_IMAGE: the image's compression (FZ_IMAGE_*) */
} pdf_page_plan;

struct scan_pdf {
    fz_context *ctx;
    fz_document *doc;
    const char *path; /* borrowed from the scan_source */
    int npages;
    pdf_page_plan *plan;
    char msg[200]; /* MuPDF's first error or warning, for the message */
};

/* What a page draws, as MuPDF's interpreter runs it through this device. */
typedef struct probe_dev {
    fz_device super;
    int images, vectors, text, hidden_text;
    fz_image *image; /* the first image (kept) */
    int mask;        /* it was drawn as a stencil mask */
    fz_matrix ctm;
} probe_dev;

static void probe_image(fz_context *ctx, probe_dev *p, fz_image *img, fz_matrix ctm, int mask)
{
    if (p->images++ == 0) {
        p->image = fz_keep_image(ctx, img);
        p->ctm = ctm;
        p->mask = mask;
    }
}

static void probe_fill_image(fz_context *ctx, fz_device *dev, fz_image *img, fz_matrix ctm,
                             float alpha, fz_color_params cp)
{
    (void)alpha, (void)cp;
    probe_image(ctx, (probe_dev *)dev, img, ctm, 0);
}

static void probe_fill_image_mask(fz_context *ctx, fz_device *dev, fz_image *img, fz_matrix ctm,
                                  fz_colorspace *cs, const float *color, float alpha,
                                  fz_color_params cp)
{
    (void)cs, (void)color, (void)alpha, (void)cp;
    probe_image(ctx, (probe_dev *)dev, img, ctm, 1);
}

static void probe_fill_path(fz_context *ctx, fz_device *dev, const fz_path *path, int even_odd,
                            fz_matrix ctm, fz_colorspace *cs, const float *color, float alpha,
                            fz_color_params cp)
{
    (void)ctx, (void)path, (void)even_odd, (void)ctm, (void)cs, (void)color, (void)alpha, (void)cp;
    ((probe_dev *)dev)->vectors++;
}

static void probe_stroke_path(fz_context *ctx, fz_device *dev, const fz_path *path,
                              const fz_stroke_state *st, fz_matrix ctm, fz_colorspace *cs,
                              const float *color, float alpha, fz_color_params cp)
{
    (void)ctx, (void)path, (void)st, (void)ctm, (void)cs, (void)color, (void)alpha, (void)cp;
    ((probe_dev *)dev)->vectors++;
}

static void probe_fill_shade(fz_context *ctx, fz_device *dev, fz_shade *shd, fz_matrix ctm,
                             float alpha, fz_color_params cp)
{
    (void)ctx, (void)shd, (void)ctm, (void)alpha, (void)cp;
    ((probe_dev *)dev)->vectors++;
}

static int text_chars(const fz_text *text)
{
    int n = 0;
    for (const fz_text_span *s = text->head; s; s = s->next)
        n += s->len;
    return n;
}

static void probe_fill_text(fz_context *ctx, fz_device *dev, const fz_text *text, fz_matrix ctm,
                            fz_colorspace *cs, const float *color, float alpha, fz_color_params cp)
{
    (void)ctx, (void)ctm, (void)cs, (void)color, (void)alpha, (void)cp;
    ((probe_dev *)dev)->text += text_chars(text);
}

static void probe_stroke_text(fz_context *ctx, fz_device *dev, const fz_text *text,
                              const fz_stroke_state *st, fz_matrix ctm, fz_colorspace *cs,
                              const float *color, float alpha, fz_color_params cp)
{
    (void)ctx, (void)st, (void)ctm, (void)cs, (void)color, (void)alpha, (void)cp;
    ((probe_dev *)dev)->text += text_chars(text);
}

static void probe_clip_text(fz_context *ctx, fz_device *dev, const fz_text *text, fz_matrix ctm,
                            fz_rect scissor)
{
    (void)ctx, (void)ctm, (void)scissor;
    ((probe_dev *)dev)->text += text_chars(text);
}

/* invisible text (render mode 3): an OCR layer over a scan, not the page's own text */
static void probe_ignore_text(fz_context *ctx, fz_device *dev, const fz_text *text, fz_matrix ctm)
{
    (void)ctx, (void)ctm;
    ((probe_dev *)dev)->hidden_text += text_chars(text);
}

static void pdf_warn(void *user, const char *message)
{
    scan_pdf *p = user;
    if (!p->msg[0])
        snprintf(p->msg, sizeof p->msg, "%s", message);
}

static void pdf_error(void *user, const char *message)
{
    (void)user, (void)message; /* fz_caught_message gives it where it is caught */
}

static float absf(float v)
{
    return v < 0 ? -v : v;
}

/* Decides how page index is taken: from its one image, or rendered, or as text. */
static void plan_page(scan_pdf *p, fz_page *page, probe_dev *dev, pdf_page_plan *pl)
{
    fz_context *ctx = p->ctx;
    fz_rect pb = fz_bound_page(ctx, page);
    float pw = pb.x1 - pb.x0, ph = pb.y1 - pb.y0;
    memset(pl, 0, sizeof *pl);
    pl->kind = SCAN_PDF_RENDER;
    pl->dpi = SCAN_DEFAULT_DPI;
    pl->w = (int)(pw * SCAN_DEFAULT_DPI / 72 + 0.5f);
    pl->h = (int)(ph * SCAN_DEFAULT_DPI / 72 + 0.5f);
    fz_rect ib = dev->image ? fz_transform_rect(fz_unit_rect, dev->ctm) : fz_empty_rect;
    float iw = ib.x1 - ib.x0, ih = ib.y1 - ib.y0;
    int covers = dev->images == 1 && pw > 0 && ph > 0 && iw * ih >= PDF_SCAN_COVER * pw * ph;
    if (dev->text > 0 && !covers) {
        pl->kind = SCAN_PDF_TEXT;
        return;
    }
    if (!covers || dev->vectors || dev->text)
        return;
    /* the image as the page shows it: upright, mirrored, or a quarter turn */
    fz_matrix m = dev->ctm;
    fz_image *img = dev->image;
    const float eps = 1e-3f * (absf(m.a) + absf(m.b) + absf(m.c) + absf(m.d));
    if (absf(m.b) <= eps && absf(m.c) <= eps) {
        pl->flip_x = m.a < 0;
        pl->flip_y = m.d < 0;
        pl->w = img->w;
        pl->h = img->h;
    } else if (absf(m.a) <= eps && absf(m.d) <= eps && (m.b > 0) != (m.c > 0)) {
        /* image x runs down the page and its y leftwards: a clockwise quarter turn */
        pl->turn = m.b > 0 ? 1 : 3;
        pl->w = img->h;
        pl->h = img->w;
    } else {
        return; /* drawn at an angle: rendered */
    }
    float dpi = pl->w * 72.0f / iw;
    pl->dpi = dpi < 50 || dpi > 2400 ? SCAN_DEFAULT_DPI : (int)(dpi + 0.5f);
    fz_compressed_buffer *cb = fz_compressed_image_buffer(ctx, img);
    pl->codec = cb ? cb->params.type : FZ_IMAGE_UNKNOWN;
    pl->kind = SCAN_PDF_IMAGE;
}

/* Runs page index through the probe device and plans it. Throws on MuPDF errors. */
static void probe_page(scan_pdf *p, int index, pdf_page_plan *pl)
{
    fz_context *ctx = p->ctx;
    fz_page *page = NULL;
    probe_dev *dev = NULL;
    fz_var(page);
    fz_var(dev);
    fz_try(ctx)
    {
        page = fz_load_page(ctx, p->doc, index);
        dev = fz_new_derived_device(ctx, probe_dev);
        dev->super.fill_image = probe_fill_image;
        dev->super.fill_image_mask = probe_fill_image_mask;
        dev->super.fill_path = probe_fill_path;
        dev->super.stroke_path = probe_stroke_path;
        dev->super.fill_shade = probe_fill_shade;
        dev->super.fill_text = probe_fill_text;
        dev->super.stroke_text = probe_stroke_text;
        dev->super.clip_text = probe_clip_text;
        dev->super.clip_stroke_text = NULL;
        dev->super.ignore_text = probe_ignore_text;
        fz_run_page(ctx, page, &dev->super, fz_identity, NULL);
        fz_close_device(ctx, &dev->super);
        plan_page(p, page, dev, pl);
    }
    fz_always(ctx)
    {
        if (dev)
            fz_drop_image(ctx, dev->image);
        fz_drop_device(ctx, &dev->super);
        fz_drop_page(ctx, page);
    }
    fz_catch(ctx)
    {
        fz_rethrow(ctx);
    }
}

/* Copies MuPDF's message of the error just caught. */
static int caught(scan_pdf *p, int code, const char *what, hs_err *err)
{
    const char *m = fz_caught_message(p->ctx);
    return hs_err_set(err, code, 0, "'%s': %s (%s)", p->path, what,
                      m && *m ? m : hs_tr("unreadable"));
}

/* MuPDF rebuilds a broken cross-reference table silently, with whatever objects it finds
 * (when the file is opened, or later when an object is not where the table says): pages
 * may be missing or empty. A file cut short is the usual cause. */
static int check_repaired(scan_pdf *p, hs_err *err)
{
    pdf_document *pdoc = pdf_specifics(p->ctx, p->doc);
    if (pdoc && pdf_was_repaired(p->ctx, pdoc))
        return hs_err_set(err, HS_EFORMAT, 0,
                          "'%s': damaged pdf (truncated or corrupt: its cross-reference table is "
                          "broken)",
                          p->path);
    return HS_OK;
}

static int count_pages(scan_pdf *p, int *n, hs_err *err)
{
    volatile int count = 0;
    fz_try(p->ctx) count = fz_count_pages(p->ctx, p->doc);
    fz_catch(p->ctx) return caught(p, HS_EFORMAT, hs_tr("corrupt pdf"), err);
    *n = count;
    return HS_OK;
}

static int plan_one(scan_pdf *p, int index, hs_err *err)
{
    fz_try(p->ctx) probe_page(p, index, &p->plan[index]);
    fz_catch(p->ctx)
    {
        char what[48];
        snprintf(what, sizeof what, hs_tr("page %d: corrupt pdf"), index + 1);
        return caught(p, HS_EFORMAT, what, err);
    }
    return HS_OK;
}

int scan_pdf_open(const char *path, scan_pdf **out, int *npages, hs_err *err)
{
    *out = NULL;
    *npages = 0;
    scan_pdf *p = calloc(1, sizeof *p);
    int rc = HS_OK;
    if (!p || !(p->ctx = fz_new_context(NULL, NULL, PDF_STORE_BYTES))) {
        free(p);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    p->path = path;
    fz_context *ctx = p->ctx;
    fz_set_warning_callback(ctx, pdf_warn, p);
    fz_set_error_callback(ctx, pdf_error, p);
    fz_try(ctx)
    {
        fz_register_document_handlers(ctx);
        p->doc = fz_open_document(ctx, path);
    }
    fz_catch(ctx)
    {
        rc = caught(p, HS_EFORMAT, hs_tr("corrupt pdf"), err);
        goto out;
    }
    char enc[64] = "";
    if (fz_needs_password(ctx, p->doc) ||
        (fz_lookup_metadata(ctx, p->doc, FZ_META_ENCRYPTION, enc, sizeof enc) > 0 &&
         strcmp(enc, "None") != 0)) {
        rc = hs_err_set(err, HS_EFORMAT, 0,
                        "'%s': encrypted pdf (save it without a password or restrictions first)",
                        path);
        goto out;
    }
    int n = 0;
    if ((rc = count_pages(p, &n, err)))
        goto out;
    if ((rc = check_repaired(p, err)))
        goto out;
    if (n <= 0) {
        rc = hs_err_set(err, HS_EFORMAT, 0, "'%s': pdf has no pages", path);
        goto out;
    }
    if (n > SCAN_MAX_PAGES) {
        rc = hs_err_set(err, HS_ELIMIT, 0, "'%s': %d pages (limit %d pages a file)", path, n,
                        SCAN_MAX_PAGES);
        goto out;
    }
    if (!(p->plan = calloc((size_t)n, sizeof *p->plan))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    for (int i = 0; i < n; i++) {
        if ((rc = plan_one(p, i, err)))
            goto out;
        pdf_page_plan *pl = &p->plan[i];
        long long w = pl->w, h = pl->h;
        if (w > SCAN_MAX_SIDE || h > SCAN_MAX_SIDE || w * h > SCAN_MAX_PIXELS) {
            rc = hs_err_set(err, HS_ELIMIT, 0,
                            "'%s': page %d: %s of %lldx%lld pixels is too large (limit %d "
                            "pixels a side, %lld megapixels)",
                            path, i + 1,
                            pl->kind == SCAN_PDF_IMAGE ? hs_tr("image") : hs_tr("page at 300 dpi"),
                            w, h, SCAN_MAX_SIDE, SCAN_MAX_PIXELS / 1000000);
            goto out;
        }
        if (w < SCAN_MIN_SIDE || h < SCAN_MIN_SIDE) {
            rc = hs_err_set(err, HS_EINVAL, 0,
                            "'%s': page %d: %lldx%lld pixels is too small to read", path, i + 1,
                            w, h);
            goto out;
        }
    }
    if ((rc = check_repaired(p, err)))
        goto out;
    p->npages = n;
    *npages = n;
out:
    if (rc)
        scan_pdf_close(p);
    else
        *out = p;
    return rc;
}

void scan_pdf_close(scan_pdf *p)
{
    if (!p)
        return;
    if (p->ctx) {
        fz_drop_document(p->ctx, p->doc);
        fz_drop_context(p->ctx);
    }
    free(p->plan);
    free(p);
}

int scan_pdf_kind(const scan_pdf *p, int index)
{
    return index >= 0 && index < p->npages ? p->plan[index].kind : 0;
}

/* An 8-bit grey, RGB or stencil pixmap into a new PIX: 1 bpp for bilevel images (a 1-bit
 * image or a stencil mask, as CCITT and JBIG2 scans are), 8 bpp grey, 32 bpp colour. */
static PIX *pix_from(fz_context *ctx, fz_pixmap *pm, int bilevel, int mask)
{
    int w = fz_pixmap_width(ctx, pm), h = fz_pixmap_height(ctx, pm), n = fz_pixmap_components(ctx, pm);
    const unsigned char *s = fz_pixmap_samples(ctx, pm);
    ptrdiff_t stride = fz_pixmap_stride(ctx, pm);
    PIX *pix = pixCreate(w, h, bilevel ? 1 : n >= 3 ? 32 : 8);
    if (!pix)
        return NULL;
    l_uint32 *data = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    for (int y = 0; y < h; y++) {
        const unsigned char *row = s + y * stride;
        l_uint32 *line = data + y * wpl;
        for (int x = 0; x < w; x++) {
            const unsigned char *px = row + x * n;
            if (bilevel) {
                /* leptonica: 1 is black. A stencil's samples are coverage (255: ink). */
                if (mask ? px[0] >= 128 : px[0] < 128)
                    SET_DATA_BIT(line, x);
            } else if (n >= 3) {
                composeRGBPixel(px[0], px[1], px[2], line + x);
            } else {
                SET_DATA_BYTE(line, x, px[0]);
            }
        }
    }
    return pix;
}

/* The page's one image, decoded at its own size and turned as the page shows it. */
static fz_pixmap *image_pixmap(scan_pdf *p, int index, int *bilevel, int *mask)
{
    fz_context *ctx = p->ctx;
    fz_page *page = NULL;
    probe_dev *dev = NULL;
    fz_pixmap *pm = NULL, *conv = NULL;
    fz_var(page);
    fz_var(dev);
    fz_var(pm);
    fz_var(conv);
    fz_try(ctx)
    {
        page = fz_load_page(ctx, p->doc, index);
        dev = fz_new_derived_device(ctx, probe_dev);
        dev->super.fill_image = probe_fill_image;
        dev->super.fill_image_mask = probe_fill_image_mask;
        fz_run_page(ctx, page, &dev->super, fz_identity, NULL);
        fz_close_device(ctx, &dev->super);
        if (!dev->image)
            fz_throw(ctx, FZ_ERROR_GENERIC, "the page's image is gone");
        fz_image *img = dev->image;
        *mask = dev->mask || img->imagemask;
        *bilevel = *mask || (img->bpc == 1 && img->n == 1 && !img->use_colorkey);
        pm = fz_get_unscaled_pixmap_from_image(ctx, img);
        int comps = fz_pixmap_colorants(ctx, pm);
        fz_colorspace *cs = fz_pixmap_colorspace(ctx, pm);
        /* anything but grey or RGB (CMYK, Lab, ICC-based, separations) becomes RGB; an
         * alpha channel goes with it */
        if (!*mask && (!cs || (fz_colorspace_type(ctx, cs) != FZ_COLORSPACE_GRAY &&
                               fz_colorspace_type(ctx, cs) != FZ_COLORSPACE_RGB) ||
                       fz_pixmap_alpha(ctx, pm) || (comps != 1 && comps != 3))) {
            conv = fz_convert_pixmap(ctx, pm, comps == 1 ? fz_device_gray(ctx) : fz_device_rgb(ctx),
                                     NULL, NULL, fz_default_color_params, 0);
            fz_drop_pixmap(ctx, pm);
            pm = conv;
            conv = NULL;
        }
    }
    fz_always(ctx)
    {
        if (dev)
            fz_drop_image(ctx, dev->image);
        fz_drop_device(ctx, &dev->super);
        fz_drop_page(ctx, page);
    }
    fz_catch(ctx)
    {
        fz_drop_pixmap(ctx, pm);
        fz_rethrow(ctx);
    }
    return pm;
}

int scan_pdf_load(scan_pdf *p, int index, PIX **out, int *dpi, hs_err *err)
{
    *out = NULL;
    *dpi = 0;
    fz_context *ctx = p->ctx;
    pdf_page_plan *pl = &p->plan[index];
    fz_pixmap *volatile pm = NULL;
    int bilevel = 0, mask = 0;
    fz_try(ctx)
    {
        if (pl->kind == SCAN_PDF_IMAGE) {
            pm = image_pixmap(p, index, &bilevel, &mask);
        } else {
            fz_matrix m = fz_scale(SCAN_DEFAULT_DPI / 72.0f, SCAN_DEFAULT_DPI / 72.0f);
            fz_page *page = fz_load_page(ctx, p->doc, index);
            fz_try(ctx) pm = fz_new_pixmap_from_page(ctx, page, m, fz_device_rgb(ctx), 0);
            fz_always(ctx) fz_drop_page(ctx, page);
            fz_catch(ctx) fz_rethrow(ctx);
        }
    }
    fz_catch(ctx)
    {
        char what[48];
        snprintf(what, sizeof what, hs_tr("page %d: cannot decode pdf page"), index + 1);
        return caught(p, HS_EFORMAT, what, err);
    }
    PIX *pix = pix_from(ctx, pm, bilevel, mask);
    fz_drop_pixmap(ctx, pm);
    if (pix && pl->kind == SCAN_PDF_IMAGE) {
        PIX *t = NULL;
        if (pl->turn)
            t = pixRotateOrth(pix, pl->turn);
        else if (pl->flip_x || pl->flip_y)
            t = pl->flip_x ? pixFlipLR(NULL, pix) : pixFlipTB(NULL, pix);
        if (t && pl->flip_x && pl->flip_y)
            pixFlipTB(t, t);
        if (pl->turn || pl->flip_x || pl->flip_y) {
            pixDestroy(&pix);
            pix = t;
        }
    }
    if (!pix)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    pixSetResolution(pix, pl->dpi, pl->dpi);
    *dpi = pl->dpi;
    *out = pix;
    return HS_OK;
}

int scan_pdf_text(scan_pdf *p, int index, char **text, hs_err *err)
{
    *text = NULL;
    fz_context *ctx = p->ctx;
    fz_stext_page *volatile st = NULL;
    fz_buffer *volatile buf = NULL;
    char *volatile copy = NULL;
    fz_try(ctx)
    {
        st = fz_new_stext_page_from_page_number(ctx, p->doc, index, NULL);
        buf = fz_new_buffer_from_stext_page(ctx, st);
        unsigned char *data = NULL;
        size_t len = fz_buffer_storage(ctx, buf, &data);
        copy = hs_utf8_nfc_lossy((const char *)data, len);
    }
    fz_always(ctx)
    {
        fz_drop_buffer(ctx, buf);
        fz_drop_stext_page(ctx, st);
    }
    fz_catch(ctx)
    {
        char what[48];
        snprintf(what, sizeof what, hs_tr("page %d: cannot read its text"), index + 1);
        return caught(p, HS_EFORMAT, what, err);
    }
    if (!copy)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    *text = copy;
    return HS_OK;
}

/* The JPEG data of the page's image when it can stand for the page as it is: plain DCT
 * (no colour transform asked for, no Decode array, no mask), grey or RGB, shown upright. */
static fz_buffer *jpeg_data(scan_pdf *p, int index)
{
    fz_context *ctx = p->ctx;
    fz_page *page = NULL;
    probe_dev *dev = NULL;
    fz_buffer *buf = NULL;
    fz_var(page);
    fz_var(dev);
    fz_var(buf);
    fz_try(ctx)
    {
        page = fz_load_page(ctx, p->doc, index);
        dev = fz_new_derived_device(ctx, probe_dev);
        dev->super.fill_image = probe_fill_image;
        dev->super.fill_image_mask = probe_fill_image_mask;
        fz_run_page(ctx, page, &dev->super, fz_identity, NULL);
        fz_close_device(ctx, &dev->super);
        fz_image *img = dev->image;
        fz_compressed_buffer *cb = img ? fz_compressed_image_buffer(ctx, img) : NULL;
        if (cb && cb->buffer && cb->params.type == FZ_IMAGE_JPEG &&
            cb->params.u.jpeg.color_transform == -1 && !dev->mask && !img->imagemask &&
            !img->mask && !img->use_decode && !img->use_colorkey && (img->n == 1 || img->n == 3))
            buf = fz_keep_buffer(ctx, cb->buffer);
    }
    fz_always(ctx)
    {
        if (dev)
            fz_drop_image(ctx, dev->image);
        fz_drop_device(ctx, &dev->super);
        fz_drop_page(ctx, page);
    }
    fz_catch(ctx) buf = NULL;
    return buf;
}

/* libjpeg reports errors by calling error_exit, which must not return: back to setjmp. */
typedef struct jpeg_fail {
    struct jpeg_error_mgr pub;
    jmp_buf jb;
} jpeg_fail;

static void jpeg_fail_exit(j_common_ptr c)
{
    longjmp(((jpeg_fail *)c->err)->jb, 1);
}

static void jpeg_fail_quiet(j_common_ptr c)
{
    (void)c; /* libjpeg's warnings go to stderr by default */
}

/* What scan_jpeg_optimize's setjmp must find again after a longjmp: on the heap, unchanged. */
typedef struct jpeg_job {
    struct jpeg_decompress_struct d;
    struct jpeg_compress_struct c;
    jpeg_fail fail;
    int made_d, made_c;
    unsigned char *out, *res;
    unsigned long out_len;
} jpeg_job;

/* The JPEG in[0..len-1] with Huffman tables made for its own data, its DCT coefficients
 * untouched: the same pixels when decoded, usually a tenth smaller (OCRmyPDF's first
 * optimisation does the same). A new malloc'd buffer and *out_len, or NULL when libjpeg
 * cannot read it or the result is not smaller. */
unsigned char *scan_jpeg_optimize(const unsigned char *in, size_t len, size_t *out_len)
{
    jpeg_job *j = calloc(1, sizeof *j);
    if (!j)
        return NULL;
    j->d.err = jpeg_std_error(&j->fail.pub);
    j->c.err = &j->fail.pub;
    j->fail.pub.error_exit = jpeg_fail_exit;
    j->fail.pub.output_message = jpeg_fail_quiet;
    if (setjmp(j->fail.jb))
        goto out;
    jpeg_create_decompress(&j->d);
    j->made_d = 1;
    jpeg_mem_src(&j->d, in, (unsigned long)len);
    jpeg_read_header(&j->d, TRUE);
    jvirt_barray_ptr *coef = jpeg_read_coefficients(&j->d);
    jpeg_create_compress(&j->c);
    j->made_c = 1;
    jpeg_mem_dest(&j->c, &j->out, &j->out_len);
    jpeg_copy_critical_parameters(&j->d, &j->c);
    j->c.optimize_coding = TRUE;
    jpeg_write_coefficients(&j->c, coef);
    jpeg_finish_compress(&j->c);
    jpeg_finish_decompress(&j->d);
    if (j->out && j->out_len < len) {
        j->res = j->out;
        j->out = NULL;
        *out_len = j->out_len;
    }
out:
    if (j->made_c)
        jpeg_destroy_compress(&j->c);
    if (j->made_d)
        jpeg_destroy_decompress(&j->d);
    unsigned char *res = j->res;
    free(j->out);
    free(j);
    return res;
}

int scan_pdf_jpeg(scan_pdf *p, int index, char **data, size_t *len, hs_err *err)
{
    *data = NULL;
    *len = 0;
    const pdf_page_plan *pl = &p->plan[index];
    if (pl->kind != SCAN_PDF_IMAGE || pl->codec != FZ_IMAGE_JPEG || pl->turn || pl->flip_x ||
        pl->flip_y)
        return HS_OK;
    fz_buffer *buf = jpeg_data(p, index);
    if (!buf)
        return HS_OK;
    unsigned char *d = NULL;
    size_t n = fz_buffer_storage(p->ctx, buf, &d);
    /* a JFIF/JPEG stream starts with SOI */
    int jpeg = n > 4 && d[0] == 0xff && d[1] == 0xd8;
    size_t on = 0;
    unsigned char *opt = jpeg ? scan_jpeg_optimize(d, n, &on) : NULL;
    if (opt) {
        *data = (char *)opt;
        *len = on;
    } else if (jpeg && (*data = malloc(n))) {
        memcpy(*data, d, n);
        *len = n;
    }
    fz_drop_buffer(p->ctx, buf);
    if (jpeg && !*data)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    return HS_OK;
}

const char *scan_pdf_codec(const scan_pdf *p, int index)
{
    if (index < 0 || index >= p->npages || p->plan[index].kind != SCAN_PDF_IMAGE)
        return NULL;
    switch (p->plan[index].codec) {
    case FZ_IMAGE_FAX:
        return "ccitt";
    case FZ_IMAGE_JBIG2:
        return "jbig2";
    case FZ_IMAGE_JPEG:
        return "jpeg";
    case FZ_IMAGE_JPX:
        return "jpx";
    case FZ_IMAGE_FLATE:
        return "flate";
    default:
        return "other";
    }
}
