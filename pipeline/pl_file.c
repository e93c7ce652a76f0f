/* pipeline.c - wires the stages: image files -> cleanup -> OCR -> bag in a zip -> index.
 * Filing is all or nothing: every input is checked and recognised before anything is
 * written; the zip is written under a temporary name, indexed inside a transaction, and
 * renamed into place just before the commit. The index rows are always derived from the
 * archive itself (pl_index_archive), the same way reindex derives them. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pipeline.h"
#include "pl_int.h"
#include "fields.h"
#include "hs_vec.h"
#include "ocr.h"
#include "scan.h"

#define PL_DEFAULT_AGENCY "000.00.00.H00"

/* Empties and removes a spool folder: every file in it is ours. */
static void spool_remove(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.') {
            char *f = hs_path_join(dir, e->d_name);
            if (f)
                unlink(f);
            free(f);
        }
    if (d)
        closedir(d);
    rmdir(dir);
}

static void pages_release(pl_pages *p)
{
    for (int i = 0; i < p->n; i++) {
        json_decref(p->v[i].meta);
        free(p->v[i].image);
        free(p->v[i].text);
        free(p->v[i].hocr);
        free(p->v[i].alto);
    }
    free(p->v);
    free(p->pdf);
    if (p->spool && !p->spool_borrowed)
        spool_remove(p->spool);
    free(p->spool);
    for (int i = 0; i < p->nmore; i++) {
        spool_remove(p->more[i]);
        free(p->more[i]);
    }
    free(p->more);
    memset(p, 0, sizeof *p);
}

/* The spool folders of processes that are gone (killed mid-dossier): "hoso-PID-XXXXXX"
 * in the temporary folder, emptied and removed. */
void pl_spool_sweep(void)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp)
        tmp = "/tmp";
    DIR *d = opendir(tmp);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char *end = NULL;
        if (strncmp(e->d_name, "hoso-", 5) != 0)
            continue;
        long pid = strtol(e->d_name + 5, &end, 10);
        if (pid <= 0 || end == e->d_name + 5 || *end != '-' || strlen(end) != 7 ||
            kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue;
        pl_pages gone = {0};
        if ((gone.spool = hs_path_join(tmp, e->d_name)))
            pages_release(&gone);
    }
    if (d)
        closedir(d);
}

/* Writes len bytes to the spool file name; *path gets its full name. */
static int spool_write(const pl_pages *p, const char *name, const void *data, size_t len,
                       char **path, hs_err *err)
{
    *path = hs_path_join(p->spool, name);
    if (!*path)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    FILE *f = fopen(*path, "wb");
    int bad = !f || fwrite(data, 1, len, f) != len;
    if (f && fclose(f))
        bad = 1;
    if (bad) {
        int e = errno;
        unlink(*path);
        free(*path);
        *path = NULL;
        return hs_err_set(err, HS_EIO, e, "cannot write a spool file in '%s'", p->spool);
    }
    return HS_OK;
}

static pl_page *pages_push(pl_pages *p)
{
    if (HS_VEC_RESERVE(p->v, p->cap, (size_t)p->n + 1))
        return NULL;
    pl_page *pg = &p->v[p->n++];
    memset(pg, 0, sizeof *pg);
    return pg;
}

/* Rounds for the record: two decimals are all the precision these facts have. */
static double round2(double v)
{
    return (double)(long long)(v * 100 + (v < 0 ? -0.5 : 0.5)) / 100;
}

/* What the cleanup found and did, for the page's entry in dossier.json. */
static json_t *cleanup_json(const scan_clean_report *rep)
{
    return json_pack("{s:i, s:b, s:i, s:i, s:f, s:f, s:f, s:b, s:b, s:b, s:b, s:i, s:b, s:f}",
                     "dpi", rep->dpi, "scaled", rep->scaled, "glyph_height", rep->glyph_height,
                     "orientation", rep->orientation, "orientation_confidence",
                     round2(rep->orientation_conf), "skew", round2(rep->skew), "skew_confidence",
                     round2(rep->skew_conf), "blank", rep->blank, "noise", rep->noise,
                     "seal_removed", rep->seal_removed, "border_removed", rep->border_removed,
                     "specks_removed", rep->specks_removed, "softened", rep->softened, "seconds",
                     (double)(long long)(rep->seconds * 1000 + 0.5) / 1000);
}

/* Encodes the archival image into a spool file named after the page. */
static int spool_image(const pl_pages *pages, pl_page *pg, PIX *upright,
                       const scan_page_info *info, hs_err *err)
{
    char *data = NULL, name[32];
    size_t len = 0;
    int rc = scan_page_encode(upright, info, &data, &len, &pg->ext, err);
    if (rc == HS_OK) {
        snprintf(name, sizeof name, "%04d.%s", pages->n, pg->ext);
        rc = spool_write(pages, name, data, len, &pg->image, err);
    }
    free(data);
    return rc;
}

/* ---- PDF input (issue 20) ---- */

/* Copies the PDF src into the spool (*orig: the copy, in pages->spool): the searchable PDF
 * takes born-digital pages from it and the bag keeps it as data/original/NAME.pdf, the
 * bytes that were read even if the file changes before the dossier is filed. */
static int pdf_keep_original(scan_source *src, pl_pages *pages, char **orig, hs_err *err)
{
    *orig = NULL;
    char name[48];
    snprintf(name, sizeof name, "original-%04d.pdf", pages->n + 1);
    char *to = hs_path_join(pages->spool, name);
    if (!to)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    /* copied in pieces: a PDF may be far bigger than a page */
    FILE *in = fopen(scan_source_path(src), "rb"), *out = in ? fopen(to, "wb") : NULL;
    int rc = HS_OK, e = errno;
    char buf[65536];
    size_t n;
    while (out && (n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            break;
    if (!in)
        rc = hs_err_set(err, HS_EIO, e, "'%s'", scan_source_path(src));
    else if (!out || ferror(in) || ferror(out))
        rc = hs_err_set(err, HS_EIO, errno, "cannot copy '%s' to '%s'", scan_source_path(src),
                        pages->spool);
    if (in)
        fclose(in);
    if (out && fclose(out) && rc == HS_OK)
        rc = hs_err_set(err, HS_EIO, errno, "cannot copy '%s' to '%s'", scan_source_path(src),
                        pages->spool);
    if (rc) {
        unlink(to);
        free(to);
    } else {
        *orig = to;
    }
    return rc;
}

/* What a page of a PDF was, for its entry in dossier.json: "pdf_page" image (its one
 * scanned image, with "pdf_image" its compression), rendered or text (born digital); and
 * "_original", the spool copy of its PDF, which pdf_file_originals replaces by the path
 * of that copy in the bag. */
static int pdf_page_meta(json_t *m, scan_source *src, int i, const char *orig)
{
    static const char *const kinds[] = {"", "image", "rendered", "text"};
    int k = scan_page_kind(src, i);
    const char *codec = scan_page_codec(src, i);
    if (json_object_set_new(m, "pdf_page", json_string(kinds[k >= 1 && k <= 3 ? k : 0])) ||
        (codec && json_object_set_new(m, "pdf_image", json_string(codec))) ||
        json_object_set_new(m, "_original", json_string(orig)))
        return HS_ENOMEM;
    return HS_OK;
}

/* A born-digital page of a PDF keeps its own text, as OCRmyPDF's --skip-text does: no
 * cleanup, no OCR. The archive gets the page rendered at 300 dpi as its image, and the
 * searchable PDF the page itself, from orig (the spool copy of the PDF). */
static int pdf_text_page(ocr_engine *eng, scan_source *src, int i, const char *orig,
                         pl_pages *pages, hs_err *err)
{
    PIX *pix = NULL;
    scan_page_info info;
    char *text = NULL;
    pl_page *pg = pages_push(pages);
    if (!pg)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    int rc = scan_page_load(src, i, &pix, &info, err);
    if (rc == HS_OK)
        rc = scan_page_text(src, i, &text, err);
    if (rc == HS_OK)
        rc = spool_image(pages, pg, pix, &info, err);
    if (rc == HS_OK)
        rc = ocr_pdf_add_page(eng, orig, i, err);
    if (rc) {
        hs_err_prefix(err, "'%s': page %d", scan_source_path(src), i + 1);
        goto out;
    }
    /* it is the searchable PDF's next page, as a recognised page is */
    pg->pdf_page = ++pages->pdf_pages;
    pg->text = text;
    text = NULL;
    pg->meta = json_pack("{s:s, s:i, s:I, s:s, s:i, s:i, s:i, s:i, s:b, s:s}", "source",
                         hs_path_base(scan_source_path(src)), "source_page", i + 1, "source_size",
                         (json_int_t)scan_source_size(src), "format", scan_source_format(src),
                         "width", info.width, "height", info.height, "depth", info.depth, "dpi",
                         info.dpi, "dpi_assumed", info.dpi_assumed, "text_source", "pdf");
    if (!pg->meta || pdf_page_meta(pg->meta, src, i, orig))
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
out:
    free(text);
    pixDestroy(&pix);
    return rc;
}

/* The matrix (PDF's [a b c d e f]) that draws an image of w x h pixels into the unit square
 * of the archival image scan_page_prepare made of it (W x H): turned quads quarter turns,
 * then skew degrees, clockwise, about its centre, which leptonica's rotation keeps at the
 * centre of the image enlarged to hold the corners. In y-up pixel space, a point (x0, y0)
 * of the centred image goes to (x0 cos + y0 sin + cx, -x0 sin + y0 cos + cy). */
static void placed_matrix(int w, int h, int quads, double skew, int W, int H, double m[6])
{
    int tw = quads % 2 ? h : w, th = quads % 2 ? w : h;
    double a = (quads * 90 + skew) * 3.14159265358979323846 / 180, co = cos(a), si = sin(a);
    double cx = (W - tw) / 2 + tw / 2.0, cy = H - ((H - th) / 2 + th / 2.0);
    m[0] = w * co / W;
    m[1] = -w * si / H;
    m[2] = h * si / W;
    m[3] = h * co / H;
    m[4] = (cx - (w * co + h * si) / 2) / W;
    m[5] = (cy + (w * si - h * co) / 2) / H;
}

/* Names the image page i of src shows in the searchable PDF: its archival image, or a PDF
 * page's own JPEG when it holds the page's pixels (leptonica copies JPEG data into the PDF
 * as it is, where a PNG of the same pixels is several times larger, as OCRmyPDF keeps a
 * scan's JPEG). Unchanged (upright is pix), the JPEG covers the page; turned upright or
 * deskewed, the same JPEG is drawn turned (ocr_engine_pdf_image_placed): the scan's own
 * pixels under the text layer, not a lossless copy of resampled ones at 3x the bytes. */
static int pdf_show_image(ocr_engine *eng, scan_source *src, int i, pl_pages *pages,
                          const pl_page *pg, PIX *pix, PIX *upright, const scan_clean_report *rep,
                          hs_err *err)
{
    char *data = NULL, *file = NULL, name[32];
    size_t len = 0;
    int unchanged = upright == pix;
    int turned = !unchanged && (rep->orientation || rep->skew != 0);
    int rc = unchanged || turned ? scan_page_jpeg(src, i, &data, &len, err) : HS_OK;
    l_int32 jw = 0, jh = 0;
    if (rc == HS_OK && data && turned &&
        (readHeaderMemJpeg((const l_uint8 *)data, len, &jw, &jh, NULL, NULL, NULL) ||
         jw != pixGetWidth(pix) || jh != pixGetHeight(pix))) {
        /* not the pixels the cleanup turned: the archival image is shown */
        free(data);
        data = NULL;
    }
    if (rc == HS_OK && data) {
        snprintf(name, sizeof name, "%04d.jpg", pages->n);
        rc = spool_write(pages, name, data, len, &file, err);
    }
    if (rc == HS_OK && file && turned) {
        double m[6];
        placed_matrix(jw, jh, rep->orientation / 90, rep->skew, (int)pixGetWidth(upright),
                      (int)pixGetHeight(upright), m);
        rc = ocr_engine_pdf_image_placed(eng, file, m, err);
    } else if (rc == HS_OK) {
        rc = ocr_engine_pdf_image(eng, file ? file : pg->image, err);
    }
    free(file);
    free(data);
    return rc;
}

/* Recognises every page of one source and appends them to pages. Unless no_clean, each
 * page goes through the cleanup stage: the OCR reads the cleaned image, the archive keeps
 * the page as scanned, only turned upright and deskewed, and blank pages are not OCR'd. */
static int process_source(ocr_engine *eng, scan_source *src, const pl_options *opt,
                          pl_pages *pages, hs_err *err)
{
    int no_clean = opt->no_clean;
    int rc = HS_OK;
    char *orig = NULL; /* a PDF's spool copy */
    if (!strcmp(scan_source_format(src), "pdf") && (rc = pdf_keep_original(src, pages, &orig, err)))
        return rc;
    for (int i = 0; i < scan_source_page_count(src) && rc == HS_OK; i++) {
        if (scan_page_kind(src, i) == SCAN_PDF_TEXT) {
            rc = pdf_text_page(eng, src, i, orig, pages, err);
            if (opt->on_page)
                opt->on_page(opt->on_page_ud);
            continue;
        }
        PIX *pix = NULL, *clean = NULL, *upright = NULL;
        scan_page_info info;
        scan_clean_report rep;
        memset(&rep, 0, sizeof rep);
        ocr_result res = {0};
        json_t *codes = NULL;
        char dname[300];
        snprintf(dname, sizeof dname, "%s-p%d", hs_path_base(scan_source_path(src)), i + 1);
        scan_clean_opts dbg = {.debug_dir = opt->debug_dir, .debug_name = dname};
        pl_page *pg = pages_push(pages);
        if (!pg)
            return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        if ((rc = scan_page_load(src, i, &pix, &info, err)))
            goto next;
        if (no_clean) {
            clean = pixClone(pix);
            upright = pixClone(pix);
        } else if ((rc = scan_page_prepare(pix, &info, opt->debug_dir ? &dbg : NULL, &clean,
                                           &upright, &rep, err))) {
            hs_err_prefix(err, "'%s': page %d", scan_source_path(src), i + 1);
            goto next;
        }
        if (!no_clean && rep.blank && opt->drop_blank) {
            /* --drop-blank: a blank page (a duplex back side) is left out of the dossier */
            json_decref(pg->meta);
            pages->n--;
            goto next;
        }
        /* barcodes and QR codes, on the archival image before OCR: a receipt's code, a
         * cover or separator sheet; a page that cannot be scanned for them is still read */
        if (!(!no_clean && rep.blank)) {
            scan_code *sc = NULL;
            int nsc = 0;
            if (scan_page_codes(upright, info.dpi, &sc, &nsc, NULL) == HS_OK && nsc > 0 &&
                (codes = json_array())) {
                for (int k = 0; k < nsc; k++)
                    json_array_append_new(codes, json_pack("{s:s, s:s, s:[i, i, i, i]}", "type",
                                                           sc[k].type, "data", sc[k].data, "box",
                                                           sc[k].x0, sc[k].y0, sc[k].x1,
                                                           sc[k].y1));
            }
            scan_codes_free(sc, nsc);
        }
        if (!no_clean && rep.blank) {
            /* Tesseract can spend minutes on a page of noise; there is nothing to read */
            if (!(res.text = strdup(""))) {
                rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
                goto next;
            }
        } else if ((rc = spool_image(pages, pg, upright, &info, err)) ||
                   /* the PDF shows the archival image, not the OCR image */
                   (rc = pdf_show_image(eng, src, i, pages, pg, pix, upright, &rep, err)) ||
                   (rc = ocr_engine_page(eng, clean, no_clean ? info.dpi : rep.dpi, &res, err))) {
            hs_err_prefix(err, "'%s': page %d", scan_source_path(src), i + 1);
            goto next;
        }
        if (!pg->image && (rc = spool_image(pages, pg, upright, &info, err)))
            goto next;
        /* layout mode (hOCR) goes with the searchable PDF: the page is its next page */
        if (res.hocr)
            pg->pdf_page = ++pages->pdf_pages;
        char name[32];
        snprintf(name, sizeof name, "%04d.hocr", pages->n);
        if (res.hocr && (rc = spool_write(pages, name, res.hocr, strlen(res.hocr), &pg->hocr, err)))
            goto next;
        snprintf(name, sizeof name, "%04d.alto", pages->n);
        if (res.alto && (rc = spool_write(pages, name, res.alto, strlen(res.alto), &pg->alto, err)))
            goto next;
        pg->text = res.text;
        res.text = NULL;
        /* width and height are those of the archived image (turned, deskewed) */
        pg->meta = json_pack("{s:s, s:i, s:I, s:s, s:i, s:i, s:i, s:i, s:b, s:s, s:f, s:i}",
                             "source", hs_path_base(scan_source_path(src)), "source_page", i + 1,
                             "source_size", (json_int_t)scan_source_size(src), "format",
                             scan_source_format(src), "width", (int)pixGetWidth(upright),
                             "height", (int)pixGetHeight(upright), "depth", info.depth, "dpi",
                             info.dpi, "dpi_assumed", info.dpi_assumed, "lang",
                             ocr_engine_lang(eng), "ocr_confidence",
                             (double)(int)(res.confidence * 10 + 0.5) / 10, "words", res.words);
        if (pg->meta && !no_clean && json_object_set_new(pg->meta, "cleanup", cleanup_json(&rep)))
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        if (pg->meta && codes && json_object_set(pg->meta, "codes", codes))
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        if (pg->meta && orig && pdf_page_meta(pg->meta, src, i, orig))
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        if (!pg->meta)
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    next:
        json_decref(codes);
        ocr_result_release(&res);
        pixDestroy(&upright);
        pixDestroy(&clean);
        pixDestroy(&pix);
        if (opt->on_page)
            opt->on_page(opt->on_page_ud);
    }
    free(orig);
    return rc;
}

/* The searchable PDFs of the dossier as filed: held back from the new bag until the new
 * pages' PDF is joined to them. */
typedef struct old_pdf {
    char *path; /* in the bag, "data/dossier.pdf" */
    char *file; /* its spool copy */
} old_pdf;

typedef struct old_pdfs {
    old_pdf *v;
    int n;
    size_t cap;
} old_pdfs;

static void old_pdfs_release(old_pdfs *o)
{
    for (int i = 0; i < o->n; i++) {
        free(o->v[i].path);
        free(o->v[i].file);
    }
    free(o->v);
    memset(o, 0, sizeof *o);
}

/* Takes file (a spool path) on success. */
static int old_pdfs_add(old_pdfs *o, const char *path, char *file)
{
    if (HS_VEC_RESERVE(o->v, o->cap, (size_t)o->n + 1))
        return HS_ENOMEM;
    if (!(o->v[o->n].path = strdup(path)))
        return HS_ENOMEM;
    o->v[o->n++].file = file;
    return HS_OK;
}

/* Copies the pages of the dossier already filed under the same code into the new bag
 * (for --append), returning its dossier.json record in *old; its PDFs go to pdfs. */
typedef struct carry_ctx {
    arc_reader *r;
    arc_bag *bag;
    pl_pages *pages; /* its spool holds each file on its way, one at a time in memory */
    old_pdfs *pdfs;
    hs_buf *events; /* the old data/events.jsonl: the new one continues it */
    hs_err *err;
} carry_ctx;

static int carry_one(void *ud, const char *path, const char *sha)
{
    (void)sha;
    carry_ctx *c = ud;
    int kind = pl_bag_kind(path);
    if (kind == PL_BAG_TAG || kind == PL_BAG_RECORD_FILE)
        return HS_OK;
    char *data = NULL;
    size_t len = 0;
    int rc = arc_read(c->r, path, &data, &len, c->err);
    if (rc == HS_OK && kind == PL_BAG_EVENTS_FILE) {
        if (hs_buf_append(c->events, data, len) ||
            (len && data[len - 1] != '\n' && hs_buf_puts(c->events, "\n")))
            rc = hs_err_set(c->err, HS_ENOMEM, 0, "out of memory");
    } else if (rc == HS_OK) {
        char name[32], *file = NULL;
        snprintf(name, sizeof name, "old-%d", ++c->pages->carried);
        rc = spool_write(c->pages, name, data, len, &file, c->err);
        if (rc == HS_OK && kind == PL_BAG_SEARCHABLE) {
            if (old_pdfs_add(c->pdfs, path, file) == HS_OK)
                file = NULL;
            else
                rc = hs_err_set(c->err, HS_ENOMEM, 0, "out of memory");
        } else if (rc == HS_OK) {
            rc = arc_bag_add_file(c->bag, PL_BAG_IN_DATA(path), file, pl_bag_stored(path), c->err);
        }
        free(file);
    }
    free(data);
    return rc;
}

static int carry_old_pages(const pl_home *home, idx_db *db, const char *code, arc_bag *bag,
                           pl_pages *pages, old_pdfs *pdfs, hs_buf *events, pl_dossier **old,
                           char **rel, hs_err *err)
{
    char *record = NULL, *abs = NULL;
    arc_reader *r = NULL;
    int rc = idx_dossier_get(db, code, rel, &record, err);
    if (rc)
        return rc;
    if (!(abs = pl_home_abs(home, *rel))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    if ((rc = arc_open(abs, &r, err)) || (rc = pl_dossier_read(r, abs, old, err)))
        goto out;
    /* every payload file but the record, which is rewritten */
    carry_ctx cc = {r, bag, pages, pdfs, events, err};
    rc = arc_manifest_each(r, carry_one, &cc, err);
out:
    arc_close(r);
    free(abs);
    free(record);
    return rc;
}

/* The dossier code a page gives: a cover sheet's or a receipt's QR code, else the code
 * printed on a one-stop receipt ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả"), or NULL.
 * *kind says which (PL_SHEET_*). */
char *pl_page_code(const pl_page *pg, int *kind)
{
    char code[PL_CODE_MAX];
    json_t *f = NULL;
    *kind = PL_SHEET_NONE;
    /* a cover sheet wins over any other code on the page, a separator has none */
    int best = PL_SHEET_NONE;
    char found[PL_CODE_MAX] = "";
    for (size_t k = 0, n = pl_dossier_page_codes(pg->meta); k < n; k++) {
        int kd = pl_sheet_kind(pl_dossier_page_code_data(pg->meta, k), code);
        if (kd == PL_SHEET_COVER || kd == PL_SHEET_SEPARATOR || (kd && !best)) {
            if (best != PL_SHEET_COVER && best != PL_SHEET_SEPARATOR) {
                best = kd;
                strcpy(found, code);
            }
        }
    }
    if (best) {
        *kind = best;
        return best == PL_SHEET_SEPARATOR ? NULL : strdup(found);
    }
    if (!pg->text || fields_extract(pg->text, 1, &f, NULL))
        return NULL;
    json_t *dc = json_object_get(f, "dossier_code");
    const char *v = json_string_value(json_object_get(dc, "value"));
    const char *src = json_string_value(json_object_get(dc, "source"));
    double conf = json_number_value(json_object_get(dc, "confidence"));
    char *out = NULL;
    if (v && src && strcmp(src, "giay_tiep_nhan") == 0 && conf >= FIELDS_MIN_CONFIDENCE &&
        pl_code_valid(v) && (out = strdup(v)))
        *kind = PL_SHEET_RECEIPT;
    json_decref(f);
    return out;
}

/* The code the first page gives (a cover sheet or a receipt), or NULL. */
static char *receipt_code(const pl_pages *pages, int *kind)
{
    *kind = PL_SHEET_NONE;
    return pages->n > 0 ? pl_page_code(&pages->v[0], kind) : NULL;
}

static int make_code(pl_home *home, idx_db *db, const pl_options *opt, const pl_pages *pages,
                     char **code, int *exists, hs_err *err)
{
    *code = NULL;
    *exists = 0;
    int kind = PL_SHEET_NONE;
    char *from_receipt = opt->code ? NULL : receipt_code(pages, &kind);
    const char *given = opt->code ? opt->code : from_receipt;
    if (given) {
        int rc = idx_code_exists(db, given, exists, err);
        if (rc == HS_OK && *exists && !opt->append)
            rc =
                hs_err_set(err, HS_EEXIST, 0,
                           "dossier '%s'%s already exists (use --append to add pages to it)", given,
                           !from_receipt            ? ""
                           : kind == PL_SHEET_COVER ? hs_tr(" (the code on its cover sheet)")
                                                    : hs_tr(" (the code on its receipt page)"));
        /* a mistyped code must not quietly start a new dossier */
        if (rc == HS_OK && !*exists && opt->append)
            rc = hs_err_set(err, HS_ENOTFOUND, 0, "no dossier '%s' to append to", given);
        /* pl_home_adopt indexed every archive it could: one left is damaged */
        if (rc == HS_OK && !*exists && pl_code_on_disk(home, given))
            rc = hs_err_set(err, HS_EEXIST, 0,
                            "dossier '%s' has an archive the index cannot read; it is not "
                            "replaced (see 'hoso verify')",
                            given);
        if (rc == HS_OK && !(*code = strdup(given)))
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        free(from_receipt);
        return rc;
    }
    const char *agency = opt->agency ? opt->agency : home->agency ? home->agency : PL_DEFAULT_AGENCY;
    char prefix[128], day[32];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    /* The national one-stop code uses a two-digit year: <agency>-YYMMDD-NNNN. */
    snprintf(day, sizeof day, "%02d%02d%02d", tm.tm_year % 100, tm.tm_mon + 1, tm.tm_mday);
    snprintf(prefix, sizeof prefix, "%s-%s", agency, day);
    /* shard K of N numbers its dossiers K, K+N, K+2N ...: merged shards never clash */
    int stride = opt->shard_n > 1 ? opt->shard_n : 1, lane = opt->shard_n > 1 ? opt->shard_k - 1 : 0;
    /* a code whose zip is on disk but could not be indexed (damaged) is not handed out */
    for (;;) {
        int rc = idx_code_next(db, prefix, stride, lane, code, err);
        if (rc || !pl_code_on_disk(home, *code))
            return rc;
        free(*code);
        *code = NULL;
    }
}

/* An incremental recognition: one engine, one searchable PDF, the pages so far. */
struct pl_recog {
    ocr_engine *eng;       /* borrowed */
    const pl_options *opt; /* borrowed */
    pl_pages *pages;
    ocr_pdf *pdf;
    char *tmpdir, *base;
    int spent; /* a step failed or the pages were handed back: only free is left */
};

int pl_recognise_begin(ocr_engine *eng, const pl_options *opt, pl_recog **out, hs_err *err)
{
    *out = NULL;
    pl_recog *r = calloc(1, sizeof *r);
    int rc = HS_OK;
    if (!r || !(r->pages = calloc(1, sizeof *r->pages))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    r->eng = eng;
    r->opt = opt;
    /* the engine also renders hOCR, ALTO and a searchable PDF as it reads */
    const char *tmp = getenv("TMPDIR");
    hs_buf t;
    hs_buf_init(&t);
    if (hs_buf_printf(&t, "%s/hoso-%ld-XXXXXX", tmp && *tmp ? tmp : "/tmp", (long)getpid()) ||
        !(r->tmpdir = hs_buf_detach(&t, NULL)) || !mkdtemp(r->tmpdir) ||
        !(r->pages->spool = strdup(r->tmpdir))) {
        rc = hs_err_set(err, HS_EIO, errno, "cannot make a temporary folder");
        goto out;
    }
    ocr_engine_set_layout(eng, 1);
    if (!(r->base = hs_path_join(r->tmpdir, "dossier"))) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    if ((rc = ocr_pdf_begin(eng, r->base, "hoso", &r->pdf, err)))
        goto out;
    *out = r;
    r = NULL;
out:
    pl_recognise_free(r);
    return rc;
}

/* Recognises every page of an opened source into r (the one caller of process_source). */
static int recog_source(pl_recog *r, scan_source *src, hs_err *err)
{
    if (r->spent)
        return hs_err_set(err, HS_EINVAL, 0, "recognition already ended or failed");
    int rc = process_source(r->eng, src, r->opt, r->pages, err);
    if (rc)
        r->spent = 1;
    return rc;
}

int pl_recognise_add(pl_recog *r, const char *file, hs_err *err)
{
    scan_source *src = NULL;
    int rc = scan_source_open(file, &src, err);
    if (rc == HS_OK)
        rc = recog_source(r, src, err);
    else
        r->spent = 1;
    scan_source_close(src);
    return rc;
}

int pl_recognise_end(pl_recog *r, pl_pages **out, hs_err *err)
{
    *out = NULL;
    if (r->spent)
        return hs_err_set(err, HS_EINVAL, 0, "recognition already ended or failed");
    r->spent = 1;
    if (r->pages->n == 0)
        return hs_err_set(err, HS_EINVAL, 0,
                          "every page is blank (--drop-blank left nothing to file)");
    int rc;
    if (ocr_pdf_pages(r->pdf) > 0 &&
        (rc = ocr_pdf_end(r->eng, r->pdf, &r->pages->pdf, err)))
        return rc;
    *out = r->pages;
    r->pages = NULL;
    return HS_OK;
}

void pl_recognise_free(pl_recog *r)
{
    if (!r)
        return;
    if (r->eng) {
        ocr_engine_set_layout(r->eng, 0);
        ocr_pdf_free(r->eng, r->pdf);
    }
    if (r->tmpdir)
        rmdir(r->tmpdir);
    free(r->tmpdir);
    free(r->base);
    pl_pages_free(r->pages);
    free(r);
}

int pl_recognise(ocr_engine *eng, const pl_options *opt, char **files, int nfiles,
                 pl_pages **out, hs_err *err)
{
    *out = NULL;
    scan_source **src = calloc((size_t)nfiles + 1, sizeof *src);
    pl_recog *r = NULL;
    int rc = HS_OK;
    if (!src) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    /* Check every input before spending time on OCR. */
    for (int i = 0; i < nfiles; i++)
        if ((rc = scan_source_open(files[i], &src[i], err)))
            goto out;
    if ((rc = pl_recognise_begin(eng, opt, &r, err)))
        goto out;
    for (int i = 0; i < nfiles; i++) {
        if ((rc = recog_source(r, src[i], err)))
            goto out;
        scan_source_close(src[i]);
        src[i] = NULL;
    }
    rc = pl_recognise_end(r, out, err);
out:
    pl_recognise_free(r);
    for (int i = 0; src && i < nfiles; i++)
        scan_source_close(src[i]);
    free(src);
    return rc;
}

int pl_recognise_part(ocr_engine *eng, const pl_options *opt, const char *file, pl_pages **out,
                      hs_err *err)
{
    *out = NULL;
    pl_recog *r = NULL;
    int rc = pl_recognise_begin(eng, opt, &r, err);
    if (rc == HS_OK)
        rc = pl_recognise_add(r, file, err);
    if (rc == HS_OK && r->pages->n == 0) {
        /* every page blank and left out: a part with nothing in it, and no PDF */
        *out = r->pages;
        r->pages = NULL;
        r->spent = 1;
    } else if (rc == HS_OK) {
        rc = pl_recognise_end(r, out, err);
    }
    pl_recognise_free(r);
    return rc;
}

int pl_pages_join(pl_pages **parts, int n, pl_pages **out, hs_err *err)
{
    *out = NULL;
    pl_pages *s = n > 0 ? parts[0] : NULL;
    const char **pdfs = calloc((size_t)n + 1, sizeof *pdfs);
    char *joined = NULL;
    int npdf = 0, total = 0, rc = HS_OK;
    for (int k = 0; k < n; k++)
        total += parts[k] ? parts[k]->n : 0;
    if (!s || !pdfs) {
        rc = s ? hs_err_set(err, HS_ENOMEM, 0, "out of memory")
               : hs_err_set(err, HS_EINVAL, 0, "no pages to join");
        goto out;
    }
    if (n == 1) {
        parts[0] = NULL;
        goto out;
    }
    pl_page *v = realloc(s->v, (size_t)(total > 0 ? total : 1) * sizeof *v);
    char **more = realloc(s->more, (size_t)(s->nmore + n) * sizeof *more);
    if (v) {
        s->v = v;
        s->cap = total > 0 ? total : 1;
    }
    if (more)
        s->more = more;
    if (!v || !more) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    if (s->pdf)
        pdfs[npdf++] = s->pdf;
    for (int k = 1; k < n; k++) {
        pl_pages *p = parts[k];
        for (int i = 0; i < p->n; i++) {
            pl_page pg = p->v[i];
            if (pg.pdf_page)
                pg.pdf_page += s->pdf_pages;
            s->v[s->n++] = pg;
        }
        p->n = 0; /* the pages are s's now, and so are the part's spool files */
        s->pdf_pages += p->pdf_pages;
        if (p->pdf)
            pdfs[npdf++] = p->pdf;
        if (p->spool && !p->spool_borrowed) {
            s->more[s->nmore++] = p->spool;
            p->spool = NULL;
        }
    }
    if (npdf > 1) {
        /* the parts' searchable PDFs, one after the other */
        if (!(joined = hs_path_join(s->spool, "joined-parts.pdf")))
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        else
            rc = ocr_pdf_join(pdfs, npdf, joined, err);
        if (rc == HS_OK) {
            free(s->pdf);
            s->pdf = joined;
            joined = NULL;
        }
    } else if (npdf == 1 && pdfs[0] != s->pdf) {
        for (int k = 1; k < n; k++)
            if (parts[k]->pdf == pdfs[0])
                parts[k]->pdf = NULL;
        s->pdf = (char *)pdfs[0];
    }
    if (rc == HS_OK)
        parts[0] = NULL; /* s is handed back */
out:
    free(joined);
    free(pdfs);
    /* the parts joined in, and on failure s too */
    for (int k = 0; k < n; k++) {
        pl_pages_free(parts[k]);
        parts[k] = NULL;
    }
    if (rc)
        return rc;
    if (s->n == 0) {
        pl_pages_free(s);
        return hs_err_set(err, HS_EINVAL, 0,
                          "every page is blank (--drop-blank left nothing to file)");
    }
    *out = s;
    return HS_OK;
}

void pl_pages_free(pl_pages *p)
{
    if (!p)
        return;
    pages_release(p);
    free(p);
}

int pl_pages_count(const pl_pages *p)
{
    return p->n;
}

/* The searchable PDF of the bag, "pdf" in the record. An appended dossier's PDF (in the
 * order of the record's list) and the new pages' are joined into one dossier.pdf. Should
 * the old one not be joinable (a damaged file), it is kept as it was and the new pages'
 * PDF goes beside it as dossier-N.pdf, with a warning: nothing filed is lost. */
static int file_pdfs(pl_pages *pages, arc_bag *bag, pl_dossier *record, old_pdfs *pdfs,
                     pl_warn_fn warn, void *warn_ud, hs_err *err)
{
    const char **parts = calloc((size_t)pdfs->n + 1, sizeof *parts);
    const char **names = calloc((size_t)pdfs->n + 1, sizeof *names);
    char path[80];
    size_t nn = 0;
    if (!parts || !names) {
        free(parts);
        free(names);
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    }
    /* the old ones in the order the record lists them (each once), then any it does not
     * list */
    int n = 0;
    char *taken = calloc((size_t)pdfs->n + 1, 1);
    for (size_t k = 0; taken && k < pl_dossier_pdf_count(record); k++) {
        const char *want = pl_dossier_pdf(record, k);
        for (int i = 0; i < pdfs->n; i++)
            if (!taken[i] && !strcmp(want ? want : "", pdfs->v[i].path)) {
                parts[n++] = pdfs->v[i].file;
                taken[i] = 1;
            }
    }
    for (int i = 0; i < pdfs->n; i++)
        if (!taken || !taken[i])
            parts[n++] = pdfs->v[i].file;
    free(taken);
    int rc = HS_OK, joined = 0;
    if (pages->pdf && n > 0) {
        char *out = hs_path_join(pages->spool, "joined.pdf");
        hs_err e;
        parts[n] = pages->pdf;
        if (!out) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        } else if (ocr_pdf_join(parts, n + 1, out, &e) == HS_OK) {
            names[nn++] = pl_bag_pdf_path(path, sizeof path, 0);
            rc = arc_bag_add_file(bag, PL_BAG_IN_DATA(path), out, 1, err);
            joined = 1;
        } else {
            if (warn) {
                char msg[700];
                snprintf(msg, sizeof msg,
                         hs_tr("%s; the new pages' PDF is kept beside the old one"), e.msg);
                warn(warn_ud, msg);
            }
        }
        free(out);
    }
    if (!joined) {
        /* the old PDFs as they were, then the new pages' as the next dossier-N.pdf */
        for (int i = 0; i < pdfs->n && rc == HS_OK; i++) {
            rc = arc_bag_add_file(bag, PL_BAG_IN_DATA(pdfs->v[i].path), pdfs->v[i].file, 1, err);
            names[nn++] = pdfs->v[i].path;
        }
        if (rc == HS_OK && pages->pdf) {
            /* dossier.pdf, else the first dossier-N.pdf from N = count + 1 not taken */
            for (size_t k = nn, used = 1; used; k++) {
                pl_bag_pdf_path(path, sizeof path, k);
                used = 0;
                for (int i = 0; i < pdfs->n; i++)
                    used |= !strcmp(pdfs->v[i].path, path);
            }
            rc = arc_bag_add_file(bag, PL_BAG_IN_DATA(path), pages->pdf, 1, err);
            names[nn++] = path;
        }
    }
    if (pl_dossier_set_pdfs(record, names, nn) && rc == HS_OK)
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    free(parts);
    free(names);
    return rc;
}

/* The PDFs the pages came from, as they were read, in the bag as data/original/NAME.pdf
 * (the manifest holds their checksums): each page from one names it ("original"). A name
 * already in the dossier (an earlier filing's) gets "-2", "-3" ... before ".pdf". */
static int pdf_file_originals(pl_pages *pages, arc_bag *bag, const pl_dossier *record,
                              hs_err *err)
{
    json_t *done = json_object();
    int rc = done ? HS_OK : hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    for (int i = 0; i < pages->n && rc == HS_OK; i++) {
        json_t *m = pages->v[i].meta;
        const char *sp = json_string_value(json_object_get(m, "_original"));
        if (!sp)
            continue;
        json_t *path = json_object_get(done, sp);
        if (!path) {
            /* the source's name, NFC, its control characters and backslashes made '_' */
            const char *src = json_string_value(json_object_get(m, "source"));
            char *base = hs_utf8_nfc_lossy(src ? src : "original", strlen(src ? src : "original"));
            if (!base) {
                rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
                break;
            }
            for (char *c = base; *c; c++)
                if ((unsigned char)*c < 0x20 || *c == 0x7f || *c == '\\' || *c == '/')
                    *c = '_';
            size_t bl = strlen(base);
            if (bl > 4 && base[bl - 4] == '.' && (base[bl - 3] | 0x20) == 'p' &&
                (base[bl - 2] | 0x20) == 'd' && (base[bl - 1] | 0x20) == 'f')
                base[bl - 4] = '\0';
            char name[600];
            for (int k = 1;; k++) {
                pl_bag_original_path(name, sizeof name,
                                     base[0] == '.' || !base[0] ? "original" : base, k);
                int used = pl_dossier_original_used(record, name);
                const char *key;
                json_t *v;
                json_object_foreach(done, key, v) used |= !strcmp(name, json_string_value(v));
                if (!used)
                    break;
            }
            free(base);
            if ((rc = arc_bag_add_file(bag, PL_BAG_IN_DATA(name), sp, 1, err)))
                break;
            json_object_set_new(done, sp, json_string(name));
            path = json_object_get(done, sp);
        }
        if (pl_dossier_page_set_original(m, json_string_value(path))) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            break;
        }
        json_object_del(m, "_original");
    }
    json_decref(done);
    return rc;
}

/* The new pages' searchable PDF made PDF/A-2b, titled with the dossier's code and its
 * title (the document's title, else the procedure's, else its type). Should that fail (no
 * ICC profile installed), the PDF is filed as Tesseract made it, with a warning. */
static void pdf_archival(pl_pages *pages, const char *code, const pl_dossier *record,
                         const pl_options *opt)
{
    if (!pages->pdf)
        return;
    static const char *const keys[] = {"title", "procedure", "doc_type"};
    const char *t = NULL;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0] && !t; k++)
        t = pl_dossier_field_value(record, keys[k]);
    hs_buf title;
    hs_buf_init(&title);
    char *out = hs_path_join(pages->spool, "dossier-pdfa.pdf");
    hs_err e;
    hs_err_clear(&e);
    int rc = !out || hs_buf_printf(&title, "%s%s%s", code, t ? " - " : "", t ? t : "")
                 ? hs_err_set(&e, HS_ENOMEM, 0, "out of memory")
                 : ocr_pdf_archival(pages->pdf, out, title.data, &e);
    if (rc == HS_OK) {
        unlink(pages->pdf);
        free(pages->pdf);
        pages->pdf = out;
        out = NULL;
    } else if (opt->warn) {
        char msg[600];
        snprintf(msg, sizeof msg, hs_tr("%s; the searchable PDF is filed without PDF/A metadata"),
                 e.msg);
        opt->warn(opt->warn_ud, msg);
    }
    free(out);
    hs_buf_release(&title);
}

static int add_kept_event(void *ud, const char *event)
{
    hs_buf *b = ud;
    return hs_buf_puts(b, event) || hs_buf_puts(b, "\n") ? HS_ENOMEM : HS_OK;
}

/* The events of this filing, after those of the old bag (in *log already) and those the
 * index kept since (a fixity check, an export), which then leave the index: capture,
 * cleanup, ocr, extraction, then ingestion (a new dossier) or append. */
static int log_filing(idx_db *db, const char *code, const char *rel, const pl_pages *pages,
                      int first, int exists, const pl_options *opt, hs_buf *log, hs_err *err)
{
    int rc = idx_event_each(db, code, add_kept_event, log, err);
    if (rc == HS_OK)
        rc = idx_event_clear(db, code, err);
    if (rc)
        return rc;
    hs_buf src;
    hs_buf_init(&src);
    int turned = 0, deskewed = 0, blank = 0, seals = 0, borders = 0, read = 0, review = 0;
    double conf = 0;
    const char *last = NULL, *lang = NULL;
    for (int i = 0; i < pages->n; i++) {
        pl_dossier_page p;
        pl_dossier_page_meta(pages->v[i].meta, &p);
        const char *s = p.source;
        if (s && (!last || strcmp(s, last) != 0) && src.len < 600)
            hs_buf_printf(&src, "%s'%s'", src.len ? ", " : "", s);
        last = s;
        turned += p.turned;
        deskewed += p.deskewed;
        borders += p.border_removed;
        seals += p.seal_removed;
        if (p.blank) {
            blank++;
            continue;
        }
        read++;
        lang = p.lang;
        conf += p.confidence;
        review += p.needs_review;
    }
    char span[48];
    snprintf(span, sizeof span, pages->n == 1 ? "page %d" : "pages %d-%d", first + 1,
             first + pages->n);
    if (pl_event_line(log, pl_event_new("capture", "success", "%s from %s", span,
                                        src.data ? src.data : "?")) ||
        (!opt->no_clean &&
         pl_event_line(log, pl_event_new("cleanup", "success",
                                         "%s: %d turned upright, %d deskewed, %d with a border "
                                         "cut, %d with a seal kept out of the OCR image, %d blank",
                                         span, turned, deskewed, borders, seals, blank))) ||
        pl_event_line(log, pl_event_new("ocr", review ? "needs review" : "success",
                                        "%s: %d page%s read by Tesseract %s (%s), mean "
                                        "confidence %.1f, %d to review",
                                        span, read, read == 1 ? "" : "s", ocr_version(), lang ? lang : "-",
                                        read ? conf / read : 0.0, review)) ||
        pl_event_line(log, pl_event_new("extraction", "success",
                                        "fields of %s merged into the record", span)) ||
        pl_event_line(log, pl_event_new(exists ? "append" : "ingestion", "success",
                                        "%s %s '%s' as a BagIt bag with SHA-256 manifests", span,
                                        exists ? "added to" : "archived in", rel)))
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    hs_buf_release(&src);
    return rc;
}

typedef struct dupes_ctx {
    json_t *list;
    int first; /* pages up to this one were filed before: reported then */
    const pl_options *opt;
} dupes_ctx;

static int one_dupe(void *ud, const idx_dupe *d)
{
    dupes_ctx *c = ud;
    if (d->page <= c->first)
        return HS_OK;
    json_array_append_new(c->list, json_pack("{s:i, s:s, s:i, s:s, s:f}", "page", d->page,
                                             "dossier", d->other_code, "dossier_page",
                                             d->other_page, "kind", d->kind, "similarity",
                                             (double)(int)(d->similarity * 100 + 0.5) / 100));
    if (c->opt->warn) {
        char msg[400];
        if (!strcmp(d->kind, "image"))
            snprintf(msg, sizeof msg, hs_tr("page %d is the same image as page %d of '%s'"),
                     d->page, d->other_page, d->other_code);
        else
            snprintf(msg, sizeof msg, hs_tr("page %d reads like page %d of '%s' (similarity %.2f)"),
                     d->page, d->other_page, d->other_code, d->similarity);
        c->opt->warn(c->opt->warn_ud, msg);
    }
    return HS_OK;
}

/* The new pages of code that repeat pages filed under other codes, into res->duplicates. */
static int find_dupes(idx_db *db, const char *code, int first, const pl_options *opt,
                      pl_result *res, hs_err *err)
{
    dupes_ctx c = {json_array(), first, opt};
    if (!c.list)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    int rc = idx_dupes(db, code, IDX_DUPE_SIMILARITY, one_dupe, &c, err);
    if (rc == HS_OK && json_array_size(c.list))
        res->duplicates = c.list;
    else
        json_decref(c.list);
    return rc;
}

/* The record to file and its archive's path (*rel, relative to the home): a new
 * dossier's, or (exists) the filed one's, whose files are carried into bag, marked
 * updated; with the Tesseract version and the batch input. *first: pages filed before. */
static int record_start(const pl_home *home, idx_db *db, const pl_options *opt,
                        const char *code, int exists, arc_bag *bag, pl_pages *pages,
                        old_pdfs *pdfs, hs_buf *events, pl_dossier **record, char **rel,
                        int *first, hs_err *err)
{
    char created[32];
    hs_time_iso((long long)time(NULL), created);
    int rc;
    *first = 0;
    if (exists) {
        if ((rc = carry_old_pages(home, db, code, bag, pages, pdfs, events, record, rel, err)))
            return rc;
        *first = (int)pl_dossier_page_count(*record);
        if (pl_dossier_set_updated(*record, created))
            return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    } else {
        hs_buf b;
        hs_buf_init(&b);
        if (hs_buf_printf(&b, "archive/%.4s/%s.zip", created, code) == HS_OK)
            *rel = hs_buf_detach(&b, NULL);
        hs_buf_release(&b);
        if ((rc = pl_dossier_new(code, created, record, err)))
            return rc;
    }
    /* where a batch input came from: reindex rebuilds the batch journal from it */
    if (!*rel || pl_dossier_set_tesseract(*record, ocr_version()) ||
        (opt->batch && pl_dossier_set_batch(*record, opt->batch)))
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    return HS_OK;
}

/* Page num's fields (read with its hOCR: its columns told apart, every value with its box)
 * merged into the dossier's, the receipt page winning its own; its image, text, hOCR and
 * ALTO added to the bag (the bag takes its text). */
static int file_page(arc_bag *bag, pl_page *pg, int num, json_t *fields, hs_err *err)
{
    json_t *pf = NULL;
    char *hocr = NULL;
    size_t hlen = 0;
    if (pg->hocr && hs_file_read(pg->hocr, (size_t)32 << 20, &hocr, &hlen, NULL) != HS_OK)
        hocr = NULL;
    int rc = fields_extract_layout(pg->text, hocr, num, &pf, err);
    if (rc == HS_OK)
        rc = fields_merge(fields, pf, err);
    free(hocr);
    json_decref(pf);
    if (rc)
        return hs_err_prefix(err, "fields of page %d", num);
    char path[80];
    pl_bag_page_path(path, sizeof path, PL_BAG_IMAGE, num, pg->ext);
    if ((rc = arc_bag_add_file(bag, PL_BAG_IN_DATA(path), pg->image, 1, err)))
        return rc;
    pl_bag_page_path(path, sizeof path, PL_BAG_TEXT, num, NULL);
    char *text = pg->text;
    pg->text = NULL; /* the bag's now, also when adding fails */
    if ((rc = arc_bag_add(bag, PL_BAG_IN_DATA(path), text, strlen(text), 0, err)))
        return rc;
    if (pg->hocr) {
        pl_bag_page_path(path, sizeof path, PL_BAG_HOCR, num, NULL);
        if ((rc = arc_bag_add_file(bag, PL_BAG_IN_DATA(path), pg->hocr, 0, err)))
            return rc;
    }
    if (pg->alto) {
        pl_bag_page_path(path, sizeof path, PL_BAG_ALTO, num, NULL);
        if ((rc = arc_bag_add_file(bag, PL_BAG_IN_DATA(path), pg->alto, 0, err)))
            return rc;
    }
    return HS_OK;
}

/* The bag's last files, once every page is in: the original PDFs, the searchable PDF,
 * events.jsonl (events continues the old bag's), dossier.json, and bag-info.txt. */
static int bag_finish(const pl_home *home, idx_db *db, const pl_options *opt,
                      const char *code, const char *rel, pl_pages *pages, int first,
                      int exists, arc_bag *bag, pl_dossier *record, old_pdfs *pdfs,
                      hs_buf *events, hs_err *err)
{
    int rc;
    if ((rc = pdf_file_originals(pages, bag, record, err)))
        return rc;
    pdf_archival(pages, code, record, opt);
    if ((rc = file_pdfs(pages, bag, record, pdfs, opt->warn, opt->warn_ud, err)) ||
        (rc = log_filing(db, code, rel, pages, first, exists, opt, events, err)))
        return rc;
    size_t elen = 0, jlen = 0;
    char *etext = hs_buf_detach(events, &elen);
    if ((rc = arc_bag_add(bag, PL_BAG_IN_DATA(PL_BAG_EVENTS), etext, elen, 0, err)))
        return rc;
    char *json = pl_dossier_dump(record, &jlen);
    if (!json)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    if ((rc = arc_bag_add(bag, PL_BAG_IN_DATA(PL_BAG_RECORD), json, jlen, 0, err)))
        return rc;
    if ((rc = arc_bag_info_add(bag, "External-Identifier", code, err)) ||
        (rc = arc_bag_info_add(bag, "Source-Organization",
                               opt->agency ? opt->agency : home->agency ? home->agency : PL_DEFAULT_AGENCY,
                               err)) ||
        (rc = arc_bag_info_add(bag, "Bag-Software-Agent", "hoso " HS_VERSION, err)))
        return rc;
    return HS_OK;
}

int pl_file(pl_home *home, idx_db *db, const pl_options *opt, pl_pages *pages, pl_hook hook,
            void *hook_ud, pl_result *res, hs_err *err)
{
    memset(res, 0, sizeof *res);
    arc_bag *bag = NULL;
    pl_dossier *record = NULL;
    old_pdfs pdfs = {0};
    char *code = NULL, *rel = NULL, *final = NULL;
    hs_buf tmp, prev, events;
    hs_buf_init(&tmp);
    hs_buf_init(&prev);
    hs_buf_init(&events);
    int rc = HS_OK, in_txn = 0, exists = 0, first = 0;

    /* File: code, bag, zip, index, rename, commit. */
    if ((rc = idx_begin(db, err)))
        goto out;
    in_txn = 1;
    if ((rc = make_code(home, db, opt, pages, &code, &exists, err)))
        goto out;
    if ((rc = arc_bag_new(code, &bag, err)))
        goto out;
    if ((rc = record_start(home, db, opt, code, exists, bag, pages, &pdfs, &events, &record,
                           &rel, &first, err)))
        goto out;
    json_t *fields = pl_dossier_fields_edit(record);
    if (!fields) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    for (int i = 0; i < pages->n; i++) {
        pl_page *pg = &pages->v[i];
        int num = first + i + 1;
        if ((rc = file_page(bag, pg, num, fields, err)))
            goto out;
        json_t *m = pg->meta;
        if (pl_dossier_page_place(m, num, pg->ext)) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
        /* a page read with little confidence is listed for a person to check */
        json_t *blank = json_object_get(json_object_get(m, "cleanup"), "blank");
        double conf = json_number_value(json_object_get(m, "ocr_confidence"));
        if (!json_is_true(blank) && conf < home->review && !json_object_get(m, "text_source"))
            json_object_set_new(m, "needs_review", json_true());
        /* a value read with too little confidence to be given was left out of the fields:
         * its page needs a person (the review station offers it for confirmation), and so
         * does the dossier, with every such value's reason in "review_reasons" */
        json_t *rv;
        size_t k;
        json_array_foreach(json_object_get(fields, "review"), k, rv)
        {
            if (json_integer_value(json_object_get(rv, "page")) != num)
                continue;
            const char *why = json_string_value(json_object_get(rv, "reason"));
            const char *fld = json_string_value(json_object_get(rv, "field"));
            char reason[300];
            snprintf(reason, sizeof reason, "%s: %s", fld ? fld : "a field", why ? why : "unsure");
            if (!json_object_get(m, "review_reason"))
                json_object_set_new(m, "review_reason", json_string(reason));
            json_object_set_new(m, "needs_review", json_true());
            char where[340];
            snprintf(where, sizeof where, "page %d: %s", num, reason);
            if (pl_dossier_review_add(record, where)) {
                rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
                goto out;
            }
        }
        if (pl_dossier_page_add(record, m)) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
    }
    if ((rc = bag_finish(home, db, opt, code, rel, pages, first, exists, bag, record, &pdfs,
                         &events, err)))
        goto out;

    final = pl_home_abs(home, rel);
    if (!final) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    char *slash = strrchr(final, '/');
    *slash = '\0';
    rc = hs_mkdir_p(final, err);
    *slash = '/';
    if (rc)
        goto out;
    tmp.len = 0;
    if (hs_buf_printf(&tmp, "%s.tmp-%ld", final, (long)getpid())) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    if ((rc = arc_bag_write(bag, tmp.data, err)))
        goto out;
    /* Index what was written, read back from the zip, exactly as reindex would. */
    char *indexed = NULL;
    rc = pl_index_archive(db, tmp.data, rel, &indexed, err);
    free(indexed);
    if (rc)
        goto out;
    /* pages filed before under another code: said, never dropped */
    if ((rc = find_dupes(db, code, first, opt, res, err)))
        goto out;
    if (hook && (rc = hook(db, hook_ud, code, (int)pl_dossier_page_count(record), err)))
        goto out;
    /* An appended dossier's archive as it was, kept until the index has the new one. */
    if (exists) {
        prev.len = 0;
        if (hs_buf_printf(&prev, "%s.prev", tmp.data)) {
            rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
            goto out;
        }
        if (link(final, prev.data) != 0) {
            rc = hs_err_set(err, HS_EIO, errno, "archive: cannot keep '%s' aside", final);
            goto out;
        }
    }
    /* a new dossier never replaces a zip; an append replaces the one it read */
    if ((rc = exists ? arc_commit_replace(tmp.data, final, err) : arc_commit(tmp.data, final, err)))
        goto out;
    if ((rc = idx_commit(db, err))) {
        /* The index refused the dossier (a full disk, an I/O error): put the archive back
         * as it was, so that the archive and the index agree and the input can be filed
         * again. A crash here instead is mended by the next batch (orphans are indexed). */
        idx_rollback(db);
        in_txn = 0;
        if (prev.data ? rename(prev.data, final) : unlink(final)) {
            hs_buf_release(&prev); /* the old archive stays where it is */
            hs_err_prefix(err, "dossier '%s' was archived but not indexed (run 'hoso reindex')",
                          code);
        } else
            hs_err_prefix(err, "dossier '%s' not filed", code);
        goto out;
    }
    in_txn = 0;
    if (prev.data)
        unlink(prev.data);
    res->code = code;
    code = NULL;
    res->archive = final;
    final = NULL;
    res->pages = (int)pl_dossier_page_count(record);
    res->added = pages->n;
out:
    if (rc) {
        json_decref(res->duplicates);
        res->duplicates = NULL;
    }
    if (in_txn)
        idx_rollback(db);
    if (rc && tmp.data)
        unlink(tmp.data);
    if (rc && prev.data)
        unlink(prev.data);
    hs_buf_release(&tmp);
    hs_buf_release(&prev);
    hs_buf_release(&events);
    free(final);
    free(rel);
    free(code);
    pl_dossier_free(record);
    arc_bag_free(bag);
    old_pdfs_release(&pdfs);
    return rc;
}

int pl_file_dossier(pl_home *home, const pl_options *opt, char **files, int nfiles,
                    pl_result *res, hs_err *err)
{
    memset(res, 0, sizeof *res);
    ocr_engine *eng = NULL;
    pl_pages *pages = NULL;
    idx_db *db = NULL;
    int rc = ocr_engine_new(opt->lang, &eng, err);
    if (rc == HS_OK)
        rc = pl_recognise(eng, opt, files, nfiles, &pages, err);
    /* the models are big: free them before the archive is built */
    ocr_engine_free(eng);
    if (rc == HS_OK)
        rc = pl_home_index(home, 0, &db, err);
    if (rc == HS_OK)
        rc = pl_home_mend(home, db, opt->warn, opt->warn_ud, err);
    if (rc == HS_OK)
        rc = pl_file(home, db, opt, pages, NULL, NULL, res, err);
    idx_db_close(db);
    pl_pages_free(pages);
    return rc;
}

void pl_result_release(pl_result *r)
{
    json_decref(r->duplicates);
    free(r->code);
    free(r->archive);
    memset(r, 0, sizeof *r);
}
