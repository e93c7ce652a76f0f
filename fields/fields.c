/* fields.c - metadata fields of one page of a Vietnamese administrative document, read
 * from its OCR text: the entry point and JSON output, and the Decree 30/2020 header rules
 * (document type and title, number and symbol, issuer, place and date, summary,
 * references). The people and receipt lines are in fields_people.c. Labels are matched
 * on folded text, so lost or wrong tone marks do not hide them; values are validated and
 * normalised, or not reported. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "fields_int.h"

static const char *const key_names[K_COUNT] = {
    "doc_type", "title",        "number_symbol", "issuer",  "place",      "issue_date",
    "summary",  "dossier_code", "applicant",     "address", "id_numbers", "phones",
    "emails",   "procedure",    "received_at",   "due_at",  "receiver",   "recipient",
    "signer",   "signer_title", "references",
};

const char *fields_key(size_t i)
{
    return i < K_COUNT ? key_names[i] : NULL;
}

int fields_is_list(const char *key)
{
    return key && (!strcmp(key, "id_numbers") || !strcmp(key, "phones") || !strcmp(key, "emails") ||
                   !strcmp(key, "references"));
}

/* Takes ownership of value. Keeps the more confident of two candidates. */
void fx_set(fx_result *r, int k, char *value, double conf, size_t line)
{
    const char *why = r->why;
    r->why = NULL;
    if (!value)
        return;
    if (r->v[k].value && r->v[k].conf >= conf) {
        free(value);
        return;
    }
    free(r->v[k].value);
    r->v[k].value = value;
    r->v[k].conf = conf;
    r->v[k].line = line;
    r->v[k].why = why;
}

char *fx_dup(fx_result *r, const char *s)
{
    char *d = strdup(s);
    if (!d)
        r->nomem = 1;
    return d;
}

void fx_add(fx_result *r, int k, const char *value, double conf)
{
    const char *why = r->why;
    r->why = NULL;
    fx_list *l = &r->l[k];
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->items[i], value)) {
            if (conf > l->conf[i]) {
                l->conf[i] = conf;
                l->line[i] = r->at;
                l->why[i] = why;
            }
            return;
        }
    if (l->n == FX_LIST_MAX)
        return;
    char *d = fx_dup(r, value);
    if (!d)
        return;
    l->items[l->n] = d;
    l->line[l->n] = r->at;
    l->why[l->n] = why;
    l->conf[l->n++] = conf;
}

static void result_release(fx_result *r)
{
    for (int k = 0; k < K_COUNT; k++) {
        free(r->v[k].value);
        for (size_t i = 0; i < r->l[k].n; i++)
            free(r->l[k].items[i]);
    }
}

/* ---- document type and title ---- */

typedef struct doc_kind {
    const char *prefix; /* folded heading start */
    const char *type;
} doc_kind;

static const doc_kind kinds[] = {
    {"giay tiep nhan ho so", "giay_tiep_nhan"},
    {"phieu tiep nhan ho so", "giay_tiep_nhan"},
    {"giay tiep nhan", "giay_tiep_nhan"},
    {"phieu tiep nhan", "giay_tiep_nhan"},
    {"giay bien nhan ho so", "giay_tiep_nhan"},
    {"phieu bien nhan ho so", "giay_tiep_nhan"},
    {"giay bien nhan", "giay_tiep_nhan"},
    {"phieu bien nhan", "giay_tiep_nhan"},
    {"bien nhan ho so", "giay_tiep_nhan"},
    /* the social-insurance office's "PHIẾU GIAO NHẬN HỒ SƠ": handed over and received */
    {"phieu giao nhan ho so", "giay_tiep_nhan"},
    {"giay giao nhan ho so", "giay_tiep_nhan"},
    {"phieu nhan ho so", "giay_tiep_nhan"},
    /* the appointment slip a one-stop desk gives for a dossier is its receipt */
    {"phieu hen tra ket qua", "giay_tiep_nhan"},
    {"giay hen tra ket qua", "giay_tiep_nhan"},
    {"quyet dinh", "quyet_dinh"},
    {"nghi quyet", "nghi_quyet"},
    {"nghi dinh", "nghi_dinh"},
    {"thong tu", "thong_tu"},
    {"chi thi", "chi_thi"},
    {"thong bao", "thong_bao"},
    {"to trinh", "to_trinh"},
    {"bao cao", "bao_cao"},
    {"ke hoach", "ke_hoach"},
    {"cong van", "cong_van"},
    {"giay moi", "giay_moi"},
    {"bien ban", "bien_ban"},
    {"hop dong", "hop_dong"},
    {"to khai", "to_khai"},
    {"giay de nghi", "giay_de_nghi"},
    {"phieu de nghi", "giay_de_nghi"},
    {"phieu yeu cau", "giay_de_nghi"},
    {"van ban de nghi", "giay_de_nghi"},
    /* every ĐƠN (đề nghị, đăng ký, khiếu nại, xin ...) asks for something */
    {"don de nghi", "giay_de_nghi"},
    {"don dang ky", "giay_de_nghi"},
    {"don khieu nai", "giay_de_nghi"},
    {"don to cao", "giay_de_nghi"},
    {"don xin", "giay_de_nghi"},
    {"don yeu cau", "giay_de_nghi"},
    {"don", "giay_de_nghi"},
    {"giay uy quyen", "giay_uy_quyen"},
    {"giay xac nhan", "giay_xac_nhan"},
    {"xac nhan", "giay_xac_nhan"},
    {"giay chung nhan", "giay_chung_nhan"},
    {"giay phep", "giay_phep"},
    {"hien phap", "hien_phap"},
    {"luat", "luat"},
    {"phap lenh", "phap_lenh"},
};

/* Does a capitals line after the heading continue the title: no blank line between, no
 * bracketed subtitle, no label, no number, not the issuing body's own line? */
static int title_goes_on(const fx_line *l, int form)
{
    size_t p = fx_line_start(l);
    if (p >= l->flen || l->text[0] == '(' || fx_upper_ratio(l->text) < 0.8)
        return 0;
    /* "Số: 61/GXN-CAX" is the number's line; "SỐ CHỨNG MINH NHÂN DÂN VÀ …" goes on */
    size_t sn = p + 2;
    while (sn < l->flen && l->fold[sn] == ' ')
        sn++;
    if (strpbrk(l->fold, ":/") || (fx_starts_word(l->fold + p, "so") &&
                                   (sn >= l->flen || (l->fold[sn] >= '0' && l->fold[sn] <= '9'))))
        return 0;
    /* "GIÁM ĐỐC SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN": the authority that decides,
     * under the title (OCR may lose the blank line between) */
    static const char *const heads[] = {
        "giam doc",   "tong giam doc",  "chu tich",    "truong phong", "truong ban", "bo truong",
        "cuc truong", "chi cuc truong", "vien truong", "hieu truong",  NULL};
    if (fx_starts_any(l->fold + p, heads, NULL))
        return 0;
    /* "SỐ CHỨNG MINH …" (a number) folds as "SỞ …" (a department) does */
    const char *t = l->text + l->map[p];
    if (!strncmp(t, "SỐ ", strlen("SỐ ")))
        return 1;
    /* a form has no issuer under its title: "TỜ KHAI THAM GIA, ĐIỀU CHỈNH THÔNG TIN" /
     * "BẢO HIỂM XÃ HỘI, BẢO HIỂM Y TẾ" goes on though "bảo hiểm" opens a body's name */
    return form || !fx_starts_any(l->fold + p, fx_body_words, NULL);
}

/* Do hOCR lines a and b share their centre, within a quarter of the wider one's width? */
static int same_centre(const fx_line *a, const fx_line *b)
{
    int ca = (a->box[0] + a->box[2]) / 2, cb = (b->box[0] + b->box[2]) / 2;
    int wa = a->box[2] - a->box[0], wb = b->box[2] - b->box[0];
    int d = ca > cb ? ca - cb : cb - ca;
    return d * 4 <= (wa > wb ? wa : wb);
}

/* Is line i the rest of a name the row above broke at its hyphen ("PHÒNG TÀI CHÍNH -" /
 * "KẾ HOẠCH"): the first segment of its row, under the first segment of the row above,
 * which ends in "-"? */
static int after_hyphen(const fx_page *pg, size_t i)
{
    const fx_line *l = &pg->lines[i];
    if (i == 0 || pg->lines[i - 1].row == l->row)
        return 0;
    size_t k = i - 1;
    while (k > 0 && pg->lines[k - 1].row == pg->lines[i - 1].row)
        k--;
    const fx_line *a = &pg->lines[k];
    if (a->row != l->row - 1 || a->len < 2 || a->text[a->len - 1] != '-' ||
        a->text[a->len - 2] != ' ')
        return 0;
    int end = a->box[2] ? a->box[2] : a->x + (int)a->len;
    return l->x < end;
}

static void find_heading(const fx_page *pg, fx_result *r)
{
    r->heading = FX_NONE;
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        if (fx_line_blank(l) || fx_upper_ratio(l->text) < 0.8 || after_hyphen(pg, i))
            continue;
        size_t p = fx_line_start(l);
        for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
            int edits = 0;
            size_t e = fx_label_match(l, p, kinds[k].prefix, &edits);
            /* short names one edit apart are other words ("HỘI ĐỒNG" / "hợp đồng") */
            if (e == FX_NONE || (edits && strlen(kinds[k].prefix) < 10))
                continue;
            /* "QUYẾT ĐỊNH:" over the articles, "ĐƠN VỊ: ..." are no headings */
            int colon;
            size_t after = fx_after_colon(l, e, &colon);
            if (colon || (strlen(kinds[k].prefix) < 5 && after < l->flen && l->flen > 60))
                continue;
            r->heading = i;
            fx_set(r, K_DOC_TYPE, fx_dup(r, kinds[k].type), fx_conf(0.95, edits, 0), i);
            /* the title as printed, with the capitals lines it wraps onto */
            char *t = fx_text_slice(l, p, l->flen);
            size_t last = i;
            /* a bare "GIẤY CHỨNG NHẬN" names what it certifies on the next capitals line,
             * which OCR may set a paragraph apart */
            int bare = !strncmp(kinds[k].prefix, "giay ", 5) && fx_after_colon(l, e, &colon) >= l->flen;
            for (int more = 0; t && more < 3; more++) {
                /* past a blank line too when the line goes on with "VÀ" ("PHIẾU TIẾP NHẬN
                 * HỒ SƠ" / "VÀ HẸN TRẢ KẾT QUẢ"): no title's own line starts so */
                size_t j = fx_next_line(pg, last, 1), near = fx_next_line(pg, last, 0);
                /* a centred title's longer second line starts further left, in the other
                 * column of the text: the next row when it holds that line alone */
                /* (in hOCR: when the two lines share their centre, as centred lines do) */
                size_t alone = fx_next_row_alone(pg, last);
                if (alone != FX_NONE && pg->lines[last].box[2] &&
                    !same_centre(&pg->lines[last], &pg->lines[alone]))
                    alone = FX_NONE;
                if (alone != FX_NONE && (j == FX_NONE || pg->lines[j].row > pg->lines[alone].row)) {
                    j = alone;
                    near = pg->lines[alone].row == pg->lines[last].row + 1 ? alone : FX_NONE;
                }
                int form =
                    !strcmp(kinds[k].type, "to_khai") || !strcmp(kinds[k].type, "giay_de_nghi");
                if (j == FX_NONE || !title_goes_on(&pg->lines[j], form) ||
                    (j != near && !(more == 0 && bare) &&
                     !fx_starts_word(pg->lines[j].fold + fx_line_start(&pg->lines[j]), "va")))
                    break;
                t = fx_join(t, &pg->lines[last], &pg->lines[j], fx_line_start(&pg->lines[j]),
                            pg->lines[j].flen);
                last = j;
            }
            r->title_end = last;
            fx_set(r, K_TITLE, t, fx_conf(0.9, edits, 0), i);
            return;
        }
    }
}

/* ---- number and symbol, references ---- */

/* A document number at s (original text): "412/QĐ-UBND", "61/2018/NĐ-CP". Writes it to out
 * with repaired digits; returns the bytes consumed or 0. *year gets the year part or 0. */
static size_t parse_docnum(const char *s, char *out, size_t cap, int *year, int *repairs)
{
    char num[8];
    int rep = 0;
    size_t n = fx_digits(s, num, sizeof num, &rep);
    if (!n || !num[0] || strlen(num) > 5 || s[n] != '/')
        return 0;
    size_t w = (size_t)snprintf(out, cap, "%s/", num);
    size_t i = n + 1, len = strlen(s);
    *year = 0;
    /* an optional year segment: "61/2018/NĐ-CP" */
    char yr[8];
    size_t yn = fx_digits(s + i, yr, sizeof yr, &rep);
    if (yn && strlen(yr) == 4 && s[i + yn] == '/') {
        int y = atoi(yr);
        if (y < 1945 || y > 2100)
            return 0;
        *year = y;
        w += (size_t)snprintf(out + w, cap > w ? cap - w : 0, "%s/", yr);
        i += yn + 1;
    }
    int letters = 0, first = 1;
    size_t start = i, o = w;
    char sym[64];
    size_t sn = 0;
    while (i < len) {
        size_t at = i;
        int cp = fx_cp_next(s, len, &i);
        if (first && !fx_cp_upper(cp))
            return 0;
        first = 0;
        /* "11/2021/NĐ- CP": a blank OCR put after the symbol's hyphen, capitals after it */
        if (cp == ' ' && sn && sym[sn - 1] == '-' && i < len) {
            size_t k = i;
            if (fx_cp_upper(fx_cp_next(s, len, &k))) {
                rep++;
                continue;
            }
        }
        if (fx_cp_letter(cp)) {
            letters++;
        } else if (!((cp >= '0' && cp <= '9') || cp == '-' || cp == '/' || cp == '.')) {
            i = at;
            break;
        }
        if (sn + (i - at) >= sizeof sym)
            return 0;
        memcpy(sym + sn, s + at, i - at);
        sn += i - at;
    }
    /* a trailing "." or "-" is punctuation, not symbol */
    while (sn > 0 && (sym[sn - 1] == '.' || sym[sn - 1] == '-' || sym[sn - 1] == '/')) {
        sn--;
        i--;
    }
    if (letters < 2 || sn > 40 || o + sn + 1 > cap || i < start)
        return 0;
    memcpy(out + o, sym, sn);
    out[o + sn] = '\0';
    *repairs += rep;
    return i;
}

static void find_number_symbol(const fx_page *pg, fx_result *r)
{
    static const char *const so[] = {"so ky hieu", "so hieu", "so cap", "so", NULL};
    for (size_t i = 0; i < pg->n && pg->lines[i].row < 40; i++) {
        const fx_line *l = &pg->lines[i];
        int edits = 0, colon;
        size_t e = fx_match_any(l, so, &edits);
        double base = 0.95;
        if (e == FX_NONE) {
            /* columns run together: "ỦY BAN NHÂN DÂN Số: 412/QĐ-UBND"; the issuer's
             * capitals before it, not a sentence's other document ("Giấy chứng sinh số:
             * 1147/GCS") */
            size_t at = 0;
            e = strchr(l->fold, '/') ? fx_find_any(l, so, &at, &edits) : FX_NONE;
            if (e != FX_NONE) {
                char *before = fx_text_slice(l, 0, at);
                if (!before || fx_upper_ratio(before) < 0.8)
                    e = FX_NONE;
                free(before);
            }
            base = 0.8;
        }
        if (e == FX_NONE)
            continue;
        size_t v = fx_after_colon(l, e, &colon);
        if (!colon || v >= l->flen)
            continue;
        char out[96];
        int year, rep = 0;
        if (!parse_docnum(l->text + l->map[v], out, sizeof out, &year, &rep))
            continue;
        fx_set(r, K_NUMBER_SYMBOL, fx_dup(r, out), fx_conf(base, edits, rep), i);
        return;
    }
}

/* The numbers of the documents cited in one line (from fold offset 0). */
static void references_in(const fx_page *pg, size_t line, size_t upto, fx_result *r)
{
    const fx_line *l = &pg->lines[line];
    const char *own = r->v[K_NUMBER_SYMBOL].value;
    for (size_t p = 0; p < l->flen && p < upto; p++) {
        if (!(l->fold[p] >= '0' && l->fold[p] <= '9'))
            continue;
        if (p > 0 && (fx_alnum(l->fold[p - 1]) || l->fold[p - 1] == '/' || l->fold[p - 1] == '.' ||
                      l->fold[p - 1] == '-'))
            continue;
        char out[96];
        int year = 0, rep = 0;
        size_t n = parse_docnum(l->text + l->map[p], out, sizeof out, &year, &rep);
        /* "… số 109/2009/" / "TTLT-BTC-BGDĐT ngày …": broken after its year */
        size_t tok = strcspn(l->text + l->map[p], " ");
        int cut = l->map[p] + tok == l->len && tok > 2 && l->text[l->len - 1] == '/';
        if (!n && !cut)
            continue;
        size_t end = n ? l->map[p] + n : l->len - 1, q = p;
        while (q < l->flen && l->map[q] < end)
            q++;
        /* "Nghị quyết số 47/2022/NQ-" / "HĐND ngày …": a symbol broken at its hyphen */
        size_t ni = end + 1 == l->len && (l->text[end] == '-' || l->text[end] == '/')
                        ? fx_next_line(pg, line, 0)
                        : FX_NONE;
        if (!n)
            out[0] = '\0';
        if (ni != FX_NONE) {
            const fx_line *nl = &pg->lines[ni];
            size_t w = 0;
            while (w < nl->len && nl->text[w] != ' ' && nl->text[w] != ',' && nl->text[w] != ';')
                w++;
            char joined[96], more[96];
            int rep2 = 0, year2 = 0;
            if (w && l->len - l->map[p] + w < sizeof joined) {
                snprintf(joined, sizeof joined, "%.*s%.*s", (int)(l->len - l->map[p]),
                         l->text + l->map[p], (int)w, nl->text);
                size_t n2 = parse_docnum(joined, more, sizeof more, &year2, &rep2);
                if (n2 > l->len - l->map[p] && strlen(more) > strlen(out))
                    memcpy(out, more, strlen(more) + 1);
            }
        }
        r->at = line;
        if (out[0] && !(own && !strcmp(own, out)))
            fx_add(r, K_REFERENCES, out, fx_conf(0.9, 0, rep));
        p = q;
    }
}

/* The fold offset where a sentence ends inside line l (".", after a small letter or a
 * digit, then a capital: "TP. Hồ Chí Minh" goes on), or flen. A ";" does not end it: one
 * "Căn cứ" may cite several laws apart by ";". */
static size_t clause_end(const fx_line *l)
{
    /* "…; xét đề nghị của Trưởng phòng … Tờ trình số 164/TTr-NV", "…; qua kiểm tra thực tế
     * (Biên bản số 23/BB-UBND)": after a semicolon, a clause in small letters is no more
     * grounds (the next ground starts with its document's name: "; Thông tư số …") */
    for (size_t q = 1; q + 2 < l->flen; q++) {
        if (l->fold[q] != ';' || l->fold[q + 1] != ' ')
            continue;
        size_t k = l->map[q + 2];
        /* "…; và Thông tư số 07/2021/TT-BLĐTBXH": "và" before another document's name
         * joins one more ground to the same clause */
        if (fx_starts_word(l->fold + q + 2, "va") && q + 5 < l->flen) {
            size_t v = l->map[q + 5];
            if (fx_cp_upper(fx_cp_next(l->text, l->len, &v)))
                continue;
        }
        if (fx_cp_lower(fx_cp_next(l->text, l->len, &k)) &&
            !fx_starts_word(l->fold + q + 2, "can cu"))
            return q;
    }
    for (size_t q = 1; q + 2 < l->flen; q++) {
        if (l->fold[q] != '.' || l->fold[q + 1] != ' ')
            continue;
        size_t a = l->map[q - 1], b = l->map[q + 2];
        int before = fx_cp_next(l->text, l->len, &a), after = fx_cp_next(l->text, l->len, &b);
        /* "Căn cứ Luật. Tài nguyên, …": a dot OCR put after a law's word ends nothing */
        if (q >= 4 && !strncmp(l->fold + q - 4, "luat", 4) && (q == 4 || l->fold[q - 5] == ' '))
            continue;
        if ((fx_cp_lower(before) || (before >= '0' && before <= '9')) && fx_cp_upper(after))
            return q;
    }
    return l->flen;
}

/* References: the numbers cited in the "Căn cứ ..." clauses (Decree 30's legal grounds),
 * each clause to the line that ends it with ";", "," or "."; never the "Xét ..." nor
 * "Thực hiện ..." lines nor the body. */
static void find_references(const fx_page *pg, fx_result *r)
{
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        if (!fx_starts_word(l->fold + fx_line_start(l), "can cu"))
            continue;
        size_t j = i;
        for (int k = 0; k < 4 && j != FX_NONE; k++) {
            const fx_line *c = &pg->lines[j];
            /* (an article, "Điều 1.", stops it; "điều kiện …" going on does not) */
            const char *cs = c->fold + fx_line_start(c);
            if (k > 0 && (fx_starts_any(cs,
                                        (const char *const[]){"can cu", "xet", "theo", "thuc hien",
                                                              "quyet dinh", NULL},
                                        NULL) ||
                          (!strncmp(cs, "dieu ", 5) && cs[5] >= '0' && cs[5] <= '9')))
                break;
            /* a clause that ends inside the line with its sentence ("... của Bộ Tư pháp,
             * ... từ chối. Việc cải chính ... Nghị định số 123/2015/NĐ-CP") */
            size_t upto = clause_end(c);
            references_in(pg, j, upto, r);
            char last = c->len ? c->text[c->len - 1] : ';';
            /* a comma at the line's end goes on ("…, được sửa đổi," / "bổ sung bởi Nghị định
             * số 55/2023/NĐ-CP …"); the next clause's first word stops it above */
            if (upto < c->flen || last == '.' || last == ':')
                break;
            size_t nj = fx_next_line(pg, j, 1);
            /* "…của Chính phủ;" / "Thông tư số 21/2020/TT-BCT …": after a semicolon the
             * grounds go on only in an item that names a law or a decree without its own
             * "Căn cứ" */
            static const char *const items[] = {"luat",       "nghi dinh", "thong tu",
                                                "nghi quyet", "phap lenh", NULL};
            if (last == ';' &&
                (nj == FX_NONE ||
                 !fx_starts_any(pg->lines[nj].fold + fx_line_start(&pg->lines[nj]), items, NULL)))
                break;
            j = nj;
        }
    }
}

/* ---- issuer ---- */

static int is_motto(const fx_line *l)
{
    const char *f = l->fold + fx_line_start(l);
    return fx_has_words(l->fold, "cong hoa xa hoi") || fx_starts_word(f, "doc lap") ||
           fx_has_words(l->fold, "tu do hanh phuc") || fx_has_words(l->fold, "tu do - hanh phuc");
}

static const char *const agency_words[] = {
    "uy ban",  "ubnd",    "hdnd",      "hoi dong",  "so",        "bo",        "phong",
    "cuc",     "chi cuc", "tong cuc",  "truong",    "benh vien", "cong an",   "toa an",
    "vien",    "ban",     "trung tam", "van phong", "cong ty",   "kho bac",   "ngan hang",
    "dang uy", "doan",    "chi nhanh", "huyen",     "tinh",      "thanh pho", "quan",
    "xa",      "phuong",  "quoc hoi",  "chinh phu", "thu tuong", NULL,
};

static void find_issuer(const fx_page *pg, fx_result *r)
{
    static const char *const skip[] = {"so", "ma ho so", "so ho so", "ma so ho so", NULL};
    char *cur = NULL;
    char *curfold = NULL;
    size_t first = FX_NONE, taken = 0, last_taken = 0;
    double conf = 0.9;
    size_t stop = r->heading != FX_NONE ? r->heading : pg->n;
    for (size_t i = 0; i < pg->n && i < stop && pg->lines[i].row < 12; i++) {
        const fx_line *l = &pg->lines[i];
        int edits, colon;
        /* the national title and the place-date line stand in the right-hand column */
        if (fx_line_blank(l) || is_motto(l) || l->col != 0)
            continue;
        size_t e = fx_match_any(l, skip, &edits);
        if (e != FX_NONE) {
            fx_after_colon(l, e, &colon);
            if (colon)
                continue;
        }
        if (fx_upper_ratio(l->text) < 0.85 || taken == 4)
            break;
        size_t p = fx_line_start(l);
        char *t = fx_text_slice(l, p, l->flen);
        if (!t)
            break;
        const char *f = l->fold + p;
        taken++;
        size_t prev = last_taken;
        last_taken = i;
        if (!cur) {
            cur = t;
            curfold = fx_dup(r, f);
            first = i;
            continue;
        }
        if (fx_starts_word(f, "bo phan") || fx_starts_word(f, "to")) {
            /* a unit of the issuer ("BỘ PHẬN MỘT CỬA"), not an issuer of its own */
            free(t);
            break;
        }
        if (fx_starts_any(f, fx_body_words, NULL)) {
            /* a new body: the one above was its parent (Decree 30) */
            free(cur);
            cur = t;
            free(curfold);
            curfold = fx_dup(r, f);
            first = i;
            continue;
        }
        /* "ỦY BAN NHÂN DÂN" / "HUYỆN VẠN NINH", "TRUNG TÂM PHỤC VỤ" / "HÀNH CHÍNH CÔNG":
         * one name on two lines */
        /* "PHÒNG TÀI CHÍNH -" / "KẾ HOẠCH": the hyphen it broke at stays */
        const char *sep = fx_join_sep(&pg->lines[prev], cur, "");
        size_t a = strlen(cur), b = strlen(t), sn = strlen(sep);
        char *j = malloc(a + sn + b + 2);
        if (!j) {
            r->nomem = 1;
            free(t);
            break;
        }
        memcpy(j, cur, a);
        memcpy(j + a, sep, sn);
        a += sn;
        j[a] = ' ';
        memcpy(j + a + 1, t, b + 1);
        free(cur);
        free(t);
        cur = j;
        free(curfold);
        curfold = fx_fold(cur);
    }
    int agency = 0;
    for (const char *const *w = agency_words; curfold && *w && !agency; w++)
        agency = fx_has_words(curfold, *w);
    /* an agency's name is words: no label, no number, not a paragraph */
    if (agency && (strpbrk(curfold, ":/@") || strlen(curfold) > 160))
        agency = 0;
    /* "1UJBND HUYỆN CAM LÂM": a word of letters and digits run together is misread */
    for (const char *c = curfold; agency && c && *c; c++)
        if (*c >= '0' && *c <= '9' &&
            ((c > curfold && fx_alnum(c[-1]) && !(c[-1] >= '0' && c[-1] <= '9')) ||
             (c[1] >= 'a' && c[1] <= 'z')))
            agency = 0;
    if (cur && agency && strlen(cur) >= 4)
        fx_set(r, K_ISSUER, cur, conf, first);
    else
        free(cur);
    free(curfold);
}

/* ---- place and date: "Vạn Ninh, ngày 05 tháng 02 năm 2020" ---- */

/* The start of the word of text that ends before byte end, blanks between skipped; its end
 * in *we. */
static size_t word_before(const char *text, size_t end, size_t *we)
{
    while (end > 0 && text[end - 1] == ' ')
        end--;
    *we = end;
    while (end > 0 && text[end - 1] != ' ')
        end--;
    return end;
}

/* The run of capitalised words of text ending at byte end, at most 4; NULL if none. */
static char *place_before(const char *text, size_t end, int *at_start)
{
    while (end > 0 && text[end - 1] == ' ')
        end--;
    size_t start = end, ia_at = (size_t)-1;
    int words = 0;
    while (start > 0 && words < 4) {
        size_t ws = start;
        while (ws > 0 && text[ws - 1] != ' ')
            ws--;
        /* "'Vạn Ninh": OCR debris glued to the first word */
        size_t lead = ws;
        while (lead < start && strchr("'\"_|-.`", text[lead]))
            lead++;
        while (lead + 3 <= start && !strncmp(text + lead, "\xe2\x80", 2) &&
               ((unsigned char)text[lead + 2] == 0x98 || (unsigned char)text[lead + 2] == 0x9c))
            lead += 3;
        size_t i = lead;
        int cp = fx_cp_next(text, start, &i);
        /* "la Hla, ngày …": the Highlands' "Ia" OCR read with an l */
        int ia = words && start - lead == 2 && !strncmp(text + lead, "la", 2);
        if (!fx_cp_upper(cp) && !ia)
            break;
        if (ia) {
            ia_at = lead;
            words++;
            start = lead;
            break;
        }
        /* "TP. Hồ Chí Minh": a city's abbreviation of two or three letters before its name
         * is the place's first word */
        if (words && lead == ws && start - lead >= 3 && start - lead <= 4 &&
            text[start - 1] == '.') {
            int abbr = 1;
            for (size_t k = lead; k + 1 < start; k++)
                abbr &= (text[k] >= 'A' && text[k] <= 'Z') || (text[k] >= 'a' && text[k] <= 'z');
            if (abbr) {
                words++;
                start = lead;
                break;
            }
        }
        int ok = 1;
        for (i = lead; i < start;) {
            size_t at = i;
            int c = fx_cp_next(text, start, &i);
            /* an apostrophe inside a name: "Nâm N'Jang", "Ia H'Drai", or OCR's stand-in for
             * one ("Cư M?gar": the page's other copies vote on it later) */
            if (!fx_cp_letter(c) && !(fx_apostrophe_like(c) && at > lead && i < start))
                ok = 0;
        }
        if (!ok)
            break;
        words++;
        start = lead;
        if (lead > ws)
            break;
        while (start > 0 && text[start - 1] == ' ')
            start--;
    }
    if (!words)
        return NULL;
    while (text[start] == ' ')
        start++;
    /* "Thành phố Hồ Chí Minh, ngày …", "Thị xã Sơn Tây, ngày …": a unit of two words, its
     * first in capitals, is the place's as printed */
    if (start > 0) {
        size_t e2, s2 = word_before(text, start, &e2), e1, s1 = word_before(text, s2, &e1);
        static const char *const two[] = {"thanh pho", "thi xa", "thi tran", NULL};
        size_t k = s1;
        char unit[32];
        if (e1 > s1 && e2 - s1 < sizeof unit && fx_cp_upper(fx_cp_next(text, e1, &k))) {
            memcpy(unit, text + s1, e2 - s1);
            unit[e2 - s1] = '\0';
            char *uf = fx_fold(unit);
            size_t un;
            if (uf && fx_starts_any(uf, two, &un) && !uf[un])
                start = s1;
            free(uf);
        }
    }
    /* nothing but debris before the place: it starts the line */
    *at_start = 1;
    for (size_t i = start; i > 0 && *at_start; i--) {
        unsigned char c = (unsigned char)text[i - 1];
        if (c >= 0x80 && c < 0xC0)
            continue;
        size_t k = i - 1;
        int cp = fx_cp_next(text, start, &k);
        if (fx_cp_letter(cp) || (cp >= '0' && cp <= '9'))
            *at_start = 0;
    }
    /* "Làm tại: Nha Trang": a label before the place is as good as the line start */
    if (!*at_start && start >= 2 && text[start - 1] == ' ' && text[start - 2] == ':')
        *at_start = 1;
    char *s = malloc(end - start + 1);
    if (!s)
        return NULL;
    memcpy(s, text + start, end - start);
    s[end - start] = '\0';
    if (ia_at != (size_t)-1)
        s[ia_at - start] = 'I';
    return s;
}

/* Does the word of text that ends at byte end (blanks before end skipped) start with a
 * capital letter and hold at least two letters (a place's name, whatever OCR did to it)? */
static int capital_word_before(const char *text, size_t end)
{
    size_t ws = word_before(text, end, &end), i = ws;
    if (ws >= end || !fx_cp_upper(fx_cp_next(text, end, &i)))
        return 0;
    int letters = 1;
    while (i < end) {
        int cp = fx_cp_next(text, end, &i);
        /* "quyển số 05/2019 TP/CC-SCC/HĐGD, ngày 18/9/2019": a symbol, a cited record's
         * date, is no broken place */
        if (cp == '/' || (cp >= '0' && cp <= '9'))
            return 0;
        letters += fx_cp_letter(cp);
    }
    return letters >= 2;
}

/* "Đắk Mi], ngày 17 …": the place before byte end of line i's text with an l that OCR read
 * as "]" or "|" after a small letter put back, when the page prints the name so elsewhere
 * ("huyện Đắk Mil"); NULL otherwise. */
static char *place_repaired(const fx_page *pg, size_t i, size_t end, int *at_start)
{
    const fx_line *l = &pg->lines[i];
    char *t = malloc(end + 1);
    if (!t)
        return NULL;
    memcpy(t, l->text, end);
    t[end] = '\0';
    int fixed = 0;
    for (size_t k = 1; k < end; k++) {
        if (t[k] != ']' && t[k] != '|')
            continue;
        size_t b = k - 1; /* the letter before: its first byte */
        while (b > 0 && ((unsigned char)t[b] & 0xC0) == 0x80)
            b--;
        size_t x = b;
        if (fx_cp_lower(fx_cp_next(t, k, &x))) {
            t[k] = 'l';
            fixed = 1;
        }
    }
    char *place = fixed ? place_before(t, end, at_start) : NULL;
    free(t);
    char *pf = place ? fx_fold(place) : NULL;
    int seen = 0;
    for (size_t k = 0; pf && k < pg->n && !seen; k++) {
        const char *h = k == i ? NULL : strstr(pg->lines[k].fold, pf);
        seen = h && (h == pg->lines[k].fold || !fx_alnum(h[-1])) && !fx_alnum(h[strlen(pf)]);
    }
    free(pf);
    if (!seen) {
        free(place);
        return NULL;
    }
    return place;
}

static void find_place_date(const fx_page *pg, fx_result *r)
{
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        for (size_t p = 0; p + 4 < l->flen; p++) {
            if (!fx_starts_word(l->fold + p, "ngay") || (p > 0 && fx_alnum(l->fold[p - 1])))
                continue;
            int y, m, d, rep = 0;
            size_t dl = fx_date_parse(l->fold + p, &y, &m, &d, &rep);
            int dated = dl != 0;
            /* "Ngày 16 tháng 5 năm 2023" alone on its line: a date without a place */
            if (dated && p == fx_line_start(l) && p + dl + 1 >= l->flen) {
                char iso[16];
                snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
                fx_set(r, K_ISSUE_DATE, fx_dup(r, iso), fx_conf(0.75, 0, rep), i);
                break;
            }
            /* "Khánh Hòa, ngày 24 tháng 01 năm 202)": the place stands, the date is lost */
            if (!dated) {
                const char *f = l->fold + p + 4;
                while (*f == ' ')
                    f++;
                int digits = 0;
                while (*f >= '0' && *f <= '9')
                    f++, digits++;
                while (*f == ' ')
                    f++;
                if (!digits || digits > 2 || strncmp(f, "thang", 5))
                    continue;
            }
            size_t q = p;
            while (q > 0 && l->fold[q - 1] == ' ')
                q--;
            int comma = q > 0 && l->fold[q - 1] == ',';
            if (comma)
                q--;
            int at_start = 0;
            char *place = place_before(l->text, l->map[q], &at_start);
            if (!place && dated && comma)
                place = place_repaired(pg, i, l->map[q], &at_start);
            if (!place && dated && comma && capital_word_before(l->text, l->map[q])) {
                /* "Nâm N']Jang, ngày 06 tháng 3 năm 2025": OCR broke the place's name, the
                 * date after its comma stands */
                char iso[16];
                snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
                fx_set(r, K_ISSUE_DATE, fx_dup(r, iso), fx_conf(0.8, 0, rep), i);
                return;
            }
            if (!place)
                continue;
            /* "- Từ ngày 17/5/2021 đến nay": a preposition of time is no place */
            /* (nor a label of another date: "Cấp ngày   09/5/2021", an ID's date of issue;
             * "Sinh ngày …", "Ký ngày …") */
            static const char *const when[] = {"tu",    "den", "vao",  "truoc", "sau", "trong",
                                               "ke tu", "cap", "sinh", "ky",    NULL};
            char *pf = fx_fold(place);
            size_t wn;
            int temporal = pf && fx_starts_any(pf, when, &wn) && !pf[wn];
            free(pf);
            /* the word before the place, which place_before took up to map[q] */
            char word[32] = "", *wf = NULL;
            if (!at_start) {
                size_t pe = l->map[q], pn = strlen(place);
                while (pe > 0 && l->text[pe - 1] == ' ')
                    pe--;
                size_t ps = pe >= pn && !strncmp(l->text + pe - pn, place, pn) ? pe - pn : 0;
                size_t we, ws = word_before(l->text, ps, &we);
                if (we > ws && we - ws < sizeof word) {
                    memcpy(word, l->text + ws, we - ws);
                    word[we - ws] = '\0';
                    wf = fx_fold(word);
                }
            }
            /* "… vào hồi 09 giờ 20 phút, thứ Hai, ngày 09/6/2025": a day of the week is no
             * place */
            static const char *const days[] = {"hai", "ba", "tu", "nam", "sau", "bay", NULL};
            static const char *const named[] = {"thu hai", "thu ba",  "thu tu",   "thu nam",
                                                "thu sau", "thu bay", "chu nhat", NULL};
            pf = fx_fold(place);
            size_t dn;
            int weekday =
                pf && ((fx_starts_any(pf, named, &dn) && !pf[dn]) ||
                       (wf && !strcmp(wf, "thu") && fx_starts_any(pf, days, &dn) && !pf[dn]));
            free(pf);
            if ((!comma && !at_start) || temporal || weekday) {
                free(wf);
                free(place);
                continue;
            }
            /* "Đã đăng ký khai sinh tại: … xã Tam Quang, ngày 02/10/2015,": a place after a
             * unit's word in small letters, inside a sentence, is an event's; the page's own
             * place-date later on wins */
            size_t un;
            int in_sentence = comma && wf && fx_starts_any(wf, fx_admin_units, &un) && !wf[un] &&
                              fx_cp_lower((unsigned char)word[0]);
            free(wf);
            double c = fx_conf(in_sentence ? 0.6 : comma ? 0.9 : 0.7, 0, rep);
            fx_set(r, K_PLACE, place, dated ? c : c - 0.2, i);
            if (dated) {
                char iso[16];
                snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
                fx_set(r, K_ISSUE_DATE, fx_dup(r, iso), c, i);
            }
            /* a place-date without its comma may be a sentence's: one with it, later on the
             * page, wins (the set keeps the more confident) */
            if (comma && !in_sentence)
                return;
            break;
        }
    }
}

/* ---- summary: "V/v ...", "Về việc ..." ---- */

/* Cuts v (in place) where a place-date begins: capitalised words, a comma, "ngày" and a
 * date ("… thủ tục thừa kế Long Mỹ, ngày 18/12/2024": OCR put the header's right column on
 * the subject's line). */
static void cut_place_date(char *v)
{
    char *f = fx_fold(v);
    if (!f)
        return;
    for (char *c = strstr(f, ", ngay "); c; c = strstr(c + 1, ", ngay ")) {
        int y, m, d, rep = 0;
        size_t dl = fx_date_parse(c + 2, &y, &m, &d, &rep);
        if (!dl)
            continue;
        /* what follows the date went on from the next line ("… khai sinh Triệu Phong,
         * ngày 08 tháng 7 năm 2024 cho trẻ em …"): it is kept, after the cut */
        int words_end = 0;
        for (const char *q = f; q < c + 2 + dl; q++)
            words_end += *q == ' ';
        const char *tail = v;
        for (int w = 0; w < words_end && tail; w++)
            tail = strchr(tail + 1, ' ');
        /* tail: the blank before the date's last word; past that word */
        tail = tail ? strchr(tail + 1, ' ') : NULL;
        while (tail && *tail == ' ')
            tail++;
        /* the text before the comma: the same number of words in v as in the fold */
        int words = 0;
        for (const char *q = f; q < c; q++)
            words += *q == ' ';
        char *t = v;
        for (int w = 0; w < words && t; w++)
            t = strchr(t + 1, ' ');
        /* t: the blank before the comma's word in v; walk back over capitalised words */
        const char *comma = t ? strchr(t + 1, ',') : NULL;
        if (!t || !comma)
            break;
        char *start = t + 1;
        int caps = 0;
        while (caps < 4) {
            size_t i = (size_t)(start - v);
            if (!fx_cp_upper(fx_cp_next(v, strlen(v), &i)))
                break;
            caps++;
            char *prev = start - 1;
            while (prev > v && prev[-1] != ' ')
                prev--;
            if (prev <= v)
                break;
            start = prev;
        }
        if (caps && start > v) {
            /* start: the first word of the place, or the word before it */
            size_t i = (size_t)(start - v);
            if (!fx_cp_upper(fx_cp_next(v, strlen(v), &i)))
                while (*start && *start != ' ')
                    start++;
            if (tail && *tail && tail > start) {
                /* the words after the date move up to the cut, one blank between */
                size_t n = strlen(tail);
                if (start > v && start[-1] != ' ')
                    *start++ = ' ';
                memmove(start, tail, n + 1);
            } else {
                *start = '\0';
            }
        }
        break;
    }
    free(f);
}

/* Does line i, in small letters ("về việc cấp Giấy xác nhận …"), go on from a ground of
 * the preamble on the row above ("Xét đề nghị của bà: SƠN THỊ KIM PHƯỢNG")? Then its "về
 * việc" is that sentence's, not the document's subject. */
static int goes_on_ground(const fx_page *pg, size_t i)
{
    static const char *const grounds[] = {"xet", "can cu", "theo", "thuc hien", NULL};
    const fx_line *l = &pg->lines[i];
    size_t k = l->map[fx_line_start(l)];
    if (!fx_cp_lower(fx_cp_next(l->text, l->len, &k)))
        return 0;
    for (size_t j = i; j-- > 0;) {
        const fx_line *a = &pg->lines[j];
        if (a->row < l->row - 1)
            break;
        if (a->row == l->row - 1 && a->col == l->col)
            return fx_starts_any(a->fold + fx_line_start(a), grounds, NULL);
    }
    return 0;
}

/* Characters (code points) of UTF-8 s: a line's width, whatever marks its letters carry. */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* "V/v xác nhận đăng ký tổ chức" / "Hội chợ Thương mại - Nông sản" / "Pleiku năm 2025": a
 * letter's subject is a block of short lines under its number, which goes on in capitalised
 * words where it names something. Joins to v each line right under line i's (same column,
 * the next row) that is no wider than the first, in small letters mostly, without a label
 * and not an agency's name; *last is the last line joined. */
static char *subject_block(const fx_page *pg, size_t i, char *v, size_t *last)
{
    static const char *const stops[] = {"kinh gui", "can cu", NULL};
    size_t cur = i;
    for (int k = 0; k < 3 && v; k++) {
        size_t j = fx_next_line(pg, cur, 0);
        if (j == FX_NONE || pg->lines[j].row != pg->lines[cur].row + 1)
            break;
        const fx_line *l = &pg->lines[j];
        size_t p = fx_line_start(l);
        /* a longer line is the body's, unless a gap (a blank row, the heading's rule) and
         * the authority's capitals close the block under it ("Chấp thuận điều chỉnh chủ
         * trương đầu tư" / "Dự án Nhà máy chế biến hạt điều xuất khẩu Đồng Nơ" / "───" /
         * "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC") */
        size_t rj = fx_next_line(pg, j, 0);
        int ruled = rj != FX_NONE && pg->lines[rj].row >= l->row + 2 &&
                    fx_upper_ratio(pg->lines[rj].text) > 0.8;
        if (p >= l->flen || strchr(l->fold, ':') || fx_upper_ratio(l->text) >= 0.5 ||
            fx_place_date_line(l, p) || (chars(l->text) > chars(pg->lines[i].text) + 8 && !ruled) ||
            fx_starts_any(l->fold + p, fx_body_words, NULL) ||
            fx_starts_any(l->fold + p, stops, NULL))
            break;
        /* "(giai đoạn 2)": the bracket fx_line_start skips is the subject's; but a whole
         * line in brackets opening a sentence of its own ("(Hồ sơ thuộc diện hoàn thuế
         * trước, kiểm tra sau)") is a remark under the subject */
        if (p > 0 && l->fold[p - 1] == '(') {
            size_t at = l->map[p];
            if (l->fold[l->flen - 1] == ')' && !fx_cp_lower(fx_cp_next(l->text, l->len, &at)) &&
                fx_words(l->fold + p) >= 4)
                break;
            p--;
        }
        size_t to = fx_cut_inline(l, p);
        v = fx_join(v, &pg->lines[cur], l, p, to);
        cur = j;
        if (to < l->flen)
            break;
    }
    *last = cur;
    return v;
}

static void find_summary(const fx_page *pg, fx_result *r)
{
    static const char *const about[] = {"ve viec", NULL};
    static const char *const excerpt[] = {"trich yeu", NULL};
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        size_t p = fx_line_start(l);
        const char *f = l->fold + p;
        char *v = NULL;
        double c = 0.9;
        int edits = 0, colon;
        /* "V/v", read by OCR as "Vív", "Vjv", "V/v", or "VW" (before small letters) */
        size_t k0 = p + 3 < l->flen ? l->map[p + 3] : 0;
        int vw = p + 3 < l->flen && !strncmp(l->text + l->map[p], "VW ", 3) &&
                 fx_cp_lower(fx_cp_next(l->text, l->len, &k0));
        if (vw || (p + 4 < l->flen && f[0] == 'v' && f[2] == 'v' && f[3] == ' ' &&
                   strchr("/ijl1|\\", f[1]))) {
            char *rest = fx_text_slice(l, p + (vw ? 3 : 4), l->flen);
            if (rest) {
                v = malloc(strlen(rest) + 5);
                if (v)
                    sprintf(v, "V/v %s", rest);
                free(rest);
                c = f[1] == '/' ? 0.9 : vw ? 0.75 : 0.8;
            }
        } else if (fx_label_match(l, p, about[0], &edits) != FX_NONE) {
            if (goes_on_ground(pg, i))
                continue;
            v = fx_text_slice(l, p, l->flen);
            c = fx_conf(0.9, edits, 0);
        } else {
            size_t e = fx_match_any(l, excerpt, &edits);
            if (e != FX_NONE) {
                size_t s = fx_after_colon(l, e, &colon);
                v = fx_text_slice(l, s, l->flen);
                c = fx_conf(0.85, edits, 0);
            }
        }
        if (!v)
            continue;
        size_t last = i;
        /* (and a decision's "Về việc phê duyệt Điều lệ … của Hội Chế biến" / "Nước mắm tỉnh
         * Bình Thuận …", its block under the title) */
        if (!strncmp(v, "V/v ", 4) || fx_label_match(l, p, about[0], NULL) != FX_NONE)
            v = subject_block(pg, i, v, &last);
        v = fx_continue_lines(pg, last, v, 3 - (last != i));
        if (v)
            cut_place_date(v);
        fx_trim(v);
        fx_set(r, K_SUMMARY, v, c, i);
        return;
    }
    /* a THÔNG BÁO's subject is the line under its title, and so is a QUYẾT ĐỊNH's trích
     * yếu printed without "Về việc" ("Cấp Giấy phép xây dựng có thời hạn cho ..."); the
     * issuing authority's capitals line is none */
    const char *type = r->v[K_DOC_TYPE].value;
    int decision = type && !strcmp(type, "quyet_dinh");
    if (type && (decision || !strcmp(type, "thong_bao")) && r->heading != FX_NONE) {
        size_t j = fx_next_line(pg, r->title_end, decision),
               alone = fx_next_row_alone(pg, r->title_end);
        if (alone != FX_NONE && (j == FX_NONE || pg->lines[j].row > pg->lines[alone].row))
            j = alone;
        if (j == FX_NONE)
            return;
        const fx_line *l = &pg->lines[j];
        size_t p = fx_line_start(l);
        if (fx_upper_ratio(l->text) > 0.5 || strchr(l->fold, ':') ||
            fx_starts_any(l->fold + p, (const char *const[]){"can cu", "kinh gui", "so", NULL}, NULL))
            return;
        char *v = fx_text_slice(l, p, l->flen);
        /* "Chấp thuận chủ trương đầu tư …" / "Dự án Trang trại …": the subject's short lines
         * go on in capitalised words as a letter's do */
        size_t last = j;
        if (v)
            v = subject_block(pg, j, v, &last);
        if (v)
            v = fx_continue_lines(pg, last, v, last == j ? 2 : 1);
        fx_set(r, K_SUMMARY, v, decision ? 0.75 : 0.8, j);
    }
}

/* ---- type when there is no heading ---- */

static void infer_doc_type(fx_result *r)
{
    if (r->v[K_DOC_TYPE].value)
        return;
    static const struct {
        const char *abbr, *type;
    } abbrs[] = {
        {"QĐ", "quyet_dinh"}, {"NQ", "nghi_quyet"}, {"CT", "chi_thi"},  {"TB", "thong_bao"},
        {"TTr", "to_trinh"},  {"BC", "bao_cao"},    {"KH", "ke_hoach"}, {"GM", "giay_moi"},
        {"BB", "bien_ban"},   {"HĐ", "hop_dong"},
    };
    const char *sum = r->v[K_SUMMARY].value, *ns = r->v[K_NUMBER_SYMBOL].value;
    const char *type = NULL;
    double c = 0;
    if (ns && sum && !strncmp(sum, "V/v ", 4)) {
        /* Decree 30: a letter without a type name, its subject given as "V/v" */
        type = "cong_van";
        c = 0.8;
    } else if (ns) {
        const char *sym = strrchr(ns, '/');
        for (size_t i = 0; sym && i < sizeof abbrs / sizeof abbrs[0]; i++) {
            size_t n = strlen(abbrs[i].abbr);
            if (!strncmp(sym + 1, abbrs[i].abbr, n) && (sym[1 + n] == '-' || !sym[1 + n])) {
                type = abbrs[i].type;
                c = 0.6;
            }
        }
    }
    if (!type && r->v[K_DOSSIER_CODE].value && r->v[K_RECEIVED_AT].value) {
        type = "giay_tiep_nhan";
        c = 0.6;
    }
    if (!type && (ns || r->v[K_ISSUER].value)) {
        type = "khac";
        c = 0.4;
    }
    if (type)
        fx_set(r, K_DOC_TYPE, fx_dup(r, type), c, FX_NONE);
}

/* ---- JSON ---- */

/* The evidence of a value: the line of the page's text it was read from (1-based). */
static int line_no(const fx_page *pg, size_t line)
{
    return line < pg->n ? pg->lines[line].row + 1 : 0;
}

/* ... and the box of its words on the page image, when the page came from hOCR. */
static const int *box_of(const fx_page *pg, size_t line)
{
    return line < pg->n ? pg->lines[line].box : NULL;
}

static json_t *entry(const char *value, int page, double conf, const char *source, int line,
                     const int *box)
{
    json_t *o = json_object();
    json_t *v = json_string(value);
    if (!o || !v || json_object_set_new(o, "value", v) ||
        json_object_set_new(o, "page", json_integer(page)) ||
        json_object_set_new(o, "confidence", json_real((double)(int)(conf * 100 + 0.5) / 100)) ||
        (source && json_object_set_new(o, "source", json_string(source))) ||
        (line > 0 && json_object_set_new(o, "line", json_integer(line))) ||
        (box && (box[2] > box[0]) &&
         json_object_set_new(o, "box", json_pack("[iiii]", box[0], box[1], box[2], box[3])))) {
        if (!o)
            json_decref(v);
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Why a value is doubted when the rule that found it said nothing. */
static const char *default_why(int k, double conf)
{
    if (conf < 0.3)
        return "read through OCR errors in its label or digits";
    switch (k) {
    case K_ID_NUMBERS:
        return "an ID-shaped number without an ID label";
    case K_APPLICANT:
    case K_RECEIVER:
    case K_SIGNER:
        return "a name not confirmed by a label, its family name or the signature";
    default:
        return "found without its label or a format check";
    }
}

/* A value too doubtful to give: {"field", "value", "page", "confidence", "reason", "line"}. */
static int add_review(json_t *review, int k, const char *value, int page, double conf,
                      const char *why, int line, const int *box)
{
    json_t *e = entry(value, page, conf, NULL, line, box);
    if (!e || json_object_set_new(e, "field", json_string(key_names[k])) ||
        json_object_set_new(e, "reason", json_string(why ? why : default_why(k, conf))) ||
        json_array_append_new(review, e)) {
        json_decref(e);
        return -1;
    }
    return 0;
}

static int to_json(const fx_result *r, const fx_page *pg, int page, json_t **out, hs_err *err)
{
    json_t *o = json_object(), *review = json_array();
    if (!o || !review)
        goto nomem;
    const char *source = r->v[K_DOC_TYPE].value;
    for (int k = 0; k < K_COUNT; k++) {
        json_t *v = NULL;
        if (fields_is_list(key_names[k])) {
            v = json_array();
            for (size_t i = 0; v && i < r->l[k].n; i++) {
                int line = line_no(pg, r->l[k].line[i]);
                const int *box = box_of(pg, r->l[k].line[i]);
                int bad = r->l[k].conf[i] < FIELDS_MIN_CONFIDENCE
                              ? add_review(review, k, r->l[k].items[i], page, r->l[k].conf[i],
                                           r->l[k].why[i], line, box)
                              : json_array_append_new(v, entry(r->l[k].items[i], page,
                                                               r->l[k].conf[i], source, line, box));
                if (bad) {
                    json_decref(v);
                    v = NULL;
                }
            }
            if (v && !json_array_size(v)) {
                json_decref(v);
                continue;
            }
        } else {
            if (!r->v[k].value)
                continue;
            int line = line_no(pg, r->v[k].line);
            const int *box = box_of(pg, r->v[k].line);
            if (r->v[k].conf < FIELDS_MIN_CONFIDENCE) {
                /* "khac" says no type was found: nothing for a person to confirm, and a
                 * review entry flags the page (pl_file) */
                if (k == K_DOC_TYPE && !strcmp(r->v[k].value, "khac"))
                    continue;
                if (add_review(review, k, r->v[k].value, page, r->v[k].conf, r->v[k].why, line,
                               box))
                    goto nomem;
                continue;
            }
            v = entry(r->v[k].value, page, r->v[k].conf, source, line, box);
        }
        if (!v || json_object_set_new(o, key_names[k], v))
            goto nomem;
    }
    if (json_array_size(review)) {
        if (json_object_set_new(o, "review", review))
            goto nomem_o;
    } else {
        json_decref(review);
    }
    *out = o;
    return HS_OK;
nomem:
    json_decref(review);
nomem_o:
    json_decref(o);
    return hs_err_set(err, HS_ENOMEM, 0, "fields: out of memory");
}

/* How many times text is printed as it is (a whole word run) on the page's lines other
 * than line skip. */
static int copies_elsewhere(const fx_page *pg, const char *text, size_t skip)
{
    size_t n = strlen(text);
    int copies = 0;
    for (size_t i = 0; i < pg->n && n; i++) {
        if (i == skip)
            continue;
        const char *t = pg->lines[i].text;
        for (const char *h = strstr(t, text); h; h = strstr(h + 1, text))
            copies += (h == t || strchr(" ,(", h[-1])) && (!h[n] || strchr(" ,.;:)", h[n]));
    }
    return copies;
}

/* The fields whose values hold proper names (people, places, bodies), whose marks the
 * page's other copies of them can confirm. */
static int named(int k)
{
    return k == K_ISSUER || k == K_ADDRESS || k == K_RECIPIENT || k == K_PLACE ||
           k == K_APPLICANT || k == K_RECEIVER || k == K_SIGNER;
}

/* Takes respelled (malloc'd, taken; may be NULL) as v's value, its confidence at most
 * cap, when the page's other copies no longer disagree with it (fx_marks_check from line,
 * person as there); 1 if taken. */
static int take_respelled(const fx_page *pg, fx_val *v, char *respelled, size_t line,
                          int person, double cap)
{
    if (!respelled || fx_marks_check(pg, respelled, line, person) < 0) {
        free(respelled);
        return 0;
    }
    free(v->value);
    v->value = respelled;
    v->conf = v->conf < cap ? v->conf : cap;
    return 1;
}

/* A document number's letters are Latin ones and Đ ("148/QĐ-TTg", "61/2018/NĐ-CP"): any
 * other letter ("05/QĐÐ-UBND": an Icelandic Ð) is OCR's. */
static int symbol_odd(const char *s)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        int cp = fx_cp_next(s, n, &i);
        if (fx_cp_letter(cp) && cp > 0x7f && cp != 0x110 && cp != 0x111)
            return 1;
    }
    return 0;
}

/* OCR reads the Đ of a symbol as an Icelandic Ð (U+00D0) or ð: a lone one, not beside
 * another Đ or Ð ("18/2024/ÐN-PMH"), is put back as Đ/đ in place (both are two bytes in
 * UTF-8); one beside a Đ ("ÐĐN") is that Đ read twice and goes; two Ð ("QÐÐ") are left
 * for symbol_odd to doubt. */
/* Is p (two bytes) a Đ, đ, Ð or ð? */
static int is_d(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    return (u[0] == 0xc4 && (u[1] == 0x90 || u[1] == 0x91)) ||
           (u[0] == 0xc3 && (u[1] == 0x90 || u[1] == 0xb0));
}

static void symbol_eth(char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)s[i + 1];
        if (a != 0xc3 || (b != 0x90 && b != 0xb0))
            continue;
        /* "418/ÐĐKKDD-BP", "18/2024/ĐÐN-PMH": an Ð beside a Đ of its case is the same
         * letter read twice (Vietnamese has no Ð): the Ð goes */
        int upper = b == 0x90;
        const unsigned char *before = i >= 2 ? (const unsigned char *)s + i - 2 : NULL,
                            *after = i + 3 < n ? (const unsigned char *)s + i + 2 : NULL;
        if ((before && before[0] == 0xc4 && before[1] == (upper ? 0x90 : 0x91)) ||
            (after && after[0] == 0xc4 && after[1] == (upper ? 0x90 : 0x91))) {
            memmove(s + i, s + i + 2, n - i - 1);
            n -= 2;
            i--;
            continue;
        }
        if ((i >= 2 && is_d(s + i - 2)) || (i + 3 < n && is_d(s + i + 2)))
            continue; /* doubled: "QÐÐ" */
        s[i] = (char)0xc4;
        s[i + 1] = (char)(b == 0x90 ? 0x90 : 0x91);
    }
}

/* A decision on a sanction ("Xử phạt vi phạm hành chính"), or a notice or letter of the
 * state's own act: the person it names answers for a violation or is told of the
 * state's act, and asked for nothing; no applicant, nor the applicant's address. */
static void unasked_no_applicant(const fx_page *pg, fx_result *r)
{
    const char *type = r->v[K_DOC_TYPE].value;
    if (!type)
        return;
    int sanction = 0;
    /* "Thông báo thu hồi đất" to a land user on a department's proposal: a notice or a
     * letter that answers no application names another party, not an applicant */
    if (!strcmp(type, "thong_bao") || !strcmp(type, "cong_van"))
        sanction = fx_page_state_initiated(pg);
    else if (strcmp(type, "quyet_dinh"))
        return;
    for (int k = 0; k < 2 && !sanction; k++) {
        const char *v = r->v[k ? K_TITLE : K_SUMMARY].value;
        char *f = v ? fx_fold(v) : NULL;
        sanction = f && (fx_has_words(f, "xu phat vi pham") || fx_has_words(f, "xu phat"));
        free(f);
    }
    if (!sanction)
        return;
    for (int k = 0; k < 2; k++) {
        fx_val *v = &r->v[k ? K_ADDRESS : K_APPLICANT];
        free(v->value);
        v->value = NULL;
    }
}

/* Each "la W" of value v (W a capitalised word) becomes "Ia W" when a line of the page
 * prints "Ia W" (in place). */
static void ia_from_page(const fx_page *pg, char *v)
{
    size_t len = strlen(v);
    for (size_t i = 0; i + 4 < len; i++) {
        if ((i > 0 && v[i - 1] != ' ') || strncmp(v + i, "la ", 3))
            continue;
        size_t k = i + 3, we = k;
        if (!fx_cp_upper(fx_cp_next(v, len, &we)))
            continue;
        while (we < len && v[we] != ' ' && v[we] != ',')
            we++;
        char want[64];
        if (we - i >= sizeof want)
            continue;
        snprintf(want, sizeof want, "Ia %.*s", (int)(we - k), v + k);
        for (size_t l = 0; l < pg->n; l++)
            if (strstr(pg->lines[l].text, want)) {
                v[i] = 'I';
                break;
            }
    }
}

/* Sends a value to review: its confidence at most 0.45, with the reason to doubt it. */
static void doubt(double *conf, const char **why, const char *reason)
{
    *conf = fx_conf(*conf < 0.45 ? *conf : 0.45, 0, 0);
    *why = reason;
}

/* 1 when line l prints the name v (folded) followed by a hyphen and a letter. */
static int cut_at_hyphen(const fx_line *l, const char *v)
{
    char *f = fx_fold(v);
    int cut = 0;
    size_t n = f ? strlen(f) : 0;
    for (const char *h = n ? strstr(l->fold, f) : NULL; h && !cut; h = strstr(h + 1, f))
        cut = (h == l->fold || !fx_alnum(h[-1])) && h[n] == '-' && fx_alnum(h[n + 1]);
    free(f);
    return cut;
}

/* Words that join a sentence's parts and never end a name, a place, a title or a
 * procedure: a value whose last word is one of them, in small letters, was cut short
 * ("… đã được cấp") or ran on into the sentence ("Hợp tác xã … có trách nhiệm duy trì
 * các"). */
static const char *const dangling_words[] = {
    "của", "và", "các", "tại", "cho", "có", "được", "với", "về", "theo", "là", "để", "từ", "đã",
    "trong", "những", "thì", "mà", "hoặc", "cùng", "do", "như", "nhưng", "sẽ", "đang", "bị", "này",
    "đó", "nếu", "khi", "vào", "ra",
    /* an honorific in small letters, its name lost: "… đơn đề nghị … của ông" */
    "ông", "bà", NULL};

/* 1 when v's last word is one of dangling_words, as printed (small letters). */
static int ends_dangling(const char *v)
{
    size_t n = strlen(v);
    while (n > 0 && strchr(" .,;:", v[n - 1]))
        n--;
    size_t b = n;
    while (b > 0 && v[b - 1] != ' ')
        b--;
    if (b == 0)
        return 0; /* one word: nothing to be cut from */
    for (size_t i = 0; dangling_words[i]; i++)
        if (strlen(dangling_words[i]) == n - b && !memcmp(v + b, dangling_words[i], n - b))
            return 1;
    return 0;
}

/* 1 when every "(" of v is closed by a ")" after it and every ")" closes one: a value
 * cut at the end of its line ("… an toàn cơ sở" for "(… cơ sở X-quang …)"), or begun
 * inside a bracket, does not. */
static int brackets_pair(const char *v)
{
    int depth = 0;
    for (; *v; v++) {
        depth += *v == '(' ? 1 : *v == ')' ? -1 : 0;
        if (depth < 0)
            return 0;
    }
    return depth == 0;
}

/* Does field k name districts after their unit's word ("…, huyện Nghi Xuân, …", "UBND
 * HUYỆN NGHI XUÂN")? (A place-date's place is a name alone.) */
static int names_districts(int k)
{
    return k == K_ADDRESS || k == K_ISSUER || k == K_RECIPIENT || k == K_SUMMARY;
}

/* The rules over one page's lines, and its JSON. */
static int extract_page(const fx_page *pgp, int page, json_t **out, hs_err *err)
{
    int rc = HS_OK;
    fx_result r;
    memset(&r, 0, sizeof r);
#define pg (*pgp)
    find_heading(&pg, &r);
    find_number_symbol(&pg, &r);
    find_issuer(&pg, &r);
    find_place_date(&pg, &r);
    find_summary(&pg, &r);
    fx_find_dossier_code(&pg, &r);
    int hint = 0;
    char hint_first[32] = "";
    fx_find_applicant(&pg, &r, &hint, hint_first, sizeof hint_first);
    fx_find_address(&pg, &r);
    fx_find_id_numbers(&pg, &r);
    fx_find_phones(&pg, &r);
    fx_find_emails(&pg, &r);
    fx_find_labelled_text(&pg, &r, K_PROCEDURE, fx_lab_procedure, 1);
    fx_find_labelled_text(&pg, &r, K_RECIPIENT, fx_lab_recipient, 0);
    fx_applicant_from_recipient(&pg, &r);
    unasked_no_applicant(&pg, &r);
    fx_find_datetime(&pg, &r, K_RECEIVED_AT, fx_lab_received);
    fx_find_datetime(&pg, &r, K_DUE_AT, fx_lab_due);
    fx_find_datetimes_unlisted(&pg, &r);
    fx_find_signature_names(&pg, &r, hint, hint_first);
    fx_find_signer(&pg, &r);
    /* the applicant may come from a signature: an address beside its name in the body */
    fx_address_beside_applicant(&pg, &r);
    find_references(&pg, &r);
    infer_doc_type(&r);
    /* a letter known as one only now ("V/v …" and no heading): the business it answers */
    fx_applicant_from_recipient(&pg, &r);
    /* marks OCR got wrong in known words and family names put back */
    static const int spelled[] = {K_TITLE,     K_ISSUER,    K_SUMMARY,      K_ADDRESS,
                                  K_PROCEDURE, K_RECIPIENT, K_SIGNER_TITLE, K_PLACE,
                                  K_APPLICANT, K_RECEIVER,  K_SIGNER};
    char *respelled = NULL; /* the value, its district names respelled in small letters */
    for (size_t i = 0; i < sizeof spelled / sizeof spelled[0]; i++) {
        fx_val *v = &r.v[spelled[i]];
        int k = spelled[i], fixed = 0;
        /* (an organisation in small letters, "Tổ cộng đồng …", is no person: its first
         * word is not respelled as a family name) */
        char *vf = k == K_APPLICANT && v->value ? fx_fold(v->value) : NULL;
        int org = vf && fx_starts_any(vf, fx_org_words, NULL);
        free(vf);
        int person = k == K_RECEIVER || k == K_SIGNER ||
                     (k == K_APPLICANT && v->value && fx_upper_ratio(v->value) < 0.8 && !org);
        /* a title may be a heading OCR read with no mark at all ("THONG BAO") */
        char *as_read = k == K_PLACE && v->value ? strdup(v->value) : NULL;
        v->value = k == K_TITLE ? fx_fix_marks_unmarked(v->value, &fixed)
                                : fx_fix_marks(v->value, person, &fixed);
        /* "Phù Yên, ngày …" with "huyện Phù Yên" twice more on the page: a place that the
         * page prints so again is a place of that name (a district), not the province whose
         * letters it shares ("Phú Yên") */
        if (fixed && as_read && v->value && strcmp(as_read, v->value) &&
            copies_elsewhere(&pg, as_read, v->line) >= 2) {
            free(v->value);
            v->value = as_read;
            as_read = NULL;
        }
        free(as_read);
        /* a district's name with a mark misread ("huyện Nghỉ Xuân", "Nghỉ Sơn, ngày …"),
         * after the check above, which is for names the tables share with a province. The
         * list vouches for the names it respelled, which the check of the page's other
         * readings below passes over, not for the rest of the value (not counted as fixed) */
        free(respelled);
        respelled = NULL;
        if (names_districts(k) || k == K_PLACE)
            v->value = fx_district_marks(v->value, k == K_PLACE, &respelled);
        /* an issuer in capitals whose words the body prints in small letters with other
         * marks ("HẠ TÂNG" over "Phòng Kinh tế và Hạ tầng"): the small letters' marks */
        if (!fixed && k == K_ISSUER && v->value &&
            take_respelled(&pg, v, fx_marks_caps_respell(&pg, v->value, v->line), v->line, 0,
                           0.8))
            continue;
        /* a name the page prints again with other marks: one of the readings is wrong
         * (a respelling from the tables is trusted over the page's raw copies) */
        /* "Kính gửi: Ông Đinh Văn Thuận": a person's name after an honorific, its family
         * name checked against the list, not against the page's "ông Đỉnh Văn" */
        const char *checked = respelled ? respelled : v->value;
        int named_person = k == K_APPLICANT || person;
        if (k == K_RECIPIENT && v->value) {
            const char *after = fx_honorific_end(v->value);
            char *nm = after && *after ? fx_name_normalise(after) : NULL;
            if (nm && fx_real_surname(nm)) {
                checked = after;
                named_person = 1;
            }
            free(nm);
        }
        if ((!fixed || person) && v->value && named(k) &&
            fx_marks_check(&pg, checked, v->line, named_person) < 0) {
            char *small = person ? fx_marks_small_copy(&pg, v->value, v->line) : NULL;
            char *name = small ? fx_name_normalise(small) : NULL;
            free(small);
            if (take_respelled(&pg, v, name, FX_NONE, 1, 0.75))
                continue;
            /* an issuer or a title in capitals: respelled from the page's small letters */
            if (!person && take_respelled(&pg, v, fx_marks_caps_respell(&pg, v->value, v->line),
                                          v->line, 0, 0.75))
                continue;
            doubt(&v->conf, &v->why, "the page prints these words again with other tone marks");
        }
    }
    free(respelled);
    /* a Highlands name's prefix OCR glued on ("HLuyến", "Hluyến" beside a page's "HLuyến"):
     * "H'Luyến" */
    static const int named_people[] = {K_APPLICANT, K_RECEIVER, K_SIGNER};
    for (size_t i = 0; i < sizeof named_people / sizeof named_people[0]; i++) {
        fx_val *v = &r.v[named_people[i]];
        char *f = v->value ? fx_fold(v->value) : NULL;
        char *glued =
            f && !fx_starts_any(f, fx_org_words, NULL) ? fx_name_glued_prefix(&pg, v->value) : NULL;
        free(f);
        if (glued) {
            free(v->value);
            v->value = glued;
        }
    }
    /* a Highlands place's name OCR read otherwise here than in most of the page's copies
     * ("Cư Mgar" beside "Cư M'gar" twice) */
    static const int places[] = {K_PLACE, K_ADDRESS, K_ISSUER, K_RECIPIENT, K_SUMMARY};
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        fx_val *v = &r.v[places[i]];
        char *voted = fx_apostrophe_vote(&pg, v->value);
        if (voted) {
            free(v->value);
            v->value = voted;
        }
    }
    /* free text that OCR garbled is shown for review, not trusted, unless the page prints
     * the garbled word right elsewhere */
    static const int texts[] = {K_TITLE,     K_ISSUER,    K_SUMMARY,      K_ADDRESS,
                                K_PROCEDURE, K_RECIPIENT, K_SIGNER_TITLE, K_PLACE,
                                K_APPLICANT, K_RECEIVER,  K_SIGNER};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        fx_val *v = &r.v[texts[i]];
        char *mended =
            v->value && fx_text_anomalies(v->value) ? fx_bracket_repair(&pg, v->value) : NULL;
        if (mended) {
            free(v->value);
            v->value = mended;
        }
        int odd = v->value ? fx_text_anomalies(v->value) : 0;
        int k = texts[i];
        char *spaced = odd && (k == K_APPLICANT || k == K_RECEIVER || k == K_SIGNER)
                           ? fx_glued_name(&pg, v->line, v->value)
                           : NULL;
        if (spaced) {
            /* "Ma Thếluận" beside the page's "ông Ma Thế Luận" */
            free(v->value);
            v->value = spaced;
            odd = fx_text_anomalies(v->value);
        }
        /* "Hélène Marchand", a foreign name printed so twice ("bà Hélène Marchand", "bà
         * HÉLÈNE MARCHAND"): OCR does not garble two copies alike */
        if (odd && (k == K_APPLICANT || k == K_RECEIVER || k == K_SIGNER) &&
            fx_name_elsewhere(&pg, v->line, v->value))
            odd = 0;
        if (odd) {
            v->conf = fx_conf(v->conf - 0.45 * odd, 0, 0);
            v->why = "the OCR text of the value looks garbled";
        }
    }
    /* a name its line prints on past a hyphen ("cho ông PARK SEUNG-WOO" read as "Park
     * Seung") was cut short */
    for (size_t i = 0; i < sizeof named_people / sizeof named_people[0]; i++) {
        fx_val *v = &r.v[named_people[i]];
        if (v->value && v->conf >= FIELDS_MIN_CONFIDENCE && v->line < pg.n &&
            cut_at_hyphen(&pg.lines[v->line], v->value))
            doubt(&v->conf, &v->why, "the name goes on past a hyphen: cut short");
    }
    /* a place-date's place read inside a sentence, after a unit's word in small letters
     * (confidence 0.6), was never the page's own on any set, seen or unseen: it waits for
     * review */
    fx_val *place = &r.v[K_PLACE];
    if (place->value && place->conf >= FIELDS_MIN_CONFIDENCE && place->conf < 0.65)
        doubt(&place->conf, &place->why,
              "a place-date inside a sentence: maybe an event's place, not the page's");
    /* a value ending in a word that joins a sentence's parts was cut short or ran on */
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        fx_val *v = &r.v[texts[i]];
        if (v->value && v->conf >= FIELDS_MIN_CONFIDENCE && ends_dangling(v->value))
            doubt(&v->conf, &v->why,
                  "it ends in a word that joins a sentence: cut short or run on");
        else if (v->value && v->conf >= FIELDS_MIN_CONFIDENCE && !brackets_pair(v->value))
            doubt(&v->conf, &v->why, "a bracket it opens is not closed: cut short or run on");
        else if (v->value && v->conf >= FIELDS_MIN_CONFIDENCE && names_districts(texts[i]) &&
                 fx_district_unknown(v->value, texts[i] == K_ADDRESS))
            doubt(&v->conf, &v->why, "it names a district its province does not have: misread");
    }
    /* a document number with a letter no symbol has ("05/QĐÐ-UBND") is garbled too */
    fx_val *num = &r.v[K_NUMBER_SYMBOL];
    if (num->value)
        symbol_eth(num->value);
    if (num->value && symbol_odd(num->value)) {
        doubt(&num->conf, &num->why, "the OCR text of the value looks garbled");
    }
    fx_list *refs = &r.l[K_REFERENCES];
    for (size_t i = 0; i < refs->n; i++)
        symbol_eth(refs->items[i]);
    for (size_t i = 0; i < refs->n; i++)
        if (symbol_odd(refs->items[i]))
            doubt(&refs->conf[i], &refs->why[i], "the OCR text of the value looks garbled");
    /* "ĐƠN ĐỀ NGHỊ CHO Ý KIẾN" / "VỀ VIỆC CẢI TẠO, NÂNG CẤP …": a "về việc" line that the
     * title joined is the title's, no subject of its own */
    fx_val *sum = &r.v[K_SUMMARY], *tit = &r.v[K_TITLE];
    if (sum->value && tit->value) {
        char *fs = fx_fold(sum->value), *ft = fx_fold(tit->value);
        if (fs && ft && strlen(fs) < strlen(ft) && strstr(ft, fs)) {
            free(sum->value);
            sum->value = NULL;
        }
        free(fs);
        free(ft);
    }
    fx_val *addr = &r.v[K_ADDRESS];
    if (addr->value)
        fx_address_ia(addr->value);
    /* "… Công ty Cổ phần Cà phê la Ka": the Highlands' "Ia" OCR read with an l, put back in
     * any value when the page prints "Ia Ka" itself elsewhere */
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (r.v[texts[i]].value)
            ia_from_page(&pg, r.v[texts[i]].value);
    if (addr->value && !addr->why && fx_address_unended(addr->value)) {
        doubt(&addr->conf, &addr->why,
              "the address does not end in a commune, district or province: it was cut short "
              "or ran on");
    } else if (addr->value && fx_address_name_lower(addr->value)) {
        doubt(&addr->conf, &addr->why,
              "a place's name starts in small letters after its unit: OCR misread it");
    }
    /* a person's name with a word of no vowel was broken by OCR (a business's "TNHH" is
     * none) */
    static const int people[] = {K_APPLICANT, K_RECEIVER, K_SIGNER};
    for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
        fx_val *v = &r.v[people[i]];
        char *f = v->value ? fx_fold(v->value) : NULL;
        int business = f && fx_starts_any(f, fx_org_words, NULL);
        free(f);
        char *joined = v->value && !business && fx_name_odd_words(v->value)
                           ? fx_name_apostrophe(v->value)
                           : NULL;
        if (joined) {
            free(v->value);
            v->value = joined;
            v->conf = v->conf < 0.7 ? v->conf : 0.7;
        }

        if (v->value && !business && fx_upper_ratio(v->value) < 0.8 &&
            fx_name_odd_words(v->value)) {
            doubt(&v->conf, &v->why, "a word of the name has no vowel: OCR broke it");
        } else if (v->value && !business && fx_upper_ratio(v->value) < 0.8 &&
                   fx_name_caps_word(v->value)) {
            doubt(&v->conf, &v->why, "a word of the name is in capitals: OCR misread it");
        }
    }
    if (r.nomem) {
        rc = hs_err_set(err, HS_ENOMEM, 0, "fields: out of memory");
        goto out;
    }
    rc = to_json(&r, &pg, page, out, err);
out:
#undef pg
    result_release(&r);
    return rc;
}

int fields_extract(const char *text, int page, json_t **out, hs_err *err)
{
    if (out)
        *out = NULL;
    if (!text || !out || page < 0)
        return hs_err_set(err, HS_EINVAL, 0, "fields: no text or no result to fill");
    size_t len = strlen(text);
    if (len > FX_MAX_TEXT)
        return hs_err_set(err, HS_ELIMIT, 0, "fields: page %d: text of %zu bytes exceeds %d", page,
                          len, FX_MAX_TEXT);
    fx_page pg = {0};
    char *nfc = hs_utf8_nfc_lossy(text, len);
    int rc = !nfc || fx_page_init(&pg, nfc) ? hs_err_set(err, HS_ENOMEM, 0, "fields: out of memory")
                                            : extract_page(&pg, page, out, err);
    fx_page_release(&pg);
    free(nfc);
    return rc;
}

int fields_extract_layout(const char *text, const char *hocr, int page, json_t **out, hs_err *err)
{
    if (out)
        *out = NULL;
    if ((!text && !hocr) || !out || page < 0)
        return hs_err_set(err, HS_EINVAL, 0, "fields: no text or no result to fill");
    if (!hocr)
        return fields_extract(text, page, out, err);
    size_t len = strlen(hocr);
    /* hOCR is some 20 times the text it holds */
    if (len > 32 * (size_t)FX_MAX_TEXT)
        return hs_err_set(err, HS_ELIMIT, 0, "fields: page %d: hOCR of %zu bytes exceeds %d",
                          page, len, 32 * FX_MAX_TEXT);
    fx_page pg = {0};
    if (fx_page_from_hocr(&pg, hocr))
        return hs_err_set(err, HS_ENOMEM, 0, "fields: out of memory");
    int rc;
    if (pg.n == 0)
        rc = text ? fields_extract(text, page, out, err) : extract_page(&pg, page, out, err);
    else
        rc = extract_page(&pg, page, out, err);
    fx_page_release(&pg);
    return rc;
}
