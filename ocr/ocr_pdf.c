/* ocr_pdf.c - joins searchable PDFs (qpdf's C API): pages appended to a dossier later go
 * into its one dossier.pdf, after the pages already there, text layers and all. */
#include <qpdf/qpdf-c.h>
#include <stdio.h>

#include "ocr.h"

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

/* Reads the PDF at path into a new qpdf object (*q, for qpdf_cleanup even on failure). */
static int part_read(const char *path, qpdf_data *q, hs_err *err)
{
    *q = qpdf_init();
    qpdf_silence_errors(*q);
    qpdf_set_suppress_warnings(*q, QPDF_TRUE);
    if (qpdf_read(*q, path, NULL) & QPDF_ERRORS)
        return qpdf_fail(*q, path, err);
    return HS_OK;
}

int ocr_pdf_join(const char *const *inputs, int n, const char *out, hs_err *err)
{
    enum { MAX_PARTS = 65 };
    if (n < 1)
        return hs_err_set(err, HS_EINVAL, 0, "pdf: nothing to join");
    if (n > MAX_PARTS)
        return hs_err_set(err, HS_ELIMIT, 0, "pdf: more than %d parts to join", MAX_PARTS);
    /* the pages added keep references into their files until the output is written */
    qpdf_data part[MAX_PARTS] = {0};
    int rc = part_read(inputs[0], &part[0], err);
    for (int i = 1; i < n && rc == HS_OK; i++) {
        if ((rc = part_read(inputs[i], &part[i], err)))
            break;
        int pages = qpdf_get_num_pages(part[i]);
        if (pages < 0)
            rc = qpdf_fail(part[i], inputs[i], err);
        for (int p = 0; p < pages && rc == HS_OK; p++)
            if (qpdf_add_page(part[0], part[i], qpdf_get_page_n(part[i], (size_t)p), QPDF_FALSE) &
                QPDF_ERRORS)
                rc = qpdf_fail(part[0], inputs[i], err);
    }
    if (rc == HS_OK && ((qpdf_init_write(part[0], out) & QPDF_ERRORS) ||
                        (qpdf_write(part[0]) & QPDF_ERRORS)))
        rc = qpdf_fail(part[0], out, err);
    for (int i = 0; i < n; i++)
        if (part[i])
            qpdf_cleanup(&part[i]);
    return rc;
}
