/* pl_int.h - what the pipeline's files share: the recognised pages on their way to an
 * archive (pl_file.c makes and files them, pl_split.c cuts a stack of them into
 * dossiers). */
#ifndef HS_PL_INT_H
#define HS_PL_INT_H

#include "pipeline.h"

/* A page's archival image, hOCR and ALTO wait in spool files, not in memory: a dossier
 * of any length is filed with the memory of one page. Only the text (for the fields) is
 * kept. */
typedef struct pl_page {
    json_t *meta; /* the page's entry in dossier.json, without the numbered paths */
    char *image;  /* spool file of the archival image */
    const char *ext;
    char *text;
    char *hocr, *alto; /* spool files; NULL for pages not recognised (blank) */
    int pdf_page;      /* its page in the searchable PDF (1-based), 0 if not in it */
} pl_page;

typedef struct pl_pages {
    pl_page *v;
    int n, cap;
    char *spool; /* the folder of the spool files (emptied and removed on free, unless
                  * spool_borrowed: a part of a split stack, whose files its stack owns) */
    int spool_borrowed;
    int pdf_pages; /* pages added to the searchable PDF so far */
    int carried; /* files of an appended dossier's old archive spooled so far */
    char *pdf;   /* spool file of the searchable PDF of the recognised pages, or NULL */
    char **more; /* the spool folders of parts joined in (pl_pages_join): removed on free */
    int nmore;
} pl_pages;

/* The dossier code page pg gives (malloc'd) and *kind (PL_SHEET_*): a cover sheet's or
 * receipt's QR code, else a receipt's printed code; NULL for none (and for a separator). */
char *pl_page_code(const pl_page *pg, int *kind);

#endif
