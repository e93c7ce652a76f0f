/* fuzz_query.c - the query language: any bytes as a search. idx_query_build turns the text
 * into FTS5 expressions, then idx_search runs it on a small index of three dossiers with
 * the filters the input gives. The index promises that user text never reaches FTS5 as
 * syntax: a search may be refused (HS_EINVAL) but never fail in the database.
 * Input: the query text, then optionally, each after a 0x1F byte, a field filter
 * "key=value", a from date, a to date and a code prefix. */
#include "fuzz_util.h"

#include "index.h"

static idx_db *db;

static void put(const char *code, const char *date, const char *t1, const char *t2,
                const idx_field *fields, int nfields)
{
    idx_page pages[2] = {
        {1, "data/images/0001.png", "aa", "data/text/0001.txt", "bb", 91.0, t1, 0},
        {2, "data/images/0002.png", "cc", "data/text/0002.txt", "dd", 42.0, t2, 0},
    };
    idx_dossier d = {.code = code,
                     .archive = "archive/2026/x.zip",
                     .created = "2026-01-01T00:00:00Z",
                     .date = date,
                     .record = "{}",
                     .npages = 2,
                     .pages = pages,
                     .nfields = nfields,
                     .fields = fields};
    hs_err err;
    if (idx_begin(db, &err) || idx_dossier_put(db, &d, &err) || idx_commit(db, &err)) {
        fprintf(stderr, "fuzz_query: cannot fill the index: %s\n", err.msg);
        exit(1);
    }
}

static void close_db(void)
{
    idx_db_close(db);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char path[300];
    snprintf(path, sizeof path, "%s/index.sqlite", fuzz_scratch());
    hs_err err;
    if (idx_db_open(path, 0, &db, &err)) {
        fprintf(stderr, "fuzz_query: %s\n", err.msg);
        exit(1);
    }
    /* after fuzz_scratch's atexit, so it runs first: the index is closed, then removed */
    atexit(close_db);
    static const idx_field f1[] = {{"applicant", "Phạm Minh Tuấn"},
                                   {"phones", "0905118274"},
                                   {"received_at", "2020-03-11T08:30"}};
    static const idx_field f2[] = {{"issuer", "ỦY BAN NHÂN DÂN HUYỆN ĐÔNG ANH"},
                                   {"id_numbers", "056090001234"}};
    put("000.27.30.H34-200311-0015", "2020-03-11",
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\nMã hồ sơ: 000.27.30.H34-200311-0015\n"
        "Tiếp nhận hồ sơ của: Ông Phạm Minh Tuấn. Điện thoại: 0905 118 274",
        "Đơn đề nghị cấp giấy chứng nhận quyền sử dụng đất", f1, 3);
    put("H01-260101-0002", NULL,
        "QUYẾT ĐỊNH Về việc giao đất cho hộ gia đình, cá nhân\nCCCD số 056090001234",
        "Nơi nhận: như trên; lưu VT. e-mail: vanthu@dongcanh.gov.vn", f2, 2);
    put("H01-260101-0003", "2019-12-31", "Kính gửi: Sở Tài nguyên và Môi trường",
        "hop dong mua ban nha o so 12/2019/HĐMB \"trích lục\" OR NOT AND NEAR(a b)", NULL, 0);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
    char *text = fuzz_str(data, len);
    char *part[5] = {text, NULL, NULL, NULL, NULL};
    char *p = text;
    for (int i = 1; i < 5 && (p = memchr(p, 0x1f, len - (size_t)(p - text))); i++) {
        *p++ = '\0';
        part[i] = p;
    }
    hs_err err;
    char *match = NULL, *exact = NULL;
    int rc = idx_query_build(part[0], &match, &exact, &err);
    if ((rc == HS_OK) != (match != NULL) || (rc != HS_OK && exact))
        abort();
    free(match);
    free(exact);

    const char *fields[1] = {part[1]};
    idx_query q = {.text = part[0],
                   .limit = 5,
                   .fields = fields,
                   .nfields = part[1] ? 1 : 0,
                   .from = part[2] && *part[2] ? part[2] : NULL,
                   .to = part[3] && *part[3] ? part[3] : NULL,
                   .code_prefix = part[4],
                   .by_dossier = (int)(len & 1),
                   .rank_cap = len & 2 ? 2 : 0};
    idx_results res = {0};
    rc = idx_search(db, &q, &res, &err);
    if (rc != HS_OK && rc != HS_EINVAL) {
        fprintf(stderr, "fuzz_query: search failed in the index: %s\n", err.msg);
        abort();
    }
    if (rc == HS_OK && (res.n < 0 || res.n > q.limit || res.total < res.n))
        abort();
    idx_results_release(&res);
    free(text);
    return 0;
}
