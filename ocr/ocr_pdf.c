/* ocr_pdf.c - the dossier's searchable PDF after Tesseract has written it (qpdf's C API):
 * 1-bit pages given their G4 scan as image, born-digital pages put in as they are
 * (ocr_pdf_assemble), PDF/A-2b metadata (ocr_pdf_archival: XMP, sRGB output intent,
 * document info), and pages appended to a dossier later joined into its one dossier.pdf. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <leptonica/allheaders.h>
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "ocr.h"
#include "ocr_int.h"

/* The message of qpdf's last error, into err; returns HS_EFORMAT. */
static int qpdf_fail(qpdf_data q, const char *what, hs_err *err)
{
    const char *msg = "unknown error";
    if (qpdf_has_error(q)) {
        qpdf_error e = qpdf_get_error(q);
        const char *t = e ? qpdf_get_error_full_text(q, e) : NULL;
        if (t)
            msg = t;
    }
    return hs_err_set(err, HS_EFORMAT, 0, "pdf: %s: %s", what, msg);
}

static qpdf_data quiet_init(void)
{
    qpdf_data q = qpdf_init();
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    return q;
}

/* Reads the PDF at path into a new qpdf object (*q, for qpdf_cleanup even on failure). */
static int part_read(const char *path, qpdf_data *q, hs_err *err)
{
    *q = quiet_init();
    if (qpdf_read(*q, path, NULL) & QPDF_ERRORS)
        return qpdf_fail(*q, path, err);
    return HS_OK;
}

/* Writes q to out; version, if not NULL, is the least PDF version of the output. */
static int write_out(qpdf_data q, const char *out, const char *version, hs_err *err)
{
    if ((qpdf_init_write(q, out) & QPDF_ERRORS))
        return qpdf_fail(q, out, err);
    if (version)
        qpdf_set_minimum_pdf_version(q, version);
    /* object streams: PDF/A-2 allows them, and they take a tenth off a text-heavy file */
    qpdf_set_object_stream_mode(q, qpdf_o_generate);
    if (qpdf_write(q) & QPDF_ERRORS)
        return qpdf_fail(q, out, err);
    return HS_OK;
}

/* ---- G4 images and born-digital pages ---- */

/* Gives every image of page the G4 data of the TIFF tif (one image: Tesseract's page
 * shows one, drawn over the whole page, so any pixel size covers the same area). */
static int page_g4(qpdf_data q, qpdf_oh page, const char *tif, hs_err *err)
{
    L_COMP_DATA *cid = NULL;
    if (l_generateCIData(tif, L_G4_ENCODE, 0, 0, &cid) != 0 || !cid)
        return hs_err_set(err, HS_EFORMAT, 0, "pdf: cannot read the G4 data of '%s'", tif);
    qpdf_oh xobjs = qpdf_oh_get_key(q, qpdf_oh_get_key(q, page, "/Resources"), "/XObject");
    int done = 0;
    qpdf_oh_begin_dict_key_iter(q, xobjs);
    while (qpdf_oh_dict_more_keys(q)) {
        qpdf_oh img = qpdf_oh_get_key(q, xobjs, qpdf_oh_dict_next_key(q));
        qpdf_oh dict = qpdf_oh_get_dict(q, img);
        if (!qpdf_oh_is_stream(q, img) ||
            !qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, dict, "/Subtype"), "/Image"))
            continue;
        char parms[160];
        snprintf(parms, sizeof parms, "<< /K -1 /Columns %d /Rows %d /BlackIs1 %s >>", cid->w,
                 cid->h, cid->minisblack ? "true" : "false");
        qpdf_oh_replace_stream_data(q, img, cid->datacomp, cid->nbytescomp,
                                    qpdf_oh_new_name(q, "/CCITTFaxDecode"), qpdf_oh_parse(q, parms));
        qpdf_oh_replace_key(q, dict, "/Width", qpdf_oh_new_integer(q, cid->w));
        qpdf_oh_replace_key(q, dict, "/Height", qpdf_oh_new_integer(q, cid->h));
        qpdf_oh_replace_key(q, dict, "/BitsPerComponent", qpdf_oh_new_integer(q, 1));
        qpdf_oh_replace_key(q, dict, "/ColorSpace", qpdf_oh_new_name(q, "/DeviceGray"));
        qpdf_oh_remove_key(q, dict, "/SMask");
        qpdf_oh_remove_key(q, dict, "/Decode");
        done++;
    }
    l_CIDataDestroy(&cid);
    if (done != 1)
        return hs_err_set(err, HS_EFORMAT, 0, "pdf: a page shows %d images, 1 expected", done);
    return HS_OK;
}

/* Turns the one image of page into a form that draws the JPEG file jpg with matrix m
 * (its unit square into the form's, which Tesseract's page maps onto the page): the scan's
 * own JPEG data, turned and deskewed by the viewer, not a second compression of new pixels.
 * A form is plain PDF/A-2 content (no transparency group); its box clips to the page. */
static int page_placed(qpdf_data q, qpdf_oh page, const char *jpg, const double m[6],
                       hs_err *err)
{
    L_COMP_DATA *cid = NULL;
    if (l_generateCIData(jpg, L_JPEG_ENCODE, 0, 0, &cid) != 0 || !cid ||
        (cid->spp != 1 && cid->spp != 3) || cid->bps != 8) {
        l_CIDataDestroy(&cid);
        return hs_err_set(err, HS_EFORMAT, 0, "pdf: '%s' is not a grey or RGB JPEG", jpg);
    }
    /* qpdf's C API has one key iterator: the image is found first, then changed */
    qpdf_oh xobjs = qpdf_oh_get_key(q, qpdf_oh_get_key(q, page, "/Resources"), "/XObject");
    qpdf_oh img = 0;
    int done = 0;
    qpdf_oh_begin_dict_key_iter(q, xobjs);
    while (qpdf_oh_dict_more_keys(q)) {
        qpdf_oh o = qpdf_oh_get_key(q, xobjs, qpdf_oh_dict_next_key(q));
        if (qpdf_oh_is_stream(q, o) &&
            qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, qpdf_oh_get_dict(q, o), "/Subtype"),
                                       "/Image")) {
            img = o;
            done++;
        }
    }
    if (done == 1) {
        qpdf_oh dict = qpdf_oh_get_dict(q, img);
        qpdf_oh jpeg = qpdf_oh_new_stream(q);
        qpdf_oh_replace_stream_data(q, jpeg, cid->datacomp, cid->nbytescomp,
                                    qpdf_oh_new_name(q, "/DCTDecode"), qpdf_oh_new_null(q));
        qpdf_oh jdict = qpdf_oh_get_dict(q, jpeg);
        qpdf_oh_replace_key(q, jdict, "/Type", qpdf_oh_new_name(q, "/XObject"));
        qpdf_oh_replace_key(q, jdict, "/Subtype", qpdf_oh_new_name(q, "/Image"));
        qpdf_oh_replace_key(q, jdict, "/Width", qpdf_oh_new_integer(q, cid->w));
        qpdf_oh_replace_key(q, jdict, "/Height", qpdf_oh_new_integer(q, cid->h));
        qpdf_oh_replace_key(q, jdict, "/ColorSpace",
                            qpdf_oh_new_name(q, cid->spp == 1 ? "/DeviceGray" : "/DeviceRGB"));
        qpdf_oh_replace_key(q, jdict, "/BitsPerComponent", qpdf_oh_new_integer(q, 8));
        /* the image becomes a form: its image keys go, its content draws the JPEG */
        static const char *const drop[] = {"/Width", "/Height", "/ColorSpace", "/BitsPerComponent",
                                           "/SMask", "/Decode", "/DecodeParms", "/Filter",
                                           "/Interpolate", "/Intent", "/ImageMask"};
        for (size_t k = 0; k < sizeof drop / sizeof drop[0]; k++)
            qpdf_oh_remove_key(q, dict, drop[k]);
        char content[300];
        int len = snprintf(content, sizeof content,
                           "q %.6f %.6f %.6f %.6f %.6f %.6f cm /Scan Do Q\n", m[0], m[1], m[2],
                           m[3], m[4], m[5]);
        qpdf_oh_replace_stream_data(q, img, (const unsigned char *)content, (size_t)len,
                                    qpdf_oh_new_null(q), qpdf_oh_new_null(q));
        qpdf_oh_replace_key(q, dict, "/Subtype", qpdf_oh_new_name(q, "/Form"));
        qpdf_oh_replace_key(q, dict, "/BBox", qpdf_oh_parse(q, "[0 0 1 1]"));
        qpdf_oh res = qpdf_oh_new_dictionary(q), xo = qpdf_oh_new_dictionary(q);
        qpdf_oh_replace_key(q, xo, "/Scan", jpeg);
        qpdf_oh_replace_key(q, res, "/XObject", xo);
        qpdf_oh_replace_key(q, dict, "/Resources", res);
    }
    l_CIDataDestroy(&cid);
    if (done != 1)
        return hs_err_set(err, HS_EFORMAT, 0, "pdf: a page shows %d images, 1 expected", done);
    return HS_OK;
}

int ocr_pdf_assemble(const char *tess_pdf, int tess_pages, const ocr_pdf_item *items, int n,
                     const char *out, hs_err *err)
{
    qpdf_data q = NULL;
    qpdf_data *other = calloc((size_t)n + 1, sizeof *other);
    int rc = HS_OK;
    if (!other)
        return hs_err_set(err, HS_ENOMEM, 0, "out of memory");
    if (tess_pages > 0) {
        if ((rc = part_read(tess_pdf, &q, err)))
            goto out;
    } else {
        q = quiet_init();
        if (qpdf_empty_pdf(q) & QPDF_ERRORS) {
            rc = qpdf_fail(q, out, err);
            goto out;
        }
    }
    /* pos: pages placed so far; Tesseract's next page is at pos */
    int pos = 0;
    for (int i = 0; i < n && rc == HS_OK; i++) {
        if (items[i].page < 0) {
            qpdf_oh pg = qpdf_get_page_n(q, (size_t)pos);
            if (items[i].file && (items[i].placed[0] != 0 || items[i].placed[1] != 0))
                rc = page_placed(q, pg, items[i].file, items[i].placed, err);
            else if (items[i].file)
                rc = page_g4(q, pg, items[i].file, err);
            pos++;
            continue;
        }
        /* the pages added keep references into their files until the output is written */
        if ((rc = part_read(items[i].file, &other[i], err)))
            break;
        qpdf_oh pg = qpdf_get_page_n(other[i], (size_t)items[i].page);
        int total = qpdf_get_num_pages(q);
        QPDF_ERROR_CODE e = pos < total ? qpdf_add_page_at(q, other[i], pg, QPDF_TRUE,
                                                           qpdf_get_page_n(q, (size_t)pos))
                                        : qpdf_add_page(q, other[i], pg, QPDF_FALSE);
        if (e & QPDF_ERRORS)
            rc = qpdf_fail(q, items[i].file, err);
        pos++;
    }
    if (rc == HS_OK)
        rc = write_out(q, out, NULL, err);
out:
    for (int i = 0; i < n; i++)
        if (other[i])
            qpdf_cleanup(&other[i]);
    free(other);
    if (q)
        qpdf_cleanup(&q);
    return rc;
}

/* ---- PDF/A-2b ---- */

/* The sRGB profile of Debian's icc-profiles-free, else colord's or Ghostscript's. */
static const char *const icc_paths[] = {
    "/usr/share/color/icc/sRGB.icc",
    "/usr/share/color/icc/colord/sRGB.icc",
    "/usr/share/color/icc/ghostscript/srgb.icc",
};

static int read_small(const char *path, unsigned char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    unsigned char *b = malloc(1 << 20);
    size_t n = b ? fread(b, 1, 1 << 20, f) : 0;
    fclose(f);
    if (!b || n == 0 || n == 1 << 20) {
        free(b);
        return -1;
    }
    *data = b;
    *len = n;
    return 0;
}

/* Text for XML content: & < > escaped. */
static int xml_text(hs_buf *b, const char *s)
{
    for (; *s; s++) {
        int rc = *s == '&'   ? hs_buf_puts(b, "&amp;")
                 : *s == '<' ? hs_buf_puts(b, "&lt;")
                 : *s == '>' ? hs_buf_puts(b, "&gt;")
                             : hs_buf_append(b, s, 1);
        if (rc)
            return rc;
    }
    return 0;
}

/* A random UUID (version 4), for the XMP document and instance IDs. */
static void uuid_make(char out[37])
{
    unsigned char r[16] = {0};
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || read(fd, r, sizeof r) != (ssize_t)sizeof r) {
        unsigned long long t = (unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 32);
        for (int i = 0; i < 16; i++)
            r[i] ^= (unsigned char)(t >> (8 * (i % 8))) ^ (unsigned char)(i * 37);
    }
    if (fd >= 0)
        close(fd);
    r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
    r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", r[0],
             r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13],
             r[14], r[15]);
}

/* The streams of the XObject dictionary of res into v (at most max; *n counted on). */
static void xobjects_of(qpdf_data q, qpdf_oh res, qpdf_oh *v, int *n, int max)
{
    qpdf_oh xobjs = qpdf_oh_get_key(q, res, "/XObject");
    if (!qpdf_oh_is_dictionary(q, xobjs))
        return;
    qpdf_oh_begin_dict_key_iter(q, xobjs);
    while (qpdf_oh_dict_more_keys(q)) {
        qpdf_oh o = qpdf_oh_get_key(q, xobjs, qpdf_oh_dict_next_key(q));
        if (qpdf_oh_is_stream(q, o) && *n < max)
            v[(*n)++] = o;
    }
}

/* The JPEG images of page deflated on top (/Filter [/FlateDecode /DCTDecode]) where that
 * saves at least 3%: lossless, the same JPEG once inflated. The entropy-coded data of a
 * grey scan of text still has runs that flate finds (OCRmyPDF does the same). */
static void page_deflate_jpegs(qpdf_data q, qpdf_oh page)
{
    /* the page's images, and those of its forms (a placed scan, page_placed), one level:
     * qpdf's C API has one key iterator, so they are listed before being looked at */
    qpdf_oh v[64];
    int n = 0;
    xobjects_of(q, qpdf_oh_get_key(q, page, "/Resources"), v, &n, 32);
    for (int i = 0, top = n; i < top; i++)
        if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, qpdf_oh_get_dict(q, v[i]), "/Subtype"),
                                       "/Form"))
            xobjects_of(q, qpdf_oh_get_key(q, qpdf_oh_get_dict(q, v[i]), "/Resources"), v, &n, 64);
    for (int i = 0; i < n; i++) {
        qpdf_oh img = v[i];
        if (!qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, qpdf_oh_get_dict(q, img), "/Filter"),
                                        "/DCTDecode"))
            continue;
        unsigned char *raw = NULL, *z = NULL;
        size_t len = 0;
        if ((qpdf_oh_get_stream_data(q, img, qpdf_dl_none, NULL, &raw, &len) & QPDF_ERRORS) ||
            !raw) {
            free(raw);
            continue;
        }
        uLongf zlen = compressBound((uLong)len);
        if ((z = malloc(zlen)) && compress2(z, &zlen, raw, (uLong)len, 9) == Z_OK &&
            zlen < len - len / 33)
            qpdf_oh_replace_stream_data(q, img, z, zlen, qpdf_oh_parse(q, "[/FlateDecode /DCTDecode]"),
                                        qpdf_oh_new_null(q));
        free(z);
        free(raw);
    }
}

static void set_dict_stream(qpdf_data q, qpdf_oh stream, const char *type, const char *subtype)
{
    qpdf_oh d = qpdf_oh_get_dict(q, stream);
    qpdf_oh_replace_key(q, d, "/Type", qpdf_oh_new_name(q, type));
    if (subtype)
        qpdf_oh_replace_key(q, d, "/Subtype", qpdf_oh_new_name(q, subtype));
}

int ocr_pdf_archival(const char *in, const char *out, const char *title, hs_err *err)
{
    qpdf_data q = NULL;
    unsigned char *icc = NULL;
    size_t icc_len = 0;
    hs_buf x;
    hs_buf_init(&x);
    int rc = HS_OK;
    for (size_t i = 0; i < sizeof icc_paths / sizeof icc_paths[0] && !icc; i++)
        read_small(icc_paths[i], &icc, &icc_len);
    if (!icc)
        return hs_err_set(err, HS_ENOTFOUND, 0,
                          "pdf: no sRGB ICC profile for PDF/A (apt-get install icc-profiles-free)");
    if ((rc = part_read(in, &q, err)))
        goto out;
    /* one moment in both forms: Info's D:YYYYMMDDHHmmSS+00'00' and XMP's ISO 8601, which
     * PDF/A requires to agree */
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    char pdfdate[40], isodate[40], docid[37], instid[37];
    strftime(pdfdate, sizeof pdfdate, "D:%Y%m%d%H%M%S+00'00'", &tm);
    strftime(isodate, sizeof isodate, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
    uuid_make(docid);
    uuid_make(instid);
    char producer[96];
    snprintf(producer, sizeof producer, "hoso %s with Tesseract %s and qpdf %s", HS_VERSION,
             ocr_version(), qpdf_get_qpdf_version());

    /* the document information dictionary, exactly as the XMP below says it */
    qpdf_oh trailer = qpdf_get_trailer(q);
    qpdf_oh info = qpdf_oh_new_object(q, qpdf_oh_new_dictionary(q));
    qpdf_oh_replace_key(q, info, "/Title", qpdf_oh_new_unicode_string(q, title));
    qpdf_oh_replace_key(q, info, "/Creator", qpdf_oh_new_unicode_string(q, "hoso " HS_VERSION));
    qpdf_oh_replace_key(q, info, "/Producer", qpdf_oh_new_unicode_string(q, producer));
    qpdf_oh_replace_key(q, info, "/CreationDate", qpdf_oh_new_string(q, pdfdate));
    qpdf_oh_replace_key(q, info, "/ModDate", qpdf_oh_new_string(q, pdfdate));
    qpdf_oh_replace_key(q, trailer, "/Info", info);

    /* XMP (ISO 16684-1), unfiltered: PDF/A readers must find it without decoding */
    if (hs_buf_puts(&x, "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                        "<rdf:Description rdf:about=\"\"\n"
                        " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
                        " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                        " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                        " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                        " xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\">\n"
                        "<pdfaid:part>2</pdfaid:part>\n"
                        "<pdfaid:conformance>B</pdfaid:conformance>\n"
                        "<dc:format>application/pdf</dc:format>\n"
                        "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">") ||
        xml_text(&x, title) ||
        hs_buf_printf(&x,
                      "</rdf:li></rdf:Alt></dc:title>\n"
                      "<xmp:CreatorTool>hoso %s</xmp:CreatorTool>\n"
                      "<xmp:CreateDate>%s</xmp:CreateDate>\n"
                      "<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                      "<xmp:MetadataDate>%s</xmp:MetadataDate>\n"
                      "<pdf:Producer>",
                      HS_VERSION, isodate, isodate, isodate) ||
        xml_text(&x, producer) ||
        hs_buf_printf(&x,
                      "</pdf:Producer>\n"
                      "<xmpMM:DocumentID>uuid:%s</xmpMM:DocumentID>\n"
                      "<xmpMM:InstanceID>uuid:%s</xmpMM:InstanceID>\n"
                      "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
                      "<?xpacket end=\"w\"?>\n",
                      docid, instid)) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "out of memory");
        goto out;
    }
    qpdf_oh root = qpdf_get_root(q);
    qpdf_oh meta = qpdf_oh_new_stream(q);
    qpdf_oh_replace_stream_data(q, meta, (const unsigned char *)x.data, x.len, qpdf_oh_new_null(q),
                                qpdf_oh_new_null(q));
    set_dict_stream(q, meta, "/Metadata", "/XML");
    qpdf_oh_replace_key(q, root, "/Metadata", meta);

    /* the colour of DeviceRGB and DeviceGray images is sRGB's (PDF/A-2, 6.2.4.3) */
    qpdf_oh prof = qpdf_oh_new_stream(q);
    qpdf_oh_replace_stream_data(q, prof, icc, icc_len, qpdf_oh_new_null(q), qpdf_oh_new_null(q));
    qpdf_oh_replace_key(q, qpdf_oh_get_dict(q, prof), "/N", qpdf_oh_new_integer(q, 3));
    qpdf_oh intent = qpdf_oh_parse(q, "<< /Type /OutputIntent /S /GTS_PDFA1 "
                                      "/OutputConditionIdentifier (sRGB IEC61966-2.1) "
                                      "/Info (sRGB IEC61966-2.1) >>");
    qpdf_oh_replace_key(q, intent, "/DestOutputProfile", prof);
    qpdf_oh intents = qpdf_oh_new_array(q);
    qpdf_oh_append_item(q, intents, intent);
    qpdf_oh_replace_key(q, root, "/OutputIntents", intents);

    /* PDF/A forbids transparency groups on pages in -1 and restricts them in -2; Tesseract
     * makes none, and a born-digital page's are dropped (its content still draws) */
    int np = qpdf_get_num_pages(q);
    for (int i = 0; i < np; i++) {
        qpdf_oh pg = qpdf_get_page_n(q, (size_t)i);
        qpdf_oh_remove_key(q, pg, "/Group");
        page_deflate_jpegs(q, pg);
    }
    if (qpdf_has_error(q)) {
        rc = qpdf_fail(q, in, err);
        goto out;
    }
    /* PDF 1.7 is the base of PDF/A-2; the trailer gets a new /ID when written */
    rc = write_out(q, out, "1.7", err);
out:
    hs_buf_release(&x);
    free(icc);
    if (q)
        qpdf_cleanup(&q);
    return rc;
}

/* ---- joining ---- */

int ocr_pdf_join(const char *const *inputs, int n, const char *out, hs_err *err)
{
    enum { MAX_PARTS = 65 };
    if (n < 1)
        return hs_err_set(err, HS_EINVAL, 0, "pdf: nothing to join");
    if (n > MAX_PARTS)
        return hs_err_set(err, HS_ELIMIT, 0, "pdf: more than %d parts to join", MAX_PARTS);
    /* The last part (the newest pages, made PDF/A with the dossier's metadata as it is now)
     * is the base: its catalog, XMP and output intent are the output's, and the earlier
     * parts' pages go in front of its own. The pages added keep references into their
     * files until the output is written. */
    qpdf_data part[MAX_PARTS] = {0};
    int rc = part_read(inputs[n - 1], &part[n - 1], err);
    qpdf_data base = part[n - 1];
    qpdf_oh first = rc == HS_OK && qpdf_get_num_pages(base) > 0 ? qpdf_get_page_n(base, 0) : 0;
    for (int i = 0; i < n - 1 && rc == HS_OK; i++) {
        if ((rc = part_read(inputs[i], &part[i], err)))
            break;
        int pages = qpdf_get_num_pages(part[i]);
        if (pages < 0)
            rc = qpdf_fail(part[i], inputs[i], err);
        for (int p = 0; p < pages && rc == HS_OK; p++) {
            qpdf_oh pg = qpdf_get_page_n(part[i], (size_t)p);
            QPDF_ERROR_CODE e = first ? qpdf_add_page_at(base, part[i], pg, QPDF_TRUE, first)
                                      : qpdf_add_page(base, part[i], pg, QPDF_FALSE);
            if (e & QPDF_ERRORS)
                rc = qpdf_fail(base, inputs[i], err);
        }
    }
    if (rc == HS_OK)
        rc = write_out(base, out, NULL, err);
    for (int i = 0; i < n; i++)
        if (part[i])
            qpdf_cleanup(&part[i]);
    return rc;
}
