/* ocr_pdf_pages.c - a PDF made of some pages of another (qpdf's C API): the searchable
 * PDF of a scanned stack is cut into the PDFs of the dossiers it is split into. */
#include <qpdf/qpdf-c.h>
#include <stdlib.h>

#include "ocr.h"

int ocr_pdf_select(const char *in, const int *pages, int n, const char *out, hs_err *err)
{
    qpdf_data q = qpdf_init();
    qpdf_silence_errors(q);
    qpdf_set_suppress_warnings(q, QPDF_TRUE);
    int rc = HS_OK, total = 0;
    char *keep = NULL;
    if (qpdf_read(q, in, NULL) & QPDF_ERRORS) {
        rc = hs_err_set(err, HS_EFORMAT, 0, "pdf: cannot read '%s'", in);
        goto out;
    }
    total = qpdf_get_num_pages(q);
    if (total < 0 || !(keep = calloc((size_t)total + 1, 1))) {
        rc = hs_err_set(err, HS_EFORMAT, 0, "pdf: '%s' has no pages", in);
        goto out;
    }
    for (int i = 0; i < n; i++) {
        if (pages[i] < 1 || pages[i] > total) {
            rc = hs_err_set(err, HS_EINVAL, 0, "pdf: '%s' has no page %d", in, pages[i]);
            goto out;
        }
        keep[pages[i] - 1] = 1;
    }
    /* from the last page back, so that the numbers of those still to look at hold */
    for (int p = total - 1; p >= 0; p--)
        if (!keep[p] && (qpdf_remove_page(q, qpdf_get_page_n(q, (size_t)p)) & QPDF_ERRORS)) {
            rc = hs_err_set(err, HS_EFORMAT, 0, "pdf: cannot remove page %d of '%s'", p + 1, in);
            goto out;
        }
    if ((qpdf_init_write(q, out) & QPDF_ERRORS) || (qpdf_write(q) & QPDF_ERRORS))
        rc = hs_err_set(err, HS_EIO, 0, "pdf: cannot write '%s'", out);
out:
    free(keep);
    qpdf_cleanup(&q);
    return rc;
}
