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
    int n;
    size_t cap; /* room in v (HS_VEC_RESERVE) */
    char *spool; /* the folder of the spool files (emptied and removed on free, unless
                  * spool_borrowed: a part of a split stack, whose files its stack owns) */
    int spool_borrowed;
    int pdf_pages; /* pages added to the searchable PDF so far */
    int carried; /* files of an appended dossier's old archive spooled so far */
    char *pdf;   /* spool file of the searchable PDF of the recognised pages, or NULL */
    char **more; /* the spool folders of parts joined in (pl_pages_join): removed on free */
    int nmore;
} pl_pages;

/* A bag's manifest in memory (pl_index, pl_verify): its paths and their SHA-256. */
typedef struct pl_sum {
    char *path, *sha;
} pl_sum;
typedef struct pl_sums {
    pl_sum *v;
    size_t n, cap;
} pl_sums;
/* Reads the manifest of r into *s (zeroed first; pl_sums_release also after a failure). */
int pl_sums_read(arc_reader *r, pl_sums *s, hs_err *err);
/* The checksum of path, or NULL for a path (or NULL) not in the manifest. */
const char *pl_sums_get(const pl_sums *s, const char *path);
void pl_sums_release(pl_sums *s);

/* The dossier code page pg gives (malloc'd) and *kind (PL_SHEET_*): a cover sheet's or
 * receipt's QR code, else a receipt's printed code; NULL for none (and for a separator). */
char *pl_page_code(const pl_page *pg, int *kind);

#endif
