/* test_dossier.c - the dossier record module (pipeline/pl_dossier.c): a record built the way
 * pl_file builds it has the JSON shape every filed archive has; records filed by earlier
 * versions (tests/data/dossier/, taken from real bags) read and write back byte for byte;
 * such a record in a real bag is indexed from it into a real SQLite index; bad records are
 * refused with a message naming the archive. No OCR: fast. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pipeline.h"
#include "testhelp.h"

static char *slurp(const char *name, size_t *len)
{
    char path[512], *data = NULL;
    snprintf(path, sizeof path, "%s/dossier/%s", HS_TEST_DATA, name);
    return hs_file_read(path, 1 << 20, &data, len, NULL) == HS_OK ? data : NULL;
}

/* The bag's names, and what each path of a bag is. */
static int t_layout(void)
{
    char p[80];
    T_STREQ(pl_bag_page_path(p, sizeof p, PL_BAG_IMAGE, 7, "tif"), "data/images/0007.tif");
    T_STREQ(pl_bag_page_path(p, sizeof p, PL_BAG_TEXT, 12, NULL), "data/text/0012.txt");
    T_STREQ(pl_bag_page_path(p, sizeof p, PL_BAG_HOCR, 1, NULL), "data/ocr/0001.hocr");
    T_STREQ(pl_bag_page_path(p, sizeof p, PL_BAG_ALTO, 1, NULL), "data/ocr/0001.alto.xml");
    T_STREQ(pl_bag_pdf_path(p, sizeof p, 0), "data/dossier.pdf");
    T_STREQ(pl_bag_pdf_path(p, sizeof p, 1), "data/dossier-2.pdf");
    T_STREQ(pl_bag_original_path(p, sizeof p, "don", 1), "data/original/don.pdf");
    T_STREQ(pl_bag_original_path(p, sizeof p, "don", 3), "data/original/don-3.pdf");
    T_STREQ(PL_BAG_IN_DATA(PL_BAG_RECORD), "dossier.json");
    T_ASSERT(pl_bag_kind("bagit.txt") == PL_BAG_TAG);
    T_ASSERT(pl_bag_kind("manifest-sha256.txt") == PL_BAG_TAG);
    T_ASSERT(pl_bag_kind("data/dossier.json") == PL_BAG_RECORD_FILE);
    T_ASSERT(pl_bag_kind("data/events.jsonl") == PL_BAG_EVENTS_FILE);
    T_ASSERT(pl_bag_kind("data/dossier.pdf") == PL_BAG_SEARCHABLE);
    T_ASSERT(pl_bag_kind("data/dossier-3.pdf") == PL_BAG_SEARCHABLE);
    T_ASSERT(pl_bag_kind("data/original/dossier.pdf") == PL_BAG_PAYLOAD);
    T_ASSERT(pl_bag_kind("data/images/0001.png") == PL_BAG_PAYLOAD);
    T_ASSERT(pl_bag_stored("data/images/0001.png") && pl_bag_stored("data/dossier.pdf"));
    T_ASSERT(!pl_bag_stored("data/text/0001.txt") && !pl_bag_stored("data/ocr/0001.hocr"));
    return 0;
}

/* The record pl_file makes: keys in the filed order, page entries with their number and
 * paths after what the recogniser wrote, reals to 4 digits; read back, the same text. */
static const char expected[] = "{\n"
                               "  \"code\": \"T-1\",\n"
                               "  \"created\": \"2026-12-05T08:00:00Z\",\n"
                               "  \"software\": \"hoso " HS_VERSION "\",\n"
                               "  \"pages\": [\n"
                               "    {\n"
                               "      \"source\": \"a.png\",\n"
                               "      \"lang\": \"vie\",\n"
                               "      \"ocr_confidence\": 61.25,\n"
                               "      \"cleanup\": {\n"
                               "        \"orientation\": 180,\n"
                               "        \"skew\": 0.5,\n"
                               "        \"blank\": false,\n"
                               "        \"seal_removed\": true\n"
                               "      },\n"
                               "      \"codes\": [\n"
                               "        {\n"
                               "          \"type\": \"QR-Code\",\n"
                               "          \"data\": \"HOSO:T-1\"\n"
                               "        }\n"
                               "      ],\n"
                               "      \"page\": 1,\n"
                               "      \"image\": \"data/images/0001.png\",\n"
                               "      \"text\": \"data/text/0001.txt\",\n"
                               "      \"needs_review\": true,\n"
                               "      \"original\": \"data/original/a.pdf\"\n"
                               "    }\n"
                               "  ],\n"
                               "  \"fields\": {\n"
                               "    \"title\": {\n"
                               "      \"value\": \"Đơn đề nghị\",\n"
                               "      \"page\": 1,\n"
                               "      \"confidence\": 0.9\n"
                               "    }\n"
                               "  },\n"
                               "  \"tesseract\": \"5.3.0\",\n"
                               "  \"batch\": {\n"
                               "    \"source\": \"/in/d1\",\n"
                               "    \"size\": 12345678901,\n"
                               "    \"mtime\": 1796473933,\n"
                               "    \"hash\": \"ab12\"\n"
                               "  },\n"
                               "  \"pdf\": [\n"
                               "    \"data/dossier.pdf\",\n"
                               "    \"data/dossier-2.pdf\"\n"
                               "  ]\n"
                               "}";

static int t_roundtrip(void)
{
    hs_err e;
    pl_dossier *d = NULL, *back = NULL;
    T_OK(pl_dossier_new("T-1", "2026-12-05T08:00:00Z", &d, &e));
    T_OK(pl_dossier_set_tesseract(d, "5.3.0"));
    pl_batch_input b = {
        .source = "/in/d1", .size = 12345678901LL, .mtime = 1796473933, .hash = "ab12"};
    T_OK(pl_dossier_set_batch(d, &b));
    /* a second input (an append from another batch) does not replace the first */
    pl_batch_input b2 = {.source = "/in/other", .size = 1, .mtime = 2, .hash = "cd"};
    T_OK(pl_dossier_set_batch(d, &b2));
    json_t *m = json_pack("{s:s, s:s, s:f, s:{s:i, s:f, s:b, s:b}, s:[{s:s, s:s}]}", "source",
                          "a.png", "lang", "vie", "ocr_confidence", 61.25, "cleanup", "orientation",
                          180, "skew", 0.5, "blank", 0, "seal_removed", 1, "codes", "type",
                          "QR-Code", "data", "HOSO:T-1");
    T_ASSERT(m);
    T_OK(pl_dossier_page_place(m, 1, "png"));
    json_object_set_new(m, "needs_review", json_true());
    T_OK(pl_dossier_page_set_original(m, "data/original/a.pdf"));
    T_OK(pl_dossier_page_add(d, m));
    /* the recogniser's entry, read as pl_file's event log reads it */
    pl_dossier_page pm;
    pl_dossier_page_meta(m, &pm);
    T_ASSERT(pm.turned && pm.deskewed && pm.seal_removed && !pm.blank && !pm.border_removed);
    T_ASSERT(pl_dossier_page_codes(m) == 1);
    T_STREQ(pl_dossier_page_code_data(m, 0), "HOSO:T-1");
    T_ASSERT(pl_dossier_page_code_data(m, 1) == NULL);
    json_decref(m);
    json_t *f = pl_dossier_fields_edit(d);
    T_ASSERT(f && f == pl_dossier_fields(d));
    json_object_set_new(
        f, "title",
        json_pack("{s:s, s:i, s:f}", "value", "Đơn đề nghị", "page", 1, "confidence", 0.9));
    const char *pdfs[] = {"data/dossier.pdf", "data/dossier-2.pdf"};
    T_OK(pl_dossier_set_pdfs(d, pdfs, 2));
    T_OK(pl_dossier_set_pdfs(d, NULL, 0)); /* nothing new: the list stays */
    size_t len = 0;
    char *json = pl_dossier_dump(d, &len);
    T_STREQ(json, expected);
    T_ASSERT(len == strlen(expected));

    T_OK(pl_dossier_parse(json, len, "T-1.zip", &back, &e));
    T_OK(pl_dossier_check(back, "T-1", "T-1.zip", &e));
    T_STREQ(pl_dossier_code(back), "T-1");
    T_STREQ(pl_dossier_created(back), "2026-12-05T08:00:00Z");
    T_ASSERT(pl_dossier_updated(back) == NULL);
    pl_batch_input got;
    T_ASSERT(pl_dossier_batch(back, &got) == 1);
    T_STREQ(got.source, "/in/d1");
    T_STREQ(got.hash, "ab12");
    T_ASSERT(got.size == 12345678901LL && got.mtime == 1796473933);
    T_ASSERT(pl_dossier_page_count(back) == 1);
    pl_dossier_page p;
    T_OK(pl_dossier_page_get(back, 0, &p));
    T_ASSERT(p.page == 1 && p.has_confidence && p.confidence == 61.25 && p.needs_review);
    T_STREQ(p.image, "data/images/0001.png");
    T_STREQ(p.text, "data/text/0001.txt");
    T_STREQ(p.original, "data/original/a.pdf");
    T_ASSERT(pl_dossier_page_get(back, 1, &p) == HS_ENOTFOUND);
    T_OK(pl_dossier_page_find(back, 1, &p));
    T_ASSERT(pl_dossier_page_find(back, 2, &p) == HS_ENOTFOUND && p.image == NULL);
    T_ASSERT(pl_dossier_original_used(back, "data/original/a.pdf"));
    T_ASSERT(!pl_dossier_original_used(back, "data/original/b.pdf"));
    T_STREQ(pl_dossier_field_value(back, "title"), "Đơn đề nghị");
    T_ASSERT(pl_dossier_field_value(back, "applicant") == NULL);
    T_ASSERT(pl_dossier_pdf_count(back) == 2);
    T_STREQ(pl_dossier_pdf(back, 1), "data/dossier-2.pdf");
    T_ASSERT(pl_dossier_pdf(back, 2) == NULL);
    char *again = pl_dossier_dump(back, NULL);
    T_STREQ(again, json);
    free(again);
    free(json);
    pl_dossier_free(back);
    pl_dossier_free(d);
    pl_dossier_free(NULL);
    return 0;
}

/* Records filed by earlier versions: an appended dossier ("updated", fields) and a batch
 * input ("batch"), each parsed and dumped back to the very bytes of the bag; an append
 * marks it updated and keeps every key where it was. */
static int t_old_shape(void)
{
    hs_err e;
    static const char *const files[] = {"appended.json", "batch.json"};
    for (size_t k = 0; k < 2; k++) {
        size_t len = 0;
        char *text = slurp(files[k], &len);
        T_ASSERT(text && len > 100);
        pl_dossier *d = NULL;
        T_OK(pl_dossier_parse(text, len, files[k], &d, &e));
        T_OK(pl_dossier_check(d, NULL, files[k], &e));
        size_t olen = 0;
        char *out = pl_dossier_dump(d, &olen);
        T_ASSERT(out && olen == len && memcmp(out, text, len) == 0);
        free(out);
        pl_dossier_page p;
        T_ASSERT(pl_dossier_page_count(d) == 2);
        T_OK(pl_dossier_page_get(d, 1, &p));
        T_ASSERT(p.page == 2 && p.has_confidence && p.confidence > 90 && !p.blank);
        T_STREQ(p.text, "data/text/0002.txt");
        T_STREQ(pl_dossier_pdf(d, 0), "data/dossier.pdf");
        pl_batch_input b;
        if (k == 0) {
            T_STREQ(pl_dossier_code(d), "EV-1");
            T_STREQ(pl_dossier_updated(d), "2026-12-05T07:36:08Z");
            T_STREQ(pl_dossier_field_value(d, "number_symbol"), "158/STTTT-CNTT");
            T_STREQ(p.image, "data/images/0002.tif");
            T_ASSERT(pl_dossier_batch(d, &b) == 0 && b.source == NULL);
            /* an append: "updated" rewritten in its place, nothing else moves */
            T_OK(pl_dossier_set_updated(d, "2026-12-06T00:00:00Z"));
            out = pl_dossier_dump(d, &olen);
            T_ASSERT(out && olen == len);
            /* the first append put "updated" last; it stays there */
            char *at = strstr(text, "\"updated\": \"2026-12-05T07:36:08Z\"\n}");
            T_ASSERT(at && memcmp(out, text, (size_t)(at - text)) == 0);
            T_STREQ(out + (at - text), "\"updated\": \"2026-12-06T00:00:00Z\"\n}");
            free(out);
        } else {
            T_STREQ(pl_dossier_code(d), "000.00.00.H00-261205-0001");
            T_ASSERT(pl_dossier_updated(d) == NULL);
            T_ASSERT(pl_dossier_batch(d, &b) == 1 && b.size == 1616974 && b.mtime == 1796473933);
            T_STREQ(b.source, "/tmp/prof/src/d0");
            T_ASSERT(strlen(b.hash) == 64);
            /* an empty "fields" reads as no value */
            T_ASSERT(pl_dossier_fields(d) && pl_dossier_field_value(d, "title") == NULL);
        }
        pl_dossier_free(d);
        free(text);
    }
    /* the oldest shape: no fields, pdf, tesseract; fields made when a page is merged */
    static const char oldest[] = "{\"code\": \"O-1\", \"created\": \"2025-01-02T03:04:05Z\", "
                                 "\"software\": \"hoso 0.0.1\", \"pages\": []}";
    pl_dossier *d = NULL;
    T_OK(pl_dossier_parse(oldest, strlen(oldest), "O-1.zip", &d, &e));
    T_OK(pl_dossier_check(d, "O-1", "O-1.zip", &e));
    T_ASSERT(pl_dossier_fields(d) == NULL && pl_dossier_pdf_count(d) == 0);
    T_ASSERT(pl_dossier_page_count(d) == 0 && pl_dossier_field_value(d, "title") == NULL);
    T_ASSERT(pl_dossier_fields_edit(d) != NULL && pl_dossier_fields(d) != NULL);
    char *out = pl_dossier_dump(d, NULL);
    T_CONTAINS(out, "\"pages\": [],\n  \"fields\": {}\n}");
    free(out);
    pl_dossier_free(d);
    return 0;
}

/* Bad records: not JSON, not an object, lacking a key, naming another dossier. */
static int t_bad_input(void)
{
    hs_err e;
    pl_dossier *d = (pl_dossier *)1;
    T_ASSERT(pl_dossier_parse("{\"code\": ", 9, "X.zip", &d, &e) == HS_EFORMAT && d == NULL);
    T_CONTAINS(e.msg, "'X.zip': bad dossier.json: ");
    T_ASSERT(pl_dossier_parse("[1, 2]", 6, "X.zip", &d, &e) == HS_EFORMAT);
    T_STREQ(e.msg, "'X.zip': bad dossier.json: not an object");
    T_ASSERT(pl_dossier_parse("[1, 2]", 6, NULL, &d, &e) == HS_EFORMAT);
    T_STREQ(e.msg, "not an object");
    static const char *const bad[] = {
        "{\"created\": \"t\", \"pages\": []}",
        "{\"code\": \"A\", \"pages\": []}",
        "{\"code\": \"A\", \"created\": \"t\", \"pages\": {}}",
        "{\"code\": 5, \"created\": \"t\", \"pages\": []}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        T_OK(pl_dossier_parse(bad[i], strlen(bad[i]), "A.zip", &d, &e));
        T_ASSERT(pl_dossier_check(d, "A", "A.zip", &e) == HS_EFORMAT);
        T_CONTAINS(e.msg, "'A.zip': dossier.json lacks code, created or pages");
        pl_dossier_free(d);
    }
    static const char other[] = "{\"code\": \"B\", \"created\": \"t\", \"pages\": []}";
    T_OK(pl_dossier_parse(other, strlen(other), "A.zip", &d, &e));
    T_ASSERT(pl_dossier_check(d, "A", "A.zip", &e) == HS_EFORMAT);
    T_CONTAINS(e.msg, "names another code");
    /* a page entry that is not an object is no page */
    static const char odd[] = "{\"code\": \"A\", \"created\": \"t\", \"pages\": [3]}";
    pl_dossier_free(d);
    T_OK(pl_dossier_parse(odd, strlen(odd), "A.zip", &d, &e));
    pl_dossier_page p;
    T_ASSERT(pl_dossier_page_count(d) == 1 && pl_dossier_page_get(d, 0, &p) == HS_ENOTFOUND);
    pl_dossier_free(d);
    return 0;
}

/* An old record in a real bag (a zip made by the archive module) is read by
 * pl_dossier_read and indexed from it into a real SQLite index: the record as filed, its
 * pages' checksums, the batch journal row. A record naming a page file the manifest lacks
 * is refused and nothing is indexed. */
static int t_bag(void)
{
    char dir[] = "/tmp/hs_dossier_XXXXXX";
    T_ASSERT(mkdtemp(dir));
    char zip[128], idx[128];
    snprintf(zip, sizeof zip, "%s/x.zip", dir);
    snprintf(idx, sizeof idx, "%s/index.sqlite", dir);
    hs_err e;
    idx_db *db = NULL;
    T_OK(idx_db_open(idx, 0, &db, &e));
    static const char *const files[] = {"batch.json", "appended.json"};
    for (int k = 0; k < 2; k++) {
        size_t len = 0;
        char *text = slurp(files[k], &len), *copy = NULL;
        T_ASSERT(text);
        pl_dossier *d = NULL;
        T_OK(pl_dossier_parse(text, len, files[k], &d, &e));
        arc_bag *bag = NULL;
        T_OK(arc_bag_new(pl_dossier_code(d), &bag, &e));
        /* the second bag lacks its last page's text: refused */
        for (size_t i = 0; i < pl_dossier_page_count(d); i++) {
            pl_dossier_page p;
            T_OK(pl_dossier_page_get(d, i, &p));
            T_OK(arc_bag_add(bag, PL_BAG_IN_DATA(p.image), strdup("image"), 5, 1, &e));
            if (k == 0 || i == 0)
                T_OK(arc_bag_add(bag, PL_BAG_IN_DATA(p.text), strdup("văn bản"), 10, 0, &e));
        }
        T_ASSERT((copy = malloc(len)));
        memcpy(copy, text, len);
        T_OK(arc_bag_add(bag, PL_BAG_IN_DATA(PL_BAG_RECORD), copy, len, 0, &e));
        T_OK(arc_bag_write(bag, zip, &e));
        arc_bag_free(bag);

        arc_reader *r = NULL;
        pl_dossier *read = NULL;
        T_OK(arc_open(zip, &r, &e));
        T_OK(pl_dossier_read(r, zip, &read, &e));
        T_STREQ(pl_dossier_code(read), pl_dossier_code(d));
        arc_close(r);
        pl_dossier_free(read);

        char *code = NULL, *rel = NULL, *record = NULL;
        int rc = pl_index_archive(db, zip, "archive/2026/x.zip", &code, &e);
        if (k == 0) {
            T_OK(rc);
            T_STREQ(code, pl_dossier_code(d));
            T_OK(idx_dossier_get(db, code, &rel, &record, &e));
            T_STREQ(rel, "archive/2026/x.zip");
            T_ASSERT(strlen(record) == len && memcmp(record, text, len) == 0);
            idx_job job;
            T_OK(idx_job_get(db, "/tmp/prof/src/d0", &job, &e));
            T_ASSERT(job.state == IDX_JOB_DONE && job.size == 1616974 && job.mtime == 1796473933);
            T_ASSERT(strlen(job.hash) == 64);
            T_STREQ(job.code, code);
            pl_dossier *loaded = NULL;
            T_OK(pl_dossier_load(db, code, &loaded, NULL, NULL, &e));
            T_ASSERT(pl_dossier_page_count(loaded) == 2);
            pl_dossier_free(loaded);
        } else {
            T_ASSERT(rc == HS_EFORMAT);
            T_CONTAINS(e.msg, "page 2 of dossier.json is not numbered in order or its files");
            T_ASSERT(idx_dossier_get(db, "EV-1", &rel, &record, &e) == HS_ENOTFOUND);
        }
        pl_dossier *none = NULL;
        T_ASSERT(pl_dossier_load(db, "NO-SUCH", &none, NULL, NULL, &e) == HS_ENOTFOUND);
        free(code);
        free(rel);
        free(record);
        pl_dossier_free(d);
        free(text);
        unlink(zip);
    }
    idx_db_close(db);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    T_ASSERT(system(cmd) == 0);
    return 0;
}

static const t_case cases[] = {
    {"layout", t_layout},
    {"roundtrip", t_roundtrip},
    {"old_shape", t_old_shape},
    {"bad_input", t_bad_input},
    {"bag", t_bag},
};

T_MAIN(cases)
