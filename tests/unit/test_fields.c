/* test_fields.c - the field extractor (fields/): the four corpus documents and the 24 of the
 * forms corpus give exactly their meta.json, so do golden OCR texts of degraded renders;
 * the general rules (applicant lines, wrapped values, label and value on two lines, columns
 * run together, references from "Căn cứ" only, marks put back) each have a case; labels
 * damaged as OCR damages them are still read; doubtful values go to the review list with a
 * reason; bad input (no text, English, impossible dates, endless numbers, labels without
 * values, random bytes) gives no field or a low-confidence one and never a crash; and the
 * merge rule. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdlib.h>
#include <utf8proc.h>

#include "hs_common.h"
#include "fields.h"
#include "testhelp.h"

#define DATA HS_TEST_DATA "/fields"

static char *slurp(const char *path)
{
    char *data = NULL;
    size_t len;
    hs_err err;
    if (hs_file_read(path, 1 << 20, &data, &len, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        return NULL;
    }
    return data;
}

/* The fields of text with confidence >= FIELDS_MIN_CONFIDENCE, flat. */
static json_t *flat_of(const char *text, int page)
{
    json_t *f = NULL, *flat = NULL;
    hs_err err;
    if (fields_extract(text, page, &f, &err) ||
        fields_flatten(f, FIELDS_MIN_CONFIDENCE, &flat, &err))
        fprintf(stderr, "%s\n", err.msg);
    json_decref(f);
    return flat;
}

static const char *str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* Whether o's list under key holds n values and value at index i; says what it holds if
 * not, so that a failed assertion shows the list. */
static int list_is(const json_t *o, const char *key, size_t n, size_t i, const char *value)
{
    const json_t *a = json_object_get(o, key);
    const char *v = json_string_value(json_array_get(a, i));
    if (json_array_size(a) == n && v && !strcmp(v, value))
        return 1;
    fprintf(stderr, "%s: %zu values, [%zu] = '%s'; wanted %zu, '%s'\n", key, json_array_size(a), i,
            v ? v : "(none)", n, value);
    return 0;
}

/* Whether text (page 1) gives a list under key of n values with value at index i (see
 * list_is). */
static int list_in(const char *text, const char *key, size_t n, size_t i, const char *value)
{
    json_t *f = flat_of(text, 1);
    int ok = list_is(f, key, n, i, value);
    json_decref(f);
    return ok;
}

/* Whether text (page 1) gives value under key, or no such field when value is NULL; says
 * what it gives if not. */
static int field_is(const char *text, const char *key, const char *value)
{
    json_t *f = flat_of(text, 1);
    const char *v = str(f, key);
    int ok = f && (value ? v && !strcmp(v, value) : !json_object_get(f, key));
    if (!ok)
        fprintf(stderr, "%s: '%s'; wanted '%s'\n", key, v ? v : "(none)", value ? value : "(none)");
    json_decref(f);
    return ok;
}

/* A small hOCR page from rows of "Y X WORD X WORD ...": each word starts at x and is 28
 * pixels a character wide, 48 high; one line a row (new string). */
static char *mini_hocr(const char *const *rows)
{
    hs_buf b;
    hs_buf_init(&b);
    hs_buf_puts(&b, "<html><body><div class='ocr_page' title='bbox 0 0 2480 3508'>\n");
    for (size_t r = 0; rows[r]; r++) {
        int y = atoi(rows[r]), x, n;
        const char *p = strchr(rows[r], ' ');
        hs_buf b2;
        hs_buf_init(&b2);
        int x0 = -1, x1 = 0;
        char word[128];
        while (p && sscanf(p, " %d %127s%n", &x, word, &n) == 2) {
            size_t chars = 0;
            for (const char *c = word; *c; c++)
                chars += ((unsigned char)*c & 0xC0) != 0x80;
            int end = x + 28 * (int)chars;
            x0 = x0 < 0 ? x : x0;
            x1 = end;
            hs_buf_printf(&b2,
                          "<span class='ocrx_word' title='bbox %d %d %d %d; x_wconf 90'>%s</span> ",
                          x, y, end, y + 48, word);
            p += n;
        }
        char *words = hs_buf_detach(&b2, NULL);
        hs_buf_printf(&b, "<span class='ocr_line' title=\"bbox %d %d %d %d\">%s</span>\n", x0, y,
                      x1, y + 48, words ? words : "");
        free(words);
    }
    hs_buf_puts(&b, "</div></body></html>\n");
    return hs_buf_detach(&b, NULL);
}

/* Whether the hOCR page made of rows (mini_hocr) gives value under key (or no such field
 * when value is NULL); says what it gives if not. */
static int layout_field_is(const char *const *rows, const char *key, const char *value)
{
    char *hocr = mini_hocr(rows);
    json_t *f = NULL, *flat = NULL;
    int ok = hocr && !fields_extract_layout(NULL, hocr, 1, &f, NULL) &&
             !fields_flatten(f, FIELDS_MIN_CONFIDENCE, &flat, NULL);
    const char *v = ok ? str(flat, key) : NULL;
    ok = ok && (value ? v && !strcmp(v, value) : !v);
    if (!ok)
        fprintf(stderr, "%s: '%s'; wanted '%s'\n", key, v ? v : "(none)", value ? value : "(none)");
    json_decref(f);
    json_decref(flat);
    free(hocr);
    return ok;
}

/* Whether text gives no value under key but a review entry for it (the first) whose reason
 * holds why (any reason when NULL); says what it gives if not. */
static int review_is(const char *text, const char *key, const char *why)
{
    json_t *g = NULL;
    const char *field = NULL, *reason = NULL;
    int ok = !fields_extract(text, 1, &g, NULL) && !json_object_get(g, key) &&
             fields_needs_review(g, &field, &reason) == 1 && field && !strcmp(field, key) &&
             (!why || (reason && strstr(reason, why)));
    if (!ok)
        fprintf(stderr, "%s: review '%s' (%s); wanted review of it (%s)\n", key,
                field ? field : "(none)", reason ? reason : "", why ? why : "any reason");
    json_decref(g);
    return ok;
}

static double conf(const json_t *fields, const char *key)
{
    const json_t *v = json_object_get(fields, key);
    if (json_is_array(v))
        v = json_array_get(v, 0);
    return v ? json_number_value(json_object_get(v, "confidence")) : -1;
}

static int corpus(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, DATA "/%s.txt", name);
    char *text = slurp(path);
    T_ASSERT(text);
    snprintf(path, sizeof path, DATA "/%s.meta.json", name);
    json_error_t jerr;
    json_t *want = json_load_file(path, 0, &jerr);
    T_ASSERT(want);
    json_t *got = flat_of(text, 1);
    T_ASSERT(got);
    if (!json_equal(want, got)) {
        char *w = json_dumps(want, JSON_INDENT(1)), *g = json_dumps(got, JSON_INDENT(1));
        fprintf(stderr, "%s: want\n%s\ngot\n%s\n", name, w, g);
        free(w);
        free(g);
        return 1;
    }
    /* every value carries its page, a confidence and the page's type */
    json_t *f = NULL;
    T_OK(fields_extract(text, 7, &f, NULL));
    const char *key;
    json_t *v;
    json_object_foreach(f, key, v)
    {
        json_t *e = json_is_array(v) ? json_array_get(v, 0) : v;
        T_ASSERT(json_integer_value(json_object_get(e, "page")) == 7);
        double c = json_number_value(json_object_get(e, "confidence"));
        T_ASSERT(c >= FIELDS_MIN_CONFIDENCE && c <= 1.0);
        T_STREQ(str(e, "source"), str(want, "doc_type"));
    }
    json_decref(f);
    json_decref(got);
    json_decref(want);
    free(text);
    return 0;
}

static int t_corpus_receipt(void)
{
    return corpus("receipt_xaydung");
}

static int t_corpus_decision(void)
{
    return corpus("decision_ubnd");
}

static int t_corpus_form(void)
{
    return corpus("form_khaisinh");
}

static int t_corpus_letter(void)
{
    return corpus("letter_stttt");
}

/* Labels without tone marks, with wrong ones, in capitals, with extra blanks, and
 * numbers with O for 0 and l for 1. */
static int t_ocr_damage(void)
{
    const char *text = "UBND HUYEN CAM LAM\n"
                       "Ma ho so: 000.27.30.H34-2OO311-OO15\n"
                       "\n"
                       "GIAY TIEP NHAN HO SO VA HEN TRA KET QUA\n"
                       "TIEP NHAN HO SO CUA:   ONG PHAM MINH TUAN\n"
                       "Đia chỉ :  Thôn Tân Xương 1, xã Suối Cát\n"
                       "Sô   điện  thoại :  O9O5.l18.274\n"
                       "4. Thòi gian nhặn hồ sơ: 08 gio 40 phut, ngay ll/03/2020\n"
                       "5. Thời gian trả kết qủa: 16h00 ngày 1/4/2020\n";
    json_t *f = NULL, *flat = NULL;
    T_OK(fields_extract(text, 1, &f, NULL));
    T_OK(fields_flatten(f, 0.0, &flat, NULL));
    T_STREQ(str(flat, "doc_type"), "giay_tiep_nhan");
    T_STREQ(str(flat, "dossier_code"), "000.27.30.H34-200311-0015");
    T_STREQ(str(flat, "applicant"), "Pham Minh Tuan");
    T_STREQ(str(flat, "address"), "Thôn Tân Xương 1, xã Suối Cát");
    T_STREQ(json_string_value(json_array_get(json_object_get(flat, "phones"), 0)), "0905118274");
    T_STREQ(str(flat, "received_at"), "2020-03-11T08:40");
    T_STREQ(str(flat, "due_at"), "2020-04-01T16:00");
    /* repaired digits cost confidence */
    T_ASSERT(conf(f, "dossier_code") < 0.9 && conf(f, "dossier_code") > 0);
    json_decref(flat);
    json_decref(f);

    /* "Sô hồ sơ" and "số:" in lower case without a blank, a trailing OCR dot */
    flat = flat_of("Sô hồ sơ: 000.27.30.H34-200311-0015\nsố:412/QĐ-UBND.\n", 1);
    T_STREQ(str(flat, "dossier_code"), "000.27.30.H34-200311-0015");
    T_STREQ(str(flat, "number_symbol"), "412/QĐ-UBND");
    json_decref(flat);

    /* the capitals' tone mark misread, and a speck after the signature heading: the name
     * under the heading, read in lower case, wins */
    flat = flat_of("Họ, chữ đệm, tên người yêu cầu: LẺ QUANG HUY\n\nNgười yêu cầu .\n"
                   "(Ký, ghi rõ họ, chữ đệm, tên)\n\nLê Quang Huy\n",
                   1);
    T_STREQ(str(flat, "applicant"), "Lê Quang Huy");
    json_decref(flat);
    return 0;
}

/* Real OCR output of degraded scans (bench/fields-ocr). */
static int t_ocr_real(void)
{
    /* red seal over the applicant's name: the signature line gives it, and the receiver */
    char *text = slurp(DATA "/ocr/receipt_xaydung.red_stamp.txt");
    T_ASSERT(text);
    json_t *flat = flat_of(text, 1);
    T_STREQ(str(flat, "applicant"), "Phạm Minh Tuấn");
    T_STREQ(str(flat, "receiver"), "Võ Thị Kim Oanh");
    T_STREQ(str(flat, "dossier_code"), "000.27.30.H34-200311-0015");
    T_STREQ(str(flat, "received_at"), "2020-03-11T08:40");
    /* "tuẩnpm.camlafn@gnail.co": misread, so no e-mail at all */
    T_ASSERT(!json_object_get(flat, "emails"));
    json_decref(flat);
    free(text);
    /* the same seal read by a later OCR: "camla:n@gnail.com" is no address "n@gnail.com" */
    flat = flat_of("Email: tuanpm.camla:n@gnail.com.\nEmail:Hoso.Cam-Lam@khanhhoa.gov.vn\n", 1);
    json_t *em = json_object_get(flat, "emails");
    T_ASSERT(json_array_size(em) == 1);
    T_STREQ(json_string_value(json_array_get(em, 0)), "hoso.cam-lam@khanhhoa.gov.vn");
    json_decref(flat);

    /* shadow cuts the right of the page: "LÊ QUANG" on the label line, whole below */
    text = slurp(DATA "/ocr/form_khaisinh.shadow.txt");
    T_ASSERT(text);
    flat = flat_of(text, 1);
    T_STREQ(str(flat, "applicant"), "Lê Quang Huy");
    T_STREQ(str(flat, "issue_date"), "2020-03-09");
    json_decref(flat);
    free(text);

    /* the label line in capitals misread, the signature line right */
    flat = flat_of("Họ, chữ đệm, tên người yêu cầu: LỄ QUANG HUY\n\nNgười yêu cầu\n"
                   "(Ký, ghi rõ họ, chữ đệm, tên)\nLê Quang Huy\n",
                   1);
    T_STREQ(str(flat, "applicant"), "Lê Quang Huy");
    json_decref(flat);
    flat = flat_of("Họ, chữ đệm, tên người yêu cầu: LÊ QUANG HUY\n\nNgười yêu cầu\n"
                   "Lễ Quang Huy\n",
                   1);
    T_STREQ(str(flat, "applicant"), "Lê Quang Huy");
    json_decref(flat);

    /* "Trần Văn Đôn8": no signer rather than a wrong one; the title is intact */
    text = slurp(DATA "/ocr/letter_stttt.skew_speckle.txt");
    T_ASSERT(text);
    flat = flat_of(text, 1);
    T_ASSERT(!json_object_get(flat, "signer"));
    T_STREQ(str(flat, "signer_title"), "PHÓ GIÁM ĐỐC");
    T_STREQ(str(flat, "number_symbol"), "158/STTTT-CNTT");
    json_decref(flat);
    free(text);
    return 0;
}

static int empty_fields(const char *text)
{
    json_t *flat = flat_of(text, 1);
    if (!flat)
        return 0;
    int n = (int)json_object_size(flat);
    if (n) {
        char *d = json_dumps(flat, 0);
        fprintf(stderr, "unexpected fields: %s\n", d);
        free(d);
    }
    json_decref(flat);
    return n == 0;
}

static int t_bad_input(void)
{
    T_ASSERT(empty_fields(""));
    T_ASSERT(empty_fields("   \n\n\f\r\n\t "));
    T_ASSERT(empty_fields("This is a lot of 12 point text to test the\n"
                          "ocr code and see if it works on all types\n"
                          "of file format. Call 555 0123 or mail john@@example.\n"
                          "The quick brown dog jumped over the lazy fox, 12/25/2019.\n"));
    T_ASSERT(empty_fields("Том 2, стр. 45. Διεύθυνση: Αθήνα\n東京都千代田区 1-1\n"));
    /* invalid UTF-8 is replaced, the rest still read */
    json_t *flat = flat_of("\xff\xfe\xc3\nMã hồ sơ: 000.27.30.H34-200311-0015 \xe2\x82\n", 1);
    T_STREQ(str(flat, "dossier_code"), "000.27.30.H34-200311-0015");
    json_decref(flat);
    /* one 200 000-byte line, no line breaks at all */
    char *big = malloc(200001);
    T_ASSERT(big);
    for (int i = 0; i < 200000; i++)
        big[i] = "Số: 1/ ngày ồ"[i % 13];
    big[200000] = '\0';
    json_t *f = NULL;
    T_OK(fields_extract(big, 1, &f, NULL));
    json_decref(f);
    free(big);
    return 0;
}

static int t_absurd_values(void)
{
    /* 31 February, year 20200, a code filed on the 11th of month 13, 25 o'clock */
    T_ASSERT(empty_fields("Thời gian nhận hồ sơ: 08 giờ 40 phút, ngày 31/02/2020\n"
                          "Thời gian trả kết quả: 16 giờ 00 phút, ngày 01/04/20200\n"
                          "Mã hồ sơ: 000.27.30.H34-201311-0015\n"));
    /* the place of "Vạn Ninh, ngày 31 tháng 02 năm 2020" stands, the date does not */
    json_t *pd = flat_of("Vạn Ninh, ngày 31 tháng 02 năm 2020\n", 1);
    T_ASSERT(!json_object_get(pd, "issue_date"));
    json_decref(pd);
    json_t *flat = flat_of("Khánh Hòa, ngày 24 tháng 13 năm 2020\n"
                           "Thời gian trả kết quả: 25 giờ 00 phút, ngày 01/04/2020\n",
                           1);
    T_ASSERT(!json_object_get(flat, "issue_date"));
    T_STREQ(str(flat, "due_at"), "2020-04-01"); /* the date stands, the hour does not */
    json_decref(flat);
    pd = flat_of("Hà Nội, ngày 05 tháng 02 năm 20200\n", 1);
    T_ASSERT(!json_object_get(pd, "issue_date"));
    json_decref(pd);
    /* 200-digit numbers are no ID, phone, code or document number */
    char line[600], digits[201];
    for (int i = 0; i < 200; i++)
        digits[i] = (char)('0' + (i * 7 + 3) % 10);
    digits[200] = '\0';
    digits[0] = '0';
    digits[1] = '9';
    const char *labels[] = {"Căn cước công dân số ",
                            "Số điện thoại: ", "Mã hồ sơ: ", "Số: ", "CMND: "};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        snprintf(line, sizeof line, "%s%s\n", labels[i], digits);
        T_ASSERT(empty_fields(line));
        snprintf(line, sizeof line, "%s%s/QĐ-UBND\n", labels[i], digits);
        T_ASSERT(empty_fields(line));
    }
    /* 11 and 13 digits are no CCCD; a 12-digit number without a label is only a guess */
    T_ASSERT(empty_fields("CCCD: 05609000123\nCCCD: 0560900012345\n"));
    json_t *f = NULL;
    T_OK(fields_extract("Tham chiếu 056090001234\n", 1, &f, NULL));
    T_ASSERT(conf(f, "id_numbers") < FIELDS_MIN_CONFIDENCE);
    json_decref(f);
    return 0;
}

static int t_empty_labels(void)
{
    T_ASSERT(empty_fields("Mã hồ sơ:\nSố:\nTiếp nhận hồ sơ của:\nĐịa chỉ:\nSố điện thoại:\n"
                          "Email:\nNội dung yêu cầu giải quyết:\nKính gửi:\n"
                          "Thời gian nhận hồ sơ:\nThời gian trả kết quả giải quyết hồ sơ:\n"
                          "Nơi cư trú:   \nV/v\nNGƯỜI NỘP HỒ SƠ NGƯỜI TIẾP NHẬN HỒ SƠ\n"
                          "Hà Nội, ngày ... tháng ... năm 20...\nCHỦ TỊCH\n"));
    /* a label whose value is the next label is no value either */
    T_ASSERT(empty_fields("Tiếp nhận hồ sơ của: Địa chỉ:\n"));
    return 0;
}

/* Random mixtures of the tokens the rules look for: never a crash, always an object. */
static int t_fuzz(void)
{
    static const char *const tok[] = {
        "Mã hồ sơ",
        ":",
        " ",
        "\n",
        "000.27.30.H34-",
        "200311",
        "-0015",
        "Số",
        "/",
        "QĐ-UBND",
        "ngày",
        "tháng",
        "năm",
        "2020",
        "31",
        "0",
        "O",
        "l",
        "giờ",
        "phút",
        "Ông",
        "Phạm",
        "Minh",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN",
        "CHỦ TỊCH",
        "V/v",
        "@",
        ".com",
        ",",
        "Kính gửi",
        "ỦY BAN NHÂN DÂN",
        "HUYỆN",
        "\xcc\x81",
        "\xff",
        "(",
        ")",
        "Điện thoại",
        "0905",
        "118274",
        "CCCD",
        "056090001234",
        "QUYẾT ĐỊNH",
        "Về việc",
        "-",
        "_",
        "|",
    };
    unsigned seed = 12345;
    char buf[4096];
    for (int round = 0; round < 2000; round++) {
        size_t w = 0;
        int n = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 200;
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            const char *t = tok[(seed >> 16) % (sizeof tok / sizeof tok[0])];
            size_t tl = strlen(t);
            if (w + tl + 1 >= sizeof buf)
                break;
            memcpy(buf + w, t, tl);
            w += tl;
        }
        buf[w] = '\0';
        json_t *f = NULL, *flat = NULL;
        T_OK(fields_extract(buf, round, &f, NULL));
        T_ASSERT(json_is_object(f));
        T_OK(fields_flatten(f, 0.0, &flat, NULL));
        json_t *d = json_object();
        T_OK(fields_merge(d, f, NULL));
        json_decref(d);
        json_decref(flat);
        json_decref(f);
    }
    return 0;
}

static int t_merge(void)
{
    char *form = slurp(DATA "/form_khaisinh.txt"), *receipt = slurp(DATA "/receipt_xaydung.txt");
    T_ASSERT(form && receipt);
    json_t *p1 = NULL, *p2 = NULL;
    T_OK(fields_extract(form, 1, &p1, NULL));
    T_OK(fields_extract(receipt, 2, &p2, NULL));
    /* make the form's applicant the more confident: the receipt's must win all the same */
    json_object_set_new(json_object_get(p2, "applicant"), "confidence", json_real(0.6));
    T_ASSERT(conf(p1, "applicant") > conf(p2, "applicant"));

    for (int order = 0; order < 2; order++) {
        json_t *d = json_object(), *flat = NULL;
        T_OK(fields_merge(d, order ? p2 : p1, NULL));
        T_OK(fields_merge(d, order ? p1 : p2, NULL));
        T_OK(fields_flatten(d, 0.0, &flat, NULL));
        T_STREQ(str(flat, "applicant"), "Phạm Minh Tuấn");
        T_STREQ(str(flat, "dossier_code"), "000.27.30.H34-200311-0015");
        T_STREQ(str(flat, "received_at"), "2020-03-11T08:40");
        /* other keys: the more confident, and from the page they came from */
        T_STREQ(str(flat, "recipient"), "Ủy ban nhân dân phường Vĩnh Hải, thành phố Nha Trang");
        T_ASSERT(json_integer_value(json_object_get(json_object_get(d, "recipient"), "page")) == 1);
        T_ASSERT(json_integer_value(json_object_get(json_object_get(d, "applicant"), "page")) == 2);
        /* equal confidence: the lower page */
        T_STREQ(str(flat, "doc_type"), "to_khai");
        /* lists are united */
        json_t *phones = json_object_get(flat, "phones");
        T_ASSERT(json_array_size(phones) == 2);
        json_decref(flat);
        json_decref(d);
    }

    /* the same page twice changes nothing */
    json_t *d = json_object();
    T_OK(fields_merge(d, p2, NULL));
    T_OK(fields_merge(d, p2, NULL));
    T_ASSERT(json_equal(d, p2));

    /* malformed input is refused and leaves the dossier as it was */
    json_t *before = json_deep_copy(d);
    json_t *bad = json_pack("{s:{s:i}}", "applicant", "value", 3);
    hs_err err;
    T_ASSERT(fields_merge(d, bad, &err) == HS_EINVAL);
    T_CONTAINS(err.msg, "applicant");
    json_t *bad2 = json_pack("{s:s}", "phones", "0905118274");
    T_ASSERT(fields_merge(d, bad2, &err) == HS_EINVAL);
    json_t *arr = json_array();
    T_ASSERT(fields_merge(d, arr, &err) == HS_EINVAL);
    T_ASSERT(json_equal(d, before));
    json_decref(arr);
    json_decref(bad2);
    json_decref(bad);
    json_decref(before);
    json_decref(d);
    json_decref(p1);
    json_decref(p2);
    free(form);
    free(receipt);
    return 0;
}

static int t_flatten(void)
{
    json_t *f =
        json_pack("{s:{s:s,s:i,s:f},s:[{s:s,s:i,s:f},{s:s,s:i,s:f}],s:{s:s,s:i,s:f}}", "applicant",
                  "value", "Phạm Minh Tuấn", "page", 1, "confidence", 0.9, "phones", "value",
                  "0905118274", "page", 1, "confidence", 0.9, "value", "0258123456", "page", 2,
                  "confidence", 0.3, "issuer", "value", "X", "page", 1, "confidence", 0.2);
    T_ASSERT(f);
    json_t *flat = NULL;
    T_OK(fields_flatten(f, 0.5, &flat, NULL));
    char *s = json_dumps(flat, JSON_COMPACT | JSON_PRESERVE_ORDER);
    T_STREQ(s, "{\"applicant\":\"Phạm Minh Tuấn\",\"phones\":[\"0905118274\"]}");
    free(s);
    json_decref(flat);
    T_OK(fields_flatten(f, 0.0, &flat, NULL));
    T_ASSERT(json_object_size(flat) == 3 && json_array_size(json_object_get(flat, "phones")) == 2);
    json_decref(flat);
    json_decref(f);
    return 0;
}

static int t_nfc(void)
{
    /* decomposed input (UniKey "Unicode tổ hợp"): NFC out, labels still found */
    const char *nfd = "Tie\xcc\x82\xcc\x81p nha\xcc\xa3\xcc\x82n ho\xcc\x82\xcc\x80 so\xcc\x9b "
                      "cu\xcc\x89"
                      "a: O\xcc\x82ng Pha\xcc\xa3m Minh Tua\xcc\x82\xcc\x81n\n";
    json_t *flat = flat_of(nfd, 1);
    T_STREQ(str(flat, "applicant"), "Phạm Minh Tuấn");
    json_decref(flat);
    /* a whole document typed decomposed gives exactly its (NFC) fields */
    char *text = slurp(DATA "/receipt_xaydung.txt");
    T_ASSERT(text);
    utf8proc_uint8_t *d = NULL;
    T_ASSERT(utf8proc_map((const utf8proc_uint8_t *)text, 0, &d,
                          UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE) > 0);
    T_ASSERT(strcmp((char *)d, text) != 0);
    json_error_t jerr;
    json_t *want = json_load_file(DATA "/receipt_xaydung.meta.json", 0, &jerr);
    flat = flat_of((char *)d, 1);
    T_ASSERT(want && json_equal(want, flat));
    json_decref(want);
    json_decref(flat);
    free(d);
    free(text);
    /* capitals become title case, Vietnamese letters included */
    flat = flat_of("Họ, chữ đệm, tên người yêu cầu: ĐẶNG THỊ ÁNH NGUYỆT\n", 1);
    T_STREQ(str(flat, "applicant"), "Đặng Thị Ánh Nguyệt");
    json_decref(flat);
    return 0;
}

static int t_api_errors(void)
{
    hs_err err;
    json_t *f = (json_t *)1;
    T_ASSERT(fields_extract(NULL, 1, &f, &err) == HS_EINVAL && f == NULL);
    T_ASSERT(fields_extract("x", -1, &f, &err) == HS_EINVAL && f == NULL);
    T_ASSERT(fields_extract("x", 1, NULL, &err) == HS_EINVAL);
    size_t n = (1 << 20) + 1;
    char *huge = malloc(n + 1);
    T_ASSERT(huge);
    memset(huge, 'a', n);
    huge[n] = '\0';
    T_ASSERT(fields_extract(huge, 1, &f, &err) == HS_ELIMIT && f == NULL);
    T_CONTAINS(err.msg, "exceeds");
    free(huge);
    T_ASSERT(fields_flatten(NULL, 0.5, &f, &err) == HS_EINVAL && f == NULL);
    T_ASSERT(fields_merge(NULL, NULL, &err) == HS_EINVAL);
    T_STREQ(fields_key(0), "doc_type");
    T_STREQ(fields_key(FIELDS_COUNT - 1), "references");
    T_ASSERT(fields_key(FIELDS_COUNT) == NULL);
    T_ASSERT(fields_is_list("phones") && !fields_is_list("applicant"));
    return 0;
}

/* The forms corpus's compare: NFC, case folded, blanks collapsed, lists as sets. */
static int same_value(const json_t *a, const json_t *b)
{
    if (json_is_array(a) != json_is_array(b))
        return 0;
    if (json_is_array(a)) {
        if (json_array_size(a) != json_array_size(b))
            return 0;
        for (size_t i = 0; i < json_array_size(a); i++) {
            int found = 0;
            for (size_t j = 0; j < json_array_size(b) && !found; j++)
                found = same_value(json_array_get(a, i), json_array_get(b, j));
            if (!found)
                return 0;
        }
        return 1;
    }
    utf8proc_uint8_t *x = NULL, *y = NULL;
    int opts = UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD;
    int r = json_is_string(a) && json_is_string(b) &&
            utf8proc_map((const utf8proc_uint8_t *)json_string_value(a), 0, &x, opts) >= 0 &&
            utf8proc_map((const utf8proc_uint8_t *)json_string_value(b), 0, &y, opts) >= 0 &&
            !strcmp((char *)x, (char *)y);
    free(x);
    free(y);
    return r;
}

/* text gives exactly want (keys and values, lists as sets); prints the difference. */
static int gives(const char *name, const char *text, const json_t *want)
{
    json_t *got = flat_of(text, 1);
    int ok = got && json_object_size(got) == json_object_size(want);
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)want, key, v)
    {
        if (!same_value(v, json_object_get(got, key)))
            ok = 0;
    }
    if (!ok) {
        char *w = json_dumps(want, JSON_INDENT(1)), *g = json_dumps(got, JSON_INDENT(1));
        fprintf(stderr, "%s: want\n%s\ngot\n%s\n", name, w, g);
        free(w);
        free(g);
    }
    json_decref(got);
    return ok;
}

/* The 24 documents of shared/corpus/forms (copied to data/fields/forms): exact. */
static int t_forms_corpus(void)
{
    DIR *d = opendir(DATA "/forms");
    T_ASSERT(d);
    struct dirent *e;
    int n = 0, bad = 0;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt"))
            continue;
        char path[1024];
        snprintf(path, sizeof path, DATA "/forms/%s", e->d_name);
        char *text = slurp(path);
        snprintf(path, sizeof path, DATA "/forms/%.*s.meta.json", (int)(l - 4), e->d_name);
        json_error_t jerr;
        json_t *want = json_load_file(path, 0, &jerr);
        bad += !text || !want || !gives(e->d_name, text, want);
        json_decref(want);
        free(text);
        n++;
    }
    closedir(d);
    T_ASSERT(n == 24 && bad == 0);
    return 0;
}

/* Golden OCR texts of degraded renders (skew and noise, shadow, low resolution, 1-bit):
 * every stated field exact, nothing more. */
static int t_forms_ocr(void)
{
    static const char *const names[] = {
        "receipt_hkd_01.bitonal_g4", "gp_xaydung_01.skew_noise", "qd_dat_01.lowres",
        "don_attp_01.shadow",        "tokhai_cutru_01.shadow",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, DATA "/forms-ocr/%s.txt", names[i]);
        char *text = slurp(path);
        T_ASSERT(text);
        snprintf(path, sizeof path, DATA "/forms/%.*s.meta.json",
                 (int)strcspn(names[i], "."), names[i]);
        json_error_t jerr;
        json_t *want = json_load_file(path, 0, &jerr);
        T_ASSERT(want);
        int ok = gives(names[i], text, want);
        json_decref(want);
        free(text);
        T_ASSERT(ok);
    }
    return 0;
}

/* The general rules, each on a page of its own. */
static int t_rules(void)
{
    /* "Tôi là:" in capitals, an address wrapped after its unit's first word */
    json_t *f = flat_of("Tôi là: TRẦN THỊ MỸ DUYÊN\n"
                        "Địa chỉ: 12 Lê Thánh Tôn, phường Lộc Thọ, thành phố Nha Trang, tỉnh Khánh\n"
                        "Hòa\nSố điện thoại: 0905 111 222\n",
                        1);
    T_STREQ(str(f, "applicant"), "Trần Thị Mỹ Duyên");
    T_STREQ(str(f, "address"),
            "12 Lê Thánh Tôn, phường Lộc Thọ, thành phố Nha Trang, tỉnh Khánh Hòa");
    json_decref(f);
    /* a wrapped address keeps the comma that ended its line; label and value on two lines */
    f = flat_of("Kính gửi:\nỦy ban nhân dân phường Vĩnh Hải\n\nHọ và tên người đề nghị: Lý Văn Tư\n"
                "Nơi thường trú: Số 4 đường 2/4, phường Vĩnh Hải,\nthành phố Nha Trang\n"
                "Nơi ở hiện tại: 9 Trần Phú, phường Lộc Thọ\n",
                1);
    T_STREQ(str(f, "recipient"), "Ủy ban nhân dân phường Vĩnh Hải");
    T_STREQ(str(f, "applicant"), "Lý Văn Tư");
    T_STREQ(str(f, "address"), "Số 4 đường 2/4, phường Vĩnh Hải, thành phố Nha Trang");
    json_decref(f);
    /* an organisation files: its name as printed, not its director */
    f = flat_of("Tên doanh nghiệp: CÔNG TY CỔ PHẦN THỦY SẢN BÌNH AN\nNgười đại diện: Ông Lê Văn Tám\n"
                "Địa chỉ trụ sở: Lô 7, Khu công nghiệp Suối Dầu, huyện Cam Lâm\n",
                1);
    T_STREQ(str(f, "applicant"), "CÔNG TY CỔ PHẦN THỦY SẢN BÌNH AN");
    T_STREQ(str(f, "address"), "Lô 7, Khu công nghiệp Suối Dầu, huyện Cam Lâm");
    json_decref(f);
    /* an official document names the citizen in a sentence */
    f = flat_of("Xét đơn đề nghị của bà Võ Thị Hạnh, thường trú tại thôn 2, xã Ea Tu, thành phố "
                "Buôn Ma Thuột, được hỗ trợ;\n",
                1);
    T_STREQ(str(f, "applicant"), "Võ Thị Hạnh");
    T_STREQ(str(f, "address"), "thôn 2, xã Ea Tu, thành phố Buôn Ma Thuột");
    json_decref(f);
    /* OCR runs the header's columns together; the title wraps; references only from "Căn
     * cứ", a number cited elsewhere is none */
    f = flat_of("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                "HUYỆN KRÔNG PẮC Độc lập - Tự do - Hạnh phúc\n"
                "Số: 77/GCN-UBND Krông Pắc, ngày 02 tháng 3 năm 2024\n\n"
                "GIẤY CHỨNG NHẬN\nĐĂNG KÝ HỘ KINH DOANH\n(Cấp lần đầu)\n"
                "Căn cứ Nghị định số 01/2021/NĐ-CP ngày 04/01/2021;\n"
                "Xét Tờ trình số 12/TTr-TCKH ngày 01/3/2024;\n",
                1);
    T_STREQ(str(f, "issuer"), "ỦY BAN NHÂN DÂN HUYỆN KRÔNG PẮC");
    T_STREQ(str(f, "title"), "GIẤY CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH");
    T_STREQ(str(f, "doc_type"), "giay_chung_nhan");
    T_STREQ(str(f, "number_symbol"), "77/GCN-UBND");
    T_STREQ(str(f, "place"), "Krông Pắc");
    T_ASSERT(json_array_size(json_object_get(f, "references")) == 1);
    T_STREQ(json_string_value(json_array_get(json_object_get(f, "references"), 0)),
            "01/2021/NĐ-CP");
    json_decref(f);
    /* the signer under the last title line, the columns of the signature block run together */
    f = flat_of("QUYẾT ĐỊNH\nNơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như Điều 3; KT. CHỦ TỊCH\n"
                "- Lưu: VT. PHÓ CHỦ TỊCH\n\nHoàng Thị Lan\n",
                1);
    T_STREQ(str(f, "signer_title"), "PHÓ CHỦ TỊCH");
    T_STREQ(str(f, "signer"), "Hoàng Thị Lan");
    json_decref(f);
    /* boxed digits, several phones to one label, a 12-digit licence number is no ID */
    f = flat_of("Số định danh cá nhân: 0 7 9 1 9 0 0 1 2 3 4 5\n"
                "Điện thoại: (0258) 3822 114 hoặc 0912 345 678\n"
                "Giấy phép lái xe số: 079190012399\n",
                1);
    json_t *ids = json_object_get(f, "id_numbers"), *ph = json_object_get(f, "phones");
    T_ASSERT(json_array_size(ids) == 1 && json_array_size(ph) == 2);
    T_STREQ(json_string_value(json_array_get(ids, 0)), "079190012345");
    T_STREQ(json_string_value(json_array_get(ph, 0)), "02583822114");
    T_STREQ(json_string_value(json_array_get(ph, 1)), "0912345678");
    json_decref(f);
    /* two-level numbering before a label; a service line; a phone on the line after its
     * label */
    f = flat_of("1.1. Tên (viết chữ in hoa): ĐỖ VĂN AN\n1.2. Địa chỉ: Tổ 3, phường Tân Lập\n"
                "Tổng đài hỗ trợ, điện thoại: 1900 9068\nMọi chi tiết xin liên hệ điện thoại:\n"
                "0299 3822 715.\n",
                1);
    T_STREQ(str(f, "applicant"), "Đỗ Văn An");
    T_STREQ(str(f, "address"), "Tổ 3, phường Tân Lập");
    ph = json_object_get(f, "phones");
    T_ASSERT(json_array_size(ph) == 2);
    T_STREQ(json_string_value(json_array_get(ph, 0)), "19009068");
    T_STREQ(json_string_value(json_array_get(ph, 1)), "02993822715");
    json_decref(f);
    /* marks OCR got wrong in a known phrase and a family name put back, case kept */
    f = flat_of("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUÁ\nNgười yêu cầu: Đỉnh Văn Hùng\n", 1);
    T_STREQ(str(f, "title"), "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
    T_STREQ(str(f, "applicant"), "Đinh Văn Hùng");
    json_decref(f);
    return 0;
}

/* Precision first: a doubtful value is not given but listed for review with its reason;
 * every value says its line; merge unites review lists. */
static int t_review(void)
{
    json_t *f = NULL;
    T_OK(fields_extract("Tên tôi là: Lê Văn Bảy\n\nMã số: 079190012345\n", 2, &f, NULL));
    T_ASSERT(!json_object_get(f, "id_numbers"));
    json_t *app = json_object_get(f, "applicant");
    T_ASSERT(json_integer_value(json_object_get(app, "line")) == 1);
    const char *field = NULL, *reason = NULL;
    T_ASSERT(fields_needs_review(f, &field, &reason) == 1);
    T_STREQ(field, "id_numbers");
    T_CONTAINS(reason, "no ID label");
    json_t *r = json_array_get(json_object_get(f, "review"), 0);
    T_STREQ(str(r, "value"), "079190012345");
    T_ASSERT(json_integer_value(json_object_get(r, "page")) == 2);
    T_ASSERT(json_integer_value(json_object_get(r, "line")) == 3);
    T_ASSERT(json_number_value(json_object_get(r, "confidence")) < FIELDS_MIN_CONFIDENCE);
    /* two pages with the same doubt give one entry; a page without any gives none */
    json_t *d = json_object();
    T_OK(fields_merge(d, f, NULL));
    T_OK(fields_merge(d, f, NULL));
    T_ASSERT(fields_needs_review(d, NULL, NULL) == 1);
    json_t *clean = NULL;
    T_OK(fields_extract("Tên tôi là: Lê Văn Bảy\n", 1, &clean, NULL));
    T_ASSERT(fields_needs_review(clean, &field, &reason) == 0 && !field && !reason);
    /* a malformed review list is refused, the dossier unchanged */
    json_object_set_new(clean, "review", json_string("x"));
    T_ASSERT(fields_merge(d, clean, NULL) == HS_EINVAL);
    T_ASSERT(fields_needs_review(d, NULL, NULL) == 1);
    /* a company named on a receipt, the applicant only from the signature: its submitter,
     * so for review; the company under a label on the line after "hồ sơ của:" */
    json_t *g = NULL;
    T_OK(fields_extract("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\nNội dung: CÔNG TY CP AN BÌNH\n"
                        "NGƯỜI NỘP HỒ SƠ\nLê Văn Tám\n",
                        1, &g, NULL));
    T_ASSERT(!json_object_get(g, "applicant") && fields_needs_review(g, &field, &reason) == 1);
    T_STREQ(field, "applicant");
    json_decref(g);
    json_t *fl = flat_of("Trung tâm tiếp nhận hồ sơ của:\nĐơn vị/cá nhân: CÔNG TY CP AN BÌNH\n"
                         "NGƯỜI NỘP HỒ SƠ\nLê Văn Tám\n",
                         1);
    T_STREQ(str(fl, "applicant"), "CÔNG TY CP AN BÌNH");
    json_decref(fl);
    /* a table of two parties: each column's ID under the row's label; whose address it is
     * waits for review */
    T_OK(fields_extract("Thông tin              Bên A                     Bên B\n"
                        "Số CCCD:               079190012345              079188004321\n"
                        "Địa chỉ:               12 Lê Lợi, phường 1       4 Trần Phú, phường 2\n",
                        1, &g, NULL));
    T_ASSERT(json_array_size(json_object_get(g, "id_numbers")) == 2);
    T_ASSERT(!json_object_get(g, "address") && fields_needs_review(g, &field, NULL) == 1);
    T_STREQ(field, "address");
    json_decref(g);
    /* a syllable with two tone marks is a misread: the address waits for review */
    T_OK(fields_extract("Địa chỉ: khu vực Thạnh Huầề, quận Cái Răng\n", 1, &g, NULL));
    T_ASSERT(!json_object_get(g, "address") && fields_needs_review(g, &field, NULL) == 1);
    T_STREQ(field, "address");
    json_decref(g);
    /* a value ending in a word that joins a sentence ran on (or was cut short): review;
     * the same word as a name's, in capitals ("Sủng Là"), ends a value */
    T_ASSERT(review_is("Địa chỉ thường trú: xóm 2, thôn Hòa Ngãi, xã Ngọc Lũ; sống một mình, "
                       "không có\nnơi nương tựa, không có thu nhập.\n",
                       "address", "joins a sentence"));
    fl = flat_of("Địa chỉ: thôn Sủng Là, xã Sủng Là\n", 1);
    T_STREQ(str(fl, "address"), "thôn Sủng Là, xã Sủng Là");
    json_decref(fl);
    json_decref(clean);
    json_decref(d);
    json_decref(f);
    return 0;
}

/* Layout from hOCR (Tesseract's, of clean renders): the columns told apart by position, the
 * same fields as the text gives, each with the box of its line; without hOCR lines the
 * text is read. */
static int t_layout(void)
{
    static const char *const names[] = {"gp_xaydung_01", "receipt_chungthuc_01"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, DATA "/hocr/%s.clean.hocr", names[i]);
        char *hocr = slurp(path);
        T_ASSERT(hocr);
        snprintf(path, sizeof path, DATA "/forms/%s.meta.json", names[i]);
        json_error_t jerr;
        json_t *want = json_load_file(path, 0, &jerr), *f = NULL, *flat = NULL;
        T_ASSERT(want);
        T_OK(fields_extract_layout(NULL, hocr, 3, &f, NULL));
        T_OK(fields_flatten(f, FIELDS_MIN_CONFIDENCE, &flat, NULL));
        int ok = json_object_size(flat) == json_object_size(want);
        const char *key;
        json_t *v;
        json_object_foreach(want, key, v)
        {
            ok &= same_value(v, json_object_get(flat, key));
        }
        if (!ok) {
            char *g = json_dumps(flat, JSON_INDENT(1));
            fprintf(stderr, "%s (hocr): got\n%s\n", names[i], g);
            free(g);
        }
        T_ASSERT(ok);
        /* the issuer is read from the left block, with its box on the image */
        json_t *box = json_object_get(json_object_get(f, "issuer"), "box");
        T_ASSERT(json_array_size(box) == 4);
        T_ASSERT(json_integer_value(json_array_get(box, 0)) < 600);
        T_ASSERT(json_integer_value(json_array_get(box, 2)) < 1300);
        T_ASSERT(json_integer_value(json_object_get(json_object_get(f, "issuer"), "page")) == 3);
        json_decref(flat);
        json_decref(f);
        json_decref(want);
        free(hocr);
    }
    /* no line in the hOCR: the text; neither: an error */
    json_t *f = NULL;
    T_OK(fields_extract_layout("Tôi là: Lê Văn Bảy\n", "<html><body></body></html>", 1, &f, NULL));
    T_STREQ(str(json_object_get(f, "applicant"), "value"), "Lê Văn Bảy");
    json_decref(f);
    T_OK(fields_extract_layout("Tôi là: Lê Văn Bảy\n", NULL, 1, &f, NULL));
    T_ASSERT(json_object_get(f, "applicant"));
    json_decref(f);
    hs_err err;
    T_ASSERT(fields_extract_layout(NULL, NULL, 1, &f, &err) == HS_EINVAL && !f);
    /* a broken hOCR (no closing tags, a bbox cut short) gives what it can and no crash */
    T_OK(fields_extract_layout(NULL, "<span class='ocr_line' title='bbox 1 2 3'><span "
                                     "class='ocrx_word' title='bbox 1 2 3 4'>Tôi",
                               1, &f, NULL));
    json_decref(f);
    /* random soups of hOCR pieces: always an object, never a crash */
    static const char *const tok[] = {
        "<span class='ocr_line' title=\"bbox 10 10 900 60\">",
        "<span class='ocr_line' title=\"bbox 1200 10 2000 60; baseline 0 -5\">",
        "<span class='ocrx_word' title='bbox 10 10 90 60; x_wconf 90'>",
        "<span class='ocrx_word' title='bbox 1500 70 1600 120'>",
        "<span class='ocrx_word' title='bbox -5 99999 -7 0'>",
        "</span>", "Tôi", " là:", "Số:", "12/QĐ-UBND", "&amp;", "&lt;", "&", "<", ">", "'",
        "\"", "title=", "bbox", " 1 2", "Kính gửi:", "ỦY BAN NHÂN DÂN", "0905118274",
    };
    unsigned seed = 777;
    char buf[4096];
    for (int round = 0; round < 1000; round++) {
        size_t w = 0;
        int n = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 120;
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            const char *t = tok[(seed >> 16) % (sizeof tok / sizeof tok[0])];
            size_t tl = strlen(t);
            if (w + tl + 1 >= sizeof buf)
                break;
            memcpy(buf + w, t, tl);
            w += tl;
        }
        buf[w] = '\0';
        T_OK(fields_extract_layout(round % 2 ? "Tôi là: Lê Văn Bảy" : NULL, buf, 1, &f, NULL));
        T_ASSERT(json_is_object(f));
        json_decref(f);
    }
    return 0;
}

/* The sixth hold-out set's lessons (issue 19), each general, on a page of its own. */
static int t_heldout6(void)
{
    /* a request dated between its name and "của" names the applicant */
    json_t *f = flat_of("QUYẾT ĐỊNH\nXét Giấy đề nghị ngày 08/01/2024 của ông Hà Văn Thỏa,\n", 1);
    T_STREQ(str(f, "applicant"), "Hà Văn Thỏa");
    json_decref(f);
    f = flat_of("QUYẾT ĐỊNH\nXét đơn ngày 8 tháng 1 năm 2024 của bà Lò Thị Xuân,\n", 1);
    T_STREQ(str(f, "applicant"), "Lò Thị Xuân");
    json_decref(f);
    /* a phone label that ends a line without a colon, the number on the next; a desk
     * phone under "số máy bàn" */
    f = flat_of("Mọi chi tiết xin liên hệ ông Diệp Thanh Tòng, chuyên viên, điện thoại\n"
                "0857 316 204, hoặc số máy bàn 0290 3877 215.\n",
                1);
    T_ASSERT(list_is(f, "phones", 2, 0, "0857316204"));
    T_ASSERT(list_is(f, "phones", 2, 1, "02903877215"));
    json_decref(f);
    /* an earlier near-label ("liên hệ Bộ phận" is one letter from "liên hệ số") does not
     * hide the label that ends the line (hold-out 9) */
    T_ASSERT(list_in("Mọi vướng mắc xin liên hệ Bộ phận Tiếp nhận và Trả kết quả, điện thoại\n"
                     "0296 3841 275, thư điện tử: bptnkq.longxuyen@angiang.gov.vn.\n",
                     "phones", 1, 0, "02963841275"));
    /* an ID label that ends a line holds for the number that starts the next (hold-out 9);
     * the same number without the label above stays out */
    T_ASSERT(
        list_in("THÔNG BÁO\nhồ sơ của ông Tạ Quốc Thạch (số định danh cá nhân 089083006174) và "
                "của bà Lâm Thị Kim Ngân (số định danh cá nhân\n089168005327), Giấy chứng "
                "nhận số phát hành DE 651274.\n",
                "id_numbers", 2, 1, "089168005327"));
    /* ... and a label that wraps inside itself ("số định" / "danh cá nhân …") */
    T_ASSERT(list_in("QUYẾT ĐỊNH\nĐiều 1. Hỗ trợ bà Y Thị Hoa, sinh năm 1951, số định\n"
                     "danh cá nhân 062151002836, thường trú tại tổ 3.\n",
                     "id_numbers", 1, 0, "062151002836"));
    /* OCR's Icelandic Ð for the Đ of a symbol is put back; one beside a Đ is that Đ read
     * twice (hold-outs 9, 11, 19: "ĐÐN", "ÐĐKKDD", "ÐĐN"); two Ð are still doubted */
    f = flat_of("CÔNG TY TNHH PHÚC MINH HƯNG\nSố: 18/2024/ÐN-PMH\nĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP\n", 1);
    T_STREQ(json_string_value(json_object_get(f, "number_symbol")), "18/2024/ĐN-PMH");
    json_decref(f);
    f = flat_of("ỦY BAN NHÂN DÂN\nSố: 05/QĐÐ-UBND\nQUYẾT ĐỊNH\n", 1);
    T_STREQ(json_string_value(json_object_get(f, "number_symbol")), "05/QĐ-UBND");
    json_decref(f);
    f = flat_of("ỦY BAN NHÂN DÂN\nSố: 05/QÐÐ-UBND\nQUYẾT ĐỊNH\n", 1);
    T_ASSERT(!json_object_get(f, "number_symbol"));
    json_decref(f);
    /* an honorific that ends the line over the name ("hồ sơ của ông" / "Tạ Quốc Thạch (…") */
    f = flat_of("THÔNG BÁO\nVề việc bổ sung hồ sơ\nNgày 18/02/2025, Bộ phận Tiếp nhận và Trả "
                "kết quả thành phố nhận hồ sơ của ông\nTạ Quốc Thạch (số định danh cá nhân "
                "089083006174) đề\nnghị đăng ký biến động.\n",
                1);
    T_STREQ(json_string_value(json_object_get(f, "applicant")), "Tạ Quốc Thạch");
    json_decref(f);
    f = flat_of("THÔNG BÁO\nhồ sơ của ông Tạ Quốc Thạch, ngày 18/02/2025\n"
                "089168005327 là mã lưu trữ.\n",
                1);
    T_ASSERT(!json_object_get(f, "id_numbers"));
    json_decref(f);
    /* ... but a label that ends a line over no number gives none */
    f = flat_of("Liên hệ qua điện thoại\nhoặc thư điện tử của cơ quan.\n", 1);
    T_ASSERT(!json_object_get(f, "phones"));
    json_decref(f);
    /* the officer under "VIÊN CHỨC TIẾP NHẬN" */
    f = flat_of("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\n\nNGƯỜI NỘP HỒ SƠ              "
                "VIÊN CHỨC TIẾP NHẬN\n(Ký, ghi rõ họ tên)              (Ký, ghi rõ họ tên)\n"
                "Võ Đình Trọng                    Đoàn Thị Mỹ Lệ\n",
                1);
    T_STREQ(str(f, "receiver"), "Đoàn Thị Mỹ Lệ");
    json_decref(f);
    /* a bare "GIẤY CHỨNG NHẬN" goes on past OCR's blank line; "QUYẾT ĐỊNH" does not */
    f = flat_of("GIẤY CHỨNG NHẬN\n\nHỘ CẬN NGHÈO\n(Giai đoạn 2022 - 2025)\n", 1);
    T_STREQ(str(f, "title"), "GIẤY CHỨNG NHẬN HỘ CẬN NGHÈO");
    json_decref(f);
    f = flat_of("QUYẾT ĐỊNH\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN XÃ MỸ LUNG\n", 1);
    T_STREQ(str(f, "title"), "QUYẾT ĐỊNH");
    json_decref(f);
    /* a cited number with a letter no symbol has is not given */
    f = flat_of("QUYẾT ĐỊNH\nCăn cứ Quyết định số 05/QÐÐ-UBND ngày 03/01/2024 của UBND xã;\n"
                "Căn cứ Nghị định số 07/2021/NĐ-CP ngày 27/01/2021 của Chính phủ;\n",
                1);
    T_ASSERT(list_is(f, "references", 1, 0, "07/2021/NĐ-CP"));
    json_decref(f);
    return 0;
}

/* Hold-out 8's misses that were left, read again (issue 19): Central Highlands names with
 * an apostrophe in a sentence, the family name Điểu, "CCCD số" ending a line, an
 * organisation's seat inside a bracket, "Hộ khẩu thường trú". */
static int t_heldout8_rest(void)
{
    T_ASSERT(field_is("GIẤY XÁC NHẬN\nXét Giấy đề nghị ngày 24/02/2025 của ông Điểu K'Thuông,\n"
                      "thường trú tại thôn 4, xã Nâm N'Jang.\n",
                      "applicant", "Điểu K'Thuông"));
    json_t *f =
        flat_of("QUYẾT ĐỊNH\nĐiều 1. Người đại diện: bà Quách Thị Hường, Giám đốc, CCCD số\n"
                "017178002463, điện thoại 0325 814 076.\n",
                1);
    T_ASSERT(list_is(f, "id_numbers", 1, 0, "017178002463"));
    json_decref(f);
    /* "số" ending a line with no ID label before it holds for nothing */
    T_ASSERT(field_is("QUYẾT ĐỊNH\nĐiều 1. Giao đất cho thửa đất số\n017178002463 tại xã.\n",
                      "id_numbers", NULL));
    T_ASSERT(field_is("CÔNG VĂN\nVăn bản của Hợp tác xã Tam Giang (mã số hợp tác xã 2001356782, "
                      "địa chỉ trụ sở: ấp Mai Hoa, xã Tam Giang, huyện Năm\nCăn, tỉnh Cà Mau) đề "
                      "nghị cấp mã số cơ sở nuôi tôm.\n",
                      "address", "ấp Mai Hoa, xã Tam Giang, huyện Năm Căn, tỉnh Cà Mau"));
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: Lê Văn Tám\nHộ khẩu thường trú: ấp Phước Hưng, xã "
                      "Phước Lâm, huyện Cần Giuộc,\ntỉnh Long An\n",
                      "address", "ấp Phước Hưng, xã Phước Lâm, huyện Cần Giuộc, tỉnh Long An"));
    /* OCR broke the place's name: the date after its comma stands, the place is not given;
     * a date after a comma in a sentence is no issue date */
    const char *broken = "GIẤY XÁC NHẬN\nSố: 86/GXN-UBND Nâm N']Jang, ngày 06 tháng 3 năm 2025\n";
    T_ASSERT(field_is(broken, "issue_date", "2025-03-06"));
    T_ASSERT(field_is(broken, "place", NULL));
    T_ASSERT(field_is("GIẤY XÁC NHẬN\nhồ sơ đã nộp đủ, ngày 06 tháng 3 năm 2025 được trả.\n",
                      "issue_date", NULL));
    return 0;
}

/* The tenth hold-out set's lessons (issue 19). */
static int t_heldout10(void)
{
    /* an issuer in capitals whose marks OCR lost, spelled in small letters elsewhere on
     * the page, every copy agreeing */
    json_t *f = flat_of("CÔNG AN TỈNH TRÀ VINH          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                        "CÔNG AN HUYỆN CÂU NGANG\n"
                        "Số: 1374/CAH-QLHC               Cầu Ngang, ngày 03 tháng 10 năm 2024\n"
                        "Công an huyện Cầu Ngang nhận được đơn.\n",
                        1);
    T_STREQ(str(f, "issuer"), "CÔNG AN HUYỆN CẦU NGANG");
    json_decref(f);
    /* ... but copies that disagree leave it to review */
    f = flat_of("CÔNG AN HUYỆN CẦU NGANG          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                "CÔNG AN XÃ HIÊP MỸ TÂY\n"
                "Số: 1374/CAX-QLHC               Hiệp Mỹ Tây, ngày 03 tháng 10 năm 2024\n"
                "Công an xã Hiêp Mỹ Tây nhận được đơn.\n",
                1);
    T_ASSERT(!json_object_get(f, "issuer"));
    json_decref(f);
    /* (a district's name is respelled from the list of districts, whatever the copies) */
    f = flat_of("CÔNG AN TỈNH TRÀ VINH          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                "CÔNG AN HUYỆN CÂU NGANG\n"
                "Số: 1374/CAH-QLHC               Cầu Ngang, ngày 03 tháng 10 năm 2024\n"
                "Công an huyện Câu Ngang nhận được đơn.\n",
                1);
    T_STREQ(str(f, "issuer"), "CÔNG AN HUYỆN CẦU NGANG");
    json_decref(f);
    /* a name cut after its first word; a word in capitals inside a name is doubted */
    f = flat_of("CÔNG VĂN\nCông an huyện nhận được đơn ngày 16/9/2024 của ông Thạch\n"
                "Sê Ri, sinh năm 1975, số định danh cá nhân 084075004612 (Chứng minh nhân dân\n"
                "cũ số 334187562), thường trú tại ấp Sóc Chuối, xã Kim Hòa.\n",
                1);
    T_STREQ(str(f, "applicant"), "Thạch Sê Ri");
    T_ASSERT(list_is(f, "id_numbers", 2, 1, "334187562"));
    json_decref(f);
    f = flat_of("CÔNG VĂN\nCông an huyện nhận được đơn ngày 16/9/2024 của ông Thạch\n"
                "Sê RÌ, sinh năm 1975.\n",
                1);
    T_ASSERT(!json_object_get(f, "applicant"));
    json_decref(f);
    /* a boat owner who applies; "ĐTDĐ" */
    f = flat_of("ĐƠN ĐỀ NGHỊ ĐĂNG KÝ TÀU CÁ\nTên chủ tàu (viết chữ in hoa): LÊ VĂN TƯỜNG    Năm "
                "sinh: 1979\nĐTDĐ: 0764 318 925         Mã số thuế cá nhân: 8327104596\n",
                1);
    T_STREQ(str(f, "applicant"), "Lê Văn Tường");
    T_ASSERT(list_is(f, "phones", 1, 0, "0764318925"));
    json_decref(f);
    /* a subject that breaks inside a name goes on; the fuller copy of an address wins */
    f = flat_of("QUYẾT ĐỊNH\nVề việc giải quyết khiếu nại (lần đầu) của bà Hoàng\n"
                "Thị Duyên, trú tại thôn Làng Mới, xã Xuân Quang, huyện Bảo Thắng\n\n"
                "Điều 1. Công nhận một phần nội dung khiếu nại của bà HOÀNG THỊ DUYÊN, thường "
                "trú tại thôn Làng Mới,\nxã Xuân Quang, huyện Bảo Thắng, tỉnh Lào Cai.\n",
                1);
    T_STREQ(str(f, "summary"), "Về việc giải quyết khiếu nại (lần đầu) của bà Hoàng Thị Duyên, "
                               "trú tại thôn Làng Mới, xã Xuân Quang, huyện Bảo Thắng");
    T_STREQ(str(f, "address"), "thôn Làng Mới, xã Xuân Quang, huyện Bảo Thắng, tỉnh Lào Cai");
    json_decref(f);
    /* a place's name that ends in "Chi" is no honorific: "Ngày …" does not join it */
    f = flat_of("CÔNG VĂN\nKính gửi: Chi nhánh Văn phòng Đăng ký đất đai huyện Củ Chi\n"
                "Ngày 28 tháng 9 năm 2020, Ủy ban nhân dân xã nhận được đơn.\n",
                1);
    T_STREQ(str(f, "recipient"), "Chi nhánh Văn phòng Đăng ký đất đai huyện Củ Chi");
    json_decref(f);
    /* wordings of the labels the sets have not had */
    f = flat_of("ĐƠN ĐỀ NGHỊ\nHọ tên người đứng đơn: Nguyễn Văn An\nĐịa chỉ hiện nay: số 5 "
                "đường Lê Lợi, phường 2, thành phố Tuy Hòa\nĐiện thoại liên lạc: 0912 345 678\n",
                1);
    T_STREQ(str(f, "applicant"), "Nguyễn Văn An");
    T_STREQ(str(f, "address"), "số 5 đường Lê Lợi, phường 2, thành phố Tuy Hòa");
    T_ASSERT(list_is(f, "phones", 1, 0, "0912345678"));
    json_decref(f);
    /* "Chỉ cục" (a sans-serif render's misread) is the administrative word "Chi cục" */
    f = flat_of("ĐƠN ĐỀ NGHỊ\nKính gửi: Chỉ cục Thủy sản tỉnh Bình Thuận\n", 1);
    T_STREQ(str(f, "recipient"), "Chi cục Thủy sản tỉnh Bình Thuận");
    json_decref(f);
    return 0;
}

/* The eleventh hold-out set's lessons (issue 19). */
static int t_heldout11(void)
{
    /* an ID label wrapped inside itself, any label of the table */
    json_t *f;
    T_ASSERT(list_in("CÔNG VĂN\nđăng ký khai tử cho cha là ông Trần Văn Chiếu (sinh năm 1942, "
                     "Chứng\nminh nhân dân số 360158247, chết ngày 14/02/2009 tại nhà)\n",
                     "id_numbers", 1, 0, "360158247"));
    /* the name under a label that ends the line, with a label of its own after it (OCR
     * closed the gap between the two columns) */
    f = flat_of("PHIẾU TIẾP NHẬN HỒ SƠ\nNgười nộp hồ sơ (người nhận con nuôi):\n\n"
                "ÔNG ĐỖ MẠNH QUYẾT Sinh ngày: 03/9/1985\n",
                1);
    T_STREQ(str(f, "applicant"), "Đỗ Mạnh Quyết");
    json_decref(f);
    /* a phone label's colon search does not jump over the number; a bracketed note after
     * a number does not end the list */
    f = flat_of("GIẤY CHỨNG NHẬN\nXoài; điện thoại 0896 352 718; e-mail: baochau.ds90@gmail.com\n"
                "   Điện thoại: 0206.3862.417 (nhà); 0915 276 348 (di động)\n",
                1);
    T_ASSERT(list_is(f, "phones", 3, 0, "0896352718"));
    T_ASSERT(list_is(f, "phones", 3, 2, "0915276348"));
    json_decref(f);
    /* "Nhận lúc:" with the weekday between time and date */
    f = flat_of("PHIẾU TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\nNhận lúc: 10:05, thứ Hai 21/10/2024\n",
                1);
    T_STREQ(str(f, "received_at"), "2024-10-21T10:05");
    json_decref(f);
    /* "nơi thường trú:" inside a sentence; "số điện thoại" ends the address */
    f = flat_of("QUYẾT ĐỊNH\nĐiều 1. Bà LÒ THỊ NHUNG, số sổ bảo hiểm xã hội 3815046271, nơi thường "
                "trú: bản Pà Ban,\nxã Lũng Niêm, huyện Bá Thước, tỉnh Thanh Hóa, số điện thoại "
                "0823 517 064;\n",
                1);
    T_STREQ(str(f, "address"), "bản Pà Ban, xã Lũng Niêm, huyện Bá Thước, tỉnh Thanh Hóa");
    json_decref(f);
    /* OCR put the place-date of the right column on the subject's last line; a title goes
     * on past a blank line with "VÀ" */
    f = flat_of("UBND THỊ XÃ LONG MỸ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 86/PTP-HCTP\n\n"
                "V/v hướng dẫn đăng ký khai tử cho\n\nngười chết từ năm 2009 nhưng chưa\n\n"
                "đăng ký để làm thủ tục thừa kế Long Mỹ, ngày 18/12/2024\n",
                1);
    T_STREQ(str(f, "summary"), "V/v hướng dẫn đăng ký khai tử cho người chết từ năm 2009 nhưng "
                               "chưa đăng ký để làm thủ tục thừa kế");
    json_decref(f);
    f = flat_of(
        "PHIẾU TIẾP NHẬN HỒ SƠ\n\nVÀ HẸN TRẢ KẾT QUẢ\n\nMã số hồ sơ: 000.27.14.H26-241021-0045\n",
        1);
    T_STREQ(str(f, "title"), "PHIẾU TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
    json_decref(f);
    f = flat_of("QUYẾT ĐỊNH\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN XÃ MỸ LUNG\n", 1);
    T_STREQ(str(f, "title"), "QUYẾT ĐỊNH");
    json_decref(f);
    /* the apostrophe of "H'Bia" read as a blank is put back; "Y Moan" has none */
    f = flat_of("QUYẾT ĐỊNH\nNơi nhận:                         TM. ỦY BAN NHÂN DÂN\n"
                "- Như Điều 3;                     KT. CHỦ TỊCH\n"
                "- Lưu: VT.                        PHÓ CHỦ TỊCH\n\n"
                "                                  Ksor H Bia\n",
                1);
    T_STREQ(str(f, "signer"), "Ksor H'Bia");
    json_decref(f);
    f = flat_of("QUYẾT ĐỊNH\nNơi nhận:                         TM. ỦY BAN NHÂN DÂN\n"
                "- Như Điều 3;                     CHỦ TỊCH\n\n"
                "                                  Y Moan Niê\n",
                1);
    T_STREQ(str(f, "signer"), "Y Moan Niê");
    json_decref(f);
    /* a commune officer of any field over the receiver's name */
    f = flat_of("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\n\n"
                "NGƯỜI NỘP HỒ SƠ                       CÔNG CHỨC ĐỊA CHÍNH - XÂY DỰNG\n"
                "Phan Văn Lộc                          Nguyễn Thành Trung\n",
                1);
    T_STREQ(str(f, "receiver"), "Nguyễn Thành Trung");
    json_decref(f);
    /* a business whose kind is in small letters, to "và"; "Tạp hóa Bình An" holds no
     * "Hòa Bình" to respell */
    f = flat_of("QUYẾT ĐỊNH\nXét hồ sơ đề nghị của hộ kinh doanh Tạp hóa Bình An và đề nghị của "
                "Trưởng phòng Kinh tế;\n",
                1);
    T_STREQ(str(f, "applicant"), "hộ kinh doanh Tạp hóa Bình An");
    json_decref(f);
    return 0;
}

/* The twelfth hold-out set's lessons (issue 19): layouts. */
static int t_heldout12(void)
{
    /* a form's dotted leaders stand for the colon */
    json_t *f = flat_of("ĐƠN XIN CHUYỂN TRƯỜNG\n"
                        "1. Họ và tên người làm đơn ......................... Trần Thị Thu Huyền\n"
                        "4. Nơi thường trú ........ Tổ Dân Phố Từ Đài, Phường Hòa Mạc, Thị Xã\n"
                        "   Duy Tiên, Tỉnh Hà Nam\n",
                        1);
    T_STREQ(str(f, "applicant"), "Trần Thị Thu Huyền");
    T_STREQ(str(f, "address"), "Tổ Dân Phố Từ Đài, Phường Hòa Mạc, Thị Xã Duy Tiên, Tỉnh Hà Nam");
    json_decref(f);
    /* an invoice ("hóa đơn … của Công ty") is no request; a section's Roman numeral */
    f = flat_of("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\n"
                "Hóa đơn số 00012764, ký hiệu 1C24TMC, ngày 12/4/2024 của Công ty TNHH\n"
                "Thương mại Honda Mộc Châu (mã số thuế 5500618342)\n"
                "III. NỘI DUNG YÊU CẦU: Đăng ký, cấp biển số xe mô tô lần đầu\n",
                1);
    T_ASSERT(!json_object_get(f, "applicant"));
    T_STREQ(str(f, "procedure"), "Đăng ký, cấp biển số xe mô tô lần đầu");
    json_decref(f);
    /* a village's name cut at the line's end; addressees listed after dashes */
    f = flat_of("CÔNG VĂN\n              Kính gửi:   - Ông Rơ Châm Tuih;\n"
                "                          - Ủy ban nhân dân xã Ia Phìn.\n\n"
                "Ủy ban nhân dân huyện nhận được văn bản đề nghị của ông Rơ Châm Tuih, thường "
                "trú tại làng Bồn\nDơ, xã Ia Phìn, huyện Chư Prông, tỉnh Gia Lai; điện thoại "
                "0385 207 916.\n",
                1);
    T_STREQ(str(f, "recipient"), "Ông Rơ Châm Tuih; Ủy ban nhân dân xã Ia Phìn");
    T_STREQ(str(f, "address"), "làng Bồn Dơ, xã Ia Phìn, huyện Chư Prông, tỉnh Gia Lai");
    json_decref(f);
    /* the grounds end at "; xét …"; a comma at a line's end does not end them */
    f = flat_of("QUYẾT ĐỊNH\nCăn cứ Nghị định số 75/2021/NĐ-CP ngày 24/7/2021 của Chính phủ, được "
                "sửa đổi,\nbổ sung bởi Nghị định số 55/2023/NĐ-CP ngày 21/7/2023;\n"
                "Căn cứ Luật Tín ngưỡng, tôn giáo; xét đề nghị của Trưởng phòng Nội vụ tại Tờ "
                "trình\nsố 164/TTr-NV ngày 10/12/2024,\n",
                1);
    T_ASSERT(list_is(f, "references", 2, 1, "55/2023/NĐ-CP"));
    json_decref(f);
    /* a centred subject's second line, alone in its row */
    f = flat_of("                               QUYẾT ĐỊNH\n"
                "     Về việc trợ cấp mai táng và trợ cấp một lần khi người có công với\n"
                "                         cách mạng từ trần\n",
                1);
    T_STREQ(str(f, "summary"), "Về việc trợ cấp mai táng và trợ cấp một lần khi người có công "
                               "với cách mạng từ trần");
    json_decref(f);
    /* an owner's signature heading; a Thái family name; "Hẹn trả <what>:" */
    f = flat_of("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\n"
                "Hẹn trả chứng nhận đăng ký xe: 15 giờ 00 phút, thứ Năm, ngày 18/4/2024\n\n"
                "CHỦ XE                                           CÁN BỘ TIẾP NHẬN\n"
                "(Ký, ghi rõ họ tên)                              (Ký, ghi rõ họ tên)\n\n"
                "Lường Văn Khoan                               Trung úy Cầm Thị Ngân\n",
                1);
    T_STREQ(str(f, "applicant"), "Lường Văn Khoan");
    T_STREQ(str(f, "receiver"), "Cầm Thị Ngân");
    T_STREQ(str(f, "due_at"), "2024-04-18T15:00");
    json_decref(f);
    /* "Xét bản khai … của bà …"; whose phone, in a word or two, before the number */
    f = flat_of("QUYẾT ĐỊNH\nXét bản khai ngày 05/7/2024 của bà Lê Thị Xuân Thoa và Công văn số\n"
                "bà Thoa tại Agribank (điện thoại chi nhánh 0256.3861.524).\n",
                1);
    T_STREQ(str(f, "applicant"), "Lê Thị Xuân Thoa");
    T_ASSERT(list_is(f, "phones", 1, 0, "02563861524"));
    json_decref(f);
    /* a notice to a company about its dossier: the company applies; a letter to a public
     * body names no applicant */
    f = flat_of("THÔNG BÁO\nVề việc sửa đổi, bổ sung hồ sơ\n\n"
                "Kính gửi: CÔNG TY TNHH CHẾ BIẾN NÔNG SẢN SEN VÀNG ĐỒNG THÁP\n",
                1);
    T_STREQ(str(f, "applicant"), "CÔNG TY TNHH CHẾ BIẾN NÔNG SẢN SEN VÀNG ĐỒNG THÁP");
    json_decref(f);
    f = flat_of("CÔNG VĂN\nV/v xác nhận nguồn gốc đất\n\n"
                "Kính gửi: Chi nhánh Văn phòng Đăng ký đất đai huyện Củ Chi\n",
                1);
    T_ASSERT(!json_object_get(f, "applicant"));
    json_decref(f);
    return 0;
}

/* The thirteenth hold-out set's lessons (issue 19). */
static int t_heldout13(void)
{
    /* an abbreviated unit's dot is no full stop; a time in the row's next column; four
     * blank lines of signature room */
    json_t *f = flat_of("PHIẾU TIẾP NHẬN HỒ SƠ VÀ HẸN NGÀY TRẢ KẾT QUẢ\n"
                        "Địa chỉ thường trú: số 18, ngõ 62/9, đường Lê Thanh Nghị, phường Hải Tân,\n"
                        "TP. Hải Dương, tỉnh Hải Dương\n"
                        "Ngày nhận hồ sơ: 12-11-2024                 Giờ nhận: 09 giờ 12 phút\n\n"
                        "NGƯỜI NỘP HỒ SƠ                              NGƯỜI TIẾP NHẬN HỒ SƠ\n"
                        "(Ký, ghi rõ họ tên)                           (Ký, ghi rõ họ tên)\n\n\n\n\n"
                        "Vũ Đức Khiêm                                 Bùi Thị Quế Chi\n",
                        1);
    T_STREQ(str(f, "address"), "số 18, ngõ 62/9, đường Lê Thanh Nghị, phường Hải Tân, TP. Hải "
                               "Dương, tỉnh Hải Dương");
    T_STREQ(str(f, "received_at"), "2024-11-12T09:12");
    T_STREQ(str(f, "receiver"), "Bùi Thị Quế Chi");
    json_decref(f);
    /* IDs in a table under an ID column; "huyện Ba Tơ" holds no honorific; a phone whose
     * colon stands in the next column */
    f = flat_of("QUYẾT ĐỊNH\n"
                "TT  Họ và tên chủ hộ   Năm sinh  Thôn       Số định danh cá nhân  Số tiền (đ)\n"
                "1   Ma Văn Quýnh         1969    Nà Khán    008069003172          20.000.000\n"
                "2   Hoàng Thị Slinh      1958    Bản Lằn    008158004590          15.000.000\n"
                "Điều 2. Nơi thường trú: thôn Làng Rêu, xã Ba Vinh, huyện Ba Tơ, tỉnh Quảng Ngãi\n"
                "  Điện thoại           : 0345-218-907\n",
                1);
    T_ASSERT(list_is(f, "id_numbers", 2, 1, "008158004590"));
    T_STREQ(str(f, "address"), "thôn Làng Rêu, xã Ba Vinh, huyện Ba Tơ, tỉnh Quảng Ngãi");
    T_ASSERT(list_is(f, "phones", 1, 0, "0345218907"));
    json_decref(f);
    /* after a semicolon, a clause in small letters is no more grounds */
    f = flat_of("CÔNG VĂN\nCăn cứ Luật Tiếp công dân số 42/2013/QH13 và Thông tư số 05/2021/TT-TTCP\n"
                "ngày 01/10/2021 của Thanh tra Chính phủ; qua kiểm tra thực tế ngày 12/02/2025\n"
                "(Biên bản số 23/BB-UBND), Ủy ban nhân dân Phường 10 trả lời như sau:\n",
                1);
    T_ASSERT(list_is(f, "references", 2, 1, "05/2021/TT-TTCP"));
    json_decref(f);
    /* a household business's owner under her label, the name before "Giới tính:" */
    f = flat_of("THÔNG BÁO\nHọ, chữ đệm và tên chủ hộ kinh doanh (ghi bằng chữ in hoa):\n"
                "LÂM THỊ DIỆU HIỀN Giới tính: Nữ Sinh ngày: 03/11/1984\n",
                1);
    T_STREQ(str(f, "applicant"), "Lâm Thị Diệu Hiền");
    json_decref(f);
    /* a heading OCR read without any mark; an address part OCR garbled sends the address
     * to review instead of cutting it short ("số 9") */
    f = flat_of("THONG BAO\nĐịa chỉ thường trú:\nsố 9, h°m 73/8, đường Võ Thị Sáu, khu phố 2, "
                "phường Dương Đông\n",
                1);
    T_STREQ(str(f, "title"), "THÔNG BÁO");
    T_ASSERT(!json_object_get(f, "address"));
    json_decref(f);
    /* Times New Roman's "@" read as "(@"; "tài sẳn" put back as "tài sản" */
    f = flat_of("TỜ KHAI\n5. Số điện thoại liên hệ: 0918 552 037 6. Email: hieutm96(@gmail.com\n"
                "Nội dung yêu cầu giải quyết: Cấp đổi Giấy chứng nhận quyền sở hữu nhà ở và tài "
                "sẳn khác\n",
                1);
    T_ASSERT(list_is(f, "emails", 1, 0, "hieutm96@gmail.com"));
    T_STREQ(str(f, "procedure"), "Cấp đổi Giấy chứng nhận quyền sở hữu nhà ở và tài sản khác");
    json_decref(f);
    return 0;
}

/* The fourteenth hold-out set's lessons (issue 19). */
static int t_heldout14(void)
{
    /* "Từ ngày …" in the body is no place-date; the one with its comma wins */
    json_t *f = flat_of("ĐƠN ĐỀ NGHỊ\n- Từ ngày 17/5/2021 đến nay: chưa đăng ký kết hôn với ai.\n"
                        "                                          Ea Phê, ngày 14/04/2025\n",
                        1);
    T_STREQ(str(f, "place"), "Ea Phê");
    T_STREQ(str(f, "issue_date"), "2025-04-14");
    json_decref(f);
    /* a sanction names no applicant; its subject alone under the title; a rank before the
     * signer's name run into the distribution list */
    f = flat_of(
        "CÔNG AN HUYỆN TAM BÌNH\n                               QUYẾT ĐỊNH\n"
        "                       Xử phạt vi phạm hành chính\n"
        "Điều 1. Xử phạt vi phạm hành chính đối với:\n"
        "Họ và tên: THẠCH SÔ PHIẾP          Giới tính: Nam\n"
        "Nơi ở hiện tại:\nấp Phú Hữu, xã Long Phú, huyện Tam Bình, tỉnh Vĩnh Long\n"
        "Nơi nhận: NGƯỜI RA QUYẾT ĐỊNH\n- Kho bạc Nhà nước Tam Bình;  PHÓ TRƯỞNG CÔNG AN HUYỆN\n"
        "- Lưu: HS, VT. Thượng tá Trương Minh Khải\n",
        1);
    T_STREQ(str(f, "summary"), "Xử phạt vi phạm hành chính");
    T_ASSERT(!json_object_get(f, "applicant"));
    T_ASSERT(!json_object_get(f, "address"));
    T_STREQ(str(f, "signer"), "Trương Minh Khải");
    json_decref(f);
    /* an addressee in capitals that wraps; "Cùng có địa chỉ thường trú tại:"; notes in
     * brackets between phones */
    f = flat_of("THÔNG BÁO\nKính gửi: CÔNG TY CỔ PHẦN CHẾ BIẾN THỦY SẢN\n"
                "          TÂN THUẬN PHÁT CÀ MAU\n"
                "Cùng có địa chỉ thường trú tại:\n"
                "số nhà 36, ngõ 5, tổ 7, thị trấn Bằng Lũng, huyện Chợ Đồn, tỉnh Bắc Kạn\n"
                "SĐT: 0387 264 915 (ông Thiềng); 0969.152.483 (bà Mến)\n",
                1);
    T_STREQ(str(f, "recipient"), "CÔNG TY CỔ PHẦN CHẾ BIẾN THỦY SẢN TÂN THUẬN PHÁT CÀ MAU");
    T_STREQ(str(f, "address"),
            "số nhà 36, ngõ 5, tổ 7, thị trấn Bằng Lũng, huyện Chợ Đồn, tỉnh Bắc Kạn");
    T_ASSERT(list_is(f, "phones", 2, 1, "0969152483"));
    json_decref(f);
    /* a request wrapped before its "của" */
    f = flat_of("CÔNG VĂN\nNgày 05/3/2025, Ủy ban nhân dân xã nhận được hồ sơ đề nghị\n"
                "cấp lại giấy tờ hộ tịch của ông Nguyễn Văn An, sinh năm 1980.\n",
                1);
    T_STREQ(str(f, "applicant"), "Nguyễn Văn An");
    json_decref(f);
    return 0;
}

/* The fifteenth hold-out set's lessons (issue 19). */
static int t_heldout15(void)
{
    /* Chăm family names kept as spelled; an ID after "Số:" under its label's line */
    json_t *f =
        flat_of("GIẤY XÁC NHẬN\nXét đơn đề nghị ngày 28/02/2024 của bà TRƯỢNG THỊ BÔN và kết "
                "quả rà soát\n"
                "3. Giấy tờ tùy thân: [x] Thẻ CCCD   [ ] Hộ chiếu   [ ] Giấy tờ khác\n"
                "   Số: 020094005173   cấp ngày 09/8/2021\n",
                1);
    T_STREQ(str(f, "applicant"), "Trượng Thị Bôn");
    T_ASSERT(list_is(f, "id_numbers", 1, 0, "020094005173"));
    json_decref(f);
    /* the signer is no item of the distribution list, even when OCR gives no columns */
    f = flat_of("THÔNG BÁO\nNơi nhận: TRƯỞNG CÔNG AN XÃ\n- Ông Võ Thành Luân;\n"
                "- Bà Trương Thị Mười;\n- Lưu: HS, CAX.\n\nThiếu tá Lê Văn Ry\n",
                1);
    T_STREQ(str(f, "signer"), "Lê Văn Ry");
    json_decref(f);
    /* the family name Trương is no school ("Trường") */
    f = flat_of("GIẤY XÁC NHẬN\nHọ và tên: TRƯƠNG VĂN AN\n", 1);
    T_STREQ(str(f, "applicant"), "Trương Văn An");
    json_decref(f);
    return 0;
}

/* The sixteenth hold-out set's lessons (issue 19). */
static int t_heldout16(void)
{
    /* a form's two-line title whose second line opens with a body's words; its bracketed
     * field numbers; "Nơi ở:" */
    json_t *f = flat_of("               TỜ KHAI THAM GIA, ĐIỀU CHỈNH THÔNG TIN\n"
                        "                   BẢO HIỂM XÃ HỘI, BẢO HIỂM Y TẾ\n"
                        "[01]. Họ và tên (viết chữ in hoa): GIÀNG THỊ SÚA\n"
                        "[08]. Nơi ở: thôn Pả Chư Tỷ, xã Na Hối, huyện Bắc Hà, tỉnh Lào Cai\n",
                        1);
    T_STREQ(str(f, "title"),
            "TỜ KHAI THAM GIA, ĐIỀU CHỈNH THÔNG TIN BẢO HIỂM XÃ HỘI, BẢO HIỂM Y TẾ");
    T_STREQ(str(f, "applicant"), "Giàng Thị Súa");
    T_STREQ(str(f, "address"), "thôn Pả Chư Tỷ, xã Na Hối, huyện Bắc Hà, tỉnh Lào Cai");
    json_decref(f);
    /* a list item's label and value are no two columns; a name, then its details after a
     * comma; the Khmer family name Chau */
    f = flat_of("QUYẾT ĐỊNH\nĐiều 1. Trợ cấp xã hội hằng tháng cho người khuyết tật có tên sau:\n"
                "- Họ và tên: TRẦN THỊ MỸ DUYÊN                  Sinh ngày: 07/3/1986\n",
                1);
    T_STREQ(str(f, "applicant"), "Trần Thị Mỹ Duyên");
    json_decref(f);
    f = flat_of("ĐƠN ĐĂNG KÝ BIẾN ĐỘNG ĐẤT ĐAI\n1.1. Tên (viết chữ in hoa):\n"
                "     CHAU SÓC PHOL, sinh năm 1968, dân tộc Khmer\n",
                1);
    T_STREQ(str(f, "applicant"), "Chau Sóc Phol");
    json_decref(f);
    /* a subject's second line after the place-date OCR put on its first */
    f = flat_of(
        "CÔNG VĂN\nSố: 93/TP-HT\n\nV/v bổ sung hồ sơ đăng ký khai sinh Triệu Phong, ngày 08 "
        "tháng 7 năm 2024\ncho trẻ em sinh ra ở nước ngoài\n",
        1);
    T_STREQ(str(f, "summary"),
            "V/v bổ sung hồ sơ đăng ký khai sinh cho trẻ em sinh ra ở nước ngoài");
    json_decref(f);
    return 0;
}

/* The eighteenth hold-out set's lessons (issue 19). */
static int t_heldout18(void)
{
    /* a person named like a province keeps her marks */
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN HỒ SƠ\nNGƯỜI NỘP HỒ SƠ      CÁN BỘ TIẾP NHẬN\n\n\n"
                      "Trần Văn Hùng        Lưu Thị Thanh Hoa\n",
                      "receiver", "Lưu Thị Thanh Hoa"));
    /* "Người sử dụng đất (…):" and the name on the next line */
    T_ASSERT(field_is("ĐƠN ĐĂNG KÝ\n1. Người sử dụng đất (ghi họ tên bằng chữ in hoa):\n"
                      "   TRƯƠNG VĂN BỬU                              Năm sinh: 1969\n",
                      "applicant", "Trương Văn Bửu"));
    /* a place whose l OCR read as "]", put back when the page prints the name so */
    const char *dated =
        "CÔNG VĂN\nSố: 2376/UBND-NN                    Đắk Mi], ngày 17 tháng 10 năm "
        "2024\nthường trú tại huyện Đắk Mil, tỉnh Đắk Nông\n";
    T_ASSERT(field_is(dated, "place", "Đắk Mil"));
    T_ASSERT(field_is("CÔNG VĂN\nSố: 2376/UBND-NN                    Đắk Mi], ngày 17 tháng 10 "
                      "năm 2024\n",
                      "place", NULL));
    /* "thường trú tại bon" / "Bu Rbút, …": a hamlet's word ends the line, its name follows */
    const char *bon = "CÔNG VĂN\nđơn đề nghị của ông Y Kông Ktla, thường trú tại bon\nBu Rbút, xã "
                      "Thuận An, huyện Đắk Mil, tỉnh Đắk Nông, đề nghị hướng dẫn\n";
    T_ASSERT(field_is(bon, "address", "bon Bu Rbút, xã Thuận An, huyện Đắk Mil, tỉnh Đắk Nông"));
    /* a "Người …" label that runs on in words and a remark before its colon; a family
     * name respelled from the table leaves the rest of the name checked against the page */
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN HỒ SƠ\nNgười yêu cầu chứng thực (bên tặng cho):\n"
                      "      Ông ĐỖ KHẮC THUYÊN                          Năm sinh: 1951\n",
                      "applicant", "Đỗ Khắc Thuyên"));
    T_ASSERT(
        field_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: ĐÔ KHẮC THUYỀN\nTôi cam đoan, ông Đỗ Khắc Thuyên ký.\n",
                 "applicant", "Đỗ Khắc Thuyên"));
    /* a number after "hoặc số" at a line's end; a switchboard's ("tổng đài") */
    json_t *ph =
        flat_of("THÔNG BÁO\nxin liên hệ ông Kim Sà Phên, chuyên viên, ĐT 0387 214 690 hoặc "
                "số\n0294 3882 615; thư điện tử: pkth@travinh.gov.vn.\n"
                "Tra cứu hồ sơ: tổng đài 0209 3882 516 hoặc Cổng Dịch vụ công\n",
                1);
    T_ASSERT(list_is(ph, "phones", 3, 1, "02943882615"));
    T_ASSERT(list_is(ph, "phones", 3, 2, "02093882516"));
    json_decref(ph);
    /* a lone capitals word with an I inside, in small letters, is OCR's: no address (a
     * district's name so read is put right from the list of districts); a name in
     * capitals and a Roman numeral stand */
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nĐịa chỉ thường trú: bon Bu Rbút, xã Thuận An, huyện Đắk MII, "
                      "tỉnh Đắk Nông\n",
                      "address", "bon Bu Rbút, xã Thuận An, huyện Đắk Mil, tỉnh Đắk Nông"));
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nĐịa chỉ thường trú: bon Bu RbIút, xã Thuận An, huyện Đắk Mil, "
                      "tỉnh Đắk Nông\n",
                      "address", NULL));
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nĐịa chỉ thường trú: khu phố III, phường Tân Lợi, thành phố "
                      "Buôn Ma Thuột\n",
                      "address", "khu phố III, phường Tân Lợi, thành phố Buôn Ma Thuột"));
    return 0;
}

/* The nineteenth hold-out set's lessons (issue 19). */
static int t_heldout19(void)
{
    /* the motto's column parts from a company's letterhead though OCR puts it near */
    static const char *const rows[] = {
        "240 240 CÔNG 372 TY 440 TNHH 570 VẬN 670 TẢI 824 CỘNG 950 HÒA 1050 XÃ 1120 HỘI",
        "310 240 GHỀNH 436 RÁNG 590 XANH 1062 Độc 1164 lập",
        "590 629 GIẤY 758 ĐỀ 840 NGHỊ",
        NULL,
    };
    T_ASSERT(layout_field_is(rows, "issuer", "CÔNG TY TNHH VẬN TẢI GHỀNH RÁNG XANH"));
    /* an organisation's name label that runs on in words of what it is */
    T_ASSERT(field_is("GIẤY ĐỀ NGHỊ\n1. Tên đơn vị kinh doanh vận tải:\n"
                      "   CÔNG TY TNHH VẬN TẢI DU LỊCH GHỀNH RÁNG XANH\n"
                      "5. Người đại diện theo pháp luật:\n   a) Họ và tên: ĐOÀN MINH KHIÊM\n",
                      "applicant", "CÔNG TY TNHH VẬN TẢI DU LỊCH GHỀNH RÁNG XANH"));
    /* a hamlet named like a province keeps its marks; the city of a province's name is
     * respelled */
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN HỒ SƠ\nNơi thường trú: ấp Thạnh Hòa, xã Hựu Thạnh, huyện "
                      "Đức Hòa, tỉnh Long An\n",
                      "address", "ấp Thạnh Hòa, xã Hựu Thạnh, huyện Đức Hòa, tỉnh Long An"));
    T_ASSERT(field_is("TỜ KHAI\nNơi cư trú: thôn Phú Mỹ, thành phố Quẳng Ngãi, tỉnh Quảng Ngãi\n",
                      "address", "thôn Phú Mỹ, thành phố Quảng Ngãi, tỉnh Quảng Ngãi"));
    /* a receipt's two times on one line, the second label after the first's date */
    const char *times = "PHIẾU TIẾP NHẬN HỒ SƠ\nNhận hồ sơ: 07h50' ngày 12/11/2024 Hẹn trả: 10h00' "
                        "ngày 13/11/2024\n";
    T_ASSERT(field_is(times, "received_at", "2024-11-12T07:50"));
    T_ASSERT(field_is(times, "due_at", "2024-11-13T10:00"));
    /* … not a label inside a sentence with no date before it */
    T_ASSERT(
        field_is("PHIẾU TIẾP NHẬN HỒ SƠ\nCông dân đến hẹn trả: mang theo giấy hẹn 13/11/2024\n",
                 "due_at", NULL));
    /* a centred title's longer second line, further left than its first */
    T_ASSERT(field_is("SỞ NN&PTNT BẠC LIÊU\n\n                          GIẤY CHỨNG NHẬN\n"
                      "            ĐỦ ĐIỀU KIỆN BUÔN BÁN THUỐC BẢO VỆ THỰC VẬT\n"
                      "                       Số: 41/2024/GCN-BVTV\n",
                      "title", "GIẤY CHỨNG NHẬN ĐỦ ĐIỀU KIỆN BUÔN BÁN THUỐC BẢO VỆ THỰC VẬT"));
    /* a duty officer's number; a "Tên …" label that runs on, its value on the next line */
    json_t *ph = flat_of("PHIẾU TIẾP NHẬN HỒ SƠ\nNơi trả kết quả: Trụ sở Công an xã Hựu Thạnh "
                         "(trực ban: 0272 3851 113)\n",
                         1);
    T_ASSERT(list_is(ph, "phones", 1, 0, "02723851113"));
    json_decref(ph);
    T_ASSERT(field_is("TỜ KHAI\n1.1. Tên tổ chức/cá nhân đăng ký:\n     MAI THỊ TUYẾT NHUNG\n",
                      "applicant", "Mai Thị Tuyết Nhung"));
    /* an issuer's capitals respelled from the body's "Hạ tầng"; words OCR ran together in
     * capitals ("DULỊCH") are no issuer */
    T_ASSERT(field_is("UBND HUYỆN CÀNG LONG\nPHÒNG KINH TẾ VÀ HẠ TÂNG\nTHÔNG BÁO\nPhòng Kinh tế "
                      "và Hạ tầng nhận hồ sơ.\n",
                      "issuer", "PHÒNG KINH TẾ VÀ HẠ TẦNG"));
    T_ASSERT(field_is("CÔNG TY TNHH VẬN TẢI DULỊCH\nGIẤY ĐỀ NGHỊ\n", "issuer", NULL));
    /* an issuer in capitals that lost a stacked tone, respelled from the body's capitals */
    T_ASSERT(field_is("SỞ NN&PTNT BẠC LIÊU\nCHI CỤC TRÔNG TRỌT VÀ\nBẢO VỆ THỰC VẬT\n\n"
                      "GIẤY CHỨNG NHẬN\nCHI CỤC TRỒNG TRỌT VÀ BẢO VỆ THỰC VẬT CHỨNG NHẬN:\n",
                      "issuer", "CHI CỤC TRỒNG TRỌT VÀ BẢO VỆ THỰC VẬT"));
    return 0;
}

/* The twentieth hold-out set's lessons (issue 19). */
static int t_heldout20(void)
{
    /* numbers grouped as phones are phones without a label: a contact in a sentence, an SMS
     * number, a bracketed officer's; a fax grouped the same is not, nor a code, an account or
     * an ID of the same digits run together */
    json_t *f = flat_of("GIẤY XÁC NHẬN\nLiên hệ: ông Chiến, ĐT 0706 158 492; Văn phòng UBND\n"
                        "xã: 0221.3910.358; thư điện tử: ubnd@hungyen.gov.vn\n"
                        "Đề nghị phối hợp (cán bộ phụ trách: ông Lý Minh Hào, 0915 247 806).\n"
                        "sẽ nhắn tin tới số 0855 417 306 của người nộp\n"
                        "Đường dây nóng: 0229.3866.721    Fax: 0229.3866.725\n"
                        "(fax 0293.3872.419) Mã số thuế: 0706158493, tài khoản 0190 2345 6789 01\n",
                        1);
    T_ASSERT(list_is(f, "phones", 5, 0, "0706158492"));
    const char *want[] = {"02213910358", "0915247806", "0855417306", "02293866721"};
    for (size_t i = 0; i < 4; i++) {
        int found = 0;
        for (size_t j = 0; j < 5; j++)
            found |= !strcmp(json_string_value(json_array_get(json_object_get(f, "phones"), j)),
                             want[i]);
        T_ASSERT(found);
    }
    json_decref(f);
    /* a notice of the state's own act (a department's proposal, no application) names no
     * applicant: the land user it tells of a recovery is another party */
    const char *recovery = "THÔNG BÁO\nThu hồi đất thực hiện dự án\nKính gửi: Ông BẾ VĂN SÌNH\n"
                           "Xét đề nghị của Phòng Tài nguyên và Môi trường, Ủy ban thông báo:\n"
                           "1. Người sử dụng đất: hộ ông BẾ VĂN SÌNH, CCCD 004072003519; "
                           "thường trú tại xóm Pác Rằng, xã Phúc Sen, huyện Quảng Hòa\n";
    T_ASSERT(field_is(recovery, "applicant", NULL));
    T_ASSERT(field_is(recovery, "address", NULL));
    /* ... while one that answers an application names its addressee */
    T_ASSERT(field_is("THÔNG BÁO\nKính gửi: Ông LÊ VĂN SÌNH\nXét đề nghị của Phòng Tư pháp về "
                      "đơn của ông.\n",
                      "applicant", "Lê Văn Sình"));
    /* an officer's heading that says nothing of receiving names no receiver beside the
     * chairman's block of a confirmation; on a receipt it does */
    const char *block = "\n                     Dạ Trạch, ngày 27/02/2025\n"
                        "CÔNG CHỨC ĐỊA CHÍNH                 TM. ỦY BAN NHÂN DÂN\n"
                        "(Ký, ghi rõ họ tên)                         CHỦ TỊCH\n\n"
                        "Phùng Đức Hiển                       Chu Văn Bình\n";
    char page[512];
    snprintf(page, sizeof page, "GIẤY XÁC NHẬN%s", block);
    T_ASSERT(field_is(page, "receiver", NULL));
    T_ASSERT(field_is(page, "signer", "Chu Văn Bình"));
    snprintf(page, sizeof page, "GIẤY TIẾP NHẬN HỒ SƠ%s", block);
    T_ASSERT(field_is(page, "receiver", "Phùng Đức Hiển"));
    /* a Highlands name's prefix OCR glued on in capitals ("HLUYẾN"), printed "HLuyến" or
     * "H'Luyến" in the signature: the apostrophe put back; no such copy, no change */
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nTôi tên là: HLUYẾN NIÊ      Giới tính: Nữ\n\nNgười làm đơn\n"
                      "(Ký, ghi rõ họ tên)\n\nHLuyến Niê\n",
                      "applicant", "H'Luyến Niê"));
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nTôi tên là: HLUYẾN NIÊ      Giới tính: Nữ\n", "applicant",
                      "Hluyến Niê"));
    /* a Vietnamese onset OCR read in capitals is no prefix */
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nTôi tên là: NGUYỄN VĂN AN      Giới tính: Nam\n\n"
                      "Người làm đơn\n(Ký, ghi rõ họ tên)\n\nNGuyễn Văn An\n",
                      "applicant", "Nguyễn Văn An"));
    /* an issuer's apostrophe OCR read as a bracket, printed right in the place-date line;
     * a word the page has no copy of stays for review */
    T_ASSERT(field_is("ỦY BAN NHÂN DÂN\nXÃ NÂM N']JANG\n\nSố: 86/GXN-UBND      Nâm N'Jang, ngày "
                      "06 tháng 3 năm 2025\n\nGIẤY XÁC NHẬN\n",
                      "issuer", "ỦY BAN NHÂN DÂN XÃ NÂM N'JANG"));
    T_ASSERT(field_is("ỦY BAN NHÂN DÂN\nXÃ NÂM N]ANG\n\nSố: 86/GXN-UBND      Nâm N'Jang, ngày "
                      "06 tháng 3 năm 2025\n\nGIẤY XÁC NHẬN\n",
                      "issuer", NULL));
    /* an l OCR read as "I" or "]" in a value in small letters, the page's header printing
     * the word in capitals with its L: the word capitalised */
#define MIL(w)                                                                                     \
    "UBND HUYỆN ĐẮK MIL\nCÔNG VĂN\nthường trú tại bon Bu Rbút, xã Thuận An, huyện Đắk " w          \
    ", tỉnh Đắk Nông\n"
    T_ASSERT(
        field_is(MIL("MII"), "address", "bon Bu Rbút, xã Thuận An, huyện Đắk Mil, tỉnh Đắk Nông"));
    T_ASSERT(
        field_is(MIL("Mi]"), "address", "bon Bu Rbút, xã Thuận An, huyện Đắk Mil, tỉnh Đắk Nông"));
#undef MIL
    /* the address in the bracket after the applicant's name in a letter's sentence, up to
     * its ";" */
    T_ASSERT(field_is("CÔNG VĂN\nKính gửi: Bà VÕ THỊ NGỌC LAN\nỦy ban nhận được đơn kiến nghị "
                      "ngày\n03/02/2025 của bà Võ Thị Ngọc Lan (Căn cước số 077184012563; địa "
                      "chỉ: Số 27,\nhẻm 114/5, đường Lưu Chí Hiếu, P. 10, Tp. Vũng Tàu; điện "
                      "thoại 0909-417-283)\n",
                      "address", "Số 27, hẻm 114/5, đường Lưu Chí Hiếu, P. 10, Tp. Vũng Tàu"));
    /* a receipt's block under the owner's name: the line of three units with no label */
    T_ASSERT(field_is("GIẤY TIẾP NHẬN HỒ SƠ\nI. CHỦ XE (NGƯỜI NỘP HỒ SƠ)\n     LƯỜNG VĂN KHOAN\n"
                      "     Sinh ngày 09/11/1991 - Nam - Dân tộc Thái\n"
                      "     BẢN NÀ BAI, XÃ MƯỜNG SANG, HUYỆN MỘC CHÂU, TỈNH SƠN LA\n"
                      "II. THÔNG TIN XE\n\nNGƯỜI NỘP HỒ SƠ\n(Ký, ghi rõ họ tên)\n\n"
                      "Lường Văn Khoan\n",
                      "address", "BẢN NÀ BAI, XÃ MƯỜNG SANG, HUYỆN MỘC CHÂU, TỈNH SƠN LA"));
    /* an SMS number written without groups */
    T_ASSERT(
        list_in("GIẤY TIẾP NHẬN HỒ SƠ\nBộ phận Một cửa sẽ nhắn tin tới số 0855417306 khi có kết "
                "quả.\n",
                "phones", 1, 0, "0855417306"));
    /* a receipt's times under labels no list has: returning is due, receiving received;
     * a person's label is neither */
    const char *unlisted = "GIẤY TIẾP NHẬN HỒ SƠ\nVào sổ, nhận bản giấy lúc: 09 giờ 15, ngày "
                           "16/4/2024\nTrả giấy đăng ký lúc: 15 giờ 00, ngày 18/4/2024\n"
                           "Người nhận thay: 20/4/2024\n";
    T_ASSERT(field_is(unlisted, "received_at", "2024-04-16T09:15"));
    T_ASSERT(field_is(unlisted, "due_at", "2024-04-18T15:00"));
    T_ASSERT(field_is("GIẤY TIẾP NHẬN HỒ SƠ\nNgười nhận thay: 20/4/2024\n", "received_at", NULL));
    /* "Trả kết quả lúc:" runs on to its colon */
    T_ASSERT(field_is("GIẤY TIẾP NHẬN HỒ SƠ\nTrả kết quả lúc: 14 giờ 00, ngày 24 tháng 10 năm "
                      "2024\n",
                      "due_at", "2024-10-24T14:00"));
    return 0;
}

/* The twenty-first hold-out set's lessons (issue 19). */
static int t_heldout21(void)
{
    /* a decision's household head, her name in capitals wrapped; "thường trú" / "tại …" */
    const char *house = "QUYẾT ĐỊNH\nĐiều 1. Hỗ trợ chi phí làm nhà ở đối với hộ gia đình của bà "
                        "VƯƠNG THỊ\nXUÂN ĐÀO, sinh năm 1969, số định danh cá nhân 068169004738, "
                        "thường trú\ntại thôn Hiệp Thuận, xã Tam Bố, huyện Di Linh, tỉnh Lâm "
                        "Đồng, có nhà\nở bị cháy hoàn toàn.\n";
    T_ASSERT(field_is(house, "applicant", "Vương Thị Xuân Đào"));
    T_ASSERT(
        field_is(house, "address", "thôn Hiệp Thuận, xã Tam Bố, huyện Di Linh, tỉnh Lâm Đồng"));
    /* a leader OCR read as other marks; the colon and the time in the row's next column */
    const char *rcpt = "PHIẾU TIẾP NHẬN HỒ SƠ\nTên thủ tục ....-..««----«+<<<«+2 Cấp Giấy phép sản "
                       "xuất rượu thủ công\nĐiện thoại .....<<<<csx 0334 628 917\n"
                       "Thời gian tiếp nhận           : 08 giờ 40 phút, ngày 21/10/2024\n";
    T_ASSERT(field_is(rcpt, "procedure", "Cấp Giấy phép sản xuất rượu thủ công"));
    T_ASSERT(field_is(rcpt, "received_at", "2024-10-21T08:40"));
    T_ASSERT(list_in(rcpt, "phones", 1, 0, "0334628917"));
    /* IDs in a table's rows of cells under an ID column, without row numbers */
    T_ASSERT(list_in("GIẤY ĐỀ NGHỊ\n   Họ và tên              Chức danh              Số định danh\n"
                     "   LẠI ĐÌNH TOẢN          Chủ tịch HĐQT          064079008315\n"
                     "   KPĂ THƠNG              Thành viên HĐQT        064086004729\n",
                     "id_numbers", 2, 1, "064086004729"));
    /* the Highlands' "Ia" OCR read "la" before a place's name */
    T_ASSERT(
        field_is("GIẤY ĐỀ NGHỊ\nSố: 17/2024/ĐN-HTX          la Hla, ngày 07 tháng 11 năm 2024\n",
                 "place", "Ia Hla"));
    /* "hồ sơ mã số" / "… của bà …": the request named before the line's end; a summary's
     * line after "của" goes on in capitals */
    const char *cv = "CÔNG VĂN\nV/v kiểm tra điều kiện kinh doanh dịch vụ lưu trú du lịch của\n"
                     "Homestay Vườn Cau Mỹ Sơn\n\nSở nhận được hồ sơ mã số\n000.00.21.H47-240909-"
                     "0318 của bà CAO THỊ TƯỜNG VI (căn cước số 049182006417)\n";
    T_ASSERT(field_is(cv, "applicant", "Cao Thị Tường Vi"));
    T_ASSERT(field_is(cv, "summary",
                      "V/v kiểm tra điều kiện kinh doanh dịch vụ lưu trú du lịch "
                      "của Homestay Vườn Cau Mỹ Sơn"));
    /* a form's leader before a gap joins its value in plain text; the next label's column is
     * not the value */
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN HỒ SƠ\nTên thủ tục ……………   Cấp Giấy phép sản xuất rượu\n"
                      "Người nộp hồ sơ ………   Ông LỤC VĂN KHẨN\n",
                      "procedure", "Cấp Giấy phép sản xuất rượu"));
    /* one dot OCR kept of a leader, the value in the row's next cell, wrapping to the next
     * row's start */
    static const char *const rows[] = {
        "200 100 PHIẾU 300 TIẾP 420 NHẬN 560 HỒ 640 SƠ",
        "300 100 Nơi 200 thường 380 trú 470 . 900 thôn 1010 Đức 1110 Lập, 1240 huyện 1400 Bù",
        "360 100 Đăng, 260 tỉnh 380 Bình 500 Phước",
        NULL,
    };
    T_ASSERT(layout_field_is(rows, "address", "thôn Đức Lập, huyện Bù Đăng, tỉnh Bình Phước"));
    return 0;
}

/* The twenty-third hold-out set's lessons (issue 19). */
static int t_heldout23(void)
{
    /* "; và Thông tư số" / "07/2021/TT-BLĐTBXH …": one more ground of the same clause */
    json_t *f = flat_of("QUYẾT ĐỊNH\nCăn cứ Quyết định số 24/2021/QĐ-TTg ngày 16/7/2021 của Thủ "
                        "tướng Chính phủ\nquy định quy trình rà soát hộ nghèo hằng năm; và Thông "
                        "tư số\n07/2021/TT-BLĐTBXH ngày 18 tháng 7 năm 2021 của Bộ Lao động;\n",
                        1);
    T_ASSERT(list_is(f, "references", 2, 1, "07/2021/TT-BLĐTBXH"));
    json_decref(f);
    /* a request dated at the line's end, "của bà …" on the next line past a blank one */
    T_ASSERT(field_is("QUYẾT ĐỊNH\nXét Giấy đề nghị xét duyệt bổ sung hộ nghèo, hộ cận nghèo "
                      "ngày 02/5/2025\n\ncủa bà Lâm Thị Bích Thủy và Biên bản họp số 05/BB-BGN,\n",
                      "applicant", "Lâm Thị Bích Thủy"));
    /* a business named so, its name cut at the line's end: the page's whole copy */
    T_ASSERT(field_is("QUYẾT ĐỊNH\nXét hồ sơ đề nghị cấp mã số cơ sở nuôi tôm cho các hộ\n"
                      "thành viên của Hợp tác xã Nuôi tôm\n"
                      "sinh thái Tam Giang (mã số hợp tác xã 2001356782),\n"
                      "Điều 2. Hợp tác xã Nuôi tôm sinh thái Tam Giang, các hộ thành viên\n",
                      "applicant", "Hợp tác xã Nuôi tôm sinh thái Tam Giang"));
    /* a rare family name after a request wrapped, which the page prints again */
    T_ASSERT(field_is("THÔNG BÁO\nKính gửi: Bà LÀNH THỊ MẾN\n\nỦy ban nhận được yêu cầu cải "
                      "chính năm sinh\ntrong Giấy khai sinh của bà Lành Thị Mến, sinh năm "
                      "1962.\n",
                      "applicant", "Lành Thị Mến"));
    /* "về việc …" in small letters that goes on from a "Xét …" ground is no subject */
    T_ASSERT(field_is("GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN\nXét đề nghị của bà: SƠN THỊ KIM PHƯỢNG\n"
                      "về việc cấp Giấy xác nhận tình trạng hôn nhân cho: bản thân,\n",
                      "summary", NULL));
    /* a subject's line that ends in a unit's word goes on with its name, not with the
     * capitals of a heading after "nông thôn" */
    T_ASSERT(field_is("Số: 684/UBND-TNMT\nV/v trả lời đơn của ông Lê Xuân Hào về\ntranh chấp "
                      "ranh giới thửa đất tại xã\nTượng Lĩnh\n",
                      "summary",
                      "V/v trả lời đơn của ông Lê Xuân Hào về tranh chấp ranh giới "
                      "thửa đất tại xã Tượng Lĩnh"));
    T_ASSERT(field_is("QUYẾT ĐỊNH\nVề việc cho phép chuyển mục đích sử dụng đất sang đất ở tại "
                      "nông thôn\nỦY BAN NHÂN DÂN HUYỆN CHÂU THÀNH A\n",
                      "summary",
                      "Về việc cho phép chuyển mục đích sử dụng đất sang đất ở tại "
                      "nông thôn"));
    /* a bracket that opens on a phone's label ends the address */
    T_ASSERT(field_is("CÔNG VĂN\nĐịa chỉ: thôn Đồng Lạc, xã Tượng Lĩnh, huyện Nông Cống, tỉnh "
                      "Thanh Hóa (điện thoại\n0912 407 385), đề nghị giải quyết\n",
                      "address", "thôn Đồng Lạc, xã Tượng Lĩnh, huyện Nông Cống, tỉnh Thanh Hóa"));
    /* an area code in brackets right after a label is the number's */
    f = flat_of("GIẤY TIẾP NHẬN HỒ SƠ\ngọi tổng đài (0297) 3 862 417 trong giờ hành chính; Fax: "
                "(0297) 3 862 418.\n",
                1);
    T_ASSERT(list_is(f, "phones", 1, 0, "02973862417"));
    json_decref(f);
    return 0;
}

/* The twenty-fourth hold-out set's lessons (issue 19). */
static int t_heldout24(void)
{
    /* "Ông (bà):" is its own label, not "Ông/bà" one edit short of its bracket */
    T_ASSERT(field_is("GIẤY TIẾP NHẬN HỒ SƠ\nBộ phận Một cửa đã tiếp nhận hồ sơ của:\n"
                      "Ông (bà): PHẠM VĂN THẮNG Năm sinh: 1968\n",
                      "applicant", "Phạm Văn Thắng"));
    /* the receiver's heading first, both names on one line: the applicant ends it */
    T_ASSERT(field_is("GIẤY TIẾP NHẬN HỒ SƠ\nBộ phận Một cửa đã tiếp nhận hồ sơ của:\n"
                      "Ông (bà): PHẠM VĂN THẮNG Năm sinh: 1968\n\nCÁN BỘ TIẾP NHẬN NGƯỜI NỘP "
                      "HỒ SƠ\n(Ký và ghi rõ họ tên) (Ký và ghi rõ họ tên)\n\n"
                      "Vũ Thị Hải Yến Phạm Văn Thắng\n",
                      "receiver", "Vũ Thị Hải Yến"));
    /* a subject's line ending in an honorific and two words of a name goes on; a whole
     * name before "Kính gửi:" does not */
    const char *cv = "Số: 48/QLĐT-HTKT\nV/v trả lời đơn kiến nghị của bà Nguyễn Thị\nKim Loan và "
                     "các hộ dân về nâng cấp, mở rộng\nhẻm 14 đường Đồng Khởi, phường Tân Hòa\n";
    T_ASSERT(field_is(cv, "summary",
                      "V/v trả lời đơn kiến nghị của bà Nguyễn Thị Kim Loan và các hộ dân về "
                      "nâng cấp, mở rộng hẻm 14 đường Đồng Khởi, phường Tân Hòa"));
    T_ASSERT(field_is("Số: 12/QLĐT\nV/v trả lời đơn của ông Huỳnh Tấn Lộc\n"
                      "Kính gửi: Ông Huỳnh Tấn Lộc\n",
                      "summary", "V/v trả lời đơn của ông Huỳnh Tấn Lộc"));
    /* an address wrapped before its province's name, a phone's bracket after it */
    T_ASSERT(
        field_is("CÔNG VĂN\nkèm đơn của bà Nguyễn Thị Kim Loan, cư trú tại số 27/4, khu phố 3, "
                 "phường Tân Hòa, tỉnh\nĐồng Nai (điện thoại: 0918 276 435), cùng 13 hộ dân.\n",
                 "address", "số 27/4, khu phố 3, phường Tân Hòa, tỉnh Đồng Nai"));
    /* "điện thoại" ends the line, the number starts the next with its area code in
     * brackets */
    json_t *f;
    T_ASSERT(list_in("CÔNG VĂN\nMọi chi tiết xin liên hệ ông Đỗ Minh Trung, điện thoại\n"
                     "(0251) 3 822 604 hoặc 0979.152.683.\n",
                     "phones", 2, 0, "02513822604"));
    /* a numbered commune's number wrapped to the next line's start */
    T_ASSERT(field_is("QUYẾT ĐỊNH\nĐiều 1. Hỗ trợ cho hộ ông NGUYỄN VĂN LỰC, thường trú tại thôn "
                      "Đồng Thạnh, xã Hòa Bình\n1, huyện Tây Hòa, tỉnh Phú Yên, cụ thể như sau:\n",
                      "address", "thôn Đồng Thạnh, xã Hòa Bình 1, huyện Tây Hòa, tỉnh Phú Yên"));
    /* a cited symbol broken at its hyphen */
    f = flat_of("QUYẾT ĐỊNH\nCăn cứ Nghị quyết số 47/2022/NQ-\nHĐND ngày 08/12/2022 của Hội đồng "
                "nhân dân tỉnh Phú Yên;\n",
                1);
    T_ASSERT(list_is(f, "references", 1, 0, "47/2022/NQ-HĐND"));
    json_decref(f);
    /* a table's rows, a blank line between them as OCR puts it, a social-insurance code in
     * another column: the IDs, not a doubt */
    T_ASSERT(list_in("TỜ KHAI\nSTT Họ và tên Mã số BHXH Ngày sinh Quan hệ Số CCCD/ĐDCN\n"
                     "1 Lò Văn Tiến 1524011387 03/05/1984 Chủ hộ 015084001752\n\n"
                     "2 Hoàng Thị Thu Hà 1524073816 14/09/1987 Vợ 015187002934\n",
                     "id_numbers", 2, 1, "015187002934"));
    /* e-mail addresses OCR misread in the older sets: an l read as "Ì" in the local part; a
     * province's domain one letter off; a province's own hyphen kept */
    f = flat_of("CÔNG VĂN\nliên hệ tuphaplongbinh.Ìm@gmail.com trong giờ hành chính, hoặc "
                "bptnkq.pungluong@yenbali.gov.vn, diachinh.p10@baria-vungtau.gov.vn\n",
                1);
    T_ASSERT(list_is(f, "emails", 3, 0, "tuphaplongbinh.lm@gmail.com"));
    T_ASSERT(list_is(f, "emails", 3, 1, "bptnkq.pungluong@yenbai.gov.vn"));
    T_ASSERT(list_is(f, "emails", 3, 2, "diachinh.p10@baria-vungtau.gov.vn"));
    json_decref(f);
    /* a Times "@" read "(", "(2" before a webmail's domain, or "(@)"; "ø" for a g, or a
     * speck beside one */
    f = flat_of(
        "CÔNG VĂN\nE-mail: haiyen.doan96(gmail.com\nEmail: thanhmen.hoang84(2gmail.com\n"
        "vpdkdd.stnmt(@)camau.øov.vn; phongnoivu.chuprong@øgialai.gov.vn; xem (gmail.com)\n",
        1);
    T_ASSERT(list_is(f, "emails", 4, 0, "haiyen.doan96@gmail.com"));
    T_ASSERT(list_is(f, "emails", 4, 1, "thanhmen.hoang84@gmail.com"));
    T_ASSERT(list_is(f, "emails", 4, 2, "vpdkdd.stnmt@camau.gov.vn"));
    T_ASSERT(list_is(f, "emails", 4, 3, "phongnoivu.chuprong@gialai.gov.vn"));
    json_decref(f);
    /* a symbol's Đ read twice, as Ð and Đ */
    T_ASSERT(field_is("GIẤY ĐỀ NGHỊ\nSố: 07/2025/ÐĐN-GRX\n", "number_symbol", "07/2025/ĐN-GRX"));
    T_ASSERT(field_is("GIẤY ĐỀ NGHỊ\nSố: 18/2024/ĐÐN-PMH\n", "number_symbol", "18/2024/ĐN-PMH"));
    /* the Highlands' "Ia" OCR read "la" in an address, after the unit's word */
    T_ASSERT(field_is("CÔNG VĂN\nĐịa chỉ: làng Bồn Dơ, xã la Phìn, huyện Chư Prông, tỉnh Gia Lai\n",
                      "address", "làng Bồn Dơ, xã Ia Phìn, huyện Chư Prông, tỉnh Gia Lai"));
    /* a name OCR glued two words of, which the page prints with its blank elsewhere */
    T_ASSERT(field_is("QUYẾT ĐỊNH\nXét đề nghị hỗ trợ học nghề của ông Ma Thế Luận ngày "
                      "05/11/2024,\n- Họ và tên:MA THẾLUẬN  Dân tộc: Tày\n",
                      "applicant", "Ma Thế Luận"));
    return 0;
}

static int t_heldout25(void)
{
    /* an ID label's row goes on with a tax code's cell: the tax code is no ID */
    json_t *f;
    T_ASSERT(list_in("ĐƠN ĐỀ NGHỊ\nSố định danh cá nhân   031158002936     Mã số thuế cá nhân   "
                     "0200847361\n",
                     "id_numbers", 1, 0, "031158002936"));
    /* an address label with no colon filling its cell, the address in the next; a bracket
     * the line opened is not the procedure's */
    const char *don =
        "ĐƠN ĐỀ NGHỊ\n(Tên thủ tục: Cấp giấy phép chặt hạ cây xanh đô thị)\n"
        "Địa chỉ thường trú   Số 47 ngõ 218 phố Hàng Kênh, phường Hàng Kênh, quận Lê\n"
        "Chân, thành phố Hải Phòng\n";
    T_ASSERT(field_is(don, "address",
                      "Số 47 ngõ 218 phố Hàng Kênh, phường Hàng Kênh, quận Lê Chân, thành phố "
                      "Hải Phòng"));
    T_ASSERT(field_is(don, "procedure", "Cấp giấy phép chặt hạ cây xanh đô thị"));
    /* a cooperative's certificate: its issuer broken at a hyphen, its Vietnamese name (the
     * foreign one, bare of marks, doubts nothing), the head office under its heading, the
     * representative's "giấy tờ pháp lý" number */
    const char *gcn =
        "UBND HUYỆN BÁT XÁT            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "PHÒNG TÀI CHÍNH -                 Độc lập - Tự do - Hạnh phúc\n"
        "    KẾ HOẠCH\n\n"
        "                  GIẤY CHỨNG NHẬN ĐĂNG KÝ HỢP TÁC XÃ\n\n"
        "Tên hợp tác xã viết bằng tiếng Việt: HỢP TÁC XÃ DƯỢC LIỆU VÀ CHÈ\nSHAN TUYẾT Y TÝ\n"
        "Tên hợp tác xã viết bằng tiếng nước ngoài: Y TY HERBS AND SHAN TUYET TEA\n"
        "2. Địa chỉ trụ sở chính\nThôn Lao Chải, xã Y Tý, huyện Bát Xát, tỉnh Lào Cai\n"
        "Số giấy tờ pháp lý của cá nhân: 010085003174\n"
        "Địa chỉ thường trú: Thôn Phìn Hồ, xã Y Tý, huyện Bát Xát, tỉnh Lào Cai\n";
    T_ASSERT(field_is(gcn, "issuer", "PHÒNG TÀI CHÍNH - KẾ HOẠCH"));
    T_ASSERT(field_is(gcn, "title", "GIẤY CHỨNG NHẬN ĐĂNG KÝ HỢP TÁC XÃ"));
    T_ASSERT(field_is(gcn, "applicant", "HỢP TÁC XÃ DƯỢC LIỆU VÀ CHÈ SHAN TUYẾT Y TÝ"));
    T_ASSERT(field_is(gcn, "address", "Thôn Lao Chải, xã Y Tý, huyện Bát Xát, tỉnh Lào Cai"));
    T_ASSERT(list_in(gcn, "id_numbers", 1, 0, "010085003174"));
    /* a phone and a dossier code broken across lines */
    T_ASSERT(
        list_in("THÔNG BÁO\nthường trú tại thôn Tân Dân, tỉnh Hưng Yên (số điện thoại: 0983 471\n"
                "526), đề nghị giải quyết tranh chấp\n",
                "phones", 1, 0, "0983471526"));
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN\nBộ phận Một cửa tiếp nhận hồ sơ (Mã hồ sơ: 000.25.30.H41-\n"
                      "250416-0019) của:\n",
                      "dossier_code", "000.25.30.H41-250416-0019"));
    /* OCR's text of the same pages: a label's cells run together with single blanks, the
     * name in capitals after it; a blank line under the head office's heading */
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nHọ và tên (chữ in hoa) VŨ THỊ NGỌC LAN Năm sinh 1958\n",
                      "applicant", "Vũ Thị Ngọc Lan"));
    T_ASSERT(field_is("GIẤY CHỨNG NHẬN\n2. Địa chỉ trụ sở chính\n\nThôn Lao Chải, xã Y Tý, huyện "
                      "Bát Xát, tỉnh Lào Cai\n\nĐịa chỉ thường trú: Thôn Phìn Hồ, xã Y Tý, huyện "
                      "Bát Xát, tỉnh Lào Cai\n",
                      "address", "Thôn Lao Chải, xã Y Tý, huyện Bát Xát, tỉnh Lào Cai"));
    /* an e-mail's d OCR gave a stroke */
    f = flat_of(
        "THÔNG BÁO\ndựng, ĐT: 0221 3 910 245; thư điện tử: điachinh.dongtao@hungyen.gov.vn.\n", 1);
    T_ASSERT(list_is(f, "emails", 1, 0, "diachinh.dongtao@hungyen.gov.vn"));
    json_decref(f);
    return 0;
}

static int t_heldout26(void)
{
    /* a value's wrapped end indented under it, in the text's right-hand column */
    const char *gcn = "GIẤY CHỨNG NHẬN SỐ NHÀ\n"
                      "Cấp cho ông (bà) ........... ĐIỂU K'RĂNG           Năm sinh ....... 1981\n"
                      "Thường trú tại ............. bon Bu Sir, xã Đắk R'Moan, thành phố Gia\n"
                      "                             Nghĩa, tỉnh Đắk Nông\n"
                      "Điện thoại ................. 0971 305284\n\n"
                      "  Số nhà ................... 36                    (số nhà cũ: 118/7)\n";
    T_ASSERT(
        field_is(gcn, "address", "bon Bu Sir, xã Đắk R'Moan, thành phố Gia Nghĩa, tỉnh Đắk Nông"));
    /* an honorific between the label and its leader */
    T_ASSERT(field_is(gcn, "applicant", "Điểu K'Răng"));
    /* a cited symbol broken after its year */
    json_t *f =
        flat_of("QUYẾT ĐỊNH\nCăn cứ Thông tư liên tịch hướng dẫn chế độ học bổng số 109/2009/\n"
                "TTLT-BTC-BGDĐT ngày 29/5/2009 của liên Bộ Tài chính;\n",
                1);
    T_ASSERT(list_is(f, "references", 1, 0, "109/2009/TTLT-BTC-BGDĐT"));
    json_decref(f);
    /* a Highlands place's apostrophe OCR read as '?', 'ø' or nothing in some copies: the
     * page's copies vote */
    const char *qd = "QUYẾT ĐỊNH\n                                   Cư M?gar, ngày 23 tháng 9 năm "
                     "2024\nXét đề nghị của Trường THCS huyện Cư M'gar;\n"
                     "Điều 1. Cấp học bổng cho em Y Sa Niê, thường trú tại buôn Ea Kmar, xã Ea "
                     "Kpam, huyện Cư M'øar, tỉnh Đắk Lắk;\nmở tại Agribank huyện Cư Mgar.\n";
    T_ASSERT(field_is(qd, "place", "Cư M'gar"));
    T_ASSERT(field_is(qd, "address", "buôn Ea Kmar, xã Ea Kpam, huyện Cư M'gar, tỉnh Đắk Lắk"));
    /* a centred signature block in hOCR, its title left of the column's edge, the name right
     * of it */
    static const char *const sig[] = {
        "200 900 GIẤY 1100 CHỨNG 1300 NHẬN 1500 SỐ 1600 NHÀ",
        "2320 237 - 300 Giấy 480 chứng 700 nhận 920 này 1060 thay 1220 thế 1360 Giấy 1540 chứng "
        "1760 nhận 1900 số",
        "2529 720 Gia 820 Nghĩa, 1020 ngày 1180 14/3/2025",
        "2587 770 TL. 870 CHỦ 1000 TỊCH",
        "2656 653 TRƯỞNG 850 PHÒNG 1040 QUẢN 1220 LÝ 1300 ĐÔ 1380 THỊ",
        "2734 759 (Ký, 900 đóng 1050 dấu)",
        "2874 745 Phan 880 Thanh 1060 Trúc",
        NULL};
    T_ASSERT(layout_field_is(sig, "signer", "Phan Thanh Trúc"));
    /* a leader OCR broke at a gap, its last dot in the number's cell */
    static const char *const tel[] = {"200 900 GIẤY 1100 CHỨNG 1300 NHẬN",
                                      "1194 237 Điện 348 thoại 473 .. 665 . 688 0971 804 305284",
                                      NULL};
    char *hocr = mini_hocr(tel);
    json_t *g = NULL, *flat = NULL;
    T_ASSERT(hocr && !fields_extract_layout(NULL, hocr, 1, &g, NULL) &&
             !fields_flatten(g, FIELDS_MIN_CONFIDENCE, &flat, NULL));
    T_ASSERT(list_is(flat, "phones", 1, 0, "0971305284"));
    json_decref(g);
    json_decref(flat);
    free(hocr);
    /* OCR's text: another label after the name, with a leader; a one-word name goes on
     * past the blank line OCR put in */
    T_ASSERT(field_is("GIẤY CHỨNG NHẬN\nCấp cho ông (hà) ........... ĐIỂU K'RĂNG Năm sinh ....... "
                      "1981\n",
                      "applicant", "Điểu K'Răng"));
    T_ASSERT(
        field_is("QUYẾT ĐỊNH\nXét Tờ trình số 215/TTr-PGDĐT ngày 16/9/2024 của Phòng Giáo dục "
                 "và Đào tạo\nhuyện Cư M'gar và đơn đề nghị cấp học bổng ngày 05/9/2024 của bà "
                 "H'Hen\n\nNiê (mẹ của học sinh H'Yâm Niê),\nQUYẾT ĐỊNH:\n- Cha: ông Y "
                 "Bhim Mlô. Mẹ: bà H'Hen Niê, CCCD số 066184001293, thường trú\n",
                 "applicant", "H'Hen Niê"));
    return 0;
}

/* The seventeenth hold-out set's lessons (issue 19). */
static int t_heldout17(void)
{
    /* the address's own copy in small letters stands against a heading in capitals that
     * lost a stacked tone ... */
    T_ASSERT(field_is("UBND HUYỆN GIÔNG TRÔM\nTHÔNG BÁO\nKính gửi: Ông Huỳnh Văn Ngời\n"
                      "Địa chỉ: ấp Lương Tây, xã Lương Hòa, huyện Giồng Trôm, tỉnh Bến Tre\n",
                      "address", "ấp Lương Tây, xã Lương Hòa, huyện Giồng Trôm, tỉnh Bến Tre"));
    /* ... not against capitals without a plain tone the small copy may have gained */
    T_ASSERT(field_is("CÔNG AN XÃ NGHI PHONG\nGIẤY TIẾP NHẬN HỒ SƠ\nĐịa chỉ thường trú: Xóm 3, "
                      "xã Nghỉ Phong, huyện Nghi Lộc, tỉnh Nghệ An\n",
                      "address", NULL));
    /* (a district's name, though, takes the marks of the list of districts) */
    T_ASSERT(field_is("CÔNG AN HUYỆN NGHI LỘC\nGIẤY TIẾP NHẬN HỒ SƠ\nĐịa chỉ thường trú: Xóm 3, "
                      "xã Nghi Phong, huyện Nghỉ Lộc, tỉnh Nghệ An\n",
                      "address", "Xóm 3, xã Nghi Phong, huyện Nghi Lộc, tỉnh Nghệ An"));
    /* a number after "hoặc" and whose it is; "gọi" a number */
    json_t *f;
    T_ASSERT(list_in("THÔNG BÁO\nLiên hệ ông Ngời, ĐT 0383 614 925, hoặc Bộ phận Một cửa (0275) "
                     "3862 517,\n",
                     "phones", 2, 1, "02753862517"));
    f = flat_of("GIẤY TIẾP NHẬN HỒ SƠ\nTra cứu hồ sơ tại dichvucong.namdinh.gov.vn hoặc gọi "
                "0228.3895.146;\n",
                1);
    T_ASSERT(list_is(f, "phones", 1, 0, "02283895146"));
    json_decref(f);
    /* no number within a few words after "hoặc": nothing more */
    T_ASSERT(list_in("THÔNG BÁO\nĐT 0383 614 925 hoặc đến trụ sở Ủy ban nhân dân xã Lương Hòa "
                     "trước ngày 28/10/2024 số 0275386251\n",
                     "phones", 1, 0, "0383614925"));
    /* e-mail: a capital I in small letters is an l; a webmail domain's lost dot; an address
     * in capitals keeps its i */
    f = flat_of("QUYẾT ĐỊNH\ne-mail: Idtbxh.mocchau@sonla.gov.vn, taphoa.dh@gmailcom\n"
                "Email: INFO@ABC.VN\n",
                1);
    T_ASSERT(list_is(f, "emails", 3, 0, "ldtbxh.mocchau@sonla.gov.vn"));
    T_ASSERT(list_is(f, "emails", 3, 1, "taphoa.dh@gmail.com"));
    T_ASSERT(list_is(f, "emails", 3, 2, "info@abc.vn"));
    json_decref(f);
    return 0;
}

/* The seventh hold-out set's lessons (issue 19). */
static int t_heldout7(void)
{
    /* another document's "số" inside a sentence is not the page's own number */
    json_t *f = flat_of("TỜ KHAI ĐĂNG KÝ KHAI SINH\nGiấy chứng sinh số: 1147/GCS, cấp ngày "
                        "28/10/2024\n",
                        1);
    T_ASSERT(!json_object_get(f, "number_symbol"));
    json_decref(f);
    f = flat_of("ỦY BAN NHÂN DÂN Số: 412/QĐ-UBND\n", 1);
    T_STREQ(str(f, "number_symbol"), "412/QĐ-UBND");
    json_decref(f);
    /* a social-insurance code beside an ID is no ID and does not doubt it */
    f = flat_of("Số CCCD/ĐDCN: 042194011526          Mã số BHXH: 4206214385\n", 1);
    json_t *ids = json_object_get(f, "id_numbers");
    T_ASSERT(json_array_size(ids) == 1);
    T_STREQ(json_string_value(json_array_get(ids, 0)), "042194011526");
    json_decref(f);
    /* a request named some words before "của"; not "đơn vị ... của" */
    f = flat_of("QUYẾT ĐỊNH\nXét đơn xin thuê đất ngày 18/11/2024 của ông Cao Văn Lũy và Tờ "
                "trình số 88/TTr-TNMT;\n",
                1);
    T_STREQ(str(f, "applicant"), "Cao Văn Lũy");
    json_decref(f);
    f = flat_of("QUYẾT ĐỊNH\nGiao đơn vị thi công của ông Trần Văn Ba thực hiện;\n", 1);
    T_ASSERT(!json_object_get(f, "applicant"));
    json_decref(f);
    /* a name that ends its line goes on at the start of the next */
    f = flat_of("CÔNG VĂN\nPhòng nhận được đơn của ông Huỳnh Tấn\nLộc (CCCD số 054078003291) "
                "đề nghị cấp phép.\n",
                1);
    T_STREQ(str(f, "applicant"), "Huỳnh Tấn Lộc");
    json_decref(f);
    return 0;
}

/* The eighth hold-out set's lessons (issue 19). */
static int t_heldout8(void)
{
    /* "13g50": g for giờ */
    json_t *f = flat_of("PHIẾU TIẾP NHẬN VÀ HẸN TRẢ KẾT QUẢ\nThời gian tiếp nhận: 13g50 ngày "
                        "03/3/2025 (thứ Hai)\nThời gian hẹn trả kết quả: 14g00 ngày 17/4/2025\n",
                        1);
    T_STREQ(str(f, "received_at"), "2025-03-03T13:50");
    T_STREQ(str(f, "due_at"), "2025-04-17T14:00");
    json_decref(f);
    /* "Doãn" is a family name of its own, not a misread "Đoàn" */
    f = flat_of("QUYẾT ĐỊNH\n                                  TM. ỦY BAN NHÂN DÂN\n"
                "                                  CHỦ TỊCH\n\n"
                "                                  Doãn Văn Lực\n",
                1);
    T_STREQ(str(f, "signer"), "Doãn Văn Lực");
    json_decref(f);
    /* a "Căn cứ" clause ends with its sentence; a symbol with small letters is no misread */
    f = flat_of("THÔNG BÁO\nCăn cứ Luật Hộ tịch số 60/2014/QH13 và Quyết định số 148/QĐ-TTg, "
                "xã thông báo từ\nchối. Việc cải chính theo Nghị định số 123/2015/NĐ-CP.\n",
                1);
    json_t *refs = json_object_get(f, "references");
    T_ASSERT(json_array_size(refs) == 2);
    T_STREQ(json_string_value(json_array_get(refs, 0)), "60/2014/QH13");
    T_STREQ(json_string_value(json_array_get(refs, 1)), "148/QĐ-TTg");
    json_decref(f);
    /* a place's name with an apostrophe */
    f = flat_of("GIẤY XÁC NHẬN\n                          Nâm N'Jang, ngày 06 tháng 3 năm 2025\n", 1);
    T_STREQ(str(f, "place"), "Nâm N'Jang");
    T_STREQ(str(f, "issue_date"), "2025-03-06");
    json_decref(f);
    /* a rare family name in a sentence ("hồ sơ của bà Lành Thị" / "Mến") is given when the
     * page prints the name again; alone, it goes to review */
#define BODY(ADDRESSEE)                                                                     \
    "THÔNG BÁO\n" ADDRESSEE "Ngày 14/4/2025, xã nhận hồ sơ của bà Lành Thị\n"                 \
    "Mến (số định danh cá nhân 020187004615) đề nghị cải chính.\n"
    f = flat_of(BODY("Kính gửi: Bà LÀNH THỊ MẾN\n\n"), 1);
    T_STREQ(str(f, "applicant"), "Lành Thị Mến");
    json_decref(f);
    f = flat_of(BODY(""), 1);
#undef BODY
    T_ASSERT(!json_object_get(f, "applicant"));
    json_decref(f);
    /* a business whose request a decision answers, its name wrapped at the line's end */
    f = flat_of("QUYẾT ĐỊNH\nXét hồ sơ đăng ký đánh giá, phân hạng sản phẩm của Hợp tác xã Nông "
                "sản sạch\nThu Phong và Tờ trình số 214/TTr-HĐ ngày 18/11/2024 của Hội đồng,\n",
                1);
    T_STREQ(str(f, "applicant"), "Hợp tác xã Nông sản sạch Thu Phong");
    json_decref(f);
    return 0;
}

/* The rules of the fourth hold-out set's lessons (issue 19): each general, on a page of
 * its own. */
static int t_heldout27(void)
{
    /* a company's name wrapped under its cell; its address cell of one unit after three
     * parts; a phone cell opening with its area code; a passport's 9 digits */
    const char *ph = "PHIẾU TIẾP NHẬN HỒ SƠ\ntiếp nhận hồ sơ của tổ chức:\n"
                     "Tên tổ chức       CÔNG TY TNHH CHẾ BIẾN GỖ NỘI THẤT\n"
                     "                  TÂN HƯNG LONG\n"
                     "Mã số doanh nghiệp   3702846159      Điện thoại   (0274) 3 718 426\n"
                     "Địa chỉ trụ sở    Lô C7, đường số 5, Khu công nghiệp Việt Hương, phường\n"
                     "Thuận Giao, thành phố Thuận An, tỉnh Bình Dương\n"
                     "Số CCCD   074188015237            Di động   0918-462-735\n"
                     "Người lao động: CHEN WEI-LUN, quốc tịch Trung Quốc (Đài Loan), hộ chiếu\n"
                     "số 312604857; vị trí: nhà quản lý\n";
    T_ASSERT(field_is(ph, "applicant", "CÔNG TY TNHH CHẾ BIẾN GỖ NỘI THẤT TÂN HƯNG LONG"));
    T_ASSERT(field_is(ph, "address",
                      "Lô C7, đường số 5, Khu công nghiệp Việt Hương, phường Thuận Giao, thành "
                      "phố Thuận An, tỉnh Bình Dương"));
    json_t *f = flat_of(ph, 1);
    T_ASSERT(list_is(f, "id_numbers", 1, 0, "074188015237"));
    T_ASSERT(list_is(f, "phones", 2, 0, "02743718426"));
    json_decref(f);
    /* the number in a pipe table's next cell, the rule first, its groups as OCR joined them
     * ("3 671408", which no grouped-phone shape finds without the label) */
    f = flat_of("| Điện thoại        | (0274) 3 671408    Email: luatsu.pg@gmail.com  |\n", 1);
    T_ASSERT(list_is(f, "phones", 1, 0, "02743671408"));
    json_decref(f);
    /* a place-date inside a sentence ("… xã Tam Quang, ngày 02/10/2015,") is an event's;
     * the form's own ("Làm tại: Tam Quang, ngày …") is the page's */
    T_ASSERT(field_is("TỜ KHAI ĐĂNG KÝ LẠI KHAI SINH\nĐã đăng ký khai sinh tại: Ủy ban nhân dân xã "
                      "Tam Quang, ngày 02/10/2015,\ntheo Giấy khai sinh số 87\n"
                      "                             Làm tại: Tam Quang, ngày 15 tháng 4 năm "
                      "2025\n",
                      "issue_date", "2025-04-15"));
    /* a table's row OCR ran into one segment; a mobile's last groups run together */
    f = flat_of("GIẤY CHỨNG NHẬN\nHọ và tên              Chức danh        Số CCCD              "
                "Điện thoại\n"
                "TRẦN QUỐC KHÁNH        Giám đốc         079080013572       0903 624118\n"
                "NGUYỄN THỊ BÍCH VÂN Phó Giám đốc 056184009327 0905.318.247\n",
                1);
    T_ASSERT(list_is(f, "id_numbers", 2, 1, "056184009327"));
    T_ASSERT(list_is(f, "phones", 2, 0, "0903624118"));
    json_decref(f);
    /* OCR in DejaVu Serif: a dot after "Luật" ends no clause; a blank after a symbol's
     * hyphen; "CỒNG" in a known phrase; a signer's title without its mark */
    const char *qd = "QUYẾT ĐỊNH\nCăn cứ Luật. Tài nguyên, môi trường biển và hải đảo số "
                     "82/2015/QH13 và\nLuật Thủy sản số 18/2017/QH14;\n"
                     "Căn cứ Nghị định số 11/2021/NĐ- CP ngày 10/02/2021 của Chính phủ;\n\n"
                     "                                        KT. CHỦ TỊCH\n"
                     "                                        PHO CHỦ TỊCH\n\n"
                     "                                        Trần Văn Dũng\n";
    f = flat_of(qd, 1);
    T_ASSERT(list_is(f, "references", 3, 0, "82/2015/QH13"));
    T_ASSERT(list_is(f, "references", 3, 2, "11/2021/NĐ-CP"));
    T_STREQ(str(f, "signer_title"), "PHÓ CHỦ TỊCH");
    json_decref(f);
    T_ASSERT(field_is("UBND TỈNH BÌNH DƯƠNG\nTRUNG TÂM PHỤC VỤ\nHÀNH CHÍNH CỒNG\n\nPHIẾU TIẾP "
                      "NHẬN HỒ SƠ\n",
                      "issuer", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"));
    return 0;
}

static int t_heldout28(void)
{
    /* a table's header cell "Họ và tên" is no applicant's label: the letter's citizen */
    T_ASSERT(field_is("Ngày 17/3/2025, Ủy ban nhân dân huyện nhận được đơn của ông Đinh Văn\n"
                      "Thuận, sinh năm 1968, CCCD số 044068005193, thường trú tại bản Ón, xã\n"
                      "Trọng Hóa, huyện Minh Hóa, tỉnh Quảng Bình (điện thoại: 0835072614), đề\n"
                      "nghị hỗ trợ di dời nhà ở của gia đình ra khỏi sườn đồi có nguy cơ sạt\n"
                      "lở tại thửa đất số 112, tờ bản đồ số 9, xã Trọng Hóa. Hộ gồm 04 người:\n"
                      "\n"
                      "STT   Họ và tên           Năm sinh   Quan hệ với chủ hộ   Ghi chú\n"
                      "1     Đinh Văn Thuận      1968       Chủ hộ\n",
                      "applicant", "Đinh Văn Thuận"));
    /* a dash that ended the line stays in the joined name; a numbered hamlet's end */
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN\nTổ chức đề nghị: CÔNG TY TNHH THƯƠNG MẠI DU LỊCH -\n"
                      "DỊCH VỤ BÁN ĐẢO XANH\n",
                      "applicant", "CÔNG TY TNHH THƯƠNG MẠI DU LỊCH - DỊCH VỤ BÁN ĐẢO XANH"));
    T_ASSERT(field_is("QUYẾT ĐỊNH\n1. Người đứng tên: bà NGÔ THỊ XUÂN MAI, CCCD số 056179013648, "
                      "thường trú tại thôn Quảng\nHội 2, xã Vạn Thắng, huyện Vạn Ninh, tỉnh Khánh "
                      "Hòa; điện thoại:\n",
                      "address", "thôn Quảng Hội 2, xã Vạn Thắng, huyện Vạn Ninh, tỉnh Khánh Hòa"));
    /* a recipient's family name as the list spells it, the body's "Đỉnh" misread; "VW" for
     * "V/v"; "di đời" for "di dời" */
    const char *cv = "Số: 412/UBND-NNMT                  Minh Hóa, ngày 08 tháng 4 năm 2025\n"
                     "VW trả lời đơn đề nghị hỗ trợ di đời nhà ở\n\n"
                     "                     Kính gửi: Ông Đinh Văn Thuận\n\n"
                     "Ủy ban nhân dân huyện nhận được đơn của ông Đỉnh Văn Thuận, sinh năm\n"
                     "1. Hộ ông Đỉnh Văn Thuận thuộc đối tượng được hỗ trợ\n";
    T_ASSERT(field_is(cv, "recipient", "Ông Đinh Văn Thuận"));
    T_ASSERT(field_is(cv, "summary", "V/v trả lời đơn đề nghị hỗ trợ di dời nhà ở"));
    /* what OCR leaves of a leader across a gap: "Cấp cho ." / "ông LÂM VĂN TRỌNG", "Địa
     * chỉ." / ". 158/24 …" */
    const char *gp = "GIẤY PHÉP\nCấp cho .   ông LÂM VĂN TRỌNG\n"
                     "Địa chỉ.   . 158/24 đường 30 Tháng 4, phường Hưng Lợi, quận Ninh Kiều\n";
    T_ASSERT(field_is(gp, "applicant", "Lâm Văn Trọng"));
    T_ASSERT(field_is(gp, "address", "158/24 đường 30 Tháng 4, phường Hưng Lợi, quận Ninh Kiều"));
    return 0;
}

static int t_heldout29_30(void)
{
    /* a box's rule between label and value; the value's end on the next row of the box */
    const char *box = "ĐƠN ĐỀ NGHỊ\n+==============+===================+\n"
                      "| Họ và tên           | THÀO A DỀNH\n"
                      "| Nơi thường trú | bản Thèn Thầu, xã Sin Suối\n"
                      "|                              | Hồ, huyện Phong Thổ, tỉnh Lai Châu\n"
                      "| Điện thoại          | 0975 263 418\n";
    T_ASSERT(field_is(box, "applicant", "Thào A Dềnh"));
    T_ASSERT(
        field_is(box, "address", "bản Thèn Thầu, xã Sin Suối Hồ, huyện Phong Thổ, tỉnh Lai Châu"));
    /* a phone broken at its hyphen, a sentence after it */
    T_ASSERT(list_in("CÔNG VĂN\ntỉnh Bến Tre, điện thoại 0918-\n362-475. Ông phản ánh\n", "phones",
                     1, 0, "0918362475"));
    /* a notice on a household's declaration ("Bản kê khai"): the household's head, not its
     * address */
    T_ASSERT(
        field_is("THÔNG BÁO\n           Kính gửi: Hộ ông Võ Tấn Lợi, thôn Tiến Đông, xã Tam Tiến\n"
                 "Ủy ban nhân dân xã nhận được Bản kê khai hoạt động nuôi chim yến.\n",
                 "applicant", "Võ Tấn Lợi"));
    /* the label's "CHI" and the signature's "Chỉ": a plain tone either way, no reading */
    T_ASSERT(field_is("ĐƠN ĐĂNG KÝ\nHọ và tên người đăng ký .......... NGUYỄN THỊ QUẾ CHI\n\n"
                      "                                              NGƯỜI LÀM ĐƠN\n"
                      "                                           (Ký, ghi rõ họ tên)\n\n"
                      "                                           Nguyễn Thị Quế Chỉ\n",
                      "applicant", NULL));
    /* a speck line OCR made of two rows' numbers keeps the table */
    T_ASSERT(list_in("QUYẾT ĐỊNH\nTT Họ và tên chủ hộ   Năm sinh   Số CCCD   Số kg\n"
                     "3   Xa Văn Thìn   1964   017064001873   148\n"
                     "Lý Văn Quảng   1991   017091007528   205\n"
                     "ƠŒ1\n"
                     "Đinh Thị Hoa Ban   1988   017188003947   64\n",
                     "id_numbers", 3, 2, "017188003947"));
    /* OCR in Liberation Serif read a line of capitals bare ("BINH THANH XANH"): it says
     * nothing of the marks of the address's "Bình Thành" */
    const char *htx = "PHIẾU TIẾP NHẬN\nTổ chức: HỢP TÁC XÃ DỊCH VỤ VẬN TẢI THỦY NỘI ĐỊA\n"
                      "BINH THANH XANH\n"
                      "Địa chỉ trụ sở: ấp Bình Hòa, xã Bình Thành, huyện Lấp Vò, tỉnh Đồng\nTháp\n";
    T_ASSERT(field_is(htx, "address", "ấp Bình Hòa, xã Bình Thành, huyện Lấp Vò, tỉnh Đồng Tháp"));
    /* a blank OCR put after a dot of an e-mail's local part */
    T_ASSERT(list_in(
        "THÔNG BÁO\nthoại (0235) 3 872 519 hoặc thư điện tử tamtien. nuithanh@quangnam.gov.vn.\n",
        "emails", 1, 0, "tamtien.nuithanh@quangnam.gov.vn"));
    /* a leader's last dot glued to the number */
    T_ASSERT(
        list_in("ĐƠN ĐĂNG KÝ\nSố định danh cá nhân .068083004915 Điện thoại. .. 0977-518-306\n",
                "id_numbers", 1, 0, "068083004915"));
    return 0;
}

static int t_heldout32(void)
{
    /* a signer's capitalised name holds no known phrase ("Văn Tài" is no "vận tải") */
    T_ASSERT(
        field_is("THÔNG BÁO\n                                          TRƯỞNG CÔNG AN PHƯỜNG\n\n"
                 "                                          Thiếu tá Huỳnh Văn Tài\n",
                 "signer", "Huỳnh Văn Tài"));
    /* "Chủ cơ sở" as printed, not "chủ hồ sơ" one letter away; the farm's name is not the
     * applicant */
    T_ASSERT(field_is("GIẤY CHỨNG NHẬN\n Chủ cơ sở                    | Ông LÊ TRỌNG TOẢN\n"
                      " Số CCCD                       | 070075006281\n"
                      " Tên cơ sở                     | TRANG TRẠI HEO LỘC HIỆP XANH\n",
                      "applicant", "Lê Trọng Toản"));
    /* a subject ending in a business's kind goes on with its name; a dash ending an
     * address's line stays */
    const char *qd = "QUYẾT ĐỊNH\n     Về việc thu hồi Giấy phép bán lẻ rượu của Công ty TNHH\n"
                     "           Thương mại Dịch vụ Hải Đăng Bình Châu\n\n"
                     "- Trụ sở chính: ấp Bình Tiến, xã Bình Châu, huyện Xuyên Mộc, Bà Rịa -\n"
                     "  Vũng Tàu\n";
    T_ASSERT(field_is(qd, "summary",
                      "Về việc thu hồi Giấy phép bán lẻ rượu của Công ty TNHH Thương mại Dịch "
                      "vụ Hải Đăng Bình Châu"));
    T_ASSERT(
        field_is(qd, "address", "ấp Bình Tiến, xã Bình Châu, huyện Xuyên Mộc, Bà Rịa - Vũng Tàu"));
    /* in DejaVu Serif 12: the deciding authority's line right under the title (no blank
     * line between in OCR) is no part of it; "PHƯƠNG" for a ward's "PHƯỜNG" */
    T_ASSERT(field_is("GIẤY CHỨNG NHẬN\nĐỦ ĐIỀU KIỆN CHĂN NUÔI\n"
                      "GIÁM ĐỐC SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN\nCăn cứ Luật Chăn nuôi;\n",
                      "title", "GIẤY CHỨNG NHẬN ĐỦ ĐIỀU KIỆN CHĂN NUÔI"));
    T_ASSERT(field_is("CÔNG AN TP. HỒ CHÍ MINH\nCÔNG AN PHƯƠNG HIỆP BÌNH CHÁNH\n\nTHÔNG BÁO\n",
                      "issuer", "CÔNG AN PHƯỜNG HIỆP BÌNH CHÁNH"));
    return 0;
}

static int t_heldout31(void)
{
    /* a business's name over three lines of a subject and two of "Kính gửi"; its seat "trụ
     * sở tại …"; the letter known as one from its "V/v" only */
    const char *cv = "Số: 1127/SNV-LĐTL                  Hải Dương, ngày 23 tháng 5 năm 2025\n"
                     "V/v đăng ký nội quy lao động của\nCông ty TNHH Sản xuất và Thương mại\n"
                     "Bao bì Hưng Phát Kim Thành\n\n"
                     "          Kính gửi: Công ty TNHH Sản xuất và Thương mại\n"
                     "                    Bao bì Hưng Phát Kim Thành\n\n"
                     "Sở Nội vụ nhận được Văn bản số 08/2025/CV-HP ngày 09/5/2025 của Công ty\n"
                     "TNHH Sản xuất và Thương mại Bao bì Hưng Phát Kim Thành (mã số doanh\n"
                     "nghiệp 0801364927; trụ sở tại Lô CN-07, Khu công nghiệp Phú Thái, thị trấn\n"
                     "Phú Thái, huyện Kim Thành, tỉnh Hải Dương; điện thoại 0220 3 713 486) kèm "
                     "hồ sơ đăng ký.\n";
    const char *name = "Công ty TNHH Sản xuất và Thương mại Bao bì Hưng Phát Kim Thành";
    T_ASSERT(field_is(cv, "recipient", name));
    T_ASSERT(field_is(cv, "applicant", name));
    T_ASSERT(field_is(cv, "address",
                      "Lô CN-07, Khu công nghiệp Phú Thái, thị trấn Phú Thái, "
                      "huyện Kim Thành, tỉnh Hải Dương"));
    /* "SỐ CHỨNG MINH …" goes on the title (no "Sở"); a CMND in threes */
    const char *gxn = "GIẤY XÁC NHẬN\nSỐ CHỨNG MINH NHÂN DÂN VÀ SỐ ĐỊNH DANH CÁ NHÂN\n\n"
                      "Số Chứng minh nhân dân   095 187 342, cấp ngày 20/3/2009\n";
    T_ASSERT(
        field_is(gxn, "title", "GIẤY XÁC NHẬN SỐ CHỨNG MINH NHÂN DÂN VÀ SỐ ĐỊNH DANH CÁ NHÂN"));
    T_ASSERT(list_in(gxn, "id_numbers", 1, 0, "095187342"));
    /* "… của" ends the line, "ông" and the name start the next */
    T_ASSERT(field_is("QUYẾT ĐỊNH\nXét Đơn đề nghị công nhận tuyên truyền viên pháp luật ngày "
                      "24/02/2025 của\nông Vàng Mí Chứ và Tờ trình số 05/TTr-TP ngày 03/3/2025\n",
                      "applicant", "Vàng Mí Chứ"));
    return 0;
}

static int t_heldout33(void)
{
    /* a landline's one digit after its bracketed area code, with no label that says phone
     * ("Tra cứu hồ sơ:"), and on the line after "điện thoại" */
    json_t *f =
        flat_of("PHIẾU TIẾP NHẬN\nTra cứu hồ sơ: (0211) 3 896 214 - Fax: (0211) 3 896 215\n", 1);
    T_ASSERT(list_is(f, "phones", 1, 0, "02113896214"));
    json_decref(f);
    /* a leader after the colon */
    T_ASSERT(field_is("TỜ KHAI\nNơi cư trú: ...... thôn Phương Khê, xã Đoàn Tùng, huyện Thanh "
                      "Miện, tỉnh\nHải Dương\n",
                      "address",
                      "thôn Phương Khê, xã Đoàn Tùng, huyện Thanh Miện, tỉnh Hải Dương"));
    /* "SỐ HỘ TỊCH" (a number) for "SỔ HỘ TỊCH" (the register) */
    T_ASSERT(field_is("TỜ KHAI GHI VÀO SỐ HỘ TỊCH VIỆC LY HÔN\n", "title",
                      "TỜ KHAI GHI VÀO SỔ HỘ TỊCH VIỆC LY HÔN"));
    return 0;
}

static int t_heldout34(void)
{
    /* a table of label | value: "Tên người nộp thuế", not "Tên người nộp" one word short;
     * an address's end on the box's next row, not the next field's row */
    const char *tk = "TỜ KHAI LỆ PHÍ TRƯỚC BẠ\n"
                     "[03] Tên người nộp thuế      | NÔNG THỊ SLAO\n"
                     "[07] Địa chỉ thường trú        | xóm Khuổi Ky, xã Đàm Thủy, huyện Trùng\n"
                     "                                                  | Khánh, tỉnh Cao Bằng\n"
                     "[08] Nơi ở hiện tại                 | tổ 9, phường Hợp Giang, thành phố Cao\n"
                     "                                                  | Bằng (nhà thuê)\n";
    T_ASSERT(field_is(tk, "applicant", "Nông Thị Slao"));
    T_ASSERT(
        field_is(tk, "address", "xóm Khuổi Ky, xã Đàm Thủy, huyện Trùng Khánh, tỉnh Cao Bằng"));
    /* "KT. CHỦ TỊCH" over a distribution list's line OCR ran "PHÓ CHỦ TỊCH" into (hOCR) */
    static const char *const sig[] = {
        "200 900 THÔNG 1100 BÁO",
        "2400 237 Ủy 330 ban 460 nhân 600 dân 740 xã 830 Liêu 980 Tú 1070 thông 1240 báo 1390 để "
        "1480 ông 1580 biết, 1740 thực 1880 hiện",
        "2518 238 Nơi 336 nhận: 954 TM. 1058 ỦY 1139 BAN 1257 NHÂN 1400 DÂN",
        "2587 237 - 267 Như 383 trên; 1019 KT. 1107 CHỦ 1220 TỊCH",
        "2656 237 - 268 Chi 359 nhánh 526 VPĐKĐĐ 747 huyện 911 Trần 1039 Đề; 1181 PHÓ 1302 CHỦ "
        "1420 TỊCH",
        "2805 237 - 267 Lưu: 389 VT, 477 ĐC. 1065 (Đã 1180 ký)",
        "2943 849 Lý 919 Thị 1013 Chanh 1190 Tha",
        NULL};
    T_ASSERT(layout_field_is(sig, "signer_title", "PHÓ CHỦ TỊCH"));
    /* a longer speck line (the rows' numbers read as vertical text) keeps the table */
    T_ASSERT(list_in("QUYẾT ĐỊNH\nTT   Họ và tên chủ hộ   Dân tộc   Số CCCD   Hỗ trợ\n"
                     "Y Khuê Adrơng   Ê Đê   066093001764   sửa chữa\n"
                     "œ® ƠI x> C2 t3)\n"
                     "H'Lem Byă   Ê Đê   066171004390   xây mới\n",
                     "id_numbers", 2, 1, "066171004390"));
    return 0;
}

static int t_heldout35_36(void)
{
    /* an owner's cell with an honorific; "Địa chỉ giao dịch" is no delivery address; a
     * landline "0251 3 866 472"; "KIỂM DỊCH VIÊN ĐỘNG VẬT" signs */
    const char *gcn = "GIẤY CHỨNG NHẬN KIỂM DỊCH\n"
                      "Tên chủ hàng   ông LÊ CÔNG LUẬT              Điện thoại   0978 25 61 43\n"
                      "Địa chỉ giao dịch   ấp Ngũ Phúc, xã Hưng Lộc, huyện Thống Nhất, tỉnh\n"
                      "                    Đồng Nai\n"
                      "(Liên hệ kiểm tra: Trạm Chăn nuôi và Thú y Thống Nhất, 0251 3 866 472)\n\n"
                      "                                             TL. CHI CỤC TRƯỞNG\n"
                      "                                         KIỂM DỊCH VIÊN ĐỘNG VẬT\n"
                      "                                       (Ký, đóng dấu, ghi rõ họ tên)\n\n"
                      "                                           Huỳnh Đình Phước\n";
    T_ASSERT(field_is(gcn, "applicant", "Lê Công Luật"));
    T_ASSERT(field_is(gcn, "address", "ấp Ngũ Phúc, xã Hưng Lộc, huyện Thống Nhất, tỉnh Đồng Nai"));
    T_ASSERT(field_is(gcn, "signer", "Huỳnh Đình Phước"));
    T_ASSERT(list_in(gcn, "phones", 2, 1, "02513866472"));
    /* a fax after a leader is no phone */
    T_ASSERT(list_in("GIẤY PHÉP\nĐiện thoại ..... 0294 3 851 607        Fax ..... 0294 3 851 608\n",
                     "phones", 1, 0, "02943851607"));
    /* "Người trúng đấu giá: ông NGÔ XUÂN BÁCH" */
    T_ASSERT(field_is("QUYẾT ĐỊNH\n- Người trúng đấu giá: ông NGÔ XUÂN BÁCH, sinh năm 1984\n",
                      "applicant", "Ngô Xuân Bách"));
    /* a seat in brackets, "trụ sở:", and its line's end before a contact's label */
    T_ASSERT(
        field_is("CÔNG VĂN\n(mã số doanh nghiệp: 1602187354; trụ sở: số 215 đường Tôn Đức Thắng,\n"
                 "phường Long Thạnh, thị xã Tân Châu, tỉnh An Giang; người đại diện theo\n",
                 "address",
                 "số 215 đường Tôn Đức Thắng, phường Long Thạnh, thị xã Tân Châu, tỉnh An Giang"));
    T_ASSERT(
        field_is("CÔNG VĂN\n   (Trụ sở: số 214 Quốc lộ 22, khu phố Lộc Du, phường Trảng Bàng,\n"
                 "   thị xã Trảng Bàng, tỉnh Tây Ninh; điện thoại: 0276 3 895 214)\n",
                 "address",
                 "số 214 Quốc lộ 22, khu phố Lộc Du, phường Trảng Bàng, thị xã Trảng Bàng, "
                 "tỉnh Tây Ninh"));
    /* an office's recipient line goes on with its parent body, set in under it */
    T_ASSERT(
        field_is("TỜ KHAI\nKính gửi: Phòng Quản lý xuất nhập cảnh                 (Ảnh 4 x 6 cm,\n"
                 "          Công an tỉnh Thái Bình                        nền trắng)\n",
                 "recipient", "Phòng Quản lý xuất nhập cảnh Công an tỉnh Thái Bình"));
    /* OCR's text of hold-out 35: "Sinh năm:" ends a name run into it; "THỊ CÔNG" for "THI
     * CÔNG"; a colon OCR read for the semicolon after an address in a bracket */
    T_ASSERT(field_is("GIẤY PHÉP\n1. Cấp cho: Ông ĐOÀN TẤN LỰC Sinh năm:1983  CCCD: 082083004519\n",
                      "applicant", "Đoàn Tấn Lực"));
    T_ASSERT(field_is("GIẤY PHÉP THỊ CÔNG\n", "title", "GIẤY PHÉP THI CÔNG"));
    T_ASSERT(
        field_is("CÔNG VĂN\n(mã số doanh nghiệp: 1602187354; trụ sở: số 215 đường Tôn Đức Thắng,\n"
                 "phường Long Thạnh, thị xã Tân Châu, tỉnh An Giang: người đại diện theo\n",
                 "address",
                 "số 215 đường Tôn Đức Thắng, phường Long Thạnh, thị xã Tân Châu, tỉnh An Giang"));
    return 0;
}

static int t_heldout37_38(void)
{
    /* a day of the week before ", ngày" is no place: the page's place-date is */
    T_ASSERT(field_is("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\n"
                      "Nhận hồ sơ vào hồi 09 giờ 20 phút, thứ Hai, ngày 09/6/2025\n\n"
                      "                                    Quảng Ninh, ngày 09 tháng 6 năm 2025\n",
                      "place", "Quảng Ninh"));
    /* a label's cell over an address wrapped after its comma */
    T_ASSERT(field_is("GIẤY TIẾP NHẬN HỒ SƠ\n"
                      "Nơi thường trú    tổ 7, khu 3, phường Phương Đông, thành phố Uông Bí,\n"
                      "                  tỉnh Quảng Ninh\n",
                      "address",
                      "tổ 7, khu 3, phường Phương Đông, thành phố Uông Bí, tỉnh Quảng Ninh"));
    /* ... or cut inside a unit's name ("thành" / "phố Phúc Yên") */
    T_ASSERT(field_is(
        "GIẤY PHÉP\n3. Trụ sở chính        số 163 đường Trần Phú, phường Trưng Nhị, "
        "thành\n                       phố Phúc Yên, tỉnh Vĩnh Phúc\n",
        "address", "số 163 đường Trần Phú, phường Trưng Nhị, thành phố Phúc Yên, tỉnh Vĩnh Phúc"));
    /* nor into the numbered section under it */
    T_ASSERT(field_is("THÔNG BÁO\nĐịa chỉ:   ấp Phương Lạc, xã Phương Bình, huyện Phụng Hiệp, tỉnh "
                      "Hậu Giang\nII. THỬA ĐẤT\n",
                      "address",
                      "ấp Phương Lạc, xã Phương Bình, huyện Phụng Hiệp, tỉnh Hậu Giang"));
    /* a label alone on its row, over its indented value */
    T_ASSERT(field_is("GIẤY TIẾP NHẬN HỒ SƠ\nTên thủ tục hành chính\n"
                      "                  Cấp chứng chỉ hành nghề hoạt động xây dựng lần đầu\n"
                      "                  hạng II, hạng III\n",
                      "procedure",
                      "Cấp chứng chỉ hành nghề hoạt động xây dựng lần đầu hạng II, hạng III"));
    T_ASSERT(field_is("GIẤY PHÉP HOẠT ĐỘNG\nTên cơ sở khám bệnh, chữa bệnh\n"
                      "      PHÒNG KHÁM CHUYÊN KHOA RĂNG HÀM MẶT TÂM ĐỨC\n"
                      "Hình thức tổ chức      Phòng khám chuyên khoa\n",
                      "applicant", "PHÒNG KHÁM CHUYÊN KHOA RĂNG HÀM MẶT TÂM ĐỨC"));
    /* a company's name does not go on into the next row's value, its own label before it */
    T_ASSERT(field_is("GIẤY PHÉP\n1. Tên doanh nghiệp    CÔNG TY TNHH NHÂN LỰC KIM NGÂN PHÚC YÊN\n"
                      "   Tên giao dịch       KIM NGAN PHUC YEN MANPOWER COMPANY LIMITED\n",
                      "applicant", "CÔNG TY TNHH NHÂN LỰC KIM NGÂN PHÚC YÊN"));
    /* a letter's subject goes on in capitalised words under its number; the company whose
     * letter it answers ("nhận được Văn bản … của Công ty") is the applicant */
    const char *cv =
        "SỞ CÔNG THƯƠNG                                Độc lập - Tự do - Hạnh phúc\n\n"
        "Số: 1037/SCT-QLTM                         Gia Lai, ngày 12 tháng 5 năm 2025\n"
        "V/v xác nhận đăng ký tổ chức\nHội chợ Thương mại - Nông sản\n"
        "Pleiku năm 2025\n\n"
        "      Kính gửi: Công ty Cổ phần Sự kiện và Xúc tiến Thương mại Phố Núi\n\n"
        "Sở Công Thương nhận được Văn bản số 28/2025/CV-PN ngày 25/4/2025 của Công ty\n"
        "Cổ phần Sự kiện và Xúc tiến Thương mại Phố Núi về việc đăng ký tổ chức hội "
        "chợ.\n";
    T_ASSERT(
        field_is(cv, "summary",
                 "V/v xác nhận đăng ký tổ chức Hội chợ Thương mại - Nông sản Pleiku năm 2025"));
    T_ASSERT(field_is(cv, "applicant", "Công ty Cổ phần Sự kiện và Xúc tiến Thương mại Phố Núi"));
    /* a payment's identifier ("mã định danh khoản phải nộp") is no ID, and does not put the
     * person's in doubt */
    json_t *f =
        flat_of("THÔNG BÁO\nSố định danh cá nhân:   093079003516          Điện thoại:   "
                "0939 614 082\ntiểu mục 1411; mã định danh khoản phải nộp: 2410 2493 1587.\n",
                1);
    T_ASSERT(list_is(f, "id_numbers", 1, 0, "093079003516"));
    json_decref(f);
    /* a desk in brackets under the addressee is an aside */
    T_ASSERT(field_is("TỜ KHAI ĐĂNG KÝ PHƯƠNG TIỆN THỦY NỘI ĐỊA\n\n"
                      "      Kính gửi: Sở Xây dựng tỉnh An Giang\n"
                      "                (Phòng Quản lý vận tải, phương tiện và người lái)\n\n"
                      "1. Tên chủ phương tiện (chữ in hoa): HUỲNH THỊ CẨM GIANG\n",
                      "recipient", "Sở Xây dựng tỉnh An Giang"));
    /* hOCR: a gap of nearly a line height and three usual gaps parts a label's cell from
     * its value's, as three blanks do in text ("Địa chỉ [gap] Số 27/4 …") */
    const char *const cells[] = {
        "300 900 GIẤY 1028 PHÉP",
        "400 240 Địa 340 chỉ 520 Số 592 27/4 720 đường 876 Nguyễn 1060 Trãi, 1216 phường 1400 "
        "Dĩ 1472 An, 1572 tỉnh 1700 Bình 1828 Dương",
        NULL};
    T_ASSERT(layout_field_is(cells, "address",
                             "Số 27/4 đường Nguyễn Trãi, phường Dĩ An, tỉnh Bình Dương"));
    /* ... and a name in capitals in such a cell goes on in the row's one segment under it,
     * past the blank row OCR put between, set in past the label's start */
    const char *const org[] = {
        "300 700 PHIẾU 856 TIẾP 984 NHẬN 1112 HỒ 1184 SƠ",
        "400 240 Tên 340 tổ 412 chức 620 CÔNG 748 TY 820 TNHH 948 CHẾ 1048 BIẾN 1176 GỖ 1248 "
        "NỘI 1348 THẤT",
        "510 471 TÂN 571 HƯNG 699 LONG", "600 240 Mã 312 số 384 doanh 540 nghiệp 724 3702846159",
        NULL};
    T_ASSERT(layout_field_is(org, "applicant", "CÔNG TY TNHH CHẾ BIẾN GỖ NỘI THẤT TÂN HƯNG LONG"));
    return 0;
}

static int t_heldout39_40(void)
{
    /* a province's name cut at the line end, its end then the ";" that ends the address */
    T_ASSERT(field_is(
        "CÔNG VĂN\nSở Công Thương nhận được Văn bản số 017/2025/CV-GK ngày "
        "31/3/2025 của Công ty TNHH Điện máy\nGia Khang (mã số doanh nghiệp "
        "1201748362,\ntrụ sở: số 94 Quốc lộ 1, khu phố 6, phường Nhị Mỹ, thị xã Cai "
        "Lậy, tỉnh Tiền\nGiang; điện thoại: (0273) 3 826 540; thư điện tử: "
        "dienmaygiakhang@gmail.com)\n",
        "address", "số 94 Quốc lộ 1, khu phố 6, phường Nhị Mỹ, thị xã Cai Lậy, tỉnh Tiền Giang"));
    /* "[ ] Người được ủy quyền" is a box to tick, not another party's block */
    T_ASSERT(field_is("TỜ KHAI ĐĂNG KÝ QUYỀN TÁC GIẢ\n"
                      "Họ và tên ............................ PHAN THỊ DIỄM KIỀU\n"
                      "Là:   [x] Tác giả     [x] Chủ sở hữu quyền tác giả     [ ] Người được ủy "
                      "quyền\nĐịa chỉ thường trú   thôn Mỹ Trung, xã Phước Sơn, huyện Tuy Phước,\n"
                      "                     tỉnh Bình Định\n",
                      "address", "thôn Mỹ Trung, xã Phước Sơn, huyện Tuy Phước, tỉnh Bình Định"));
    /* a community group in the cell of "Tên tổ chức …", its name as a sentence is written,
     * and its "Tổ" not respelled as the family name Tô */
    T_ASSERT(field_is("QUYẾT ĐỊNH\nĐiều 1. Công nhận và giao quyền quản lý trong bảo vệ nguồn lợi "
                      "thủy sản cho:\n  Tên tổ chức cộng đồng   Tổ cộng đồng Bảo vệ nguồn lợi thủy "
                      "sản Phú Quý\n  Địa chỉ                 thôn Phú Quý, xã An Hiệp, huyện Tuy "
                      "An, tỉnh Phú Yên\n",
                      "applicant", "Tổ cộng đồng Bảo vệ nguồn lợi thủy sản Phú Quý"));
    /* hold-out 42: a decision's subject without "Về việc" goes on in capitalised words in
     * its short lines; "Nhà đầu tư" names the applicant */
    const char *qd = "                                 QUYẾT ĐỊNH\n"
                     "       Chấp thuận chủ trương đầu tư đồng thời chấp thuận nhà đầu tư\n"
                     "         Dự án Trang trại chăn nuôi heo công nghệ cao Phước Thạnh\n\n"
                     "                     ỦY BAN NHÂN DÂN TỈNH TÂY NINH\n\n"
                     "Căn cứ Luật Đầu tư số 61/2020/QH14;\n"
                     "Điều 1. Chấp thuận chủ trương đầu tư đồng thời chấp thuận nhà đầu tư:\n"
                     "1. Nhà đầu tư      CÔNG TY CỔ PHẦN NÔNG NGHIỆP KIM PHÁT TÂY NINH\n";
    T_ASSERT(field_is(qd, "summary",
                      "Chấp thuận chủ trương đầu tư đồng thời chấp thuận nhà đầu tư Dự án Trang "
                      "trại chăn nuôi heo công nghệ cao Phước Thạnh"));
    T_ASSERT(field_is(qd, "applicant", "CÔNG TY CỔ PHẦN NÔNG NGHIỆP KIM PHÁT TÂY NINH"));
    /* hold-out 44: the police's own 069 network is a phone */
    T_ASSERT(list_in("GIẤY CHỨNG NHẬN\nLiên hệ hướng dẫn, kiểm tra an toàn PCCC: 069.2548.116.\n",
                     "phones", 1, 0, "0692548116"));
    /* a time's label that runs on in "lúc" fills its cell */
    const char *bn = "GIẤY BIÊN NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\n"
                     "Tiếp nhận hồ sơ lúc   14 giờ 40 phút, ngày 13/03/2025\n"
                     "Hẹn trả kết quả lúc   14 giờ 00 phút, ngày 17/03/2025  (02 ngày làm việc)\n";
    T_ASSERT(field_is(bn, "received_at", "2025-03-13T14:40"));
    T_ASSERT(field_is(bn, "due_at", "2025-03-17T14:00"));
    /* "Địa chỉ chủ đầu tư" alone on its row over an indented address of two units */
    T_ASSERT(field_is(
        "GIẤY CHỨNG NHẬN THẨM DUYỆT\nChủ đầu tư\n"
        "     CÔNG TY TNHH NÔNG SẢN XANH LẠC XUÂN\nĐịa chỉ chủ đầu tư\n"
        "     số 112 đường Hai Tháng Tư, thị trấn Thạnh Mỹ, huyện Đơn Dương,\n"
        "     tỉnh Lâm Đồng\n",
        "address", "số 112 đường Hai Tháng Tư, thị trấn Thạnh Mỹ, huyện Đơn Dương, tỉnh Lâm Đồng"));
    /* "địa" / "chỉ: …": the label wrapped in a bracket of a sentence */
    T_ASSERT(
        field_is("CÔNG VĂN\nSở Xây dựng nhận được Văn bản của Công ty TNHH Xay xát Lúa gạo Phú "
                 "Hồng (mã số doanh nghiệp 1402196738; địa\nchỉ: số 48 đường Nguyễn Huệ, khóm "
                 "2, thị trấn Sa Rài, huyện Tân Hồng, tỉnh\nĐồng Tháp; điện thoại 0277 3 830 "
                 "516) đề nghị chấp thuận thiết kế nút giao.\n",
                 "address",
                 "số 48 đường Nguyễn Huệ, khóm 2, thị trấn Sa Rài, huyện Tân Hồng, tỉnh Đồng "
                 "Tháp"));
    /* a district the page prints so twice more is no province of the same letters */
    T_ASSERT(
        field_is("ĐƠN YÊU CẦU TRỢ GIÚP PHÁP LÝ\nNơi cư trú: bản Nà Băng, xã Gia Phù, huyện "
                 "Phù Yên,\ntỉnh Sơn La\nTòa án nhân dân huyện Phù Yên đã thụ lý vụ án.\n\n"
                 "                                         Phù Yên, ngày 22 tháng 4 năm 2025\n",
                 "place", "Phù Yên"));
    return 0;
}

static int t_heldout44_48(void)
{
    /* a mobile written with its trunk 0 apart, "0 869 305 172", after a relative's name */
    T_ASSERT(list_in("ĐƠN ĐỀ NGHỊ TRỢ GIÚP PHÁP LÝ\nĐiện thoại: 037 5218 946\n"
                     "Người thân (nếu có): cháu Lò Văn Sướng, 0 869 305 172\n",
                     "phones", 2, 1, "0869305172"));
    /* but not a number of four groups of other lengths, nor a landline so split */
    T_ASSERT(list_in("ĐƠN\nĐiện thoại: 037 5218 946\nSố sổ: 0 86 930 51 72; mã 0 2393 845 217\n",
                     "phones", 1, 0, "0375218946"));
    /* a label and its address in one cell, the gap between them closed by OCR; "trú số"
     * is not the label "trụ sở:" with its colon read away */
    T_ASSERT(field_is("QUYẾT ĐỊNH\n   Thường trú số 26 phố Đoàn Thượng, thị trấn Gia Lộc, huyện "
                      "Gia Lộc,\n                tỉnh Hải Dương\n",
                      "address",
                      "số 26 phố Đoàn Thượng, thị trấn Gia Lộc, huyện Gia Lộc, tỉnh Hải Dương"));
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN\nĐịa chỉ trụ sở Số 27 đường Đông Thịnh, tổ dân phố Liễu "
                      "Đông, thị trấn Liễu Đề,\nhuyện Nghĩa Hưng, tỉnh Nam Định\n"
                      "Người đến nộp bà TẠ THỊ NGỌC KHUÊ (Hiệu trưởng)\n"
                      "Nơi ở hiện nay xóm 5, xã Nghĩa Lâm, huyện Nghĩa Hưng, tỉnh Nam Định\n",
                      "address",
                      "Số 27 đường Đông Thịnh, tổ dân phố Liễu Đông, thị trấn Liễu Đề, huyện "
                      "Nghĩa Hưng, tỉnh Nam Định"));
    /* hold-out 45: the social-insurance office's "PHIẾU GIAO NHẬN HỒ SƠ" is a receipt, its
     * "Nhận hồ sơ hồi" the time received; a CMND in threes in the next cell is an ID */
    const char *gn = "BẢO HIỂM XÃ HỘI HUYỆN TIỂU CẦN\n\n"
                     "                           PHIẾU GIAO NHẬN HỒ SƠ\n"
                     "Số định danh cá nhân   084191006237         CMND cũ   334 581 207\n"
                     "Thủ tục Giải quyết hưởng bảo hiểm xã hội một lần đối với người tham gia\n"
                     "          bảo hiểm xã hội bắt buộc\n"
                     "Nhận hồ sơ hồi     09 giờ 20 phút, ngày 11/11/2024\n";
    T_ASSERT(field_is(gn, "doc_type", "giay_tiep_nhan"));
    T_ASSERT(field_is(gn, "received_at", "2024-11-11T09:20"));
    T_ASSERT(list_in(gn, "id_numbers", 2, 1, "334581207"));
    /* a label and its value run together (the blanks between them closed by OCR), the
     * value starting with its capital */
    T_ASSERT(field_is(gn, "procedure",
                      "Giải quyết hưởng bảo hiểm xã hội một lần đối với người tham gia bảo hiểm "
                      "xã hội bắt buộc"));
    /* and a line in brackets under such a value is a note on it */
    T_ASSERT(field_is("GIẤY BIÊN NHẬN HỒ SƠ\nNội dung yêu cầu Chứng thực di chúc\n"
                      "(người lập di chúc tự nguyện, ký trước người thực hiện chứng thực)\n",
                      "procedure", "Chứng thực di chúc"));
    /* the Social Policy Bank's borrower */
    T_ASSERT(field_is("GIẤY ĐỀ NGHỊ VAY VỐN\nHọ và tên người vay ............ ĐÀM VĂN THƯỚNG\n"
                      "Ngày sinh: 23/02/1988\n",
                      "applicant", "Đàm Văn Thướng"));
    /* a rule of underscores OCR read as a word before a heading (hold-out 45's G4 scan,
     * "_ GIẤY ĐỀ NGHỊ VAY VỐN" over "HỒ TRỢ TẠO …") does not make the heading a column of
     * its own, apart from its second line */
    char *hocr = slurp(DATA "/hocr/gdn_vayvonvieclam_lucngan_01.bitonal_g4.hocr");
    json_t *f = NULL, *flat = NULL;
    T_ASSERT(hocr);
    T_OK(fields_extract_layout(NULL, hocr, 1, &f, NULL));
    T_OK(fields_flatten(f, FIELDS_MIN_CONFIDENCE, &flat, NULL));
    T_STREQ(str(flat, "title"),
            "GIẤY ĐỀ NGHỊ VAY VỐN HỖ TRỢ TẠO VIỆC LÀM, DUY TRÌ VÀ MỞ RỘNG VIỆC LÀM");
    json_decref(flat);
    json_decref(f);
    free(hocr);
    /* hold-out 46: "Tổ chức, cá nhân đăng ký" alone over "bà ĐOÀN THỊ DẦN" and the person's
     * other cells; "Thủ tục" alone over its indented value */
    const char *ptn = "PHIẾU TIẾP NHẬN HỒ SƠ\n"
                      "UBND xã Minh Lãng đã nhận hồ sơ của\n"
                      "  Tổ chức, cá nhân đăng ký\n"
                      "        bà ĐOÀN THỊ DẦN          Sinh năm   1976          CCCD   "
                      "034176009482\n\n"
                      "Thủ tục\n"
                      "      Đăng ký môi trường đối với cơ sở sản xuất, kinh doanh, dịch vụ không\n"
                      "      thuộc đối tượng phải có giấy phép môi trường\n"
                      "Thành phần hồ sơ gồm:\n";
    T_ASSERT(field_is(ptn, "applicant", "Đoàn Thị Dần"));
    T_ASSERT(field_is(ptn, "procedure",
                      "Đăng ký môi trường đối với cơ sở sản xuất, kinh doanh, dịch vụ không thuộc "
                      "đối tượng phải có giấy phép môi trường"));
    /* the establishment applies ("Tên cơ sở"): "Địa chỉ cơ sở" is its own address */
    T_ASSERT(field_is("GIẤY CHỨNG NHẬN\nTên cơ sở          TRẠI GIỐNG THỦY SẢN PHƯỚC THỊNH\n"
                      "Loại hình          Hộ kinh doanh\nĐịa chỉ cơ sở\n"
                      "                   ấp Kinh Mới, xã Điền Hải, huyện Đông Hải,\n"
                      "                   tỉnh Bạc Liêu\nĐiện thoại         0291 3 845 902\n",
                      "address", "ấp Kinh Mới, xã Điền Hải, huyện Đông Hải, tỉnh Bạc Liêu"));
    /* "Chủ dự án" names the applicant; a label alone over an address set in, whose units
     * come in its second line */
    const char *dtm = "QUYẾT ĐỊNH\n"
                      "   Chủ dự án          ông HỒ TẤN MẪN          Ngày sinh     07/3/1979\n"
                      "   Hộ khẩu thường trú\n"
                      "                      số 48 đường Phan Đình Phùng, khu phố Long Châu,\n"
                      "                      thị trấn La Hai, huyện Đồng Xuân, tỉnh Phú Yên\n"
                      "   Liên hệ            (0257) 3 871 604\n";
    T_ASSERT(field_is(dtm, "applicant", "Hồ Tấn Mẫn"));
    T_ASSERT(field_is(dtm, "address",
                      "số 48 đường Phan Đình Phùng, khu phố Long Châu, thị trấn La Hai, huyện "
                      "Đồng Xuân, tỉnh Phú Yên"));
    /* a form's dotted line after the address's wrap, OCR's specks after the dots */
    T_ASSERT(field_is("ĐƠN ĐĂNG KÝ\nNơi cư trú: .......... thôn Nà Mười, xã Côn Minh, huyện Na "
                      "Rì,\n     tỉnh Bắc Kạn ...............................-- 5< << «<< "
                      "<<sc<se+\nĐiện thoại: 0383 916 205\n",
                      "address", "thôn Nà Mười, xã Côn Minh, huyện Na Rì, tỉnh Bắc Kạn"));
    /* hold-out 47: an address cut after a street's word ("số 212 đường" / "Phan Văn Hai,
     * …"); a letter that considers a company's ("Xét Văn bản số … của Công ty …") answers
     * that company, its addressee */
    const char *gc = "Số: 6418/UBND-KGVX                         Bến Tre, ngày 05 tháng 11 năm "
                     "2024\nV/v chấp thuận chủ trương tổ chức giải chạy\n\n"
                     "                 Kính gửi: Công ty TNHH Sự kiện Thể thao\n"
                     "                           Gió Chướng Bình Đại\n\n"
                     "Xét Văn bản số 31/CV-GC ngày 14/10/2024 của Công ty TNHH Sự kiện Thể\n"
                     "thao Gió Chướng Bình Đại (mã số doanh nghiệp 1301086452; trụ sở: số 212 "
                     "đường\nPhan Văn Hai, khu phố 2, thị trấn Bình Đại, huyện Bình Đại, tỉnh "
                     "Bến Tre; điện\nthoại 0275 3 851 207),\n";
    T_ASSERT(field_is(gc, "address",
                      "số 212 đường Phan Văn Hai, khu phố 2, thị trấn Bình Đại, huyện Bình Đại, "
                      "tỉnh Bến Tre"));
    T_ASSERT(field_is(gc, "applicant", "Công ty TNHH Sự kiện Thể thao Gió Chướng Bình Đại"));
    /* (but a province's name that ends in a street's letters, "Bình Dương", is whole) */
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN\nĐịa chỉ trụ sở    Lô C7, đường số 5, Khu công nghiệp Việt "
                      "Hương, phường\nThuận Giao, thành phố Thuận An, tỉnh Bình Dương\n"
                      "Email   nhansu@tanhunglong-wood.vn\n",
                      "address",
                      "Lô C7, đường số 5, Khu công nghiệp Việt Hương, phường Thuận Giao, thành "
                      "phố Thuận An, tỉnh Bình Dương"));
    /* "Tổ chức được cấp phép" alone over the licence holder's name; "Thủ tục đề nghị giải
     * quyết" over its value, a line in brackets under that a note */
    T_ASSERT(field_is("GIẤY PHÉP\n                                    CẤP PHÉP\n"
                      "1. Tổ chức được cấp phép\n       CÔNG TY CỔ PHẦN TIN TỨC NÔNG SẢN GIA RAY\n"
                      "   Trụ sở chính   số 36 đường Trần Quang Khải, khu phố 5, thị trấn Gia "
                      "Ray,\n",
                      "applicant", "CÔNG TY CỔ PHẦN TIN TỨC NÔNG SẢN GIA RAY"));
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN HỒ SƠ\nThủ tục đề nghị giải quyết\n"
                      "      Thông báo thành lập đối với thư viện cộng đồng\n"
                      "      (Thư viện cộng đồng \"Đọc sách Đồi Chè\", đặt tại nhà văn hóa xóm)\n"
                      "Người cùng thành lập    ông LỤC VĂN KHẨN\n",
                      "procedure", "Thông báo thành lập đối với thư viện cộng đồng"));
    /* hold-out 48: "Tôi là (viết chữ in hoa)" alone over a name in capitals and the
     * person's other cells; the household business she owns is not the applicant */
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nTôi là (viết chữ in hoa)\n"
                      "        QUÁCH THỊ NGỌC DIỄM          Giới tính   Nữ        Sinh ngày   "
                      "09/12/1987\nSố định danh cá nhân ........ 075187009462\n"
                      "Là chủ hộ kinh doanh ......... QUÁN ĂN GIA ĐÌNH NGỌC DIỄM\n",
                      "applicant", "Quách Thị Ngọc Diễm"));
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nTôi là (viết chữ in hoa)\nQUÁCH THỊ NGỌC DIỄM Giới tính Nữ\n"
                      "Là chủ hộ kinh doanh ......... QUÁN ĂN GIA ĐÌNH NGỌC DIỄM\n",
                      "applicant", NULL));
    /* an item of the grounds without its own "Căn cứ", after a semicolon, that names a
     * circular */
    T_ASSERT(list_in("GIẤY PHÉP\nCăn cứ Nghị định số 137/2013/NĐ-CP ngày 21 tháng 10 năm 2013 của "
                     "Chính phủ;\nThông tư số 21/2020/TT-BCT ngày 09 tháng 9 năm 2020 của Bộ "
                     "trưởng Bộ Công\nThương quy định trình tự, thủ tục cấp giấy phép;\n"
                     "Xét hồ sơ đề nghị ngày 22/7/2024 của Hợp tác xã,\n",
                     "references", 2, 1, "21/2020/TT-BCT"));
    /* a decision's "Về việc" goes on in its block under the title, a name's capitals on
     * its second line */
    T_ASSERT(field_is("                                  QUYẾT ĐỊNH\n"
                      "         Về việc phê duyệt Điều lệ (sửa đổi, bổ sung) của Hội Chế biến\n"
                      "                  Nước mắm tỉnh Bình Thuận nhiệm kỳ 2024 - 2029\n\n"
                      "                  CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN\n",
                      "summary",
                      "Về việc phê duyệt Điều lệ (sửa đổi, bổ sung) của Hội Chế biến Nước mắm "
                      "tỉnh Bình Thuận nhiệm kỳ 2024 - 2029"));
    /* a religious body answered, as a business is; its premises a pagoda */
    const char *bts = "Số: 1129/SNV-TG                              Hậu Giang, ngày 28 tháng 6 "
                      "năm 2022\nV/v chấp thuận tổ chức Đại hội đại biểu\n\n"
                      "                 Kính gửi:  Ban Trị sự Giáo hội Phật giáo Việt Nam\n"
                      "                            tỉnh Hậu Giang\n\n"
                      "Sở Nội vụ nhận được Văn bản số 47/BTS-VP ngày 10/6/2022 của Ban Trị sự "
                      "Giáo\nhội Phật giáo Việt Nam tỉnh Hậu Giang (trụ sở: chùa Hưng Thiện, số "
                      "27 đường\nNgô Quốc Trị, phường IV, thành phố Vị Thanh; điện thoại "
                      "0293.3878.140) đề\nnghị chấp thuận việc tổ chức đại hội.\n";
    T_ASSERT(field_is(bts, "applicant", "Ban Trị sự Giáo hội Phật giáo Việt Nam tỉnh Hậu Giang"));
    T_ASSERT(field_is(bts, "address",
                      "chùa Hưng Thiện, số 27 đường Ngô Quốc Trị, phường IV, thành phố Vị Thanh"));
    /* a title's administrative words OCR read with a wrong mark ("THẤM DUYỆT", "MỘT PHÂN")
     * get it back */
    T_ASSERT(field_is("GIẤY CHỨNG NHẬN THẤM DUYỆT THIẾT KẾ VỀ PHÒNG CHÁY VÀ CHỮA CHÁY\n", "title",
                      "GIẤY CHỨNG NHẬN THẨM DUYỆT THIẾT KẾ VỀ PHÒNG CHÁY VÀ CHỮA CHÁY"));
    T_ASSERT(field_is("GIẤY PHÉP SỬ DỤNG TẠM THỜI MỘT PHÂN VỈA HÈ\n", "title",
                      "GIẤY PHÉP SỬ DỤNG TẠM THỜI MỘT PHẦN VỈA HÈ"));
    /* a name that ends its line does not go on into a line that starts with a label */
    T_ASSERT(field_is("GIẤY TIẾP NHẬN HỒ SƠ\nBộ phận Tiếp nhận và Trả kết quả UBND xã Đồng Kỳ tiếp "
                      "nhận hồ sơ của\nBà HOÀNG THỊ MAI SƯƠNG\n"
                      "Số định danh cá nhân 024186009573\n",
                      "applicant", "Hoàng Thị Mai Sương"));
    return 0;
}

static int t_heldout49_56(void)
{
    /* hold-out 49: "Tổ chức nộp hồ sơ" over the organisation, "Yêu cầu giải quyết" over the
     * procedure, "Thời điểm trả kết quả" the time due */
    const char *vp = "PHIẾU TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\n\nTổ chức nộp hồ sơ\n"
                     "      HỢP TÁC XÃ CHÈ ĐẶC SẢN VÔ TRANH\n"
                     "Mã số HTX   4601583276                 Điện thoại cơ quan   0208 3 875 164\n"
                     "Yêu cầu giải quyết\n"
                     "      Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu\n"
                     "Thửa đất    số 215, tờ bản đồ số 38\n\n"
                     "Thời điểm nhận hồ sơ   09h20 ngày 10/12/2024\n"
                     "Thời điểm trả kết quả  15h30 ngày 08/01/2025 (20 ngày làm việc)\n";
    T_ASSERT(field_is(vp, "applicant", "HỢP TÁC XÃ CHÈ ĐẶC SẢN VÔ TRANH"));
    T_ASSERT(field_is(vp, "procedure",
                      "Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu"));
    T_ASSERT(field_is(vp, "due_at", "2025-01-08T15:30"));
    /* a letter's subject lines measured in letters, not bytes (a line of many marks is no
     * wider), its bracket kept; "trụ sở" / "chính:" a label cut by the line's end */
    const char *nt =
        "Số: 1147/SXD-QLN\n"
        "V/v nhà ở hình thành trong tương          Bình Dương, ngày 26 tháng 3 năm "
        "2025\nlai đủ điều kiện được bán tại Dự án\nKhu nhà ở Phước Khang Thới Hòa\n"
        "(giai đoạn 2)\n\n      Kính gửi: Công ty Cổ phần Đầu tư Địa ốc Phước Khang\n\n"
        "      Sở Xây dựng nhận được Văn bản số 0219/2025/CV-PK ngày 11/3/2025 của "
        "Công\nty Cổ phần Đầu tư Địa ốc Phước Khang (mã số doanh nghiệp 3702948156; "
        "trụ sở\nchính: số 26 đường NE8, khu phố 3, phường Mỹ Phước, thành phố Bến "
        "Cát, tỉnh\nBình Dương; điện thoại 0274 3 567 128) đề nghị thông báo.\n";
    T_ASSERT(field_is(nt, "summary",
                      "V/v nhà ở hình thành trong tương lai đủ điều kiện được bán tại Dự án Khu "
                      "nhà ở Phước Khang Thới Hòa (giai đoạn 2)"));
    T_ASSERT(field_is(nt, "address",
                      "số 26 đường NE8, khu phố 3, phường Mỹ Phước, thành phố Bến Cát, tỉnh Bình "
                      "Dương"));
    /* hold-out 50: a generic "Họ và tên" in the block of the child being adopted names the
     * child, not who applies; a foreign address ends in its country */
    const char *cn = "QUYẾT ĐỊNH\nĐiều 1. Cho bà HÉLÈNE MARCHAND nhận trẻ em Việt Nam làm con "
                     "nuôi:\n      Nơi thường trú\n"
                     "            24 rue des Capucins, 69001 Lyon, Cộng hòa Pháp\n"
                     "   Trẻ em được nhận làm con nuôi\n"
                     "      Họ và tên   Y HNƠNG        Giới tính   Nữ\n";
    T_ASSERT(field_is(cn, "address", "24 rue des Capucins, 69001 Lyon, Cộng hòa Pháp"));
    /* a foreign name the page prints twice alike is no OCR garble */
    T_ASSERT(field_is("QUYẾT ĐỊNH\nXét hồ sơ xin nhận con nuôi của bà Hélène Marchand do Cục Con "
                      "nuôi, Bộ Tư pháp\nchuyển kèm Công văn số 2791/CCN-NCNNN ngày 23/8/2024,\n\n"
                      "                                 QUYẾT ĐỊNH:\n\n"
                      "Điều 1. Cho bà HÉLÈNE MARCHAND, quốc tịch Pháp, nhận trẻ em Việt Nam làm\n"
                      "con nuôi, cụ thể:\n",
                      "applicant", "Hélène Marchand"));
    json_t *cf = flat_of(cn, 1);
    T_ASSERT(!str(cf, "applicant") || strcmp(str(cf, "applicant"), "Y Hnơng"));
    json_decref(cf);
    /* "Tổ chức yêu cầu chứng thực" over a company and its tax code's cell */
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN HỒ SƠ\nTổ chức yêu cầu chứng thực\n"
                      "      CÔNG TY TNHH KỸ THUẬT NHỰA HANBIT VINA          MST   3603791248\n"
                      "Trụ sở               Lô B7, Cụm công nghiệp Thiện Tân\n",
                      "applicant", "CÔNG TY TNHH KỸ THUẬT NHỰA HANBIT VINA"));
    /* "THI HÀNH ÁN" read "THỊ HÀNH ÁN" */
    T_ASSERT(field_is("GIẤY XÁC NHẬN\nKẾT QUẢ THỊ HÀNH ÁN\n", "title",
                      "GIẤY XÁC NHẬN KẾT QUẢ THI HÀNH ÁN"));
    /* an address's wrap on a form's dotted line */
    T_ASSERT(field_is("TỜ KHAI\nNơi cư trú: ....... thôn Lũng Khản, xã Minh Thanh, huyện Sơn "
                      "Dương, tỉnh\n      Tuyên Quang ..........................................\n"
                      "Giấy tờ tùy thân: CCCD\n",
                      "address",
                      "thôn Lũng Khản, xã Minh Thanh, huyện Sơn Dương, tỉnh Tuyên Quang"));
    /* hold-out 51: "Đơn vị khai thác" names the operator; an address ends before the next
     * cell's label OCR ran into it */
    const char *bx = "QUYẾT ĐỊNH\n    Đơn vị khai thác    HỢP TÁC XÃ VẬN TẢI KHÁCH PHÚ PHỤNG\n"
                     "    Trụ sở              số 92, ấp Phụng Châu, xã Phú Phụng, huyện Chợ Lách,\n"
                     "                        tỉnh Bến Tre Mã số HTX 1301174926\n";
    T_ASSERT(field_is(bx, "applicant", "HỢP TÁC XÃ VẬN TẢI KHÁCH PHÚ PHỤNG"));
    T_ASSERT(field_is(bx, "address",
                      "số 92, ấp Phụng Châu, xã Phú Phụng, huyện Chợ Lách, tỉnh Bến Tre"));
    /* an ID in boxes drawn with rules */
    T_ASSERT(list_in("TỜ KHAI CĂN CƯỚC\n6. Số định danh cá nhân: |0|0|4|1|8|9|0|0|4|2|1|6|   7. Số "
                     "CMND cũ: 245 187 463\n",
                     "id_numbers", 2, 0, "004189004216"));
    /* a value's wrap does not go on into the next row's cell after that row's own label */
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN\nThủ tục yêu cầu giải quyết   Đăng ký sang tên xe mô tô, xe "
                      "gắn máy trong\n                             trường hợp chuyển quyền sở hữu "
                      "xe\nChủ xe cũ (bên bán)   ông ĐOÀN VĂN THỤ, CCCD 034065008143, thôn Đông "
                      "Hồ,\n",
                      "procedure",
                      "Đăng ký sang tên xe mô tô, xe gắn máy trong trường hợp chuyển quyền sở hữu "
                      "xe"));
    /* hold-out 52: "Họ và tên người nộp thuế" over an honorific and a name; a signature
     * heading's second line ("HỢP PHÁP CỦA NGƯỜI NỘP THUẾ") is no name */
    const char *tk = "TỜ KHAI THUẾ SỬ DỤNG ĐẤT PHI NÔNG NGHIỆP\n1. NGƯỜI NỘP THUẾ\n"
                     "[04] Họ và tên người nộp thuế\n          bà HUỲNH THỊ SƯƠNG\n\n"
                     "NHÂN VIÊN ĐẠI LÝ THUẾ                       NGƯỜI NỘP THUẾ hoặc ĐẠI DIỆN\n"
                     "Họ và tên: ......................           HỢP PHÁP CỦA NGƯỜI NỘP THUẾ\n";
    T_ASSERT(field_is(tk, "applicant", "Huỳnh Thị Sương"));
    T_ASSERT(
        field_is("TỜ KHAI\n\nNHÂN VIÊN ĐẠI LÝ THUẾ                       NGƯỜI NỘP THUẾ hoặc ĐẠI "
                 "DIỆN\nHọ và tên: ......................           HỢP PHÁP CỦA NGƯỜI NỘP "
                 "THUẾ\n",
                 "applicant", NULL));
    /* a cooperative's "hợp tác xã" ends in no commune: its line does not go on into the
     * table's header */
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN\nTên thủ tục        Giải thể tự nguyện hợp tác xã\n"
                      "Thành phần hồ sơ gồm:\n"
                      "| TT | Tên giấy tờ                                          | Số lượng |\n",
                      "procedure", "Giải thể tự nguyện hợp tác xã"));
    /* a notice answering a written request ("Xét văn bản đề nghị số …") is about its
     * addressee */
    T_ASSERT(
        field_is("Số: 3162/TB-KVTY                     Tiên Yên, ngày 21 tháng 10 năm 2024\n\n"
                 "                               THÔNG BÁO\n"
                 "         Về việc chấp nhận gia hạn nộp thuế\n\n"
                 "    Kính gửi:   Công ty TNHH Ván ép Đông Ngũ\n\n"
                 "Xét văn bản đề nghị số 23/2024/CV-VĐN ngày 08/10/2024 do ông Bế Văn Lụa ký,\n",
                 "applicant", "Công ty TNHH Ván ép Đông Ngũ"));
    /* OCR ran two boxes' digits together ("|0|04|2|"); the rule and a blank after the last
     * box end the number */
    T_ASSERT(
        list_in("TỜ KHAI CĂN CƯỚC\n6. Số định danh cá nhân: |0|0|4|1|8|9|0|04|2|1|6| 7. Số CMND "
                "cũ: 245 187 463\n",
                "id_numbers", 2, 0, "004189004216"));
    /* hOCR: an address's wrap set in from its label but left of the value, first of its
     * row's cells ("tỉnh Bến Tre   Mã số HTX …") */
    static const char *const wrap[] = {
        "300 289 Trụ 380 sở 625 số 710 92, 830 ấp 910 Phụng 1100 Châu, 1290 xã 1370 Phú "
        "1490 Phụng, 1680 huyện 1880 Chợ 2000 Lách,",
        "360 549 tỉnh 680 Bến 800 Tre 1043 Mã 1130 số 1210 HTX 1350 1301174926",
        "420 290 Người 480 đại 580 diện 720 ông 830 HUỲNH 1010 VĂN 1130 BỬU", NULL};
    T_ASSERT(layout_field_is(wrap, "address",
                             "số 92, ấp Phụng Châu, xã Phú Phụng, huyện Chợ Lách, tỉnh Bến Tre"));
    /* hold-out 56: a form in framed boxes: the frame's rules are no cells (no second
     * address beside this one, no break in its wrap, its comma kept); "SốCMNDcũ", a label
     * OCR ran together */
    const char *box = "ĐƠN ĐỀ NGHỊ ĐĂNG KÝ DI VẬT, CỔ VẬT\n"
                      "+--------------------------------------------------------------------+\n"
                      "| [1]  CHỦ SỞ HỮU                                                    |\n"
                      "|   Họ và tên        Y BRƠM NIÊ                    Năm sinh  1961     |\n"
                      "|   SốCMNDcũ       240613758 (cấp năm 1998)                          |\n"
                      "|   Nơi thường trú   buôn Ea Tung, xã Ea Na, huyện Krông Ana,        |\n"
                      "|                    tỉnh Đắk Lắk                                    |\n"
                      "+--------------------------------------------------------------------+\n";
    T_ASSERT(field_is(box, "address", "buôn Ea Tung, xã Ea Na, huyện Krông Ana, tỉnh Đắk Lắk"));
    T_ASSERT(list_in(box, "id_numbers", 1, 0, "240613758"));
    /* hold-out 53: a role's heading between "nhận hồ sơ của" and the name set in under it; a
     * name in capitals does not go on into the next row's label in small letters */
    T_ASSERT(
        field_is("PHIẾU TIẾP NHẬN HỒ SƠ\nQuầy Sở Lao động - Thương binh và Xã hội tại Trung tâm "
                 "đã nhận hồ sơ của\nĐại diện thân nhân liệt sĩ (người đứng đơn)\n"
                 "        ông PHẠM VĂN THUYÊN        sinh năm 1961        CCCD  036061009472\n"
                 "Quan hệ với liệt sĩ        con trai\n",
                 "applicant", "Phạm Văn Thuyên"));
    /* "Nơi thường trú hiện nay" */
    T_ASSERT(
        field_is("ĐƠN ĐỀ NGHỊ\nNơi thường trú hiện nay ....... thôn Hội Lợi, xã Sơn Hội, huyện "
                 "Sơn Hòa,\n                                tỉnh Phú Yên\n",
                 "address", "thôn Hội Lợi, xã Sơn Hội, huyện Sơn Hòa, tỉnh Phú Yên"));
    /* hold-out 56 in hOCR: "Điện thoại nhà" (a home phone) and an ID label OCR ran into its
     * number ("CCCD066089011524") */
    T_ASSERT(list_in("GIẤY XÁC NHẬN\nĐiện thoại nhà      02283826147     Di động 0366.204.815\n",
                     "phones", 2, 0, "02283826147"));
    T_ASSERT(list_in("ĐƠN ĐỀ NGHỊ\nSố định danh cá nhân 066061007392\n"
                     "Người liên hệ: Y Hliu Niê, CCCD066089011524, điện thoại 086.527.3904\n",
                     "id_numbers", 2, 1, "066089011524"));
    /* hold-out 57: a factory's waste water "của Nhà máy ra sông Hinh" names no business; the
     * company the letter answers does; "Tinh bột" read "Tỉnh bột" gets its mark back */
    T_ASSERT(field_is("Số: 2316/STNMT-TNN                          Phú Yên, ngày 22 tháng 9 năm "
                      "2021\nV/v hoàn thiện hồ sơ cấp giấy phép xả nước thải\n\n"
                      "          Kính gửi: Công ty TNHH Tỉnh bột sắn Đức Bình Phú Yên\n\n"
                      "Sở Tài nguyên và Môi trường nhận được Văn bản số 47/CV-TBS ngày 30/8/2021 "
                      "của\nCông ty TNHH Tỉnh bột sắn Đức Bình Phú Yên kèm hồ sơ đề nghị cấp phép "
                      "xả nước\nthải sau xử lý của Nhà máy ra sông Hinh, lưu lượng 1.850 m3/ngày "
                      "đêm.\n",
                      "applicant", "Công ty TNHH Tinh bột sắn Đức Bình Phú Yên"));
    /* hold-out 59: "Chỗ ở thường trú", "Việc đề nghị giải quyết" */
    const char *tl = "PHIẾU TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\n"
                     "Chỗ ở thường trú   thôn Đồng Mán, xã Tứ Quận, huyện Yên Sơn,\n"
                     "                   tỉnh Tuyên Quang\nLiên lạc   0389.716.254\n"
                     "Việc đề nghị giải quyết\n"
                     "      Trả lại phương tiện, giấy tờ bị tạm giữ theo thủ tục hành chính\n"
                     "Thành phần hồ sơ:\n";
    T_ASSERT(field_is(tl, "address", "thôn Đồng Mán, xã Tứ Quận, huyện Yên Sơn, tỉnh Tuyên Quang"));
    T_ASSERT(field_is(tl, "procedure",
                      "Trả lại phương tiện, giấy tờ bị tạm giữ theo thủ tục hành chính"));
    /* hold-out 58: an address ends at a semicolon before a contact's label ("…, tỉnh Gia Lai;
     * điện thoại 0269 …") */
    T_ASSERT(
        field_is("CÔNG VĂN\nSở nhận được Văn bản của Hợp tác xã Dịch vụ Môi trường Xanh (mã số "
                 "HTX 5900271846;\ntrụ sở: làng Ia Khươl, xã Ia Dêr, huyện Ia Grai, tỉnh Gia "
                 "Lai; điện thoại\n0269 3 845 027) đề nghị có ý kiến.\n",
                 "address", "làng Ia Khươl, xã Ia Dêr, huyện Ia Grai, tỉnh Gia Lai"));
    return 0;
}

static int t_heldout57_64(void)
{
    /* hold-out 57: co-signers' ID numbers in a table drawn with rules, its header's cell
     * "Số CCCD / CMND"; the rule under the header keeps the table, a row starts after "|" */
    const char *cs = "Người đứng đơn\n"
                     "      bà MA THỊ LỪNG          sinh ngày 11/3/1971\n"
                     "Số định danh cá nhân   008171004826     cấp ngày 22/4/2021\n\n"
                     "Các hộ cùng ký đơn:\n"
                     "| TT | Họ và tên            | Số CCCD / CMND   | Nơi ở                |\n"
                     "|----|----------------------|------------------|----------------------|\n"
                     "| 1  | Nông Văn Thiệp       | 008068007153     | thôn Đồng Mốc        |\n"
                     "| 2  | Hà Thị Dụng          | 070842316        | thôn Đồng Mốc        |\n";
    T_ASSERT(list_in(cs, "id_numbers", 3, 0, "008171004826"));
    T_ASSERT(list_in(cs, "id_numbers", 3, 1, "008068007153"));
    T_ASSERT(list_in(cs, "id_numbers", 3, 2, "070842316"));
    /* hold-out 61: a licence's requester, "Tổ chức, cá nhân đề nghị cấp phép" alone over
     * the name */
    const char *tc = "PHIẾU TIẾP NHẬN HỒ SƠ\n\nTổ chức, cá nhân đề nghị cấp phép\n"
                     "       ông HUỲNH TẤN VƯỢNG                  năm sinh  1971\n"
                     "Số định danh cá nhân   051071009384\n";
    T_ASSERT(field_is(tc, "applicant", "Huỳnh Tấn Vượng"));
    /* ... and what he is, in brackets after his name */
    const char *tb = "PHIẾU TIẾP NHẬN HỒ SƠ\n\nTổ chức, cá nhân đề nghị cấp phép\n"
                     "       ông HUỲNH TẤN VƯỢNG (chủ tàu cá)          năm sinh  1971\n"
                     "Số định danh cá nhân   051071009384\n";
    T_ASSERT(field_is(tb, "applicant", "Huỳnh Tấn Vượng"));
    /* hold-out 62: the addressee's details in a bracket under it are no part of its name */
    const char *kg = "THÔNG BÁO\n\n        Kính gửi: Công ty Cổ phần Nông sản Nho Xanh Ninh Thuận\n"
                     "                  (địa chỉ: số 64 đường 21 Tháng 8, phường Phủ Hà, thành phố\n"
                     "                  Phan Rang - Tháp Chàm, tỉnh Ninh Thuận; ĐT 0259 3 827 146)\n\n"
                     "      Sở Xây dựng nhận được hồ sơ.\n";
    T_ASSERT(field_is(kg, "recipient", "Công ty Cổ phần Nông sản Nho Xanh Ninh Thuận"));
    /* hold-out 64: a stamp's caption in square brackets between the title and the name */
    const char *st = "GIẤY PHÉP\n\nNơi nhận:                                              KT. GIÁM ĐỐC\n"
                     "- Ông Tạ Quang Nghiễm;                                 PHÓ GIÁM ĐỐC\n"
                     "- UBND huyện Thái Thụy;                 [Dấu đỏ: SỞ NÔNG NGHIỆP VÀ PTNT\n"
                     "- UBND xã Thụy Trường;                        TỈNH THÁI BÌNH - đã ký]\n"
                     "- Lưu: VT, CCTL.                                    Phạm Xuân Tịnh\n";
    T_ASSERT(field_is(st, "signer", "Phạm Xuân Tịnh"));
    T_ASSERT(field_is(st, "signer_title", "PHÓ GIÁM ĐỐC"));
    /* hold-out 63: under a label alone, the name in capitals, then its details after a
     * comma */
    const char *yc = "THÔNG BÁO\n\nBộ phận Một cửa tiếp nhận hồ sơ đăng ký giám hộ của:\n"
                     "   Người yêu cầu\n"
                     "        ông KIÊN SÔ KHOM, sinh năm 1958, CCCD 084058006214\n"
                     "   Cư trú tại\n        ấp Phước Thiện, xã Ngũ Lạc\n";
    T_ASSERT(field_is(yc, "applicant", "Kiên Sô Khom"));
    /* hold-out 63: a city's abbreviation is the place's first word */
    const char *tp =
        "PHIẾU TIẾP NHẬN\n"
        "Số: 1207/PTN-SNgV                     TP. Hồ Chí Minh, ngày 19 tháng 3 năm 2025\n";
    T_ASSERT(field_is(tp, "place", "TP. Hồ Chí Minh"));
    T_ASSERT(field_is(tp, "issue_date", "2025-03-19"));
    /* hold-out 64: the closing bracket OCR ran into the name, its opening one before the
     * value's start, is not the name's */
    static const char *const br[] = {
        "1180 193 Đơn 267 vị 307 đề 354 nghị 560 (CÔNG 714 TY 784 TNHH 910 MTV 1008 THỦY 1134 NÔNG "
        "1260 PHƯỚC 1414 TÂN 1512 )",
        "1228 192 Trụ 260 sở 560 ( 602 thôn 728 Ma 798 Hoa, 924 xã 994 Phước 1148 Đại, 1274 huyện "
        "1428 Bác 1526 Ái,",
        NULL,
    };
    T_ASSERT(layout_field_is(br, "applicant", "CÔNG TY TNHH MTV THỦY NÔNG PHƯỚC TÂN"));
    /* hold-out 58: another file's code, unlabelled, in brackets inside a description, is
     * not given; labelled, also across a line break, it is */
    const char *other = "GIẤY XÁC NHẬN\nNgôi nhà cần lắp điện\n"
                        "      nhà cấp 4, tại thửa đất số 412 (đang làm thủ tục cấp Giấy chứng\n"
                        "      nhận, hồ sơ số 000.17.31.H08-250226-0093)\n";
    T_ASSERT(field_is(other, "dossier_code", NULL));
    const char *broke =
        "THÔNG BÁO\nNgày 25/11/2024, Văn phòng Đăng ký đất đai nhận hồ sơ (mã hồ sơ\n"
        "000.05.21.H12-241125-0311) của ông Lê Văn Tám.\n";
    T_ASSERT(field_is(broke, "dossier_code", "000.05.21.H12-241125-0311"));
    const char *same = "THÔNG BÁO\nUBND xã nhận hồ sơ đăng ký khai sinh (mã hồ sơ "
                       "000.00.19.H50-240701-0127) của bà Hồ Thị Diệu.\n";
    T_ASSERT(field_is(same, "dossier_code", "000.00.19.H50-240701-0127"));
    /* hold-out 64: "cấp huyện" is a level, no unit before a name: the next row's label
     * does not go on the value */
    const char *lv =
        "PHIẾU TIẾP NHẬN HỒ SƠ\n"
        "Tên thủ tục hành chính\n"
        "      Phê duyệt phương án ứng phó thiên tai cho công trình, vùng hạ du đập trong\n"
        "      quá trình thi công thuộc thẩm quyền của UBND cấp huyện\n"
        "Công trình                Sửa chữa tràn xả lũ hồ Ea Rớt, thôn 7, xã Cư Ni\n";
    /* hold-out 60: an organisation's name in capitals in its label's cell wraps to the
     * margin, set in under the label; OCR read the leader's dots after it as a speck */
    static const char *const wrap[] = {
        "345 280 PHIẾU 434 TIẾP 560 NHẬN 686 HỒ 756 SƠ 826 VÀ 896 HẸN 994 TRẢ 1092 KẾT 1190 QUẢ",
        "488 159 Bộ 229 phận 355 Một 453 cửa 551 huyện 705 Ia 775 Grai 901 đã 971 tiếp 1097 nhận "
        "1223 hồ 1293 sơ 1363 của:",
        "530 158 Tổ 228 chức, 382 cá 452 nhân 640 HỢP 738 TÁC 836 XÃ 906 NÔNG 1032 NGHIỆP 1214 "
        "DỊCH 1340 VỤ 1410 CÀ 1480 PHÊ",
        "576 210 XANH 336 IA 406 DÊR 504 .......... 1400 se",
        "626 159 Mã 229 số 299 HTX 397 5901327468",
        NULL,
    };
    T_ASSERT(
        layout_field_is(wrap, "applicant", "HỢP TÁC XÃ NÔNG NGHIỆP DỊCH VỤ CÀ PHÊ XANH IA DÊR"));
    /* hold-out 62: "Chủ hộ" names another party, but not when it is the applicant */
    const char *ch = "GIẤY XÁC NHẬN THAY ĐỔI SỐ NHÀ\n\n"
                     "Xét đơn đề nghị ngày 27/9/2024 của ông Đỗ Hữu Thiều,\n\n"
                     "Chủ hộ             ông ĐỖ HỮU THIỀU             Năm sinh    1958\n"
                     "Nơi thường trú     khu phố Thanh Xá, phường Bần Yên Nhân, thị xã Mỹ Hào,\n"
                     "                   tỉnh Hưng Yên\n";
    T_ASSERT(field_is(ch, "address",
                      "khu phố Thanh Xá, phường Bần Yên Nhân, thị xã Mỹ Hào, tỉnh Hưng Yên"));
    /* hold-out 63: "I. NGƯỜI NHẬN CHĂM SÓC" is the applicant's block, not a "người nhận
     * thay" two OCR edits away; the cared-for person's block after it is another's */
    const char *nc =
        "TỜ KHAI NHẬN CHĂM SÓC, NUÔI DƯỠNG\n\n"
        "I. NGƯỜI NHẬN CHĂM SÓC, NUÔI DƯỠNG\n"
        "Họ và tên ............ ĐINH THỊ THU HUỆ ........ Ngày sinh ........ 23/4/1979\n"
        "Nơi thường trú\n"
        "      ........ xóm 4, thôn Hòa Ngãi, xã Ngọc Lũ, huyện Bình Lục,\n"
        "      tỉnh Hà Nam ........................................................\n\n"
        "II. NGƯỜI ĐƯỢC NHẬN CHĂM SÓC, NUÔI DƯỠNG\n"
        "Họ và tên ........ cụ VŨ THỊ TUẤT ........ Năm sinh ........ 1934\n"
        "Nơi cư trú ........ xóm 2, thôn Hòa Ngãi, xã Ngọc Lũ; sống một mình\n";
    T_ASSERT(
        field_is(nc, "address", "xóm 4, thôn Hòa Ngãi, xã Ngọc Lũ, huyện Bình Lục, tỉnh Hà Nam"));
    /* ... and so is its "Họ và tên" the applicant's, as the address path reads it */
    T_ASSERT(field_is(nc, "applicant", "Đinh Thị Thu Huệ"));
    /* hold-out 61: a technology's transferor is another party; the receiving party's block
     * is the applicant's */
    const char *cg =
        "GIẤY CHỨNG NHẬN\nĐĂNG KÝ CHUYỂN GIAO CÔNG NGHỆ\n\n"
        "Xét hồ sơ đăng ký ngày 07/5/2025 của Công ty TNHH Cà phê Hạt Vàng Ea Kar,\n\n"
        "1. Bên giao công nghệ   CÔNG TY CỔ PHẦN CÔNG NGHỆ SINH HỌC BAN MÊ\n"
        "   Địa chỉ   số 86 đường Mai Hắc Đế, phường Tân Lợi, thành phố Buôn Ma Thuột\n"
        "2. Bên nhận công nghệ (tổ chức đề nghị đăng ký)\n"
        "        CÔNG TY TNHH CÀ PHÊ HẠT VÀNG EA KAR\n"
        "   Địa chỉ trụ sở\n"
        "        thôn 6B, xã Ea Đar, huyện Ea Kar,\n"
        "        tỉnh Đắk Lắk\n";
    T_ASSERT(field_is(cg, "address", "thôn 6B, xã Ea Đar, huyện Ea Kar, tỉnh Đắk Lắk"));
    T_ASSERT(field_is(lv, "procedure",
                      "Phê duyệt phương án ứng phó thiên tai cho công trình, vùng hạ du đập trong "
                      "quá trình thi công thuộc thẩm quyền của UBND cấp huyện"));
    return 0;
}

static int t_heldout65_68(void)
{
    /* hold-out 65: "TRƯỞNG BẢN" (a village's head) folds like "trường" (a school), yet names
     * no company: the signature under "NGƯỜI LÀM ĐƠN" is the applicant */
    const char *tb = "ĐƠN ĐỀ NGHỊ HỖ TRỢ HỌC TẬP\n\n"
                     "Kính gửi   Ban Giám hiệu Trường Mầm non Can Hồ\n\n"
                     "Tôi làm đơn này đề nghị nhà trường xem xét hỗ trợ cho cháu.\n\n"
                     "                                    Can Hồ, ngày 16 tháng 9 năm 2024\n"
                     "   XÁC NHẬN CỦA TRƯỞNG BẢN                  NGƯỜI LÀM ĐƠN\n"
                     "                                            (Ký, ghi rõ họ tên)\n\n"
                     "        Lý Văn Chừ                           Hù Thị Chở\n";
    T_ASSERT(field_is(tb, "applicant", "Hù Thị Chở"));
    /* ... while a school named in capitals still makes the signer a doubtful applicant */
    const char *ts = "ĐƠN ĐỀ NGHỊ\n\nKính gửi   TRƯỜNG MẦM NON CAN HỒ\n\n"
                     "                                    Can Hồ, ngày 16 tháng 9 năm 2024\n"
                     "                                            NGƯỜI LÀM ĐƠN\n\n"
                     "                                             Hù Thị Chở\n";
    T_ASSERT(field_is(ts, "applicant", NULL));
    /* typed boxes with a blank about each rule hold one ID */
    const char *bx = "Họ tên   HÙ THỊ CHỞ\n"
                     "Số CCCD   | 0 | 1 | 2 | 1 | 9 | 6 | 0 | 0 | 4 | 7 | 5 | 3 |\n"
                     "Mã định danh của trẻ   012320007815\n";
    T_ASSERT(list_in(bx, "id_numbers", 2, 0, "012196004753"));
    T_ASSERT(list_in(bx, "id_numbers", 2, 1, "012320007815"));
    /* ruled boxes OCR read some rules of as ones: the number is there, unread, so the ID
     * list is incomplete and none of it is given */
    const char *br = "Họ tên   HÙ THỊ CHỞ\n"
                     "SốCCCD |0|1|2|1|9|6|0|014|7|5|3|\n"
                     "Mã định danh của trẻ   012320007815\n";
    T_ASSERT(field_is(br, "id_numbers", NULL));
    /* hold-out 67: a mass organisation files as a body does; what it is let do ("tổ chức
     * …", a verb in small letters) ends its name; "Trụ sở đơn vị" is its seat */
    const char *hc = "QUYẾT ĐỊNH\n\n"
                     "Điều 1. Cho phép Hội Chữ thập đỏ huyện Lập Thạch tổ chức đoàn khám bệnh, "
                     "chữa\nbệnh nhân đạo, cụ thể như sau:\n"
                     "   Trụ sở đơn vị     tổ dân phố Đồng Mầu, thị trấn Lập Thạch, huyện Lập "
                     "Thạch,\n                     tỉnh Vĩnh Phúc\n"
                     "   Người đại diện    bà Đỗ Thị Hằng Nga, Chủ tịch Hội\n";
    T_ASSERT(field_is(hc, "applicant", "Hội Chữ thập đỏ huyện Lập Thạch"));
    T_ASSERT(field_is(hc, "address",
                      "tổ dân phố Đồng Mầu, thị trấn Lập Thạch, huyện Lập Thạch, tỉnh Vĩnh Phúc"));
    /* ... and a company's name is not cut at a capitalised "Tổ chức" inside it */
    const char *ct = "QUYẾT ĐỊNH\n\nĐiều 1. Cho phép Công ty TNHH Tổ chức Sự kiện Ngân Hà, "
                     "mã số doanh nghiệp 2301234567\n";
    T_ASSERT(field_is(ct, "applicant", "Công ty TNHH Tổ chức Sự kiện Ngân Hà"));
    /* two phone labels in one row of leaders: both numbers */
    const char *lb = "ĐƠN ĐỀ NGHỊ\n\nHọ và tên: ...NGUYỄN VĂN AN...\n"
                     "Điện thoại di động: ...0372 946 185...    Máy bàn: ...(0237) 3 880 214...\n";
    T_ASSERT(list_in(lb, "phones", 2, 0, "0372946185"));
    T_ASSERT(list_in(lb, "phones", 2, 1, "02373880214"));
    /* hold-out 68: a name label, then the applicant's role ("người đứng đơn"), in a wording
     * neither table holds whole */
    const char *nr = "ĐƠN ĐỀ NGHỊ\n\nKính gửi: Ủy ban nhân dân xã Lạc Vệ\n\n"
                     "Họ, chữ đệm và tên người đứng đơn (viết chữ in hoa)\n"
                     "          NGHIÊM XUÂN HẬU\nNgày sinh ....... 23/02/1979\n";
    T_ASSERT(field_is(nr, "applicant", "Nghiêm Xuân Hậu"));
    /* "… có trách nhiệm": what the body must do ends its name, in the copy that completes
     * a wrapped one too */
    const char *ht = "QUYẾT ĐỊNH\n\nXét đơn đề nghị ngày 17/10/2024 của Hợp tác xã Du lịch cộng "
                     "đồng\nHát Lừu và đề nghị của Phòng Văn hóa,\n\n"
                     "Điều 2. Hợp tác xã Du lịch cộng đồng Hát Lừu có trách nhiệm duy trì các\n";
    T_ASSERT(field_is(ht, "applicant", "Hợp tác xã Du lịch cộng đồng Hát Lừu"));
    /* a registration a citizen filed, answered by a letter */
    const char *dk = "V/v chấp thuận đăng ký tổ chức lễ hội\n\n"
                     "Ủy ban nhân dân huyện nhận được văn bản đăng ký tổ chức lễ hội ngày\n"
                     "04/02/2025 của ông NGUYỄN VĂN HÙNG, Trưởng ban tổ chức lễ hội, sinh năm\n";
    T_ASSERT(field_is(dk, "applicant", "Nguyễn Văn Hùng"));
    /* a business's kind alone names no one ("Đầu mối liên hệ của Công ty: …") */
    const char *kd = "V/v tổ chức giải chạy\n\n"
                     "   viên; công khai điều lệ giải và lệ phí đăng ký trên trang giochuong.vn.\n"
                     "   Đầu mối liên hệ của Công ty: ông Lâm Tấn Khải, Trưởng Ban tổ chức\n";
    T_ASSERT(field_is(kd, "applicant", NULL));
    /* hold-out 66: "Đơn vị khai thác tuyến" alone, a word in small letters past the label,
     * the body's name on the next line; "tiểu khu" starts an address */
    const char *dv = "THÔNG BÁO\n\n1. Đơn vị khai thác tuyến\n"
                     "      HỢP TÁC XÃ VẬN TẢI KHÁCH MÃN ĐỨC\n"
                     "   Địa chỉ     tiểu khu 4, thị trấn Mãn Đức, huyện Tân Lạc, tỉnh Hòa Bình\n";
    T_ASSERT(field_is(dv, "applicant", "HỢP TÁC XÃ VẬN TẢI KHÁCH MÃN ĐỨC"));
    T_ASSERT(field_is(dv, "address", "tiểu khu 4, thị trấn Mãn Đức, huyện Tân Lạc, tỉnh Hòa Bình"));
    /* ... but a value in capitals on the label's line is the value */
    const char *dc = "THÔNG BÁO\n\n1. Đơn vị khai thác tuyến HỢP TÁC XÃ VẬN TẢI MÃN ĐỨC\n";
    T_ASSERT(field_is(dc, "applicant", NULL)); /* (not "tuyến HỢP TÁC XÃ …") */
    /* hold-out 65: a leader that closes a value another opened ends its cell, in text and
     * in hOCR (where OCR glued the dots to the words and left a narrower gap) */
    const char *tl = "PHIẾU TIẾP NHẬN HỒ SƠ\n\n"
                     "Người nộp hồ sơ ........ NGÔ TRÍ HỮU KHANG ........   Sinh ngày 07/02/2004\n";
    T_ASSERT(field_is(tl, "applicant", "Ngô Trí Hữu Khang"));
    static const char *const hl[] = {
        "200 100 PHIẾU 268 TIẾP 392 NHẬN 532 HỒ 600 SƠ",
        "400 100 Người 252 nộp 348 hồ 416 sơ........ 708 NGÔ 804 TRÍ 900 HỮU 996 KHANG......... "
        "1418 Sinh 1542 ngày 1666 07/02/2004",
        NULL,
    };
    T_ASSERT(layout_field_is(hl, "applicant", "Ngô Trí Hữu Khang"));
    /* a value set in under its label ends where a row of label and value starts left of it */
    const char *yc = "PHIẾU TIẾP NHẬN HỒ SƠ\n\nYêu cầu giải quyết\n"
                     "      Chỉnh sửa nội dung văn bằng, chứng chỉ\n"
                     "Văn bằng đề nghị chỉnh sửa   Bằng tốt nghiệp trung học phổ thông năm 2022,\n"
                     "      số hiệu TH 0428615\n";
    T_ASSERT(field_is(yc, "procedure", "Chỉnh sửa nội dung văn bằng, chứng chỉ"));
    /* a "Căn cứ" going on in "điều kiện …" is no article ("Điều 1."): its second decree,
     * wrapped after "số", is cited */
    const char *dk2 = "QUYẾT ĐỊNH\n\nCăn cứ Nghị định số 46/2017/NĐ-CP của Chính phủ quy định về\n"
                      "điều kiện đầu tư; Nghị định số\n135/2018/NĐ-CP ngày 04/10/2018 sửa đổi;\n";
    T_ASSERT(list_in(dk2, "references", 2, 1, "135/2018/NĐ-CP"));
    /* ... and in hOCR, where three blanks came out a little narrower than a line's height:
     * a word in small letters, the gap, a capital: a label's cell, then its value's */
    static const char *const yh[] = {
        "200 100 PHIẾU 268 TIẾP 392 NHẬN 532 HỒ 600 SƠ",
        "400 100 Yêu 196 cầu 292 giải 432 quyết",
        "460 220 Chỉnh 372 sửa 468 nội 564 dung 688 văn 784 bằng, 952 chứng 1132 chỉ",
        "520 100 Văn 196 bằng 320 đề 388 nghị 512 chỉnh 664 sửa 789 Bằng 913 tốt 1009 nghiệp",
        "580 220 số 288 hiệu 428 TH 496 0428615",
        NULL,
    };
    T_ASSERT(layout_field_is(yh, "procedure", "Chỉnh sửa nội dung văn bằng, chứng chỉ"));
    /* hold-out 71: "… hồ sơ của tổ chức", the kind of party, then its name below; "1. Doanh
     * nghiệp" alone over a licence holder's name */
    const char *tc2 = "PHIẾU TIẾP NHẬN HỒ SƠ\n\n"
                      "Trung tâm Phục vụ hành chính công tỉnh đã tiếp nhận hồ sơ của tổ chức\n"
                      "      CÔNG TY CỔ PHẦN CHẾ BIẾN ĐIỀU LONG HÀ\n"
                      "Mã số doanh nghiệp: 3801234567\n";
    T_ASSERT(field_is(tc2, "applicant", "CÔNG TY CỔ PHẦN CHẾ BIẾN ĐIỀU LONG HÀ"));
    const char *dn = "GIẤY PHÉP BƯU CHÍNH\n\n                                   CẤP PHÉP:\n"
                     "1. Doanh nghiệp\n      CÔNG TY TNHH GIAO NHẬN VÀ CHUYỂN PHÁT NGÔ MÂY\n"
                     "   Tên viết tắt: NGOMAY EXPRESS CO., LTD\n";
    T_ASSERT(field_is(dn, "applicant", "CÔNG TY TNHH GIAO NHẬN VÀ CHUYỂN PHÁT NGÔ MÂY"));
    /* hold-out 69: a pastor's title goes before his name as an honorific; "quản nhiệm"
     * (in charge of) folds like "quận" and starts no part of his address */
    const char *ms =
        "V/v chấp thuận giảng đạo ngoài địa bàn phụ trách\n\n"
        "         Kính gửi: Ban Trị sự Chi hội Tin Lành Thiện Hưng, huyện Bù Đốp\n\n"
        "Sở Nội vụ nhận được Văn bản đề nghị ngày 02/10/2024 của mục sư ĐIỂU VĂN HỞI,\n"
        "sinh năm 1968, CCCD số 070068004917, thường trú tại ấp Thiện Cư,\n"
        "xã Thiện Hưng, huyện Bù Đốp, tỉnh Bình Phước, quản nhiệm Chi hội Tin Lành\n"
        "Thiện Hưng, về việc giảng đạo tại điểm nhóm Tin Lành ấp Cây Điệp.\n";
    T_ASSERT(field_is(ms, "applicant", "Điểu Văn Hởi"));
    T_ASSERT(field_is(ms, "address", "ấp Thiện Cư, xã Thiện Hưng, huyện Bù Đốp, tỉnh Bình Phước"));
    /* an association's own request, its name in the row's next cell */
    const char *hd = "QUYẾT ĐỊNH\n\nĐiều 1. Cho phép đổi tên hội như sau:\n"
                     "    Hội đề nghị đổi tên    HỘI KHUYẾN NÔNG XÃ BẢN LẦM\n"
                     "    Tên mới của hội        HỘI NÔNG NGHIỆP SẠCH XÃ BẢN LẦM\n";
    T_ASSERT(field_is(hd, "applicant", "HỘI KHUYẾN NÔNG XÃ BẢN LẦM"));
    /* a leader's dots that OCR glued to the label and the address part them */
    const char *em =
        "ĐƠN ĐỀ NGHỊ\n\nHọ và tên: PHẠM ĐỨC TUẤN\n"
        "Điện thoại ....0977 45 18 62... Thư điện tử....phamductuan.iale@gmail.com....\n";
    T_ASSERT(list_in(em, "emails", 1, 0, "phamductuan.iale@gmail.com"));
    /* ... but a local part glued to a letter is still a misread address's tail */
    const char *eg = "ĐƠN ĐỀ NGHỊ\n\nHọ và tên: PHẠM ĐỨC TUẤN\nThư điện tử tuẩnpm@gmail.com\n";
    T_ASSERT(field_is(eg, "emails", NULL));
    /* hold-out 70: a label's clause after a comma ("Đơn vị đề nghị, làm chủ đầu tư …"), its
     * value below; an address label closing its cell after a semicolon, the address in the
     * row's next cell */
    const char *cd = "QUYẾT ĐỊNH\n\n1. Đơn vị đề nghị, làm chủ đầu tư hạ tầng kỹ thuật\n"
                     "        CÔNG TY CỔ PHẦN PHÁT TRIỂN HẠ TẦNG TRÀ SƠN CAN LỘC\n"
                     "   Mã số doanh nghiệp 3002586417; trụ sở   khối phố Trung Nghĩa, thị trấn\n"
                     "   Nghèn, huyện Can Lộc, tỉnh Hà Tĩnh; điện thoại 0239.3 517 642\n";
    T_ASSERT(field_is(cd, "applicant", "CÔNG TY CỔ PHẦN PHÁT TRIỂN HẠ TẦNG TRÀ SƠN CAN LỘC"));
    T_ASSERT(field_is(cd, "address",
                      "khối phố Trung Nghĩa, thị trấn Nghèn, huyện Can Lộc, tỉnh Hà Tĩnh"));
    /* a letter to a company about a notice a citizen filed: the company is not the
     * applicant */
    const char *cz =
        "SỞ CÔNG THƯƠNG                           Độc lập - Tự do - Hạnh phúc\n\n"
        "Số: 1372/SCT-QLNL                        Bình Thuận, ngày 14 tháng 5 năm 2025\n"
        "V/v phản hồi Thông báo phát triển điện\n\n"
        "             Kính gửi: Công ty Điện lực Bình Thuận\n\n"
        "Ngày 29/4/2025, Sở Công Thương nhận được Thông báo phát triển điện mặt trời\n"
        "mái nhà tự sản xuất, tự tiêu thụ của ông KIỀU VĂN SỸ (sinh ngày 03/7/1979,\n"
        "CCCD số 060079415264, nơi thường trú: thôn Thái Hòa, xã Hồng Thái).\n";
    T_ASSERT(field_is(cz, "applicant", NULL));
    /* ... and one whose request names him within a few words is his */
    const char *cn =
        "SỞ CÔNG THƯƠNG                           Độc lập - Tự do - Hạnh phúc\n\n"
        "Số: 1372/SCT-QLNL                        Bình Thuận, ngày 14 tháng 5 năm 2025\n"
        "V/v phản hồi Thông báo phát triển điện\n\n"
        "             Kính gửi: Công ty Điện lực Bình Thuận\n\n"
        "Sở Công Thương nhận được Thông báo phát triển điện mặt trời mái nhà của ông\n"
        "KIỀU VĂN SỸ (sinh ngày 03/7/1979, CCCD số 060079415264).\n";
    T_ASSERT(field_is(cn, "applicant", "Kiều Văn Sỹ"));
    /* hold-out 72: a letter answering a company about a foreign worker: the company, not
     * the worker a generic "Họ và tên" names */
    const char *fw = "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI        Độc lập - Tự do - Hạnh phúc\n\n"
                     "Số: 2386/SLĐTBXH-VLATLĐ              Hải Dương, ngày 17 tháng 9 năm 2024\n"
                     "V/v xác nhận người lao động nước ngoài\n\n"
                     "        Kính gửi: Công ty TNHH Linh kiện Điện tử Harumi Việt Nam\n\n"
                     "Xét Văn bản số 0912/HRM-HCNS ngày 09 tháng 9 năm 2024 của Công ty TNHH\n"
                     "Linh kiện Điện tử Harumi Việt Nam đề nghị xác nhận, Sở xác nhận:\n\n"
                     "1. Họ và tên: .....MORIYAMA SHUNSUKE.....      Giới tính: .....Nam.....\n";
    T_ASSERT(field_is(fw, "applicant", "Công ty TNHH Linh kiện Điện tử Harumi Việt Nam"));
    /* "Cấp ngày" is an ID's date of issue, no place-date; "Trà Quang Nam" is a hamlet's
     * name, not the province "Quảng Nam"; "hồ sơ của" / "Bà   ĐẶNG THỊ HỒNG THẮM": the
     * honorific alone in its cell, the name in the next */
    const char *ct3 = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\n\n"
                      "Phòng Tài chính - Kế hoạch huyện Phù Mỹ đã nhận\nhồ sơ của\n"
                      "     Bà   ĐẶNG THỊ HỒNG THẮM                Sinh năm   1978\n"
                      "     Căn cước   052178047017                Cấp ngày   09/5/2021\n"
                      "     Thường trú   thôn Trà Quang Nam, xã Mỹ Chánh, huyện Phù Mỹ,\n"
                      "                  tỉnh Bình Định\n";
    T_ASSERT(field_is(ct3, "applicant", "Đặng Thị Hồng Thắm"));
    T_ASSERT(field_is(ct3, "place", NULL));
    static const char *const cg[] = {
        "200 100 GIẤY 240 TIẾP 364 NHẬN 504 HỒ 572 SƠ",
        "400 100 Căn 196 cước 348 052178047017 900 Cấp 996 ngày 1120 09/5/2021",
        NULL,
    };
    T_ASSERT(layout_field_is(cg, "place", NULL));
    T_ASSERT(
        field_is(ct3, "address", "thôn Trà Quang Nam, xã Mỹ Chánh, huyện Phù Mỹ, tỉnh Bình Định"));
    /* a decision's trích yếu over two lines, the second longer, closed by the authority */
    const char *ty =
        "ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH BÌNH PHƯỚC                           Độc lập - Tự do - Hạnh phúc\n\n"
        "Số: 2215/QĐ-UBND                          Bình Phước, ngày 02 tháng 12 năm 2024\n\n"
        "                               QUYẾT ĐỊNH\n"
        "                 Chấp thuận điều chỉnh chủ trương đầu tư\n"
        "           Dự án Nhà máy chế biến hạt điều xuất khẩu Đồng Nơ\n"
        "                              ───────────\n"
        "                    ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC\n\n"
        "Căn cứ Luật Đầu tư số 61/2020/QH14 ngày 17 tháng 6 năm 2020;\n";
    T_ASSERT(
        field_is(ty, "summary",
                 "Chấp thuận điều chỉnh chủ trương đầu tư Dự án Nhà máy chế biến hạt điều xuất "
                 "khẩu Đồng Nơ"));
    /* hold-out 74: "tại Văn bản số …" after a company's name is no part of it; "đã được
     * cấp" / "Giấy chứng nhận …": what is issued follows on the next line */
    const char *tv =
        "QUYẾT ĐỊNH\n\nXét đề nghị của Công ty Cổ phần Khai khoáng Hồng Đạt Võ Nhai tại "
        "Văn bản\nsố 58/CV-HĐ ngày 04/3/2024,\n";
    T_ASSERT(field_is(tv, "applicant", "Công ty Cổ phần Khai khoáng Hồng Đạt Võ Nhai"));
    /* hold-out 75: a name "và" cut goes on as another line prints it whole */
    const char *va =
        "QUYẾT ĐỊNH\n\nXét đề nghị của Hợp tác xã Dịch vụ nông nghiệp và nước sạch Kỳ Phú "
        "tại Văn bản\nsố 02/CV-HTX ngày 03/01/2025,\n\nNơi nhận:\n"
        "- Hợp tác xã Dịch vụ nông nghiệp và nước sạch Kỳ Phú;\n- Lưu: VT.\n";
    T_ASSERT(field_is(va, "applicant", "Hợp tác xã Dịch vụ nông nghiệp và nước sạch Kỳ Phú"));
    const char *gc = "PHIẾU TIẾP NHẬN HỒ SƠ\n\nTên thủ tục\n"
                     "      Xác định lại diện tích đất ở cho hộ gia đình, cá nhân đã được cấp\n"
                     "      Giấy chứng nhận trước ngày 01/7/2004\n"
                     "Thửa đất số 214, tờ bản đồ số 09\n";
    T_ASSERT(field_is(gc, "procedure",
                      "Xác định lại diện tích đất ở cho hộ gia đình, cá nhân đã được cấp Giấy "
                      "chứng nhận trước ngày 01/7/2004"));
    return 0;
}

static int t_generalise(void)
{
    /* a place's name cut at the line end, its end then a comma and the next unit */
    json_t *f = flat_of("[07]. Địa chỉ thường trú: Khu phố Dương Lôi, phường Tân Hồng, thành phố Từ\n"
                        "Sơn, tỉnh Bắc Ninh\n[08]. Số điện thoại liên hệ: 0866 521 937\n",
                        1);
    T_STREQ(str(f, "address"), "Khu phố Dương Lôi, phường Tân Hồng, thành phố Từ Sơn, tỉnh Bắc Ninh");
    json_decref(f);
    /* a generic name label names whom the form is about; the signature under the filing
     * heading is who files */
    f = flat_of("ĐƠN ĐỀ NGHỊ HỖ TRỢ CHI PHÍ MAI TÁNG\n\nHọ và tên người đứng ra tổ chức mai táng: "
                "LƯƠNG THỊ HẠNH\nII. THÔNG TIN NGƯỜI ĐÃ MẤT\nHọ và tên: MAI VĂN TÍCH\n\n"
                "                                   Người làm đơn\n"
                "                                (Ký, ghi rõ họ tên)\n"
                "                                   Lương Thị Hạnh\n",
                1);
    T_STREQ(str(f, "applicant"), "Lương Thị Hạnh");
    json_decref(f);
    /* the receipt's times and officer under wordings of their own */
    f = flat_of("PHIẾU TIẾP NHẬN HỒ SƠ VÀ HẸN NGÀY TRẢ KẾT QUẢ\nTên tổ chức: HỢP TÁC XÃ MỸ LONG\n"
                "Ngày giờ nhận hồ sơ: 15h30 ngày 12/3/2025\nNgày giờ trả kết quả: 08h00 ngày "
                "17/3/2025\n\nNGƯỜI NỘP HỒ SƠ                       NGƯỜI NHẬN HỒ SƠ\n"
                "Huỳnh Văn Thạnh                        Lê Thị Cẩm Tú\n",
                1);
    T_STREQ(str(f, "received_at"), "2025-03-12T15:30");
    T_STREQ(str(f, "due_at"), "2025-03-17T08:00");
    T_STREQ(str(f, "receiver"), "Lê Thị Cẩm Tú");
    T_STREQ(str(f, "applicant"), "HỢP TÁC XÃ MỸ LONG");
    json_decref(f);
    /* a family name of the south (Danh) is a name */
    f = flat_of("Họ, chữ đệm, tên: DANH THỊ SA LY\n", 1);
    T_STREQ(str(f, "applicant"), "Danh Thị Sa Ly");
    json_decref(f);
    /* a name the page prints again with other tone marks: one reading is wrong, so the
     * value goes to review with the reason; where the page agrees it is given */
    static const char *const misread = "CÔNG AN HUYỆN NGHI LỘC\n\n"
                                       "Tiếp nhận hồ sơ của: Ông Nguyễn Hữu Thắng\n"
                                       "Địa chỉ thường trú: Xóm 3, xã Nghỉ Phong, huyện Nghi Lộc, "
                                       "tỉnh Nghệ An\n"
                                       "Công an xã Nghi Phong đã xác nhận nơi cư trú.\n";
    json_t *g = NULL;
    T_OK(fields_extract(misread, 1, &g, NULL));
    T_ASSERT(!json_object_get(g, "address"));
    const char *field = NULL, *reason = NULL;
    T_ASSERT(fields_needs_review(g, &field, &reason) >= 1);
    json_t *r;
    size_t i;
    int seen = 0;
    json_array_foreach(json_object_get(g, "review"), i, r)
    {
        if (!strcmp(str(r, "field"), "address")) {
            seen = 1;
            T_STREQ(str(r, "value"), "Xóm 3, xã Nghỉ Phong, huyện Nghi Lộc, tỉnh Nghệ An");
            T_CONTAINS(str(r, "reason"), "other tone marks");
        }
    }
    T_ASSERT(seen);
    T_STREQ(str(json_object_get(g, "issuer"), "value"), "CÔNG AN HUYỆN NGHI LỘC");
    json_decref(g);
    f = flat_of("CÔNG AN HUYỆN NGHI LỘC\nCÔNG AN XÃ NGHI PHONG\n\nTiếp nhận hồ sơ của: Ông "
                "Nguyễn Hữu Thắng\nĐịa chỉ thường trú: Xóm 3, xã Nghi Phong, huyện Nghi Lộc, "
                "tỉnh Nghệ An\n",
                1);
    T_STREQ(str(f, "address"), "Xóm 3, xã Nghi Phong, huyện Nghi Lộc, tỉnh Nghệ An");
    json_decref(f);
    /* a page of no known type: "khac" is no value to confirm, so no review entry */
    T_OK(fields_extract("GHI CHÚ CỦA BỘ PHẬN MỘT CỬA\n\nHồ sơ đã được chuyển.\n", 1, &g, NULL));
    T_ASSERT(fields_needs_review(g, NULL, NULL) == 0);
    json_decref(g);
    /* labels with no colon, each filling its cell, the value in the row's next (written
     * after hold-out 25 showed the address's case: the recipient, the applicant after an
     * honorific's cell, the procedure) */
    const char *cells = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\n"
                        "Kính gửi   Ủy ban nhân dân xã Hòa Phú\n"
                        "Trung tâm Hành chính công huyện Hòa Vang tiếp nhận hồ sơ của:\n"
                        "Ông/bà   LÊ VĂN PHÚC\n"
                        "Nội dung yêu cầu giải quyết   Đăng ký biến động đất đai\n";
    T_ASSERT(field_is(cells, "recipient", "Ủy ban nhân dân xã Hòa Phú"));
    T_ASSERT(field_is(cells, "applicant", "Lê Văn Phúc"));
    T_ASSERT(field_is(cells, "procedure", "Đăng ký biến động đất đai"));
    /* an address in a sentence ends with its province, not at "và Tờ" / "trình …" */
    T_ASSERT(field_is("QUYẾT ĐỊNH\nXét đơn đề nghị của ông Ha Sơn Đen (CCCD số 068079004512), "
                      "thường trú\ntại thôn Phi Nôm, xã Hiệp Thạnh, huyện Đức Trọng, tỉnh Lâm "
                      "Đồng và Tờ\ntrình số 215/TTr-TNMT ngày 10/4/2025 của Phòng Tài nguyên,\n",
                      "address", "thôn Phi Nôm, xã Hiệp Thạnh, huyện Đức Trọng, tỉnh Lâm Đồng"));
    return 0;
}

/* Round 3 (hold-out 5): wrapped names, wrapped labels, partly joined boxed digits, and
 * readings OCR broke sent to review rather than given. */
static int t_round3(void)
{
    /* a company's capitals name wraps; the officer is a CHUYÊN VIÊN; a bracketed line goes on */
    json_t *f = flat_of("GIẤY BIÊN NHẬN HỒ SƠ\nPhòng Đăng ký kinh doanh đã nhận hồ sơ của:\n"
                        "Doanh nghiệp: CÔNG TY CỔ PHẦN THƯƠNG MẠI\n\n"
                        "VÀ DỊCH VỤ KINH BẮC XANH\nMã số doanh nghiệp: 2400918375\n"
                        "Loại thủ tục: Đăng ký thay đổi nội dung đăng ký doanh nghiệp\n"
                        "(thay đổi người đại diện theo pháp luật)\n"
                        "Thời điểm nhận hồ sơ: 10 giờ 15 phút ngày 04/11/2024\n\n"
                        "NGƯỜI NỘP HỒ SƠ                          CHUYÊN VIÊN TIẾP NHẬN\n"
                        "Giáp Thị Phương Thảo                     Nguyễn Hữu Đạt\n",
                        1);
    T_STREQ(str(f, "applicant"), "CÔNG TY CỔ PHẦN THƯƠNG MẠI VÀ DỊCH VỤ KINH BẮC XANH");
    T_STREQ(str(f, "procedure"), "Đăng ký thay đổi nội dung đăng ký doanh nghiệp (thay đổi "
                                 "người đại diện theo pháp luật)");
    T_STREQ(str(f, "received_at"), "2024-11-04T10:15");
    T_STREQ(str(f, "receiver"), "Nguyễn Hữu Đạt");
    json_decref(f);
    /* a recipient whose line ends in a dash; boxed digits OCR ran partly together */
    f = flat_of("Kính gửi: Văn phòng Đăng ký đất đai tỉnh Vĩnh Long -\nChi nhánh huyện Long Hồ\n\n"
                "4. Số định danh cá nhân:0 74096005821\n",
                1);
    T_STREQ(str(f, "recipient"), "Văn phòng Đăng ký đất đai tỉnh Vĩnh Long - Chi nhánh huyện Long Hồ");
    T_ASSERT(json_array_size(json_object_get(f, "id_numbers")) == 1);
    T_STREQ(json_string_value(json_array_get(json_object_get(f, "id_numbers"), 0)), "074096005821");
    json_decref(f);
    /* a labelled number that is no ID: the page's IDs go to review, not given incomplete */
    json_t *g = NULL;
    T_OK(fields_extract("5. Số định danh cá nhân: 121090004738\n"
                        "10. Số định danh cá nhân của chủ hộ: 012062001753\n",
                        1, &g, NULL));
    T_ASSERT(!json_object_get(g, "id_numbers"));
    T_ASSERT(fields_needs_review(g, NULL, NULL) >= 1);
    json_decref(g);
    /* a place's name in small letters after its unit is a misread (but the Highlands' "la"
     * for "Ia", which is put back: test_fields.heldout24) */
    T_OK(fields_extract("Tiếp nhận hồ sơ của: Ông Nguyễn Hữu Thắng\nĐịa chỉ thường trú: Làng Ia "
                        "Pal, xã Ia Pal, huyện chư Sê, tỉnh Gia Lai\n",
                        1, &g, NULL));
    T_ASSERT(!json_object_get(g, "address"));
    json_decref(g);
    /* phones after "hoặc Zalo" and under a label wrapped in a sentence */
    f = flat_of("Mọi thắc mắc xin liên hệ số 0208 3862 400 hoặc Zalo 0915 330 118.\n"
                "Điều 2. Người đại diện của Công ty, ông Y Sơn Niê, CCCD 066079011284, điện\n"
                "thoại 0262 3873 551, chịu trách nhiệm thực hiện đúng giấy phép.\n",
                1);
    T_ASSERT(json_array_size(json_object_get(f, "phones")) == 3);
    json_decref(f);
    return 0;
}

/* The rules of hold-outs 77 to 80 (issue 19), each general, each failing without its rule. */
static int t_heldout77_80(void)
{
    /* a request filed by a person: "do", an honorific and a name that "nộp" ends */
    T_ASSERT(field_is("QUYẾT ĐỊNH\nVề việc giải quyết hưởng trợ cấp tuất hằng tháng\n"
                      "Xét hồ sơ đề nghị hưởng chế độ tử tuất do bà Quách Thị Vịn nộp ngày "
                      "14/11/2024\n",
                      "applicant", "Quách Thị Vịn"));
    /* ... not a body's signer ("do ông …, Giám đốc … ký"): its body is the applicant, or
     * no one */
    T_ASSERT(field_is("THÔNG BÁO\nXét văn bản đề nghị số 23/2024/CV-VĐN ngày 08/10/2024 do ông "
                      "Bế Văn Lụa,\nGiám đốc (CCCD 022070002894) ký\n",
                      "applicant", NULL));
    /* a line in brackets under the subject that opens a sentence of its own is a remark;
     * "(giai đoạn 2)" in small letters goes on the subject (test heldout57_64 and others) */
    T_ASSERT(field_is("QUYẾT ĐỊNH\n            Về việc hoàn thuế thu nhập cá nhân nộp thừa\n"
                      "        (Hồ sơ thuộc diện hoàn thuế trước, kiểm tra sau)\n\n"
                      "CHI CỤC TRƯỞNG CHI CỤC THUẾ HUYỆN ĐAK ĐOA\n",
                      "summary", "Về việc hoàn thuế thu nhập cá nhân nộp thừa"));
    /* a name its line prints on past a hyphen was cut short: review, not "Park Seung" */
    T_ASSERT(review_is("V/v bổ sung hồ sơ đề nghị cấp thẻ\ntạm trú cho người nước ngoài\n\n"
                       "        Kính gửi: Công ty TNHH Hanil Textile Vina\n\n"
                       "1. Giấy phép lao động số 490/GPLĐ-SLĐTBXH của ông PARK SEUNG-WOO chỉ "
                       "còn\n"
                       "2. Tờ khai đề nghị cấp thẻ tạm trú (Mẫu NA8) chưa dán ảnh và chưa có "
                       "chữ ký\n   của người nước ngoài; đề nghị hoàn thiện lại theo mẫu.\n"
                       "3. Thị thực ký hiệu LĐ2 của ông PARK SEUNG-WOO hết hạn ngày 15/10/2024\n",
                       "applicant", "hyphen"));
    /* who denounces is the applicant; who is denounced is not */
    T_ASSERT(field_is("ĐƠN TỐ CÁO\nHọ và tên người tố cáo: .......LÒ VĂN XIÊNG.......   "
                      "Sinh năm: ....1979....\n",
                      "applicant", "Lò Văn Xiêng"));
    T_ASSERT(field_is("ĐƠN TỐ CÁO\nNgười bị tố cáo: Ông HÀ VĂN CHƯỢNG - Phó Chủ tịch UBND xã\n",
                      "applicant", NULL));
    /* "tên khai sinh": the name label spelled out, its value below in capitals */
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\n\nHọ, chữ đệm và tên khai sinh (viết chữ in hoa)\n"
                      "        LÒ VĂN PÁNH                 Dân tộc   Thái        Sinh ngày   "
                      "11/7/1995\n",
                      "applicant", "Lò Văn Pánh"));
    /* a public body in capitals under "… đã nhận hồ sơ của" files as an organisation, its
     * note in small letters in brackets cut; the one who carried it in is not the applicant */
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN VÀ HẸN TRẢ KẾT QUẢ\n"
                      "Bộ phận Một cửa huyện Mỏ Cày Nam đã nhận hồ sơ của\n"
                      "        ỦY BAN NHÂN DÂN XÃ AN ĐỊNH (chủ đầu tư dự án)\n"
                      "Trụ sở               ấp An Thuận, xã An Định, huyện Mỏ Cày Nam\n\n"
                      "    NGƯỜI NỘP HỒ SƠ                    NGƯỜI TIẾP NHẬN HỒ SƠ\n\n"
                      "    Võ Thị Ngọc Trinh                  Đoàn Thanh Triều\n",
                      "applicant", "ỦY BAN NHÂN DÂN XÃ AN ĐỊNH"));
    /* a place-date's place after a unit's word in small letters: review, not given */
    T_ASSERT(review_is("TỜ KHAI ĐĂNG KÝ KHAI SINH\n"
                       "                             Làm tại: xã Vô Điếm, ngày 12 tháng 3 năm "
                       "2025\n",
                       "place", "inside a sentence"));
    /* "Cá nhân đề nghị cấp phép" over a leader's dots and the name in capitals */
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP\n\n1. Cá nhân đề nghị cấp phép (viết chữ in "
                      "hoa)\n      .........KHỔNG VĂN THIỀU.........   Năm sinh: ...1971...   "
                      "Giới tính: Nam\n",
                      "applicant", "Khổng Văn Thiều"));
    /* a receipt's closing sentence gives the time it was received */
    T_ASSERT(field_is("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\nHồ sơ được tiếp nhận hồi 14h50 "
                      "ngày 21 tháng 11 năm 2024.\n",
                      "received_at", "2024-11-21T14:50"));
    /* a place-date's unit of two words, its first in capitals, is the place's as printed */
    T_ASSERT(field_is("TỜ KHAI\n                  Thành phố Hồ Chí Minh, ngày 04 tháng 9 năm "
                      "2024\n",
                      "place", "Thành phố Hồ Chí Minh"));
    T_ASSERT(field_is("TỜ KHAI\n                  Thị xã Sơn Tây, ngày 04 tháng 9 năm 2024\n",
                      "place", "Thị xã Sơn Tây"));
    /* an organisation's labels over its name in capitals: "Cơ quan, tổ chức đề nghị",
     * "Chủ khoản viện trợ", "Đơn vị đề nghị xác nhận (chủ dự án)" */
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN HỒ SƠ\nCơ quan, tổ chức đề nghị\n"
                      "        CÔNG TY CỔ PHẦN LỮ HÀNH VÀ SỰ KIỆN ĐÁ XANH HÀ GIANG\n"
                      "Mã số doanh nghiệp   5100489263\n",
                      "applicant", "CÔNG TY CỔ PHẦN LỮ HÀNH VÀ SỰ KIỆN ĐÁ XANH HÀ GIANG"));
    T_ASSERT(field_is("QUYẾT ĐỊNH\n2. Chủ khoản viện trợ\n       HỘI LIÊN HIỆP PHỤ NỮ HUYỆN VŨ "
                      "QUANG\n       Địa chỉ   tổ dân phố 2, thị trấn Vũ Quang\n",
                      "applicant", "HỘI LIÊN HIỆP PHỤ NỮ HUYỆN VŨ QUANG"));
    T_ASSERT(field_is("GIẤY XÁC NHẬN\nĐơn vị đề nghị xác nhận (chủ dự án)\n"
                      "       TRUNG TÂM Y TẾ HUYỆN TU MƠ RÔNG\n"
                      "Địa chỉ      thôn Đăk Chum 1, xã Tu Mơ Rông\n",
                      "applicant", "TRUNG TÂM Y TẾ HUYỆN TU MƠ RÔNG"));
    /* a letter answering "Văn bản số … của Công ty …", its recipient: the company applied,
     * not the person the subject names ("đối với ông …") */
    T_ASSERT(field_is("Số: 1392/UBND-LĐTBXH\nV/v hướng dẫn lập hồ sơ đề nghị           Tứ Kỳ, "
                      "ngày 25 tháng 11 năm 2024\ncông nhận liệt sĩ đối với ông Vũ Đức Toản\n\n"
                      "       Kính gửi: Công ty TNHH May mặc Thịnh Kỳ\n\n"
                      "   Ủy ban nhân dân huyện Tứ Kỳ nhận được Văn bản số 46/CV-TK ngày "
                      "12/11/2024\ncủa Công ty TNHH May mặc Thịnh Kỳ (mã số doanh nghiệp "
                      "0801395624) đề nghị\nxem xét, công nhận liệt sĩ đối với ông VŨ ĐỨC "
                      "TOẢN, sinh năm 1991.\n",
                      "applicant", "Công ty TNHH May mặc Thịnh Kỳ"));
    /* a body's own contact line ("Địa chỉ: … - ĐT: … - Fax: …") is no applicant's
     * address; the one in the sentence is */
    T_ASSERT(field_is("V/v xác nhận địa bàn\n\nKính gửi: Công ty Cổ phần Nông dược A Xan\n"
                      "Ban Dân tộc tỉnh nhận được Văn bản số 18/CV-NDAX của Công ty\n"
                      "Cổ phần Nông dược A Xan (trụ sở: thôn Agrí, xã A Tiêng, huyện Tây Giang, "
                      "tỉnh Quảng Nam)\n\n"
                      "Địa chỉ: 02 Trần Hưng Đạo, TP. Tam Kỳ - ĐT: 0235 3 811 574 - Fax: 0235 3 "
                      "811 577\n",
                      "address", "thôn Agrí, xã A Tiêng, huyện Tây Giang, tỉnh Quảng Nam"));
    /* typographic quotes that pair are printed so; one OCR lost leaves the value doubted */
    T_ASSERT(field_is("QUYẾT ĐỊNH\nVề việc phê duyệt dự án “Nước sạch và nhà vệ sinh an toàn "
                      "cho trường học\nhuyện Vũ Quang” sử dụng nguồn viện trợ phi chính phủ nước "
                      "ngoài\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n",
                      "summary",
                      "Về việc phê duyệt dự án “Nước sạch và nhà vệ sinh an toàn cho trường học "
                      "huyện Vũ Quang” sử dụng nguồn viện trợ phi chính phủ nước ngoài"));
    T_ASSERT(field_is("QUYẾT ĐỊNH\nVề việc cấp quyền sử dụng nhãn hiệu chứng nhận “Cà phê Mường "
                      "Ảng cho Hợp tác xã\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n",
                      "summary", NULL));
    /* hOCR: a centred title's longer second line, starting further left, goes on the title
     * when the two share their centre */
    static const char *const title_rows[] = {
        "370 171 Số: 290 118/2024/GCN-CCCNTY 1100 Cần 1210 Thơ, 1350 ngày 1490 12/12/2024",
        "462 640 GIẤY 780 CHỨNG 950 NHẬN",
        "512 400 CƠ 500 SỞ 600 AN 700 TOÀN 840 DỊCH 980 BỆNH 1120 ĐỘNG 1260 VẬT",
        "567 700 (Cấp 830 lần 940 đầu)",
        "660 227 Căn 347 cứ 447 Luật 607 Thú 747 y 807 năm 927 2015;",
        NULL};
    T_ASSERT(
        layout_field_is(title_rows, "title", "GIẤY CHỨNG NHẬN CƠ SỞ AN TOÀN DỊCH BỆNH ĐỘNG VẬT"));
    /* an address's note whose bracket it opens and does not close is cut off */
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nĐịa chỉ thường trú: thôn Hồng Tiến, xã Thạch Mỹ, huyện Lộc Hà, "
                      "tỉnh Hà Tĩnh (hiện ở tổ dân phố 4, thị trấn Lộc Hà\n",
                      "address", "thôn Hồng Tiến, xã Thạch Mỹ, huyện Lộc Hà, tỉnh Hà Tĩnh"));
    /* hOCR: "Địa chỉ trụ sở chính:" and its address in the row's next cell, wrapped under it */
    static const char *const seat_rows[] = {
        "800 171 CÔNG 320 TY 420 TNHH 580 MAY 720 XUẤT 880 KHẨU 1040 TIÊN 1180 MINH",
        "900 171 Địa 260 chỉ 360 trụ 460 sở 560 chính: 1000 Thôn 1150 Phú 1280 Kê, 1390 xã 1470 "
        "Tiên 1610 Thắng, 1800 huyện 1990 Tiên 2130 Lãng,",
        "950 1000 thành 1160 phố 1270 Hải 1380 Phòng", NULL};
    T_ASSERT(layout_field_is(seat_rows, "address",
                             "Thôn Phú Kê, xã Tiên Thắng, huyện Tiên Lãng, thành phố Hải Phòng"));
    /* a cited record's date after its symbol is not the page's: the place-date below is */
    T_ASSERT(
        field_is("GIẤY ĐỀ NGHỊ\n     số công chứng 3274, quyển số 05/2019 TP/CC-SCC/HĐGD, ngày "
                 "18/9/2019\n\n                         Hải Dương, ngày 07 tháng 11 năm "
                 "2024\n",
                 "issue_date", "2024-11-07"));
    /* a workplace's owner, on the lines under "Nơi làm việc", is not who files */
    T_ASSERT(field_is("GIẤY ĐỀ NGHỊ XÁC NHẬN KIẾN THỨC\n"
                      "1. Họ và tên (chữ in hoa): .............MAI THỊ NHIỄU.............\n"
                      "7. Nơi làm việc: ....Cơ sở chế biến nước mắm Chuyên Nhiễu (hộ kinh "
                      "doanh)....\n   Chủ hộ kinh doanh: ông LÊ XUÂN CHUYÊN, CCCD 038075011847\n",
                      "applicant", "Mai Thị Nhiễu"));
    /* round 4: "lưu trữ tại" is where a register is kept, not where anyone lives */
    T_ASSERT(
        field_is("V/v xác nhận thông tin hộ tịch\nlưu trữ tại Sổ đăng ký kết hôn\nnăm 1986 của "
                 "UBND xã\n",
                 "address", NULL));
    /* a subject that ends in a unit does not take the body's dated sentence below */
    T_ASSERT(field_is("THÔNG BÁO\n      Kết quả giải quyết yêu cầu khai thác, sử dụng tài liệu\n"
                      "          tại Lưu trữ cơ quan Ủy ban nhân dân huyện\n"
                      "Ngày 01/4/2025, Văn phòng HĐND và UBND huyện nhận được Phiếu yêu cầu\n",
                      "summary",
                      "Kết quả giải quyết yêu cầu khai thác, sử dụng tài liệu tại Lưu trữ cơ quan "
                      "Ủy ban nhân dân huyện"));
    /* "la Ka" OCR read for "Ia Ka": put back when the page prints "Ia Ka" itself */
    T_ASSERT(
        field_is("Số: 1126/SNV-LĐTL\nV/v góp ý thang lương của Công ty Cổ phần Cà phê la Ka\n\n"
                 "Kính gửi: Công ty Cổ phần Cà phê Ia Ka\n",
                 "summary", "V/v góp ý thang lương của Công ty Cổ phần Cà phê Ia Ka"));
    return 0;
}

/* Rules of the session of 2026-12-08 (hold-outs 90-96) */
static int t_heldout109_112(void)
{
    /* a value that opens a bracket and does not close it was cut at its line's end */
    T_ASSERT(
        review_is("PHIẾU TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\n"
                  "Mã hồ sơ: 000.00.19.H34-241203-0042\n"
                  "Tên thủ tục: Cấp chứng chỉ nhân viên bức xạ (người phụ trách an toàn cơ sở\n"
                  "Số lượng hồ sơ: 01 bộ\nHọ và tên người nộp: Nguyễn Văn An\n",
                  "procedure", "bracket"));
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ\n"
                      "Mã hồ sơ: 000.00.19.H34-241203-0042\n"
                      "Tên thủ tục: Cấp chứng chỉ nhân viên bức xạ (người phụ trách an toàn)\n"
                      "Số lượng hồ sơ: 01 bộ\nHọ và tên người nộp: Nguyễn Văn An\n",
                      "procedure", "Cấp chứng chỉ nhân viên bức xạ (người phụ trách an toàn)"));
    /* a district's name read with a wrong mark takes the marks of the list of districts,
     * in the case it was read in; a name the list does not hold as a whole ("Vĩnh Thạnh"
     * is no "Vinh"), or whose tone is only placed otherwise ("Phú Hoà"), stays as read */
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: Nguyễn Văn An\nĐịa chỉ: thôn Xuân Phượng, xã "
                      "Cương Gián, huyện Nghỉ Xuân, tỉnh Hà Tĩnh\n",
                      "address", "thôn Xuân Phượng, xã Cương Gián, huyện Nghi Xuân, tỉnh Hà Tĩnh"));
    T_ASSERT(field_is("ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                      "HUYỆN NGHỈ XUÂN                       Độc lập - Tự do - Hạnh phúc\n",
                      "issuer", "ỦY BAN NHÂN DÂN HUYỆN NGHI XUÂN"));
    T_ASSERT(field_is("UBND THỊ XÃ NGHI SƠN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                      "PHÒNG QUẢN LÝ ĐÔ THỊ               Độc lập - Tự do - Hạnh phúc\n"
                      "Số: 386/QLĐT-QH                 Nghỉ Sơn, ngày 24 tháng 02 năm 2025\n"
                      "Kính gửi: Công ty TNHH Kho vận Đức Hải Nghỉ Sơn\n",
                      "place", "Nghi Sơn"));
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: Nguyễn Văn An\nĐịa chỉ: ấp Qui Long, thị trấn "
                      "Thạnh An, huyện Vĩnh Thạnh, thành phố Cần Thơ\n",
                      "address",
                      "ấp Qui Long, thị trấn Thạnh An, huyện Vĩnh Thạnh, thành phố Cần Thơ"));
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: Nguyễn Văn An\nĐịa chỉ: thôn Phú Sen, xã Hòa "
                      "Định Tây, huyện Phú Hoà, tỉnh Phú Yên\n",
                      "address", "thôn Phú Sen, xã Hòa Định Tây, huyện Phú Hoà, tỉnh Phú Yên"));
    /* one letter from one district of its province: that district ... */
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: Nguyễn Văn An\nĐịa chỉ: thôn 3, xã Trà Giác, "
                      "huyện Bắc Trà Mỹy, tỉnh Quảng Nam\n",
                      "address", "thôn 3, xã Trà Giác, huyện Bắc Trà My, tỉnh Quảng Nam"));
    /* ... none of them, or two spellings of one ("Đắk R'Lấp", "Đắk R'lấp"): misread, to
     * review; a central city after "thành phố" is no district to look for */
    T_ASSERT(review_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: Nguyễn Văn An\nĐịa chỉ: Thôn 3, xã Ea Ral, "
                       "huyện Ea Heo, tỉnh Đắk Lắk\n",
                       "address", "district its province does not have"));
    T_ASSERT(review_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: Nguyễn Văn An\nĐịa chỉ: Tổ dân phố 3, thị trấn "
                       "Kiến Đức, huyện Đắk R'ấp, tỉnh Đắk Nông\n",
                       "address", "district its province does not have"));
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: Nguyễn Văn An\nĐịa chỉ: số 5 phố Huế, phường "
                      "Ngô Thì Nhậm, quận Hai Bà Trưng, thành phố Hà Nội\n",
                      "address",
                      "số 5 phố Huế, phường Ngô Thì Nhậm, quận Hai Bà Trưng, thành phố Hà Nội"));
    /* two syllables OCR ran together in small letters: garbled, to review; a Highlands
     * name written as one word is no such case */
    T_ASSERT(review_is("CÔNG AN HUYỆN LẠC THỦY          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                       "Số: 215/CAH-PCCC                 Độc lập - Tự do - Hạnh phúc\n"
                       "V/v phối hợp thực tập phương án chữa cháy tại cơsở\n",
                       "summary", "garbled"));
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: Nguyễn Văn An\nĐịa chỉ: khối 3, thị trấn Krông "
                      "Klang, huyện Đakrông, tỉnh Quảng Trị\n",
                      "address", "khối 3, thị trấn Krông Klang, huyện Đakrông, tỉnh Quảng Trị"));
    /* a mobile number starts with a carrier's prefix: "0316 259 847", grouped as a phone
     * is, is a tax code; "0337 586 210" and "0559 214 307" are phones */
    T_ASSERT(list_in("PHIẾU TIẾP NHẬN HỒ SƠ\nTổ chức đề nghị: BỆNH VIỆN ĐA KHOA KHẢI TÂM\n"
                     "Mã số thuế          0316 259 847\n"
                     "Người đến nộp: bà Vương Ngọc Hạnh, di động 0337 586 210\n"
                     "Liên hệ: 0559 214 307\n",
                     "phones", 2, 0, "0337586210"));
    T_ASSERT(list_in("PHIẾU TIẾP NHẬN HỒ SƠ\nTổ chức đề nghị: BỆNH VIỆN ĐA KHOA KHẢI TÂM\n"
                     "Mã số thuế          0316 259 847\n"
                     "Người đến nộp: bà Vương Ngọc Hạnh, di động 0337 586 210\n"
                     "Liên hệ: 0559 214 307\n",
                     "phones", 2, 1, "0559214307"));
    /* an address that names no province: its district checked against every province's
     * ("huyện Hưng", cut from "Hưng Nguyên", is none), not abroad's; "QUẢN LÝ" is no quận */
    T_ASSERT(review_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: Nguyễn Văn An\nĐịa chỉ: khối 10, thị trấn Hưng "
                       "Nguyên, huyện Hưng\n",
                       "address", "district its province does not have"));
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: Kim Min Jun\nĐịa chỉ: số 47, Teheran-ro 5-gil, "
                      "quận Gangnam, thành phố Seoul, Đại Hàn Dân Quốc\n",
                      "address",
                      "số 47, Teheran-ro 5-gil, quận Gangnam, thành phố Seoul, Đại Hàn Dân Quốc"));
    /* a value ending in a comma goes on in the next row (set in under it), not in a lone
     * cell rows below */
    T_ASSERT(
        field_is("PHIẾU TIẾP NHẬN HỒ SƠ\n"
                 "Thủ tục         Cấp lại chứng chỉ hành nghề môi giới bất động sản do bị mất,\n"
                 "                bị rách, nát hoặc hết hạn\n"
                 "                                                                      Số "
                 "lượng\n",
                 "procedure",
                 "Cấp lại chứng chỉ hành nghề môi giới bất động sản do bị mất, bị rách, nát "
                 "hoặc hết hạn"));
    /* a social care home is an organisation, its name kept as printed */
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN HỒ SƠ\nTổ chức đề nghị: MÁI ẤM TÂM AN\nĐịa chỉ: thôn Đồng "
                      "Chiêm, xã Võng Xuyên, huyện Phúc Thọ, thành phố Hà Nội\n",
                      "applicant", "MÁI ẤM TÂM AN"));
    return 0;
}

static int t_heldout90_96(void)
{
    /* a closed note in brackets after the province is a remark on the address */
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: TRỊNH VĂN LẸ\n"
                      "Thường trú: ấp Kinh 5, xã Vĩnh Bình Bắc, huyện Vĩnh Thuận,\n"
                      "tỉnh Kiên Giang (đăng ký từ ngày 20/11/2024)\n",
                      "address", "ấp Kinh 5, xã Vĩnh Bình Bắc, huyện Vĩnh Thuận, tỉnh Kiên Giang"));
    /* "tỉnh Quảng" / "Ngãi (điện thoại …": the next line's word completes a province */
    T_ASSERT(field_is("CÔNG VĂN\nV/v cung cấp thông tin\n"
                      "chuyển nhượng quyền sử dụng đất của bà TRƯƠNG THỊ KIỂU, sinh năm 1967,\n"
                      "thường trú tại thôn Phước Lãnh, xã Hành Thiện, huyện Nghĩa Hành, tỉnh "
                      "Quảng\nNgãi (điện thoại 0358 926 713); bên nhận chuyển nhượng là ông "
                      "Đinh Công Trứ\n",
                      "address",
                      "thôn Phước Lãnh, xã Hành Thiện, huyện Nghĩa Hành, tỉnh Quảng Ngãi"));
    /* an address that does not end in a unit and its name, or whose "tỉnh" names no
     * province, stopped short or ran on: to review, not given */
    T_ASSERT(review_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: Nguyễn Văn An\nĐịa chỉ: số 86 đường Trần Hưng "
                       "Đạo\nĐiện thoại: 0912345678\n",
                       "address", "does not end"));
    T_ASSERT(review_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: Nguyễn Văn An\nĐịa chỉ: thôn 2, xã Hàm Trí, "
                       "huyện Hàm Thuận Bắc, tỉnh Bình\n",
                       "address", "does not end"));
    /* a district's city ends an address; so does a country, abroad */
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: Nguyễn Văn An\nĐịa chỉ: Tổ dân phố Hòa Do 7, "
                      "phường Cam Phúc Bắc, thành phố Cam Ranh\n",
                      "address", "Tổ dân phố Hòa Do 7, phường Cam Phúc Bắc, thành phố Cam Ranh"));
    T_ASSERT(field_is("ĐƠN ĐỀ NGHỊ\nHọ và tên: Jean DUPONT\nĐịa chỉ: 24 rue des Capucins, 69001 "
                      "Lyon, Cộng hòa Pháp\n",
                      "address", "24 rue des Capucins, 69001 Lyon, Cộng hòa Pháp"));
    /* a value set in under its label goes on set in as far, its second line too: the row
     * that starts left of it is the next label's */
    T_ASSERT(
        field_is("PHIẾU TIẾP NHẬN HỒ SƠ\nTên thủ tục\n"
                 "      Thông báo danh mục hoạt động tôn giáo đối với tổ chức có địa bàn\n"
                 "      hoạt động tôn giáo ở nhiều xã thuộc một huyện\n"
                 "Ghi chú            11 hoạt động năm 2025 tại thị trấn Thạnh An, các xã Thạnh\n"
                 "                   Quới, Thạnh Lộc\n",
                 "procedure",
                 "Thông báo danh mục hoạt động tôn giáo đối với tổ chức có địa bàn hoạt động "
                 "tôn giáo ở nhiều xã thuộc một huyện"));
    /* a "về việc" line the title joined is the title's, no subject of its own */
    T_ASSERT(field_is("              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
                      "                     ĐƠN ĐỀ NGHỊ CHO Ý KIẾN\n"
                      "         VỀ VIỆC CẢI TẠO, NÂNG CẤP CÔNG TRÌNH TÍN NGƯỠNG\n\n"
                      "Kính gửi: Ủy ban nhân dân huyện Tân Yên, tỉnh Bắc Giang\n",
                      "summary", NULL));
    /* a religious body under "Tên tổ chức" keeps its name as printed: "HỌ" is no Hồ */
    T_ASSERT(field_is("GIẤY XÁC NHẬN\nĐã tiếp nhận thông báo hợp lệ của tổ chức tôn giáo\n"
                      "   Tên tổ chức\n"
                      "        HỌ ĐẠO CAO ĐÀI LỘC THẮNG (Hội thánh Cao Đài Tòa Thánh Tây Ninh)\n"
                      "   Trụ sở\n",
                      "applicant", "HỌ ĐẠO CAO ĐÀI LỘC THẮNG"));
    /* a company under its label is its whole name, past the comma a person's would stop
     * at, with its legal form's full stop */
    T_ASSERT(field_is("GIẤY PHÉP\n1. Doanh nghiệp nước ngoài\n"
                      "   Tên doanh nghiệp      SEOHAE BLUEWAY TRAVEL CO., LTD.\n"
                      "   Quốc tịch             Hàn Quốc\n",
                      "applicant", "SEOHAE BLUEWAY TRAVEL CO., LTD."));
    /* a head office abroad: a street with hyphened parts ("Teheran-ro 5-gil"), units in
     * Vietnamese, then its country */
    T_ASSERT(field_is("GIẤY PHÉP\n"
                      "   Tên doanh nghiệp      SEOHAE BLUEWAY TRAVEL CO., LTD.\n"
                      "   Trụ sở chính          số 47, Teheran-ro 5-gil, quận Gangnam, thành phố "
                      "Seoul,\n"
                      "                         Đại Hàn Dân Quốc\n",
                      "address",
                      "số 47, Teheran-ro 5-gil, quận Gangnam, thành phố Seoul, Đại Hàn Dân Quốc"));
    /* a place-date OCR set under a subject's last line, under its name, continues neither
     * the subject nor the name */
    static const char *const rows[] = {
        "640 255 V/v 367 trả 479 lời 591 đơn 703 đề 787 nghị 927 hỗ 1011 trợ 1123 mua",
        "717 257 máy 369 cấy 481 lúa 593 của 705 ông 817 Mai 929 Xuân 1069 Trừ",
        "794 805 Thanh 973 Hóa, 1113 ngày 1253 22 1337 tháng 1505 10 1589 năm 1701 2024",
        "1166 258 qua 370 Bộ 454 phận 594 Một 706 cửa 818 huyện 986 Hà 1070 Trung) 1266 của 1378 "
        "ông 1490 Mai 1602 Xuân 1742 Trừ, 1882 sinh 2022 ngày 2162 15/6/1971,",
        NULL,
    };
    T_ASSERT(layout_field_is(
        rows, "summary", "V/v trả lời đơn đề nghị hỗ trợ mua máy cấy lúa của ông Mai Xuân Trừ"));
    T_ASSERT(layout_field_is(rows, "applicant", "Mai Xuân Trừ"));
    /* an organisation's name in capitals goes on to the next line's dotted leader, past
     * what OCR made of the dots' end */
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN\nBộ phận Một cửa huyện Ia Grai đã tiếp nhận hồ sơ của:\n"
                      "Tổ chức, cá nhân ........ HỢP TÁC XÃ NÔNG NGHIỆP DỊCH VỤ CÀ PHÊ\n"
                      "      XANH IA DÊR ..................... se\nMã số HTX ........ 5901327468\n",
                      "applicant", "HỢP TÁC XÃ NÔNG NGHIỆP DỊCH VỤ CÀ PHÊ XANH IA DÊR"));
    /* "của Công ty và Tờ trình số …": the kind alone names no one; the company leased to,
     * under "Tổ chức thuê rừng", does */
    T_ASSERT(field_is("QUYẾT ĐỊNH\nXét Đơn đề nghị thuê rừng ngày 09/9/2024 của Công ty và Tờ "
                      "trình số\n517/TTr-SNN ngày 12/11/2024 của Sở Nông nghiệp và Phát triển "
                      "nông thôn,\n",
                      "applicant", NULL));
    T_ASSERT(field_is("QUYẾT ĐỊNH\nXét Đơn đề nghị thuê rừng ngày 09/9/2024 của Công ty và Tờ "
                      "trình số\n517/TTr-SNN ngày 12/11/2024 của Sở Nông nghiệp và Phát triển "
                      "nông thôn,\nĐiều 1. Cho tổ chức sau đây thuê rừng:\n"
                      "  Tổ chức thuê rừng\n"
                      "         CÔNG TY CỔ PHẦN DU LỊCH SINH THÁI LÂM VIÊN ĐẮK SOM\n"
                      "  Mã số doanh nghiệp    6400872514\n",
                      "applicant", "CÔNG TY CỔ PHẦN DU LỊCH SINH THÁI LÂM VIÊN ĐẮK SOM"));
    /* a value set in under its label goes on in lines set in as far, a capital first */
    T_ASSERT(
        field_is("PHIẾU TIẾP NHẬN HỒ SƠ\nThủ tục hành chính\n"
                 "      Cấp mã số cơ sở nuôi, trồng các loài động vật rừng, thực vật rừng nguy\n"
                 "      cấp, quý, hiếm Nhóm II và động vật, thực vật hoang dã nguy cấp thuộc\n"
                 "      Phụ lục II, III CITES\n"
                 "Đối tượng: trồng cấy nhân tạo lan Hoàng thảo (Dendrobium spp.), 12.450 cây,\n",
                 "procedure",
                 "Cấp mã số cơ sở nuôi, trồng các loài động vật rừng, thực vật rừng nguy cấp, "
                 "quý, hiếm Nhóm II và động vật, thực vật hoang dã nguy cấp thuộc Phụ lục II, "
                 "III CITES"));
    /* marks OCR misread, put back from the tables: the family name Khổng, "cuộc thi" */
    T_ASSERT(field_is("TỜ KHAI\nHọ và tên: Khống Thị Liễu\n", "applicant", "Khổng Thị Liễu"));
    T_ASSERT(field_is("      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
                      "      ĐƠN ĐỀ NGHỊ CHẤP THUẬN TỔ CHỨC CUỘC THỊ NGƯỜI ĐẸP\n\n"
                      "Kính gửi: Sở Văn hóa\n",
                      "title", "ĐƠN ĐỀ NGHỊ CHẤP THUẬN TỔ CHỨC CUỘC THI NGƯỜI ĐẸP"));
    /* a bracket the value opened closes on its next line: kept */
    T_ASSERT(field_is("PHIẾU TIẾP NHẬN\nTên thủ tục hành chính\n"
                      "      Cấp chứng chỉ nhân viên bức xạ (người phụ trách an toàn cơ sở\n"
                      "      X-quang chẩn đoán trong y tế)\n\nThành phần hồ sơ gồm:\n",
                      "procedure",
                      "Cấp chứng chỉ nhân viên bức xạ (người phụ trách an toàn cơ sở X-quang chẩn "
                      "đoán trong y tế)"));
    /* the dot OCR lost before a Vietnamese domain's "vn" */
    T_ASSERT(list_in("CÔNG VĂN\nEmail: c1notranglong.kbuk@daklak.eduvn\n", "emails", 1, 0,
                     "c1notranglong.kbuk@daklak.edu.vn"));
    /* (in hOCR a value set in by a few blanks, under a label one text's width further left) */
    static const char *const set_in[] = {
        "1000 170 PHIẾU 338 TIẾP 478 NHẬN 618 HỒ 702 SƠ",
        "1118 170 Thủ 282 tục 394 đề 478 nghị 618 giải 758 quyết",
        "1165 208 Đánh 348 giá, 488 phân 628 hạng 768 sản 880 phẩm 1020 thuộc 1188 Chương 1384 "
        "trình",
        "1217 208 (OCOP) 404 cấp 516 tỉnh",
        "1265 170 Tên 282 sản 394 phẩm 534 đăng 674 ký: 786 Gạo 898 thơm 1038 hữu 1150 cơ",
        NULL,
    };
    T_ASSERT(layout_field_is(set_in, "procedure",
                             "Đánh giá, phân hạng sản phẩm thuộc Chương trình (OCOP) cấp tỉnh"));
    return 0;
}

static const t_case cases[] = {
    {"corpus_receipt", t_corpus_receipt},
    {"corpus_decision", t_corpus_decision},
    {"corpus_form", t_corpus_form},
    {"corpus_letter", t_corpus_letter},
    {"ocr_damage", t_ocr_damage},
    {"ocr_real", t_ocr_real},
    {"bad_input", t_bad_input},
    {"absurd_values", t_absurd_values},
    {"empty_labels", t_empty_labels},
    {"fuzz", t_fuzz},
    {"merge", t_merge},
    {"round3", t_round3},
    {"flatten", t_flatten},
    {"nfc", t_nfc},
    {"api_errors", t_api_errors},
    {"forms_corpus", t_forms_corpus},
    {"forms_ocr", t_forms_ocr},
    {"rules", t_rules},
    {"review", t_review},
    {"layout", t_layout},
    {"heldout6", t_heldout6},
    {"heldout7", t_heldout7},
    {"heldout8_rest", t_heldout8_rest},
    {"heldout10", t_heldout10},
    {"heldout11", t_heldout11},
    {"heldout12", t_heldout12},
    {"heldout13", t_heldout13},
    {"heldout14", t_heldout14},
    {"heldout15", t_heldout15},
    {"heldout16", t_heldout16},
    {"heldout17", t_heldout17},
    {"heldout18", t_heldout18},
    {"heldout19", t_heldout19},
    {"heldout20", t_heldout20},
    {"heldout21", t_heldout21},
    {"heldout23", t_heldout23},
    {"heldout24", t_heldout24},
    {"heldout25", t_heldout25},
    {"heldout26", t_heldout26},
    {"heldout27", t_heldout27},
    {"heldout28", t_heldout28},
    {"heldout29_30", t_heldout29_30},
    {"heldout31", t_heldout31},
    {"heldout32", t_heldout32},
    {"heldout33", t_heldout33},
    {"heldout34", t_heldout34},
    {"heldout35_36", t_heldout35_36},
    {"heldout37_38", t_heldout37_38},
    {"heldout39_40", t_heldout39_40},
    {"heldout44_48", t_heldout44_48},
    {"heldout49_56", t_heldout49_56},
    {"heldout57_64", t_heldout57_64},
    {"heldout65_68", t_heldout65_68},
    {"heldout77_80", t_heldout77_80},
    {"heldout90_96", t_heldout90_96},
    {"heldout109_112", t_heldout109_112},
    {"heldout8", t_heldout8},
    {"generalise", t_generalise},
};

T_MAIN(cases)
