/* ocr_engine.c - the Tesseract C API behind an opaque handle: init once per engine,
 * recognise page after page, text normalised to NFC. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <tesseract/capi.h>

#include "ocr.h"
#include "ocr_int.h"
#include "hs_vec.h"

struct ocr_engine {
    TessBaseAPI *api;
    char *lang;
    int timeout_ms; /* 0: none */
    int layout;     /* 1: hOCR and ALTO for every page */
    int page_no;    /* pages recognised, for the page numbers of hOCR/ALTO */
    ocr_pdf *pdf;   /* borrowed: the PDF pages are added to, or NULL */
};

struct ocr_pdf {
    TessResultRenderer *r;
    char *base;  /* the renderer writes base + ".pdf" */
    char *image; /* the PNG or JPEG file the next page shows, or NULL */
    char *g4;    /* the G4 TIFF or placed JPEG whose data the next page shows, or NULL */
    double placed[6]; /* with a JPEG in g4: its matrix (ocr_engine_pdf_image_placed) */
    char *blank; /* a 1x1 PNG Tesseract shows until a G4 scan replaces it, or NULL */
    int pages;   /* every page */
    int tess;    /* pages Tesseract's renderer added */
    int reshape; /* some page is a G4 image or another PDF's: ocr_pdf_assemble at the end */
    ocr_pdf_item *items;
    int nitems;
    size_t cap;
};

/* Appends a page to p's order; takes file (may be NULL); placed: NULL or a JPEG's matrix. */
static int pdf_item_push(ocr_pdf *p, char *file, int page, const double *placed)
{
    if (HS_VEC_RESERVE(p->items, p->cap, (size_t)p->nitems + 1)) {
        free(file);
        return HS_ENOMEM;
    }
    p->items[p->nitems].file = file;
    for (int k = 0; k < 6; k++)
        p->items[p->nitems].placed[k] = placed ? placed[k] : 0;
    p->items[p->nitems++].page = page;
    if (file)
        p->reshape = 1;
    return HS_OK;
}

/* Debian's tesseract-ocr-* packages install here; TESSDATA_PREFIX overrides it. */
#define OCR_TESSDATA_DEFAULT "/usr/share/tesseract-ocr/5/tessdata"

static int lang_valid(const char *lang)
{
    if (!*lang || strlen(lang) > 64)
        return 0;
    for (const char *p = lang; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '+'))
            return 0;
    return lang[0] != '+' && lang[strlen(lang) - 1] != '+' && !strstr(lang, "++");
}

/* Tesseract reports a missing model on stderr in several lines; check first so the user
 * gets one line naming the package to install. */
static int lang_installed(const char *lang, hs_err *err)
{
    const char *prefix = getenv("TESSDATA_PREFIX");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", prefix && *prefix ? prefix : OCR_TESSDATA_DEFAULT);
    struct stat st;
    if (stat(dir, &st) != 0)
        return HS_OK; /* unusual layout: let Tesseract search */
    char *copy = strdup(lang);
    if (!copy)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    int rc = HS_OK;
    char *save = NULL;
    for (char *l = strtok_r(copy, "+", &save); l; l = strtok_r(NULL, "+", &save)) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s.traineddata", dir, l);
        if (stat(path, &st) != 0) {
            rc = hs_err_set(err, HS_EOCR, 0,
                            "ocr: language '%s' is not installed (no '%s'; apt-get install "
                            "tesseract-ocr-%s)",
                            l, path, l);
            break;
        }
    }
    free(copy);
    return rc;
}

int ocr_engine_new(const char *lang, ocr_engine **out, hs_err *err)
{
    *out = NULL;
    if (!lang_valid(lang))
        return hs_err_set(err, HS_EINVAL, 0, "ocr: bad language '%s'", lang);
    int rc = lang_installed(lang, err);
    if (rc)
        return rc;
    ocr_engine *e = calloc(1, sizeof *e);
    if (!e || !(e->lang = strdup(lang))) {
        free(e);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    /* decided once, before the first region (and links ocr_omp.c's GOMP_parallel in) */
    (void)ocr_omp_serial();
    ocr_lept_ready(); /* and ocr_lept.c's pixWriteMem */
    e->api = TessBaseAPICreate();
    if (!e->api || TessBaseAPIInit3(e->api, NULL, lang) != 0) {
        ocr_engine_free(e);
        return hs_err_set(err, HS_EOCR, 0, "ocr: cannot load Tesseract models for '%s'", lang);
    }
    /* Tesseract writes diagnostics ("Estimating resolution", "Empty page") to stderr;
     * hoso reports errors itself, one line each. */
    TessBaseAPISetVariable(e->api, "debug_file", "/dev/null");
    TessBaseAPISetPageSegMode(e->api, PSM_AUTO);
    *out = e;
    return HS_OK;
}

void ocr_engine_free(ocr_engine *e)
{
    if (!e)
        return;
    if (e->api) {
        TessBaseAPIEnd(e->api);
        TessBaseAPIDelete(e->api);
    }
    free(e->lang);
    free(e);
}

void ocr_engine_set_timeout_ms(ocr_engine *e, int ms)
{
    e->timeout_ms = ms > 0 ? ms : 0;
}

const char *ocr_engine_lang(const ocr_engine *e)
{
    return e->lang;
}

int ocr_engine_page(ocr_engine *e, PIX *pix, int dpi, ocr_result *out, hs_err *err)
{
    memset(out, 0, sizeof *out);
    /* Tesseract's PDF renderer embeds the page as JPEG unless the image came from a PNG,
     * then lossless (flate): for pages of text flate is both sharper and smaller. */
    if (e->pdf && pixGetDepth(pix) > 1)
        pixSetInputFormat(pix, e->pdf->image || e->pdf->g4 ? IFF_UNKNOWN : IFF_PNG);
    TessBaseAPISetImage2(e->api, pix);
    TessBaseAPISetSourceResolution(e->api, dpi);
    /* Tesseract's own deadline stops a page that runs away (noise read as thousands of
     * tiny "characters") instead of letting it hold a worker for minutes. */
    ETEXT_DESC *mon = NULL;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (e->timeout_ms > 0 && (mon = TessMonitorCreate()))
        TessMonitorSetDeadlineMSecs(mon, e->timeout_ms);
    int failed = TessBaseAPIRecognize(e->api, mon) != 0;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    TessMonitorDelete(mon);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    if (e->timeout_ms > 0 && ms >= e->timeout_ms) {
        TessBaseAPIClear(e->api);
        return hs_err_set(err, HS_ELIMIT, 0, "ocr: stopped after %g s (the page time limit)",
                          e->timeout_ms / 1000.0);
    }
    if (failed) {
        TessBaseAPIClear(e->api);
        return hs_err_set(err, HS_EOCR, 0, "ocr: recognition failed");
    }
    if (e->layout) {
        /* Tesseract gives the page element only; its renderers add the document around
         * it when writing files. Do the same, so each file stands alone. */
        char *h = TessBaseAPIGetHOCRText(e->api, e->page_no);
        char *a = TessBaseAPIGetAltoText(e->api, e->page_no);
        hs_buf b;
        hs_buf_init(&b);
        if (h && !hs_buf_printf(&b,
                                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
                                "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
                                "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"vi\" "
                                "lang=\"vi\">\n<head>\n<title></title>\n"
                                "<meta http-equiv=\"Content-Type\" content=\"text/html;"
                                "charset=utf-8\"/>\n"
                                "<meta name=\"ocr-system\" content=\"tesseract %s\"/>\n"
                                "<meta name=\"ocr-capabilities\" content=\"ocr_page ocr_carea "
                                "ocr_par ocr_line ocrx_word ocrp_wconf\"/>\n</head>\n<body>\n%s"
                                "</body>\n</html>\n",
                                TessVersion(), h))
            out->hocr = hs_buf_detach(&b, NULL);
        hs_buf_release(&b);
        if (a && !hs_buf_printf(&b,
                                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                "<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v3#\" "
                                "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                                "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                                "xsi:schemaLocation=\"http://www.loc.gov/standards/alto/ns-v3# "
                                "http://www.loc.gov/alto/v3/alto-3-0.xsd\">\n"
                                "\t<Description>\n\t\t<MeasurementUnit>pixel</MeasurementUnit>\n"
                                "\t\t<OCRProcessing ID=\"OCR_0\">\n\t\t\t<ocrProcessingStep>\n"
                                "\t\t\t\t<processingSoftware>\n\t\t\t\t\t<softwareName>tesseract "
                                "%s</softwareName>\n\t\t\t\t</processingSoftware>\n"
                                "\t\t\t</ocrProcessingStep>\n\t\t</OCRProcessing>\n"
                                "\t</Description>\n\t<Layout>\n%s\t</Layout>\n</alto>\n",
                                TessVersion(), a))
            out->alto = hs_buf_detach(&b, NULL);
        hs_buf_release(&b);
        if (h)
            TessDeleteText(h);
        if (a)
            TessDeleteText(a);
    }
    e->page_no++;
    int failed_pdf = 0;
    if (e->pdf) {
        /* Given the archival PNG as a file, leptonica copies its compressed data into the
         * PDF as it is; else the renderer compresses the OCR image a second time. A page
         * whose G4 scan comes later shows a 1x1 PNG meanwhile: the page's size is the OCR
         * image's, and compressing that image (a tenth of a second) would be wasted. */
        const char *show = e->pdf->image ? e->pdf->image : e->pdf->g4 ? e->pdf->blank : NULL;
        if (show)
            TessBaseAPISetInputName(e->api, show);
        if (TessResultRendererAddImage(e->pdf->r, e->api)) {
            e->pdf->pages++;
            e->pdf->tess++;
            /* a G4 scan's data replaces the image Tesseract wrote when the PDF is ended */
            int placed = e->pdf->g4 && (e->pdf->placed[0] != 0 || e->pdf->placed[1] != 0);
            if (pdf_item_push(e->pdf, e->pdf->g4, -1, placed ? e->pdf->placed : NULL) == HS_OK)
                e->pdf->g4 = NULL;
            else
                failed_pdf = 1;
        }
        if (show)
            TessBaseAPISetInputName(e->api, "");
        free(e->pdf->image);
        e->pdf->image = NULL;
        free(e->pdf->g4);
        e->pdf->g4 = NULL;
    }
    if (failed_pdf) {
        TessBaseAPIClear(e->api);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    char *text = TessBaseAPIGetUTF8Text(e->api);
    int *confs = TessBaseAPIAllWordConfidences(e->api);
    int words = 0;
    long sum = 0;
    for (int i = 0; confs && confs[i] >= 0; i++) {
        sum += confs[i];
        words++;
    }
    TessDeleteIntArray(confs);
    out->text = hs_utf8_nfc_lossy(text ? text : "", text ? strlen(text) : 0);
    if (text)
        TessDeleteText(text);
    TessBaseAPIClear(e->api);
    if (!out->text)
        return hs_err_set(err, HS_ENOMEM, 0, "ocr: out of memory");
    out->words = words;
    out->confidence = words ? (double)sum / words : 0.0;
    return HS_OK;
}

void ocr_result_release(ocr_result *r)
{
    if (!r)
        return;
    free(r->text);
    free(r->hocr);
    free(r->alto);
    r->text = r->hocr = r->alto = NULL;
}

void ocr_engine_set_layout(ocr_engine *e, int on)
{
    e->layout = on;
}

int ocr_pdf_begin(ocr_engine *e, const char *base, const char *title, ocr_pdf **out, hs_err *err)
{
    *out = NULL;
    ocr_pdf *p = calloc(1, sizeof *p);
    if (!p || !(p->base = strdup(base))) {
        free(p);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    /* the renderer needs pdf.ttf (the invisible text's glyphs) from the tessdata folder */
    p->r = TessPDFRendererCreate(base, TessBaseAPIGetDatapath(e->api), 0);
    if (!p->r || !TessResultRendererBeginDocument(p->r, title)) {
        ocr_pdf_free(NULL, p);
        return hs_err_set(err, HS_EOCR, 0, "ocr: cannot start a PDF at '%s'", base);
    }
    e->pdf = p;
    e->page_no = 0;
    *out = p;
    return HS_OK;
}

/* file, the image the next page shows: placed NULL, a PNG, JPEG or G4 TIFF (ending
 * ".tif") covering the page; else a JPEG drawn with the matrix placed. */
static int pdf_image_set(ocr_engine *e, const char *file, const double *placed, hs_err *err)
{
    ocr_pdf *p = e->pdf;
    if (!p)
        return HS_OK;
    free(p->image);
    free(p->g4);
    p->image = p->g4 = NULL;
    for (int k = 0; k < 6; k++)
        p->placed[k] = placed ? placed[k] : 0;
    /* leptonica copies PNG and JPEG data into the PDF as it is, but re-encodes anything
     * else from the OCR image: a G4 TIFF's data, and a placed JPEG (which Tesseract would
     * stretch over the page), are put in afterwards (ocr_pdf_assemble) */
    size_t n = strlen(file);
    int g4 = placed || (n > 4 && !strcmp(file + n - 4, ".tif"));
    if (g4 && !p->blank) {
        hs_buf b;
        hs_buf_init(&b);
        /* 8-bit grey, not 1-bit: leptonica copies an 8-bit PNG's data as it is, but a
         * 1-bit PNG it transcodes, from the pix it is given, which is the whole OCR
         * image (7% of a G4 page's time went into compressing it, to be thrown away) */
        PIX *dot = pixCreate(1, 1, 8);
        if (dot)
            pixSetAllArbitrary(dot, 255);
        if (!dot || hs_buf_printf(&b, "%s-blank.png", p->base) || pixWrite(b.data, dot, IFF_PNG)) {
            pixDestroy(&dot);
            hs_buf_release(&b);
            return hs_err_set(err, HS_EIO, 0, "ocr: cannot write a file beside '%s'", p->base);
        }
        pixDestroy(&dot);
        p->blank = hs_buf_detach(&b, NULL);
    }
    char **to = g4 ? &p->g4 : &p->image;
    if (!(*to = strdup(file)))
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    return HS_OK;
}

int ocr_engine_pdf_image(ocr_engine *e, const char *file, hs_err *err)
{
    return pdf_image_set(e, file, NULL, err);
}

int ocr_engine_pdf_image_placed(ocr_engine *e, const char *file, const double m[6], hs_err *err)
{
    /* a matrix whose first column is zero draws nothing: refused, it marks "not placed" */
    if (m[0] == 0 && m[1] == 0)
        return hs_err_set(err, HS_EINVAL, 0, "ocr: a degenerate matrix for '%s'", file);
    return pdf_image_set(e, file, m, err);
}

int ocr_pdf_add_page(ocr_engine *e, const char *pdf_file, int index, hs_err *err)
{
    ocr_pdf *p = e->pdf;
    if (!p)
        return HS_OK;
    char *copy = strdup(pdf_file);
    if (!copy || pdf_item_push(p, copy, index, NULL))
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    p->pages++;
    return HS_OK;
}

int ocr_pdf_end(ocr_engine *e, ocr_pdf *p, char **path, hs_err *err)
{
    *path = NULL;
    if (e && e->pdf == p)
        e->pdf = NULL;
    if (!TessResultRendererEndDocument(p->r))
        return hs_err_set(err, HS_EOCR, 0, "ocr: cannot finish the PDF");
    TessDeleteResultRenderer(p->r);
    p->r = NULL;
    hs_buf b, tmp;
    hs_buf_init(&b);
    hs_buf_init(&tmp);
    if (hs_buf_printf(&b, "%s.pdf", p->base) || hs_buf_printf(&tmp, "%s-pages.pdf", p->base)) {
        hs_buf_release(&b);
        hs_buf_release(&tmp);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    int rc = HS_OK;
    if (p->reshape) {
        rc = ocr_pdf_assemble(b.data, p->tess, p->items, p->nitems, tmp.data, err);
        if (rc == HS_OK && rename(tmp.data, b.data) != 0)
            rc = hs_err_set(err, HS_EIO, errno, "pdf: cannot rename '%s'", tmp.data);
        if (rc)
            unlink(tmp.data);
    }
    hs_buf_release(&tmp);
    if (rc) {
        unlink(b.data);
        hs_buf_release(&b);
        return rc;
    }
    *path = hs_buf_detach(&b, NULL);
    return HS_OK;
}

int ocr_pdf_pages(const ocr_pdf *p)
{
    return p->pages;
}

void ocr_pdf_free(ocr_engine *e, ocr_pdf *p)
{
    if (!p)
        return;
    if (e && e->pdf == p)
        e->pdf = NULL;
    if (p->r) {
        TessDeleteResultRenderer(p->r);
        hs_buf path;
        hs_buf_init(&path);
        hs_buf_printf(&path, "%s.pdf", p->base);
        unlink(path.data);
        hs_buf_release(&path);
    }
    for (int i = 0; i < p->nitems; i++)
        free(p->items[i].file);
    free(p->items);
    free(p->image);
    free(p->g4);
    if (p->blank)
        unlink(p->blank);
    free(p->blank);
    free(p->base);
    free(p);
}

const char *ocr_version(void)
{
    return TessVersion();
}
