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

int ocr_pdf_join(const char *const *inputs, int n, const char *out, hs_err *err)
{
    if (n < 1)
        return hs_err_set(err, HS_EINVAL, 0, "pdf: nothing to join");
    int rc = HS_OK;
    qpdf_data first = qpdf_init(), more[64] = {0};
    if (n > 64 + 1)
        return hs_err_set(err, HS_ELIMIT, 0, "pdf: more than 65 parts to join");
    qpdf_silence_errors(first);
    qpdf_set_suppress_warnings(first, QPDF_TRUE);
    if (qpdf_read(first, inputs[0], NULL) & QPDF_ERRORS) {
        rc = qpdf_fail(first, inputs[0], err);
        goto out;
    }
    for (int i = 1; i < n && rc == HS_OK; i++) {
        qpdf_data q = more[i - 1] = qpdf_init();
        qpdf_silence_errors(q);
        qpdf_set_suppress_warnings(q, QPDF_TRUE);
        if (qpdf_read(q, inputs[i], NULL) & QPDF_ERRORS) {
            rc = qpdf_fail(q, inputs[i], err);
            break;
        }
        int pages = qpdf_get_num_pages(q);
        if (pages < 0) {
            rc = qpdf_fail(q, inputs[i], err);
            break;
        }
        for (int p = 0; p < pages; p++) {
            if (qpdf_add_page(first, q, qpdf_get_page_n(q, (size_t)p), QPDF_FALSE) &
                QPDF_ERRORS) {
                rc = qpdf_fail(first, inputs[i], err);
                break;
            }
        }
    }
    if (rc == HS_OK && ((qpdf_init_write(first, out) & QPDF_ERRORS) ||
                        (qpdf_write(first) & QPDF_ERRORS)))
        rc = qpdf_fail(first, out, err);
out:
    /* the pages added keep references into their files until the output is written */
    for (int i = 0; i < 64; i++)
        if (more[i])
            qpdf_cleanup(&more[i]);
    qpdf_cleanup(&first);
    return rc;
}
