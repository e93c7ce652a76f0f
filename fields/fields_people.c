/* fields_people.c - the people and contact lines of a page and the one-stop receipt's
 * own lines: dossier code, applicant (label line cross-checked with the signature block),
 * receiver, signer, address, ID card numbers, phones, e-mail, procedure, recipient and the
 * received and due times. Each value is validated (a name is 2-6 capitalised words, a CCCD
 * 12 digits with a province code, a date exists) before it becomes a field. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "fields.h"
#include "fields_int.h"

/* ---- dossier code: 000.27.30.H34-200311-0015 ---- */

/* The national portal's code at folded s: agency "DDD.DD.DD.LDD", date "YYMMDD", sequence
 * "DDDD". Writes it (upper case) to out[32]; returns the bytes consumed or 0. */
static size_t parse_code(const char *s, char out[32], int *repairs)
{
    static const char shape[] = "ddd.dd.dd.Ldd-dddddd-dddd";
    int rep = 0;
    size_t i = 0, w = 0;
    for (const char *c = shape; *c; c++) {
        char ch = s[i];
        if (*c == 'd') {
            if (ch >= '0' && ch <= '9') {
                out[w++] = ch;
            } else if (ch == 'o') {
                out[w++] = '0';
                rep++;
            } else if (ch == 'l' || ch == '|') {
                out[w++] = '1';
                rep++;
            } else {
                return 0;
            }
            i++;
        } else if (*c == 'L') {
            if (!(ch >= 'a' && ch <= 'z'))
                return 0;
            out[w++] = (char)(ch - 32);
            i++;
        } else if (*c == '.') {
            if (ch != '.' && ch != ',')
                return 0;
            rep += ch != '.';
            out[w++] = '.';
            i++;
        } else {
            if (ch == '-') {
                i++;
            } else if (!strncmp(s + i, "\xe2\x80\x93", 3) || !strncmp(s + i, "\xe2\x80\x94", 3)) {
                i += 3;
                rep++;
            } else {
                return 0;
            }
            out[w++] = '-';
        }
    }
    out[w] = '\0';
    if (fx_alnum(s[i]))
        return 0;
    /* the middle part is the filing date, yymmdd */
    int y = (out[14] - '0') * 10 + (out[15] - '0');
    int m = (out[16] - '0') * 10 + (out[17] - '0');
    int d = (out[18] - '0') * 10 + (out[19] - '0');
    if (!fx_date_valid(2000 + y, m, d))
        return 0;
    *repairs += rep;
    return i;
}

void fx_find_dossier_code(const fx_page *pg, fx_result *r)
{
    static const char *const labels[] = {
        "ma ho so", "so ho so", "ma so ho so", "ma hs", "so bien nhan", "ma bien nhan", NULL,
    };
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        size_t at = FX_NONE, e = FX_NONE;
        int edits = 0, looked = 0;
        for (size_t p = 0; p < l->flen; p++) {
            if (p > 0 && (fx_alnum(l->fold[p - 1]) || l->fold[p - 1] == '.'))
                continue;
            char code[32];
            int rep = 0;
            size_t n = parse_code(l->fold + p, code, &rep);
            if (!n)
                continue;
            if (!looked++)
                e = fx_find_any(l, labels, &at, &edits);
            double base = e != FX_NONE && at < p ? 0.95 : 0.7;
            /* without its label, a code in brackets inside a sentence is another file's
             * ("(đang làm thủ tục cấp Giấy chứng nhận, hồ sơ số …)"): doubted */
            if (base < 0.9 && i > 0) {
                /* "… nhận hồ sơ (mã hồ sơ" / "000.00.19.H50-240701-0127) của bà …": the label
                 * ends the line before */
                const fx_line *pl = &pg->lines[i - 1];
                size_t pat = FX_NONE, t = pl->flen;
                int pe = 0;
                while (t > 0 && (pl->fold[t - 1] == ' ' || pl->fold[t - 1] == ':'))
                    t--;
                size_t pend = fx_find_any(pl, labels, &pat, &pe);
                if (pend != FX_NONE && pend >= t)
                    base = 0.9;
            }
            if (base < 0.9) {
                int depth = 0;
                for (size_t k = 0; k < p; k++)
                    depth += l->fold[k] == '(' ? 1 : l->fold[k] == ')' && depth > 0 ? -1 : 0;
                size_t k = p + n;
                while (k < l->flen && l->fold[k] == ' ')
                    k++;
                if (depth > 0 || (k < l->flen && l->fold[k] == ')'))
                    base = 0.45;
            }
            fx_set(r, K_DOSSIER_CODE, fx_dup(r, code), fx_conf(base, edits, rep), i);
        }
        /* "(Mã hồ sơ: 000.25.30.H41-" / "250416-0019) của:": a code the line broke at one
         * of its hyphens */
        size_t ni = fx_next_line(pg, i, 0);
        if (looked || ni != i + 1 || !l->flen || l->fold[l->flen - 1] != '-')
            continue;
        size_t b = l->flen - 1;
        while (b > 0 && l->fold[b - 1] != ' ' && l->fold[b - 1] != '(' && l->fold[b - 1] != ':')
            b--;
        const fx_line *nl = &pg->lines[ni];
        size_t s0 = 0;
        while (s0 < nl->flen && nl->fold[s0] == ' ')
            s0++;
        char joined[64], code[32];
        int rep = 0;
        if (l->flen - b + nl->flen - s0 >= sizeof joined)
            continue;
        snprintf(joined, sizeof joined, "%.*s%.*s", (int)(l->flen - b), l->fold + b,
                 (int)(nl->flen - s0), nl->fold + s0);
        if (parse_code(joined, code, &rep) > l->flen - b) {
            e = fx_find_any(l, labels, &at, &edits);
            double base = e != FX_NONE && at < b ? 0.9 : 0.7;
            fx_set(r, K_DOSSIER_CODE, fx_dup(r, code), fx_conf(base, edits, rep), i);
        }
    }
}

/* ---- people ---- */

/* Drops an honorific or a rank in front of a name ("Ông", "Ông/Bà", "Thượng úy"), and a
 * note in brackets after it ("(chủ hộ kinh doanh)", "(Đã ký)"), in place. */
static void drop_honorific(char *s)
{
    char *paren = strchr(s, '(');
    if (paren && paren > s)
        *paren = '\0';
    const char *c = fx_honorific_end(s);
    if (c)
        memmove(s, c, strlen(c) + 1);
}

/* The text of l in fold [from, to), an honorific before it dropped, trimmed (malloc'd), or
 * NULL. */
static char *slice_without_honorific(const fx_line *l, size_t from, size_t to)
{
    char *raw = fx_text_slice(l, from, to);
    if (raw) {
        drop_honorific(raw);
        fx_trim(raw);
    }
    return raw;
}

const char *fx_honorific_end(const char *s)
{
    char *f = fx_fold(s);
    size_t n = 0;
    int hon = f && fx_starts_any(f, fx_honorifics, &n) && f[n] == ' ';
    /* as many words in the original as in the folded honorific */
    int spaces = 0;
    for (size_t k = 0; hon && k < n; k++)
        spaces += f[k] == ' ';
    free(f);
    if (!hon)
        return NULL;
    const char *c = s;
    for (int k = 0; k <= spaces && c; k++) {
        c = strchr(c, ' ');
        if (c)
            while (*c == ' ')
                c++;
    }
    return c;
}

/* Whether fold [from, to) of l holds a word no person's name holds ("của", "người",
 * "hoặc"): a heading's words, not a signature. */
static int not_a_name(const fx_line *l, size_t from, size_t to)
{
    static const char *const words[] = {"cua", "nguoi", "hoac", NULL};
    for (size_t q = from; q < to && q < l->flen; q++)
        if ((q == from || l->fold[q - 1] == ' ') && fx_starts_any(l->fold + q, words, NULL))
            return 1;
    return 0;
}

static char *name_from(const fx_line *l, size_t from, size_t to)
{
    /* "HỢP PHÁP CỦA NGƯỜI NỘP THUẾ", a signature heading's second line: words no name
     * holds */
    if (not_a_name(l, from, to))
        return NULL;
    char *raw = slice_without_honorific(l, from, to);
    if (!raw)
        return NULL;
    char *n = fx_name_normalise(raw);
    free(raw);
    return n;
}

/* Is folded name s that of a person whose family name is a known one? */
static int known_surname(const char *name)
{
    char *f = fx_fold(name);
    int r = f && fx_surname(f, strcspn(f, " "));
    free(f);
    return r;
}

/* The applicant value at fold [from, to) of l: a person's name (in title case), or an
 * organisation's as printed (org_label: the label names one; else its first words do).
 * *org says which; NULL when it is neither. */
static int real_surname(const char *name);

/* Is text, up to a note in brackets, two words or more in capitals? */
static int caps_before_note(const char *text)
{
    char *t = strdup(text);
    if (!t)
        return 0;
    char *b = strchr(t, '(');
    if (b)
        *b = '\0';
    int ok = fx_upper_ratio(t) >= 0.9 && fx_words(t) >= 2;
    free(t);
    return ok;
}

/* Cuts a note in small letters in brackets that ends an organisation's name ("… AN ĐỊNH
 * (chủ đầu tư dự án)"); "(VIỆT NAM)" in capitals is the name's. */
static void drop_small_note(char *n)
{
    char *b = strrchr(n, '(');
    size_t len = strlen(n);
    if (b && b > n && b[-1] == ' ' && len > 0 && n[len - 1] == ')' && fx_upper_ratio(b) < 0.5) {
        *b = '\0';
        fx_trim(n);
    }
}

static char *applicant_from(const fx_line *l, size_t from, size_t to, int org_label, int *org)
{
    *org = 0;
    char *raw = slice_without_honorific(l, from, to);
    if (!raw)
        return NULL;
    char *f = fx_fold(raw);
    int org_words = f && fx_starts_any(f, fx_org_words, NULL);
    /* "TRƯƠNG THỊ BÔN" is a family name, not a school ("Trường …"): the fold alone cannot
     * tell them apart */
    if (org_words && fx_starts_word(f, "truong") && real_surname(raw))
        org_words = 0;
    free(f);
    /* (not "HỢP PHÁP CỦA NGƯỜI NỘP THUẾ": words no name holds) */
    char *n = org_words || not_a_name(l, from, to) ? NULL : fx_name_normalise(raw);
    char *comma = n || org_words ? NULL : strchr(raw, ',');
    if (comma && comma > raw) {
        /* "CHAU SÓC PHOL, sinh năm 1968, dân tộc Khmer": the name, then its details */
        *comma = '\0';
        fx_trim(raw);
        n = fx_name_normalise(raw);
        if (!n)
            *comma = ',';
    }
    /* "HUỲNH TẤN VƯỢNG (chủ tàu cá)": the name, then what he is, in brackets */
    char *paren = n || org_words ? NULL : strstr(raw, " (");
    if (paren && paren > raw) {
        *paren = '\0';
        fx_trim(raw);
        n = fx_name_normalise(raw);
        if (!n)
            *paren = ' ';
    }
    /* "Cơ sở: NHÀ HÀNG BIỂN XANH" reads as a name too: under an organisation's label, a
     * person needs a known family name */
    if (n && org_label && !known_surname(n)) {
        free(n);
        n = NULL;
        /* and the name is the whole, not what was cut off for a person's: "SEOHAE BLUEWAY
         * TRAVEL CO., LTD." */
        char *whole = slice_without_honorific(l, from, to);
        if (whole) {
            free(raw);
            raw = whole;
        }
    }
    /* an organisation's name starts with what it is, or is printed in capitals */
    if (n || (!org_words && !(org_label && fx_upper_ratio(raw) > 0.8)) || strlen(raw) < 4 ||
        fx_text_anomalies(raw) > 1) {
        free(raw);
        return n;
    }
    *org = 1;
    return raw;
}

/* Bytes of an apostrophe (' or U+2019) at s, else 0. */
static size_t apostrophe_at(const char *s)
{
    if (*s == '\'')
        return 1;
    return !strncmp(s, "\xE2\x80\x99", 3) ? 3 : 0;
}

/* The run of up to max capitalised words at fold offset q of l, one blank apart: the fold
 * offset where it ends (q when there is none), its word count in *count. */
static size_t capital_run(const fx_line *l, size_t q, int max, int *count)
{
    size_t end = q;
    int words = 0;
    while (q < l->flen && words < max) {
        size_t k = l->map[q];
        if (!fx_cp_upper(fx_cp_next(l->text, l->len, &k)))
            break;
        size_t e = q, ap = 0;
        /* a word may hold the apostrophe of Central Highlands names ("K'Thuông", "H'Bia") */
        while (e < l->flen &&
               (fx_alnum(l->fold[e]) || ((ap = apostrophe_at(l->fold + e)) && e > q &&
                                         e + ap < l->flen && fx_alnum(l->fold[e + ap])))) {
            if (fx_alnum(l->fold[e]))
                e++;
            else
                e += ap;
        }
        words++;
        end = e;
        if (e >= l->flen || l->fold[e] != ' ')
            break;
        q = e + 1;
    }
    *count = words;
    return end;
}

/* The person named after a phrase at fold offset from: an honorific, then 2-6 capitalised
 * words ("ông Nguyễn Văn Lợi, CCCD ..."). Returns the name or NULL; *at_end says it ran to
 * the end of the line (it may go on in the next). */
static char *phrase_name(const fx_line *l, size_t from, int *at_end)
{
    *at_end = 0;
    while (from < l->flen && l->fold[from] == ' ')
        from++;
    size_t n;
    if (!fx_starts_any(l->fold + from, fx_honorifics, &n))
        return NULL;
    size_t p = from + n;
    while (p < l->flen && (l->fold[p] == ' ' || l->fold[p] == ':'))
        p++;
    /* the capitalised words that follow */
    int words;
    size_t end = capital_run(l, p, 6, &words);
    *at_end = end >= l->flen;
    if (words < 2) {
        /* "… của ông Thạch" / "Sê Ri, sinh năm …": one word that ends the line is a name's
         * start only, as it is printed, for name_goes_on to complete or drop */
        return words == 1 && *at_end ? fx_text_slice(l, p, end) : NULL;
    }
    char *raw = fx_text_slice(l, p, end);
    char *name = raw ? fx_name_normalise(raw) : NULL;
    free(raw);
    return name;
}

/* "... của ông Huỳnh Tấn" / "Lộc (CCCD số ...": a name that ended its line goes on with the
 * capitalised words that start the next one (up to 6 words in all), when a bracket, a
 * comma, a small-letters word or the line's end follows them. Takes name; returns it or the
 * longer one. */
static char *name_goes_on(const fx_page *pg, size_t i, char *name)
{
    /* a name of one word is no name yet: it goes on past a blank line OCR put in
     * ("… của bà H'Hen" / "" / "Niê (mẹ của …") */
    size_t ni = fx_next_line(pg, i, name && !strchr(name, ' ') ? 1 : 0);
    if (!name || ni == FX_NONE)
        return name;
    const fx_line *nl = &pg->lines[ni];
    /* "Bà HOÀNG THỊ MAI SƯƠNG" / "Số định danh cá nhân …": a line that starts with a
     * field's label goes on with no name */
    static const char *const *const label_tables[] = {fx_lab_id, fx_lab_phone, fx_lab_address,
                                                      fx_lab_not_id};
    int lidx;
    for (size_t t = 0; t < sizeof label_tables / sizeof *label_tables; t++)
        if (fx_match_idx(nl, label_tables[t], &lidx, NULL) != FX_NONE)
            return name;
    if (fx_place_date_line(nl, fx_line_start(nl)))
        return name;
    int words = 1, more;
    for (const char *c = name; *c; c++)
        words += *c == ' ';
    size_t end = capital_run(nl, fx_line_start(nl), 6 - words, &more);
    /* "Kính gửi: …": a capitalised word whose next word ends in a colon starts a label */
    size_t nw = end;
    while (nw < nl->flen && nl->fold[nw] == ' ')
        nw++;
    while (nw < nl->flen && nl->fold[nw] != ' ' && nl->fold[nw] != ':')
        nw++;
    if (nw < nl->flen && nl->fold[nw] == ':')
        return name;
    /* what follows the words: the end, a bracket, a comma, or small letters */
    char next = end < nl->flen ? nl->fold[end] : '\0';
    size_t after = end < nl->flen && next == ' ' ? nl->map[end + 1] : 0;
    int ends = !next || next == ',' || next == '(' || next == ';' || next == '.' ||
               (next == ' ' && (nl->text[after] == '(' || !fx_cp_upper(fx_cp_next(nl->text, nl->len, &after))));
    /* a name in capitals goes on in capitals ("ông PHẠM VĂN THUYÊN" / "Quan hệ với liệt sĩ"
     * is the next row's label) */
    if (more && ends && fx_upper_ratio(pg->lines[i].text) >= 0.8) {
        char *cont = fx_text_slice(nl, fx_line_start(nl), end);
        int caps = cont && fx_upper_ratio(cont) >= 0.8;
        free(cont);
        if (!caps)
            return name;
    }
    char *copy = more && ends ? strdup(name) : NULL;
    if (!copy)
        return name;
    /* "bà VƯƠNG THỊ" / "XUÂN ĐÀO": the name's first part, already in title case, goes back
     * to capitals to be normalised whole with the rest */
    char *rest = fx_text_slice(nl, fx_line_start(nl), end);
    if (rest && fx_upper_ratio(rest) >= 0.8 && fx_upper_ratio(copy) < 0.8) {
        size_t len = strlen(copy), o = 0;
        char *up = malloc(4 * len + 1);
        for (size_t k = 0; up && k < len;) {
            int cp = fx_cp_next(copy, len, &k);
            o += (size_t)utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)up + o);
        }
        if (up) {
            up[o] = '\0';
            free(copy);
            copy = up;
        }
    }
    free(rest);
    copy = fx_join(copy, &pg->lines[i], nl, fx_line_start(nl), end);
    char *norm = fx_name_normalise(copy);
    free(copy);
    if (!norm)
        return name;
    free(name);
    return norm;
}

/* Is line k its row's one segment but for OCR's specks ("se", "|": a dotted leader or a
 * rule read as letters, at most 3 bytes each)? */
static int alone_but_specks(const fx_page *pg, size_t k)
{
    if (fx_row_first(pg, k) != k)
        return 0;
    for (size_t j = k + 1; j < pg->n && pg->lines[j].row == pg->lines[k].row; j++)
        if (!fx_line_blank(&pg->lines[j]) && pg->lines[j].len > 3)
            return 0;
    return 1;
}

/* The line of the row under line i's that starts where line i does (within two characters
 * of text, or 30 pixels of hOCR), when line i is not its row's first segment; else FX_NONE.
 * In hOCR the blank row OCR may put between them is passed, and a row's one segment (but
 * for specks) may start anywhere right of the label's cell start: a page set in a
 * proportional face does not keep the typed text's columns ("Tên tổ chức [gap] CÔNG TY …
 * NỘI THẤT" / "TÂN HƯNG LONG", set in under the label). */
static size_t aligned_below(const fx_page *pg, size_t i)
{
    const fx_line *l = &pg->lines[i];
    if (i == 0 || pg->lines[i - 1].row != l->row)
        return FX_NONE;
    size_t k = i + 1;
    while (k < pg->n && pg->lines[k].row == l->row)
        k++;
    int hocr = l->box[2] != 0, below = l->row + 1;
    if (hocr && k < pg->n && pg->lines[k].row == below && fx_line_blank(&pg->lines[k]) &&
        fx_row_alone(pg, k)) {
        k++;
        below++;
    }
    for (; k < pg->n && pg->lines[k].row == below; k++) {
        const fx_line *n = &pg->lines[k];
        int dx = hocr ? n->box[0] - l->box[0] : n->x - l->x;
        if (dx >= -(hocr ? 30 : 2) && dx <= (hocr ? 30 : 2))
            return k;
        /* the row's one segment, set in past the label's cell start */
        const fx_line *lab = &pg->lines[i - 1];
        if (hocr && alone_but_specks(pg, k) && n->box[0] > lab->box[0] + 30 && dx <= 30)
            return k;
    }
    return FX_NONE;
}

/* "Doanh nghiệp: CÔNG TY CỔ PHẦN THƯƠNG MẠI" / "VÀ DỊCH VỤ KINH BẮC XANH": an
 * organisation's name in capitals goes on in the next line when that line is capitals
 * too, without a label, a number, a body's or a heading's first words. */
static char *org_continues(const fx_page *pg, size_t vi, char *name)
{
    size_t ni = fx_next_line(pg, vi, 1);
    /* "Tên tổ chức       CÔNG TY TNHH …" / (under it) "TÂN HƯNG LONG": the next row's first
     * segment where the value starts, whatever its column */
    size_t al = aligned_below(pg, vi);
    if (al != FX_NONE && (ni == FX_NONE || pg->lines[ni].row >= pg->lines[al].row))
        ni = al;
    if (!name || ni == FX_NONE || fx_upper_ratio(name) < 0.8)
        return name;
    /* nor into the next row's value, its own label in the cell before ("Tên giao dịch   KIM
     * NGAN PHUC YEN MANPOWER …") */
    if (fx_after_cell(pg, ni))
        return name;
    const fx_line *nl = &pg->lines[ni];
    size_t from = fx_line_start(nl), words = 1;
    /* "XANH IA DÊR ..................... se": a form's dotted line ends the name, and what
     * OCR made of the dots' end is not read */
    const char *dots = from < nl->flen ? strstr(nl->fold + from, "...") : NULL;
    size_t end = dots ? (size_t)(dots - nl->fold) : nl->flen;
    while (end > from && nl->fold[end - 1] == ' ')
        end--;
    char *part = end > from ? fx_text_slice(nl, from, end) : NULL;
    int caps = part && fx_upper_ratio(part) >= 0.9 && !strpbrk(part, ":0123456789");
    free(part);
    if (!caps || fx_starts_any(nl->fold + from, fx_body_words, NULL) ||
        fx_find_any(nl, fx_lab_giver, NULL, NULL) != FX_NONE ||
        fx_find_any(nl, fx_lab_taker, NULL, NULL) != FX_NONE || fx_cut_inline(nl, from) < end)
        return name;
    for (const char *c = nl->fold + from; c < nl->fold + end; c++)
        words += *c == ' ';
    return words <= 8 ? fx_join(name, &pg->lines[vi], nl, from, end) : name;
}

/* "Cho phép Hội Chữ thập đỏ huyện Lập Thạch tổ chức đoàn khám bệnh": what a body is let
 * do, a verb in small letters, follows its name and ends it; so does "tại" ("… Hồng Đạt Võ
 * Nhai tại Văn bản số …") */
static int business_verb(const fx_line *l, size_t p)
{
    static const char *const verbs[] = {
        "to chuc",          "duoc", "thuc hien", "tiep tuc", "co trach nhiem",
        "chiu trach nhiem", "tai",  NULL};
    size_t k = p < l->flen ? l->map[p] : l->len;
    return p < l->flen && fx_starts_any(l->fold + p, verbs, NULL) &&
           fx_cp_lower(fx_cp_next(l->text, l->len, &k));
}

/* "… của Hợp tác xã Dịch vụ nông nghiệp và nước sạch Kỳ Phú (trụ sở: …": a name that "và"
 * cut (phrase_business) goes on when another line of the page prints it with "và" and
 * more, to its cell's end or a bracket ("Kính gửi:   Hợp tác xã … và nước sạch Kỳ Phú"),
 * its last word capitalised. Takes name; returns it or the longer one. */
static char *business_with_and(const fx_page *pg, size_t i, char *name)
{
    char *f = fx_fold(name);
    size_t fl = f ? strlen(f) : 0;
    for (size_t j = 0; f && j < pg->n; j++) {
        const fx_line *l = &pg->lines[j];
        const char *c = j == i ? NULL : strstr(l->fold, f);
        if (!c || (c > l->fold && fx_alnum(c[-1])) || strncmp(c + fl, " va ", 4))
            continue;
        size_t from = (size_t)(c - l->fold), to = from + fl + 4;
        while (to < l->flen && !strchr("(,;:", l->fold[to]))
            to++;
        while (to > from && l->fold[to - 1] == ' ')
            to--;
        /* (the copy's last word capitalised: a name's end, not a sentence going on) */
        size_t lw = to;
        while (lw > from && l->fold[lw - 1] != ' ')
            lw--;
        size_t k = l->map[lw];
        if (to - from > fl + 40 || !fx_cp_upper(fx_cp_next(l->text, l->len, &k)))
            continue;
        char *longer = fx_text_slice(l, from, to);
        if (longer) {
            fx_trim(longer);
            free(name);
            name = longer;
        }
        break;
    }
    free(f);
    return name;
}

/* A business named after a phrase at fold offset from ("... đề nghị của Công ty TNHH Cà phê
 * Ea Drông (mã số ...), ..."): its name as printed, to a bracket, comma or the line's end.
 * Only names that say they are a business: "của Trưởng phòng ..." is an office. */
static char *phrase_business(const fx_line *l, size_t from, int *at_end)
{
    *at_end = 0;
    static const char *const business[] = {
        "cong ty",
        "hop tac xa",
        "doanh nghiep",
        "ho kinh doanh",
        "tap doan",
        "xi nghiep",
        "nha may",
        "cua hang",
        "nha hang",
        "khach san",
        /* the mass organisations that file as a body does ("Xét Văn bản số 41/CV-CTĐ … của
         * Hội Chữ thập đỏ huyện Lập Thạch"); never "Hội đồng", a council */
        "hoi chu thap do",
        "hoi nong dan",
        "hoi lien hiep phu nu",
        "hoi cuu chien binh",
        "hoi nguoi cao tuoi",
        "hoi khuyen hoc",
        "hoi luat gia",
        "hoi nha bao",
        "hoi van hoc nghe thuat",
        "doan thanh nien",
        NULL,
    };
    while (from < l->flen && l->fold[from] == ' ')
        from++;
    size_t k = from < l->flen ? l->map[from] : l->len, bn = 0;
    if (from >= l->flen || !fx_starts_any(l->fold + from, business, &bn))
        return NULL;
    /* "Công ty …", or "hộ kinh doanh Tạp hóa Bình An": the kind in small letters, then
     * the capitalised name */
    size_t nk = from + bn;
    while (nk < l->flen && l->fold[nk] == ' ')
        nk++;
    size_t nm = nk < l->flen ? l->map[nk] : l->len;
    int name_cap = nk < l->flen && fx_cp_upper(fx_cp_next(l->text, l->len, &nm));
    if (!fx_cp_upper(fx_cp_next(l->text, l->len, &k)) && !name_cap)
        return NULL;
    /* a works, a shop, a hotel is named by a capitalised word after its kind: "Nhà máy ra
     * sông Hinh" (a factory's waste water let out into a river) names none */
    static const char *const places[] = {"xi nghiep", "nha may",   "cua hang",
                                         "nha hang",  "khach san", NULL};
    if (!name_cap && fx_starts_any(l->fold + from, places, NULL))
        return NULL;
    /* "… của Công ty và Tờ trình số …": the kind alone, then a word that joins a sentence,
     * is "the company" the page spoke of, no name */
    static const char *const joins[] = {"va",   "hoac", "da",  "duoc", "cua", "tai",
                                        "theo", "ve",   "voi", "thi",  "la",  NULL};
    if (!name_cap && fx_starts_any(l->fold + nk, joins, NULL))
        return NULL;
    size_t to = from;
    /* to a bracket, a comma, or "và" after the name, or a verb or "tại" (business_verb) */
    while (to < l->flen && !strchr("(,;:", l->fold[to]) &&
           !(to > nk && l->fold[to] == ' ' && fx_starts_word(l->fold + to + 1, "va")) &&
           !(to > nk && l->fold[to] == ' ' && business_verb(l, to + 1)))
        to++;
    /* ("Đầu mối liên hệ của Công ty: …": the kind alone names no one) */
    size_t named = to;
    while (named > nk && !fx_alnum(l->fold[named - 1]))
        named--;
    if (named <= nk)
        return NULL;
    char *name = fx_text_slice(l, from, to);
    if (name)
        fx_trim(name);
    if (name && (strlen(name) < 8 || fx_text_anomalies(name))) {
        free(name);
        name = NULL;
    }
    *at_end = to >= l->flen;
    return name;
}

/* "... của Hợp tác xã Nông sản sạch" / "Thu Phong (mã số ...": a business's name that ended
 * its line goes on with the capitalised words that start the next one, up to a bracket, a
 * comma or a small-letters word ("Thu Phong và Tờ trình ..."). Takes name; returns it or
 * the longer one. */
static char *business_goes_on(const fx_page *pg, size_t i, char *name)
{
    size_t ni = fx_next_line(pg, i, 0);
    if (!name || ni == FX_NONE)
        return name;
    const fx_line *nl = &pg->lines[ni];
    int words;
    size_t end = capital_run(nl, fx_line_start(nl), 6, &words);
    return words ? fx_join(name, &pg->lines[i], nl, fx_line_start(nl), end) : name;
}

/* "… của Hợp tác xã Nuôi tôm" / "sinh thái Tam Giang (mã …": a business's name cut at its
 * line's end, which another line of the page prints whole ("Kính gửi: Hợp tác xã Nuôi tôm
 * sinh thái Tam Giang"): the longest such copy, its words after the name up to a bracket,
 * a comma, a full stop, "và" / "của" / "tại" or the line's end, at most 6 of them. Takes
 * name; returns it or the longer one. */
static char *business_longer(const fx_page *pg, size_t i, char *name)
{
    char *f = name ? fx_fold(name) : NULL;
    if (!f)
        return name;
    static const char *const stops[] = {"va", "cua", "tai", "la", NULL};
    size_t fl = strlen(f), best_j = FX_NONE, best_from = 0, best_to = 0;
    for (size_t j = 0; j < pg->n; j++) {
        const fx_line *l = &pg->lines[j];
        if (j == i || l->flen <= fl)
            continue;
        for (const char *c = strstr(l->fold, f); c; c = strstr(c + 1, f)) {
            size_t at = (size_t)(c - l->fold), e = at + fl;
            if ((at > 0 && fx_alnum(l->fold[at - 1])) || e >= l->flen || l->fold[e] != ' ')
                continue;
            size_t to = e;
            int words = 0;
            while (to < l->flen && words <= 6) {
                while (to < l->flen && l->fold[to] == ' ')
                    to++;
                if (to >= l->flen || strchr("(,;.:", l->fold[to]) ||
                    fx_starts_any(l->fold + to, stops, NULL) || business_verb(l, to))
                    break;
                while (to < l->flen && !strchr(" (,;.:", l->fold[to]))
                    to++;
                words++;
            }
            while (to > e && l->fold[to - 1] == ' ')
                to--;
            if (words && words <= 6 && to - e > best_to - best_from) {
                best_j = j;
                best_from = e;
                best_to = to;
            }
        }
    }
    free(f);
    char *more = best_j != FX_NONE ? fx_text_slice(&pg->lines[best_j], best_from, best_to) : NULL;
    if (more)
        fx_trim(more);
    size_t a = strlen(name), b = more ? strlen(more) : 0;
    char *j = b && a + b + 2 < FX_MAX_VALUE ? realloc(name, a + b + 2) : NULL;
    if (j) {
        name = j;
        name[a] = ' ';
        memcpy(name + a + 1, more, b + 1);
    }
    free(more);
    return name;
}

/* The person or business named after a phrase; its confidence through *conf. */
static char *phrase_party(const fx_page *pg, size_t i, size_t from, double *conf)
{
    const fx_line *l = &pg->lines[i];
    int at_end;
    char *n = phrase_name(l, from, &at_end);
    if (n && at_end)
        n = name_goes_on(pg, i, n);
    if (n && !strchr(n, ' ')) {
        /* a name's first word that nothing completed */
        free(n);
        n = NULL;
    }
    size_t h = from, hn, ni = FX_NONE;
    while (h < l->flen && l->fold[h] == ' ')
        h++;
    if (!n && fx_starts_any(l->fold + h, fx_honorifics, &hn) && h + hn >= l->flen &&
        (ni = fx_next_line(pg, i, 0)) != FX_NONE) {
        /* "… hồ sơ của ông" / "Tạ Quốc Thạch (số …": the honorific ends the line */
        const fx_line *nl = &pg->lines[ni];
        int words;
        size_t st = fx_line_start(nl), end = capital_run(nl, st, 6, &words);
        char *raw = words >= 2 ? fx_text_slice(nl, st, end) : NULL;
        n = raw ? fx_name_normalise(raw) : NULL;
        free(raw);
    }
    /* "… đã nhận hồ sơ của" / "Đại diện thân nhân liệt sĩ (người đứng đơn)" / (indented) "ông
     * PHẠM VĂN THUYÊN   sinh năm …": a role's heading between the phrase and the name */
    if (!n && h >= l->flen && (ni = fx_next_line(pg, i, 0)) != FX_NONE &&
        !fx_starts_any(pg->lines[ni].fold + fx_line_start(&pg->lines[ni]), fx_honorifics, &hn) &&
        fx_row_alone(pg, ni) && !strpbrk(pg->lines[ni].fold, ":0123456789") &&
        fx_words(pg->lines[ni].fold) <= 10) {
        size_t k = ni + 1;
        if (k < pg->n && pg->lines[k].row == pg->lines[ni].row + 1 &&
            pg->lines[k].x > pg->lines[ni].x &&
            fx_starts_any(pg->lines[k].fold + fx_line_start(&pg->lines[k]), fx_honorifics, &hn))
            ni = k;
    }
    if (!n && h >= l->flen && ni != FX_NONE && ni < pg->n &&
        fx_starts_any(pg->lines[ni].fold + fx_line_start(&pg->lines[ni]), fx_honorifics, &hn)) {
        /* "… ngày 24/02/2025 của" / "ông Vàng Mí Chứ và Tờ trình …": the phrase ends the
         * line, the honorific and the name start the next */
        const fx_line *nl = &pg->lines[ni];
        n = phrase_name(nl, fx_line_start(nl), &at_end);
        if (n && at_end)
            n = name_goes_on(pg, ni, n);
        /* "hồ sơ của" / "Bà   ĐẶNG THỊ HỒNG THẮM   Sinh năm 1978": the honorific alone in
         * its cell, the name in the row's next */
        size_t st0 = fx_line_start(nl);
        if (!n && st0 + hn >= nl->flen && ni + 1 < pg->n && pg->lines[ni + 1].row == nl->row) {
            const fx_line *vl = &pg->lines[ni + 1];
            int words;
            size_t st = fx_line_start(vl), end = capital_run(vl, st, 6, &words);
            char *raw = words >= 2 ? fx_text_slice(vl, st, end) : NULL;
            n = raw ? fx_name_normalise(raw) : NULL;
            free(raw);
        }
        if (n && !strchr(n, ' ')) {
            free(n);
            n = NULL;
        }
    }
    if (n) {
        *conf = known_surname(n) ? 0.75 : 0.45;
        return n;
    }
    *conf = 0.7;
    n = phrase_business(l, from, &at_end);
    if (n && !at_end)
        return business_with_and(pg, i, n);
    return n && at_end ? business_longer(pg, i, business_goes_on(pg, i, n)) : n;
}

/* s in lower case, marks kept (NFC, malloc'd), or NULL. */
static char *lower_marks(const char *s)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                          UTF8PROC_CASEFOLD);
    if (n < 0) {
        free(out);
        return NULL;
    }
    return (char *)out;
}

int fx_name_elsewhere(const fx_page *pg, size_t i, const char *n)
{
    char *f = fx_fold(n), *ln = lower_marks(n);
    int found = 0;
    for (size_t j = 0; f && ln && strchr(f, ' ') && j < pg->n && !found; j++) {
        if (j == i || j == i + 1 || !fx_has_words(pg->lines[j].fold, f))
            continue;
        /* the marks too: the same name in lower case, marks kept */
        char *low = lower_marks(pg->lines[j].text);
        found = low && strstr(low, ln) != NULL;
        free(low);
    }
    free(f);
    free(ln);
    return found;
}

/* The most words between a request and "của" (its subject and date: "Giấy đề nghị xét
 * duyệt bổ sung hộ nghèo, hộ cận nghèo ngày 02/5/2025 của bà …"). */
enum { REQUEST_WORDS = 12 };

/* Does fold s (after "do ông") hold a name of two to five words that "nộp" or "gửi" ends,
 * inside one clause? */
static int filed_by(const char *s)
{
    for (int words = 0; *s && words <= 5; words++) {
        while (*s == ' ')
            s++;
        if (words >= 2 && (fx_starts_word(s, "nop") || fx_starts_word(s, "gui")))
            return 1;
        while (*s && *s != ' ') {
            if (!fx_alnum(*s))
                return 0; /* a comma, a bracket: the clause goes on otherwise */
            s++;
        }
    }
    return 0;
}

/* A request named some words before "của" ("đơn đề nghị ngày 08/01/2024 của ông …", "đơn
 * xin thuê đất ngày 18/11/2024 của ông …"): up to REQUEST_WORDS words, inside one clause (no ';',
 * ':' or sentence end between). The fold offset after "của" (the request's start in *at), or
 * FX_NONE. "đơn vị", "đơn giá" are no requests. */
static size_t request_of(const fx_line *l, size_t p, const char *const *asked, size_t *at)
{
    size_t best = FX_NONE;
    const char *f = l->fold;
    for (const char *const *a = asked; *a; a++) {
        size_t a0, q = fx_label_find(l, p, *a, &a0, NULL);
        if (q == FX_NONE || fx_starts_word(f + q + (f[q] == ' '), "vi") ||
            fx_starts_word(f + q + (f[q] == ' '), "gia"))
            continue;
        /* "Hóa đơn số … của Công ty …": an invoice is no request */
        if (!strcmp(*a, "don") && a0 >= 4 && !strncmp(f + a0 - 4, "hoa ", 4) &&
            (a0 == 4 || !fx_alnum(f[a0 - 5])))
            continue;
        for (int words = 0; q < l->flen && words <= REQUEST_WORDS; words++) {
            while (f[q] == ' ' || f[q] == ',')
                q++;
            /* ("hồ sơ đề nghị hưởng chế độ tử tuất do bà Quách Thị Vịn nộp": the request
             * filed by a person, "do", an honorific and a name that "nộp" or "gửi" ends, for
             * "của"; not "do ông Bế Văn Lụa, Giám đốc … ký", a body's signer) */
            size_t hn = 0;
            int by = q + 3 < l->flen && fx_starts_word(f + q, "do") && f[q + 2] == ' ' &&
                     fx_starts_any(f + q + 3, fx_honorifics, &hn) && f[q + 3 + hn] == ' ' &&
                     filed_by(f + q + 3 + hn);
            if (fx_starts_word(f + q, "cua") || by) {
                if (words > 0 && (best == FX_NONE || a0 < *at)) {
                    best = q + (by ? 2 : 3);
                    *at = a0;
                }
                break;
            }
            size_t w = q;
            while (w < l->flen && f[w] != ' ' && f[w] != ';' && f[w] != ':' &&
                   !(f[w] == '.' && (f[w + 1] == ' ' || !f[w + 1])))
                w++;
            if (w < l->flen && f[w] != ' ' && f[w] != ',')
                break; /* the clause ends */
            q = w;
        }
    }
    return best;
}

/* Does line l end with the request word a, or with it and up to max words that name the
 * request ("… nhận được hồ sơ mã số" / "000.00.21.H47-240909-0318 của bà …", "Giấy đề nghị
 * xét duyệt bổ sung hộ nghèo, hộ cận nghèo ngày 02/5/2025" / "của bà …"), inside one
 * clause? */
static int ends_in_request(const fx_line *l, const char *a, int max)
{
    size_t an = strlen(a), e = l->flen;
    for (int words = 0; words <= max; words++) {
        if (e >= an && !strncmp(l->fold + e - an, a, an) &&
            (e == an || !fx_alnum(l->fold[e - an - 1])))
            return 1;
        /* the word before: back over it and its blank */
        size_t b = e;
        while (b > 0 && l->fold[b - 1] != ' ')
            b--;
        if (b == e || b == 0 || memchr(l->fold + b, ';', e - b) || memchr(l->fold + b, ':', e - b))
            return 0;
        e = b - 1;
    }
    return 0;
}

char *fx_glued_name(const fx_page *pg, size_t line, const char *raw)
{
    char *f = fx_fold(raw);
    char key[128];
    size_t kn = 0;
    for (const char *c = f; c && *c && kn + 1 < sizeof key; c++)
        if (fx_alnum(*c))
            key[kn++] = *c;
    key[kn] = '\0';
    free(f);
    if (kn < 6)
        return NULL;
    for (size_t j = 0; j < pg->n; j++) {
        const fx_line *l = &pg->lines[j];
        if (j == line)
            continue;
        for (size_t p = 0; p < l->flen; p++) {
            if ((p > 0 && l->fold[p - 1] != ' ') || l->fold[p] != key[0])
                continue;
            size_t k = l->map[p];
            if (!fx_cp_upper(fx_cp_next(l->text, l->len, &k)))
                continue;
            /* the words from p while their letters follow the key */
            size_t q = p, m = 0;
            int words = 0;
            while (q < l->flen && m < kn && words < 5) {
                size_t ws = q, wk = l->map[ws];
                if (!fx_cp_upper(fx_cp_next(l->text, l->len, &wk)))
                    break;
                while (q < l->flen && l->fold[q] != ' ' && m < kn && l->fold[q] == key[m])
                    q++, m++;
                if (q < l->flen && l->fold[q] != ' ')
                    break; /* the word goes on past the key, or differs */
                words++;
                while (q < l->flen && l->fold[q] == ' ')
                    q++;
            }
            if (m == kn && words >= 2) {
                char *slice = fx_text_slice(l, p, q);
                char *name = slice ? fx_name_normalise(slice) : NULL;
                free(slice);
                if (name)
                    return name;
            }
        }
    }
    return NULL;
}

/* Does every word of l start with a capital ("LÊ VĂN PHÚC", "Lê Văn Phúc"; not a table's
 * next header "Năm sinh")? */
/* "Tổ cộng đồng Bảo vệ nguồn lợi thủy sản Phú Quý": an organisation's name as a sentence
 * is written, its first letter a capital. */
static int first_capital(const fx_line *l)
{
    size_t k = l->map[fx_line_start(l)];
    return fx_line_start(l) < l->flen && fx_cp_upper(fx_cp_next(l->text, l->len, &k));
}

static int words_capitalised(const fx_line *l)
{
    int words = 0, hon = 0;
    for (size_t k = 0; k < l->len;) {
        while (k < l->len && l->text[k] == ' ')
            k++;
        /* ".........KHỔNG VĂN THIỀU.........": a leader's dots before a word */
        while (k < l->len && l->text[k] == '.')
            k++;
        if (k >= l->len)
            break;
        if (l->text[k] == ' ')
            continue;
        int cp = fx_cp_next(l->text, l->len, &k);
        if (!words && !fx_cp_letter(cp) && strchr("|[(-", cp < 0x80 ? cp : 'x') &&
            (k >= l->len || l->text[k] == ' '))
            continue; /* "| THÀO A DỀNH": a box's rule before the value */
        /* "ông LÊ CÔNG LUẬT": an honorific before the name */
        size_t hl;
        if (!words && !hon && fx_cp_lower(cp) &&
            fx_starts_any(l->fold + fx_line_start(l), fx_honorifics, &hl)) {
            hon = 1;
            while (k < l->len && l->text[k] != ' ')
                k++;
            continue;
        }
        /* "ông HUỲNH TẤN VƯỢNG (chủ tàu cá)": what he is, in brackets after the name */
        if (cp == '(' && words >= 2)
            break;
        if (!fx_cp_upper(cp))
            return 0;
        words++;
        while (k < l->len && l->text[k] != ' ')
            k++;
        /* "ông KIÊN SÔ KHOM, sinh năm 1958, CCCD …": the name, then its details after a
         * comma */
        if (words >= 2 && l->text[k - 1] == ',')
            break;
    }
    return words > 0;
}

/* "Họ và tên (chữ in hoa) VŨ THỊ NGỌC LAN Năm sinh 1958": a label in small letters with no
 * colon (OCR ran its cells together), its remark in brackets, then 2-5 words in capitals
 * right after it: a name. Unless *colon is already set, sets *v to the name's start and
 * *colon, and returns the fold offset where the capitals end; else FX_NONE. */
static size_t caps_name_after(const fx_line *l, size_t e, size_t *v, int *colon)
{
    if (*colon)
        return FX_NONE;
    int small = 0;
    for (size_t k = 0; k < l->map[e < l->flen ? e : l->flen] && !small;)
        small = fx_cp_lower(fx_cp_next(l->text, l->len, &k));
    size_t q = e;
    while (q < l->flen && l->fold[q] == ' ')
        q++;
    if (q < l->flen && l->fold[q] == '(') {
        const char *c = strchr(l->fold + q, ')');
        if (!c || c - (l->fold + q) > 40)
            return FX_NONE;
        q = (size_t)(c - l->fold) + 1;
        while (q < l->flen && l->fold[q] == ' ')
            q++;
    }
    size_t start = q, end = q;
    int words = 0;
    while (small && q < l->flen && words < 6) {
        size_t w = q, k = l->map[q];
        int letters = 0, caps = 1;
        while (w < l->flen && l->fold[w] != ' ')
            w++;
        while (k < l->map[w]) {
            int cp = fx_cp_next(l->text, l->len, &k);
            letters += fx_cp_letter(cp);
            caps &= !fx_cp_lower(cp) && (fx_cp_letter(cp) || cp == '\'' || cp == 0x2019);
        }
        if (!caps || !letters)
            break;
        words++;
        end = w;
        q = w;
        while (q < l->flen && l->fold[q] == ' ')
            q++;
    }
    if (words < 2 || words > 5)
        return FX_NONE;
    *v = start;
    *colon = 1;
    return end;
}

/* "Họ, chữ đệm và tên người đứng đơn": a generic name label, then a role of the applicant
 * labels ("người …", "chủ …"), in any of the wordings the two tables hold: the end of the
 * label, its role's index in fx_lab_applicant in *idx; or FX_NONE. */
static size_t name_then_role(const fx_line *l, int *idx, int *edits)
{
    /* (each name label in turn, those spelled as printed first: one a few edits from
     * another ends elsewhere) */
    for (int pass = 0; pass < 2; pass++)
        for (const char *const *gl = fx_lab_applicant_generic; *gl; gl++) {
            int ge = 0;
            size_t g = fx_label_match(l, fx_line_start(l), *gl, &ge);
            if (g == FX_NONE || (pass == 0 && ge))
                continue;
            while (g < l->flen && l->fold[g] == ' ')
                g++;
            for (int k = 0; fx_lab_applicant[k]; k++) {
                const char *lab = fx_lab_applicant[k];
                size_t e;
                if ((!strncmp(lab, "nguoi ", 6) || !strncmp(lab, "chu ", 4)) &&
                    (e = fx_label_match(l, g, lab, NULL)) != FX_NONE) {
                    *idx = k;
                    *edits = ge;
                    return e;
                }
            }
        }
    return FX_NONE;
}

/* The applicant from a label line ("Tôi là:", "Tiếp nhận hồ sơ của:", "Cơ sở:"); the more
 * specific label wins (its rank in the table), then the earlier line. Without one, the
 * person an official document answers ("xét đơn đề nghị của ông ..."). When a label's value
 * is too damaged to be a name, *hint gets its word count and hint_first its first word
 * (folded), to split a two-name signature line later. */
void fx_find_applicant(const fx_page *pg, fx_result *r, int *hint, char *hint_first, size_t cap)
{
    *hint = 0;
    int best = 2; /* 0: a label saying who files, 1: a generic name label */
    /* in another party's block ("Trẻ em được nhận làm con nuôi"), its label within one OCR
     * edit, as fx_find_address takes it */
    int other = 0, work = 0;
    static const char *const workplace[] = {"noi lam viec", "don vi cong tac", "co quan cong tac",
                                            NULL};
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        int edits = 0, colon, idx = 0, org_label = 0, tier = 0, oidx0, oedits = 0;
        if (fx_line_blank(l))
            other = work = 0;
        else if (fx_match_idx(l, fx_lab_other_party, &oidx0, &oedits) != FX_NONE && oedits <= 1 &&
                 l->text[0] != '[')
            other = 1;
        /* "7. Nơi làm việc: …Cơ sở … (hộ kinh doanh)…" / "Chủ hộ kinh doanh: ông …": the
         * workplace's owner, on the lines under it, is not who files */
        int widx;
        if (fx_match_idx(l, workplace, &widx, NULL) != FX_NONE) {
            work = 1;
            continue;
        }
        if (work && fx_line_start(l) > 0 && fx_alnum(l->fold[fx_line_start(l) - 1]))
            work = 0; /* the form's next numbered item */
        if (work)
            continue;
        size_t e = fx_match_idx(l, fx_lab_applicant, &idx, &edits);
        const char *lab = e != FX_NONE ? fx_lab_applicant[idx] : "";
        int oidx;
        size_t oe = fx_match_idx(l, fx_lab_org, &oidx, &edits);
        if (oe != FX_NONE && (e == FX_NONE || oe >= e)) {
            e = oe;
            org_label = 1;
            lab = fx_lab_org[oidx];
        }
        int inline_lab = 0;
        if (e == FX_NONE) {
            size_t at;
            e = fx_find_any(l, fx_lab_applicant_inline, &at, &edits);
            inline_lab = e != FX_NONE;
        }
        if (e == FX_NONE && (e = name_then_role(l, &idx, &edits)) != FX_NONE)
            lab = fx_lab_applicant[idx];
        if (e == FX_NONE && !other) {
            /* (a generic "Họ và tên" in another party's block names that party) */
            e = fx_match_idx(l, fx_lab_applicant_generic, &idx, &edits);
            tier = 1;
        }
        if (e == FX_NONE || tier >= best)
            continue;
        /* "Tên đơn vị kinh doanh vận tải:", "Tên tổ chức/cá nhân đăng ký:", "Người yêu cầu
         * chứng thực (bên tặng cho):": a "Tên …" or "Người …" label runs on in a few words of
         * what it names */
        /* "Cấp cho ông (bà) ....... ĐIỂU K'RĂNG": an honorific between label and leader */
        size_t hp = e, hl;
        while (hp < l->flen && l->fold[hp] == ' ')
            hp++;
        int hon = fx_starts_any(l->fold + hp, fx_honorifics, &hl);
        size_t v = fx_after_label(l, e,
                                  !strncmp(lab, "ten ", 4) || !strncmp(lab, "nguoi ", 6) ||
                                      !strncmp(lab, "don vi ", 7) || !strncmp(lab, "to chuc ", 8) ||
                                      !strncmp(lab, "hoi ", 4),
                                  &colon);
        if (!colon && hon && !fx_alnum(l->fold[hp + hl])) {
            int c2;
            size_t v2 = fx_after_label(l, hp + hl, 0, &c2);
            if (c2 && !memchr(l->fold + hp, ':', v2 - hp)) {
                v = v2;
                colon = 1;
            }
        }
        size_t caps_to =
            edits || memchr(l->fold, ':', e) ? FX_NONE : caps_name_after(l, e, &v, &colon);
        /* a real colon: "- Chủ đầu tư;" in a distribution list is no label */
        /* "Ông/bà   LÊ VĂN PHÚC": a label in small letters that fills its cell, the value
         * in the row's next cell */
        /* "Tên tổ chức cộng đồng": a "Tên …" label runs on in a few words of what it names */
        int runs_on = v >= l->flen || (!strncmp(lab, "ten ", 4) && fx_words(l->fold + v) <= 5 &&
                                       !strpbrk(l->fold + v, "0123456789"));
        int in_cell = !colon && runs_on && !edits && i + 1 < pg->n &&
                      pg->lines[i + 1].row == l->row && !strchr(pg->lines[i + 1].fold, ':') &&
                      fx_upper_ratio(l->text) < 0.5 &&
                      (words_capitalised(&pg->lines[i + 1]) ||
                       (org_label && first_capital(&pg->lines[i + 1])));
        if (in_cell)
            colon = 1;
        /* "Tên cơ sở khám bệnh, chữa bệnh" / (indented) "PHÒNG KHÁM CHUYÊN KHOA …": a label
         * in small letters, its row alone, over one indented segment of capitalised words */
        int below = !colon && runs_on && !edits && fx_upper_ratio(l->text) < 0.5 &&
                    fx_indented_below(pg, i) != FX_NONE && words_capitalised(&pg->lines[i + 1]);
        /* "Tổ chức, cá nhân đăng ký" / (indented) "bà ĐOÀN THỊ DẦN   Sinh năm   1976 …", "Tôi
         * là (viết chữ in hoa)" / (indented) "QUÁCH THỊ NGỌC DIỄM   Giới tính   Nữ …": over
         * an honorific and a name, or a name in capitals, the row's next cells the person's
         * other labels */
        size_t hon_at;
        const fx_line *nx = i + 1 < pg->n ? &pg->lines[i + 1] : NULL;
        if (!below && !colon && runs_on && !edits && fx_upper_ratio(l->text) < 0.5 &&
            fx_row_alone(pg, i) && nx && nx->row == l->row + 1 && nx->x > l->x &&
            !strchr(nx->fold, ':') && words_capitalised(nx) &&
            (fx_starts_any(nx->fold + fx_line_start(nx), fx_honorifics, &hon_at) ||
             (fx_upper_ratio(nx->text) >= 0.8 && fx_words(nx->fold) >= 2 &&
              (fx_words(nx->fold) <= 5 ||
               (org_label && fx_starts_any(nx->fold + fx_line_start(nx), fx_org_words, NULL))))))
            below = 1;
        if (below)
            colon = 1;
        if (!colon || l->fold[v - (v > 0)] == ';' || (v > 1 && l->fold[v - 2] == ';'))
            continue;
        const fx_line *vl = l;
        size_t vi = i;
        if (in_cell || below) {
            vi = i + 1;
            vl = &pg->lines[vi];
            v = fx_line_start(vl);
        } else if (v >= l->flen) {
            /* the label alone, its value on the next line ("... tiếp nhận hồ sơ của:" /
             * "Tổ chức/cá nhân: CÔNG TY ..."), past a label of its own there; or in the
             * row's next cell ("Cấp cho ." / "ông LÂM VĂN TRỌNG": the leader's gap) */
            vi = i + 1 < pg->n && pg->lines[i + 1].row == l->row ? i + 1 : fx_next_line(pg, i, 1);
            if (vi == FX_NONE)
                continue;
            vl = &pg->lines[vi];
            v = fx_line_start(vl);
            /* "… hồ sơ của:" / "Ông/bà   LÊ VĂN PHÚC": an honorific's cell, the name in the
             * next */
            size_t hon_len;
            if (fx_starts_any(vl->fold + v, fx_honorifics, &hon_len) && v + hon_len >= vl->flen &&
                vi + 1 < pg->n && pg->lines[vi + 1].row == vl->row) {
                vi++;
                vl = &pg->lines[vi];
                v = fx_line_start(vl);
            }
            const char *c = strchr(vl->fold + v, ':');
            /* "ÔNG ĐỖ MẠNH QUYẾT Sinh ngày: …", "LÂM THỊ DIỆU HIỀN Giới tính: Nữ": the value,
             * then a label of its own that ends it */
            size_t hn, cut = fx_cut_inline(vl, v);
            int org2;
            char *before =
                c && cut < vl->flen ? applicant_from(vl, v, cut, org_label, &org2) : NULL;
            if (c && c - (vl->fold + v) < 40 && !before &&
                !fx_starts_any(vl->fold + v, fx_honorifics, &hn)) {
                int cc;
                v = fx_after_colon(vl, (size_t)(c - vl->fold), &cc);
            }
            free(before);
        }
        size_t to = fx_cut_inline(vl, v);
        if (vl == l && caps_to < to)
            to = caps_to;
        /* "… đã nhận hồ sơ của" / "ỦY BAN NHÂN DÂN XÃ AN ĐỊNH (chủ đầu tư dự án)": a public
         * body in capitals files as an organisation does */
        int body = inline_lab && v < vl->flen && fx_starts_any(vl->fold + v, fx_body_words, NULL) &&
                   caps_before_note(vl->text);
        int org;
        char *n = applicant_from(vl, v, to, org_label || body, &org);
        if (n && org && body)
            drop_small_note(n);
        /* "Là chủ hộ kinh doanh ...... QUÁN ĂN GIA ĐÌNH NGỌC DIỄM": an owner's label over
         * the business's name names the business, not the owner who applies */
        if (n && org && !org_label && (!strncmp(lab, "chu ", 4) || strstr(lab, " chu "))) {
            free(n);
            continue;
        }
        if (n && org && to == vl->flen)
            n = org_continues(pg, vi, n);
        if (n) {
            double c = fx_conf(org || known_surname(n) ? 0.9 : 0.7, edits, 0);
            free(r->v[K_APPLICANT].value);
            r->v[K_APPLICANT].value = NULL;
            fx_set(r, K_APPLICANT, n, c, vi);
            r->app_generic = tier == 1;
            best = tier;
            continue;
        }
        if (*hint || r->v[K_APPLICANT].value)
            continue;
        char *raw = fx_text_slice(vl, v, to);
        if (raw) {
            drop_honorific(raw);
            char *f = fx_fold(raw);
            if (f) {
                *hint = 1;
                for (const char *c = f; *c; c++)
                    *hint += *c == ' ';
                snprintf(hint_first, cap, "%.*s", (int)strcspn(f, " "), f);
            }
            free(f);
            free(raw);
        }
    }
    if (r->v[K_APPLICANT].value || *hint)
        return;
    /* ("văn bản đăng ký tổ chức lễ hội ngày … của ông A HRUI": a registration filed) */
    /* (and "nhận được Thông báo phát triển điện mặt trời mái nhà … của ông …": a
     * citizen's notice answered) */
    static const char *const asked[] = {"de nghi",  "don",     "to khai",   "yeu cau", "ho so",
                                        "ban khai", "dang ky", "thong bao", NULL};
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        /* "... nhận được đơn đề nghị" / "của ông Đinh Công Tráng, ...": a phrase wrapped */
        size_t s0 = fx_line_start(l);
        /* "… hồ sơ đề nghị" / "cải chính hộ tịch, … của công dân … là ông …": the words
         * before "của" went on in this line */
        size_t cu = s0;
        int before = 0;
        for (; cu < l->flen && before < 8 && !fx_starts_word(l->fold + cu, "cua"); before++) {
            while (cu < l->flen && l->fold[cu] != ' ')
                cu++;
            while (cu < l->flen && l->fold[cu] == ' ')
                cu++;
        }
        size_t pi = i > 0 ? fx_prev_line(pg, i, 1) : FX_NONE;
        if (pi != FX_NONE && cu < l->flen && fx_starts_word(l->fold + cu, "cua")) {
            /* OCR may put a blank line between the two */
            const fx_line *pl = &pg->lines[pi];
            /* as in one line (request_of): up to REQUEST_WORDS between the request and
             * "của", on both lines ("Giấy đề nghị … ngày 02/5/2025" / "của bà …") */
            int max = REQUEST_WORDS - before;
            for (const char *const *a = asked; *a; a++) {
                if (ends_in_request(pl, *a, max)) {
                    double c;
                    char *n = phrase_party(pg, i, cu + 3, &c);
                    if (n) {
                        if (c < FIELDS_MIN_CONFIDENCE && fx_name_elsewhere(pg, i, n))
                            c = 0.7;
                        r->why = "a name in a sentence, its family name not a common one";
                        fx_set(r, K_APPLICANT, n, c, i);
                        r->app_phrase = 1;
                        return;
                    }
                }
            }
        }
        for (size_t p = 0; p < l->flen;) {
            size_t at = 0, e = FX_NONE;
            for (const char *const *ph = fx_lab_applicant_phrase; *ph; ph++) {
                size_t a, x = fx_label_find(l, p, *ph, &a, NULL);
                if (x != FX_NONE && (e == FX_NONE || a < at)) {
                    e = x;
                    at = a;
                }
            }
            size_t da = 0, dx = request_of(l, p, asked, &da);
            if (dx != FX_NONE && (e == FX_NONE || da < at)) {
                e = dx;
                at = da;
            }
            if (e == FX_NONE)
                break;
            double c;
            char *n = phrase_party(pg, i, e, &c);
            if (n) {
                /* a rare family name that the page prints again on a line of its own
                 * ("Kính gửi: Bà LÀNH THỊ MẾN") is the name as written */
                if (c < FIELDS_MIN_CONFIDENCE && fx_name_elsewhere(pg, i, n))
                    c = 0.7;
                r->why = "a name in a sentence, its family name not a common one";
                fx_set(r, K_APPLICANT, n, c, i);
                r->app_phrase = 1;
                return;
            }
            p = e;
        }
    }
}

/* Common Vietnamese family names (folded), to split "Phạm Minh Tuấn Võ Thị Kim Oanh" and
 * to tell a person's name from other capitalised words. */
int fx_surname(const char *w, size_t n)
{
    static const char *const names[] = {
        "nguyen", "tran",  "le",    "pham", "hoang", "huynh", "phan", "vu",    "vo",
        "dang",   "bui",   "do",    "ho",   "ngo",   "duong", "ly",   "dinh",  "truong",
        "trinh",  "mai",   "dao",   "doan", "lam",   "luong", "ha",   "cao",   "ta",
        "luu",    "chau",  "quach", "thai", "tang",  "kieu",  "lai",  "vuong", "trieu",
        "phung",  "thach", "mac",   "ton",  "nong",  "khuc",  "tieu", "au",   "banh",
        "bach",   "cu",    "diep",  "giang", "giap", "han",   "hua",  "kha",   "khong",
        "khuong", "la",    "lieu",  "lo",   "luc",   "ma",    "man",  "ninh",  "ong",
        "phi",    "quan",  "sam",   "son",  "tan",   "thieu", "tong", "tu",    "u",
        "ung",    "van",   "vi",    "y",    "yen",   "nghiem", "nhan", "hau",  "doan",
        "le",     "dam",   "nguy",  "mach", "luu",   "danh",   "chu",  "to",   "dieu",
        "dong",   "cam",   "vang",  "sung", "lau",  "ksor", "nie",
        "siu",    "rmah",  NULL,
    };
    for (const char *const *s = names; *s; s++)
        if (strlen(*s) == n && !strncmp(*s, w, n))
            return 1;
    return 0;
}

/* Word starts (fold offsets) of l from `from`; returns the count (at most cap). */
static size_t words_of(const fx_line *l, size_t from, size_t *starts, size_t cap)
{
    size_t n = 0;
    for (size_t p = from; p < l->flen && n < cap; p++)
        if (l->fold[p] != ' ' && (p == from || l->fold[p - 1] == ' '))
            starts[n++] = p;
    return n;
}

/* Splits a line holding two names side by side; returns the fold offset where the second
 * starts, or FX_NONE. Uses the first name when known, else the applicant's damaged
 * label value (word count, first word), else where a family name starts. */
/* Where person's name `name` (not a company's) starts when it ends line l after at least
 * two words from `from` ("Vũ Thị Hải Yến Phạm Văn Thắng"), or FX_NONE. */
static size_t name_at_end(const fx_line *l, size_t from, const char *name)
{
    char *f = name ? fx_fold(name) : NULL;
    size_t fn = f ? strlen(f) : 0, at = FX_NONE;
    if (f && !fx_starts_any(f, fx_org_words, NULL) && fn + from + 4 < l->flen &&
        !strcmp(l->fold + l->flen - fn, f) && l->fold[l->flen - fn - 1] == ' ') {
        size_t w[16], words = words_of(l, from, w, 16), nw = 1;
        for (const char *c = f; *c; c++)
            nw += *c == ' ';
        if (words >= nw + 2)
            at = l->flen - fn;
    }
    free(f);
    return at;
}

static size_t split_names(const fx_line *l, size_t from, const char *first_name, int hint,
                          const char *hint_first, double *conf)
{
    size_t w[16];
    size_t n = words_of(l, from, w, 16);
    if (n < 4 || n > 10)
        return FX_NONE;
    char *org = first_name ? fx_fold(first_name) : NULL;
    /* a company filed: the one who signs for it is a person, split as any other */
    if (org && fx_starts_any(org, fx_org_words, NULL))
        first_name = NULL;
    free(org);
    if (first_name) {
        char *f = fx_fold(first_name);
        size_t fn = f ? strlen(f) : 0;
        int ok = f && fn < l->flen - from && !strncmp(l->fold + from, f, fn) &&
                 l->fold[from + fn] == ' ';
        free(f);
        *conf = 0.85;
        return ok ? from + fn + 1 : FX_NONE;
    }
    if (hint >= 2 && (size_t)hint + 2 <= n && hint_first &&
        !strncmp(l->fold + w[0], hint_first, strlen(hint_first))) {
        *conf = 0.7;
        return w[hint];
    }
    size_t found = FX_NONE;
    int count = 0;
    for (size_t k = 2; k + 2 <= n && k <= 5; k++) {
        size_t wl = (k + 1 < n ? w[k + 1] - 1 : l->flen) - w[k];
        if (fx_surname(l->fold + w[k], wl) && n - k <= 5) {
            found = w[k];
            count++;
        }
    }
    *conf = 0.65;
    return count == 1 ? found : FX_NONE;
}

/* Common family names as they are spelled. */
static const char *const marked_surnames[] = {
    "nguyễn", "trần",  "lê",    "phạm", "hoàng", "huỳnh", "phan", "vũ",    "võ",
    "đặng",   "bùi",   "đỗ",    "hồ",   "ngô",   "dương", "lý",   "đinh",  "trương",
    "trịnh",  "mai",   "đào",   "đoàn", "lâm",   "lương", "hà",   "cao",   "tạ",
    "lưu",    "châu",  "quách", "thái", "tăng",  "kiều",  "lại",  "vương", "triệu",
    "phùng",  "thạch", "mạc",   "tôn",  "nông",  "khúc",  "tiêu", "danh",  "chu",
    "tô",     "điêu",  "đồng",  "cầm",
    /* a name's first word only: "Khống Thị Liễu" is Khổng */
    "khổng",
    /* Chăm and Khmer family names that share their letters with Kinh ones: not respelled */
    "trượng", "đàng",  "thập", "chau",
    /* "Điểu" (M'Nông, S'tiêng) and "Điêu" (Thái) share their letters: neither is respelled;
     * nor is the Thái "Lường" into "Lương" */
    "điểu",   "lường",
    /* "Doãn" and "Đoàn" share their letters: neither is respelled into the other */
    "doãn",   NULL,
};

int fx_real_surname(const char *name)
{
    return real_surname(name);
}

/* Is the first word of name (in lower case, tone marks kept) a family name as written? */
static int real_surname(const char *name)
{
    const char *const *names = marked_surnames;
    char w[64];
    size_t len = strcspn(name, " "), i = 0, o = 0;
    while (i < len && o + 4 < sizeof w) {
        int cp = fx_cp_next(name, len, &i);
        o += (size_t)utf8proc_encode_char(utf8proc_tolower(cp), (utf8proc_uint8_t *)w + o);
    }
    w[o] = '\0';
    for (const char *const *n = names; *n; n++)
        if (!strcmp(*n, w))
            return 1;
    return 0;
}

/* Do names a and b (the same letters) differ where one's word has no mark at all and the
 * other's has a tone on a plain vowel ("Chi" / "Chỉ")? */
int fx_bare_against_tone(const char *a, const char *b)
{
    int found = 0;
    while (*a && *b) {
        size_t na = strcspn(a, " "), nb = strcspn(b, " ");
        if (na != nb || memcmp(a, b, na)) {
            const char *toned = b;
            size_t ntoned = nb;
            int ascii = 1;
            for (size_t k = 0; k < na && ascii; k++)
                ascii = (unsigned char)a[k] < 0x80;
            if (!ascii) {
                toned = a, ntoned = na;
                ascii = 1;
                for (size_t k = 0; k < nb && ascii; k++)
                    ascii = (unsigned char)b[k] < 0x80;
            }
            /* the toned word: its letters decomposed are the bare word's plus one tone
             * (other differences, "Nguyên" / "Nguyễn", are other rules' concern) */
            utf8proc_int32_t d[64];
            size_t o = 0;
            int tones = 0, other = 0;
            for (size_t i = 0; ascii && i < ntoned && o < 48;) {
                int cp = fx_cp_next(toned, ntoned, &i);
                int last = 0;
                utf8proc_ssize_t m =
                    utf8proc_decompose_char(cp, d + o, 8, UTF8PROC_DECOMPOSE, &last);
                for (utf8proc_ssize_t k = 0; k < m; k++) {
                    int c = d[o + k];
                    if (c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323)
                        tones++;
                    else if (c >= 0x300 && c < 0x370)
                        other++;
                }
                o += (size_t)m;
            }
            if (ascii && tones == 1 && !other)
                found = 1;
        }
        a += na;
        b += nb;
        while (*a == ' ')
            a++;
        while (*b == ' ')
            b++;
    }
    return found && !*a && !*b;
}

static int same_name(const char *a, const char *b)
{
    char *fa = fx_fold(a), *fb = fx_fold(b);
    int r = fa && fb && !strcmp(fa, fb);
    free(fa);
    free(fb);
    return r;
}

/* Is a (folded) the first words of b (a truncated by the page edge)? */
static int name_prefix(const char *a, const char *b)
{
    char *fa = fx_fold(a), *fb = fx_fold(b);
    size_t n = fa ? strlen(fa) : 0;
    int r = fa && fb && n < strlen(fb) && !strncmp(fa, fb, n) && fb[n] == ' ';
    free(fa);
    free(fb);
    return r;
}

/* Does s[0..n) hold w? */
static int span_has(const char *s, size_t n, const char *w)
{
    size_t wl = strlen(w);
    for (size_t i = 0; i + wl <= n; i++)
        if (!memcmp(s + i, w, wl))
            return 1;
    return 0;
}

/* Whether the word that text t (len bytes) starts with is one of words (lower case, with
 * their marks) as printed (printed_as: the word at folded offset p of line l): a word of
 * fx_org_words folds like a title or a unit ("TRƯỞNG BẢN", a village's head, folds as
 * "truong", a school; "QUẬN 3" as "quan", an eatery). */
static int word_printed(const char *t, size_t len, const char *const *words)
{
    for (const char *const *w = words; *w; w++) {
        size_t i = 0, j = 0, wl = strlen(*w);
        int a, b;
        do {
            b = fx_cp_next(*w, wl, &j);
            a = b < 0 ? 0 : fx_cp_next(t, len, &i);
        } while (b >= 0 && a >= 0 && utf8proc_tolower(a) == b);
        if (b < 0) {
            size_t k = i;
            int next = fx_cp_next(t, len, &k);
            if (next < 0 || !fx_cp_letter(next))
                return 1;
        }
    }
    return 0;
}

static int printed_as(const fx_line *l, size_t p, const char *const *words)
{
    return word_printed(l->text + l->map[p], l->len - l->map[p], words);
}

/* Signature blocks: "Người yêu cầu" / "(Ký, ghi rõ họ tên)" / "Lê Quang Huy", and the
 * receipt's "NGƯỜI NỘP HỒ SƠ   NGƯỜI TIẾP NHẬN HỒ SƠ" over two names on one line. */
void fx_find_signature_names(const fx_page *pg, fx_result *r, int hint, const char *hint_first)
{
    const char *const *giver = fx_lab_giver, *const *taker = fx_lab_taker;
    static const char *const taker_cut[] = {"nguoi tiep", NULL};
    char *sig_app = NULL;
    double sig_conf = 0;
    const char *type = r->v[K_DOC_TYPE].value;
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        size_t gat = FX_NONE, tat = FX_NONE;
        int edits = 0, colon;
        /* every heading here has "người", "cán bộ", "công chức", "chuyên viên" or an owner's
         * "chủ" (OCR keeps at least "ngu", "bo", "chuc", "vien" or "chu") */
        if (!strstr(l->fold, "ngu") && !strstr(l->fold, "bo") && !strstr(l->fold, "chuc") &&
            !strstr(l->fold, "vien") && !strstr(l->fold, "chu "))
            continue;
        size_t ge = fx_find_any(l, giver, &gat, NULL);
        size_t te = fx_find_any(l, taker, &tat, &edits);
        int cut_off = 0;
        if (te == FX_NONE && ge != FX_NONE && fx_upper_ratio(l->text) >= 0.9) {
            /* "NGƯỜI NỘP HỒ SƠ NGƯỜI TIẾP N": the heading cut at the page edge */
            te = fx_find_any(l, taker_cut, &tat, &edits);
            cut_off = te != FX_NONE && tat > gat;
            if (!cut_off)
                te = FX_NONE;
        }
        if (ge == FX_NONE && te == FX_NONE)
            continue;
        /* "CÔNG CHỨC ĐỊA CHÍNH" over a name beside the chairman's block of a confirmation:
         * an officer's heading that says nothing of receiving names a receiver on a
         * receipt only */
        if (te != FX_NONE && ge == FX_NONE && type && strcmp(type, "giay_tiep_nhan") &&
            !span_has(l->fold + tat, te - tat, "nhan") &&
            !span_has(l->fold + tat, te - tat, "mot cua"))
            continue;
        /* "Người tiếp nhận: Võ Thị Kim Oanh" on one line */
        if (te != FX_NONE && ge == FX_NONE) {
            size_t v = fx_after_colon(l, te, &colon);
            if (colon && v < l->flen) {
                fx_set(r, K_RECEIVER, name_from(l, v, fx_cut_inline(l, v)), fx_conf(0.85, edits, 0),
                       i);
                continue;
            }
        }
        /* a heading alone on its line (one or two columns), not a label with a value */
        size_t end = cut_off ? l->flen : ge != FX_NONE && (te == FX_NONE || ge > te) ? ge : te;
        int tail_colon;
        size_t rest = fx_after_colon(l, end, &tail_colon);
        /* "Người yêu cầu ." : a speck read as a dot after the heading */
        while (rest < l->flen && strchr(" ._-|,'`~*", l->fold[rest]))
            rest++;
        /* "CÔNG CHỨC ĐỊA CHÍNH - XÂY DỰNG": the officer's field, in capitals, ends it */
        if (rest < l->flen && !tail_colon && te != FX_NONE && end == te &&
            fx_upper_ratio(l->text + l->map[rest]) >= 0.9 &&
            !strpbrk(l->fold + rest, ":0123456789"))
            rest = l->flen;
        if (rest < l->flen || tail_colon)
            continue;
        if (fx_line_start(l) != (gat < tat ? gat : tat))
            continue;
        /* the signature's room: up to four blank lines before the name */
        for (size_t j = fx_next_line(pg, i, 4), k = 0; j != FX_NONE && k < 4;
             j = fx_next_line(pg, j, 4), k++) {
            const fx_line *nl = &pg->lines[j];
            if (nl->text[0] == '(')
                continue;
            size_t from = fx_line_start(nl), to = nl->flen;
            if (ge != FX_NONE && te != FX_NONE) {
                double c = 0;
                const char *known = gat < tat ? r->v[K_APPLICANT].value : NULL;
                size_t cut = split_names(nl, from, known, gat < tat ? hint : 0, hint_first, &c);
                /* "CÁN BỘ TIẾP NHẬN   NGƯỜI NỘP HỒ SƠ" / "Vũ Thị Hải Yến Phạm Văn Thắng":
                 * the applicant the label named ends the line, the receiver is before it */
                size_t tail = gat > tat ? name_at_end(nl, from, r->v[K_APPLICANT].value) : FX_NONE;
                if (tail != FX_NONE) {
                    cut = tail;
                    c = 0.85;
                }
                if (cut == FX_NONE)
                    break;
                char *left = name_from(nl, from, cut - 1), *right = name_from(nl, cut, to);
                char *app = gat < tat ? left : right, *rec = gat < tat ? right : left;
                fx_set(r, K_RECEIVER, rec, c, j);
                if (app && !sig_app) {
                    sig_app = app;
                    sig_conf = c;
                } else {
                    free(app);
                }
            } else if (te != FX_NONE) {
                fx_set(r, K_RECEIVER, name_from(nl, from, to), 0.85, j);
            } else if (!sig_app) {
                /* (the heading's second line: the name is further down) */
                if (not_a_name(nl, from, to))
                    continue;
                sig_app = name_from(nl, from, to);
                sig_conf = 0.7;
            }
            break;
        }
    }
    /* the label line and the signature should agree */
    fx_val *a = &r->v[K_APPLICANT];
    if (sig_app && !a->value) {
        /* the one who signs for a company is its submitter, not the applicant: a company
         * named in capitals on the page makes the signature a doubtful applicant */
        static const char *const not_org[] = {"trưởng", "quận", NULL};
        int company = 0;
        for (size_t i = 0; i < pg->n && !company; i++) {
            const fx_line *l = &pg->lines[i];
            for (size_t p = 0; p < l->flen && !company; p++)
                if ((p == 0 || !fx_alnum(l->fold[p - 1])) &&
                    fx_starts_any(l->fold + p, fx_org_words, NULL) && !printed_as(l, p, not_org)) {
                    size_t k = l->map[p];
                    company = fx_cp_upper(fx_cp_next(l->text, l->len, &k)) &&
                              fx_upper_ratio(l->text + l->map[p]) > 0.8;
                }
        }
        if (company) {
            sig_conf = 0.45;
            r->why = "a signature under the filing heading, on a page that names a company";
        }
        fx_set(r, K_APPLICANT, sig_app, sig_conf, FX_NONE);
    } else if (sig_app && !strcmp(a->value, sig_app)) {
        a->conf = a->conf + 0.05 > 0.95 ? 0.95 : a->conf + 0.05;
        free(sig_app);
    } else if (sig_app && same_name(a->value, sig_app)) {
        /* "LỄ QUANG HUY" over "Lê Quang Huy": only tone marks differ. A family name
         * spelled as one decides; else the signature, as capitals with stacked marks
         * are the harder read. */
        int label_ok = real_surname(a->value), sig_ok = real_surname(sig_app);
        int bare = fx_bare_against_tone(a->value, sig_app);
        if (label_ok && !sig_ok) {
            free(sig_app);
        } else {
            free(a->value);
            a->value = sig_app;
        }
        a->conf = 0.75;
        if (bare) {
            /* "QUẾ CHI" / "Quế Chỉ": a word with no mark at all against one with a plain
             * tone; either reading may be OCR's, the page cannot say which */
            a->conf = 0.45;
            a->why = "the name on the label line and the signature differ by a tone mark";
        }
    } else if (sig_app && name_prefix(a->value, sig_app)) {
        free(a->value);
        a->value = sig_app;
        a->conf = 0.8;
    } else if (sig_app && r->app_generic && real_surname(sig_app) && sig_conf >= 0.7) {
        /* "Họ và tên: MAI VĂN TÍCH" (the deceased, a child, a landlord) against the name
         * signed under "Người làm đơn": a generic name label names whoever the form is
         * about; the one who signs under the filing heading is the one who files */
        free(a->value);
        a->value = sig_app;
        a->conf = 0.7;
        a->line = FX_NONE;
    } else {
        if (sig_app) {
            a->conf -= 0.15;
            a->why = "the name on the label line and the signature disagree";
        }
        free(sig_app);
    }
}

/* The words in capitals that end line l ("- Chi nhánh …; PHÓ CHỦ TỊCH"), two or more, when
 * they name a post of titles; a new string, or NULL. */
static char *caps_tail(const fx_line *l, const char *const *titles)
{
    size_t st = l->len, words = 0;
    for (;;) {
        size_t e = st;
        while (e > 0 && l->text[e - 1] == ' ')
            e--;
        size_t b = e;
        while (b > 0 && l->text[b - 1] != ' ')
            b--;
        if (b == e)
            break;
        int caps = 1, letters = 0;
        for (size_t k = b; k < e && caps;) {
            int cp = fx_cp_next(l->text, e, &k);
            caps = !fx_cp_lower(cp);
            letters += fx_cp_letter(cp);
        }
        if (!caps || !letters)
            break;
        st = b;
        words++;
    }
    if (words < 2 || st == 0)
        return NULL;
    char *f = fx_fold(l->text + st);
    int known = 0;
    for (const char *const *w = titles; f && *w && !known; w++)
        known = fx_starts_word(f, *w);
    free(f);
    return known ? strdup(l->text + st) : NULL;
}

void fx_find_signer(const fx_page *pg, fx_result *r)
{
    /* forms and receipts are signed by the applicant and an officer, not by a signer */
    static const char *const unsigned_types[] = {"giay_tiep_nhan", "to_khai", "giay_de_nghi",
                                                 "giay_uy_quyen", NULL};
    const char *type = r->v[K_DOC_TYPE].value;
    for (const char *const *u = unsigned_types; type && *u; u++)
        if (!strcmp(type, *u))
            return;
    const char *const *titles = fx_signer_titles;
    /* the title: the last capitals line naming a post among the last lines */
    size_t seen = 0;
    for (size_t j = pg->n; j > 0 && seen < 8;) {
        j--;
        const fx_line *t = &pg->lines[j];
        if (fx_line_blank(t))
            continue;
        seen++;
        size_t p = fx_line_start(t);
        const char *f = t->fold + p;
        if (fx_upper_ratio(t->text) < 0.9 || fx_starts_word(f, "nguoi") || fx_has_words(f, "ho so"))
            continue;
        int known = 0;
        for (const char *const *w = titles; *w && !known; w++)
            known = fx_has_words(f, *w);
        if (!known)
            continue;
        /* the name below it, past "(Đã ký)"; a line below that is no name ends the block */
        size_t i = fx_next_line(pg, j, 3);
        while (i != FX_NONE && (pg->lines[i].text[0] == '(' || pg->lines[i].text[0] == '[')) {
            /* "[Dấu đỏ: SỞ NÔNG NGHIỆP VÀ PTNT" / "TỈNH THÁI BÌNH - đã ký]": a stamp's caption
             * in square brackets, over as many lines as it takes */
            for (int k = 0; i != FX_NONE && pg->lines[i].text[0] == '[' && k < 3 &&
                            !strchr(pg->lines[i].text, ']');
                 k++)
                i = fx_next_line(pg, i, 3);
            if (i != FX_NONE)
                i = fx_next_line(pg, i, 3);
        }
        if (i == FX_NONE && (t->col == 1 || t->box[2])) {
            /* OCR gives no position to a name alone on its line: the next such line; in
             * hOCR a centred block may straddle the column's edge ("TRƯỞNG PHÒNG QUẢN LÝ ĐÔ
             * THỊ" left of it, the name right): the next line under the title's span */
            for (size_t k = j + 1; k < pg->n && i == FX_NONE; k++) {
                const fx_line *c = &pg->lines[k];
                if (t->col == 0 &&
                    (c->row > t->row + 4 || c->box[0] >= t->box[2] || c->box[2] <= t->box[0]))
                    continue;
                int alone = (k + 1 >= pg->n || pg->lines[k + 1].row != c->row) &&
                            pg->lines[k - 1].row != c->row;
                /* not an item of the distribution list ("- Ông Võ Thành Luân;"), though
                 * OCR may run the name into its last one ("- Lưu: VT, HCTP, Vàng Thị Pằng") */
                int item = (c->text[0] == '-' || c->text[0] == '+') && c->len &&
                           strchr(";.", c->text[c->len - 1]);
                if (c->row > t->row && alone && !fx_line_blank(c) && c->text[0] != '(' &&
                    !item) {
                    char *nm = name_from(c, fx_line_start(c), c->flen);
                    if (nm)
                        i = k;
                    free(nm);
                }
            }
        }
        if (i == FX_NONE)
            return;
        const fx_line *nl = &pg->lines[i];
        if (fx_upper_ratio(nl->text) > 0.6)
            return; /* "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC": the lower line is the title */
        /* "KT. CHỦ TỊCH" over "- Chi nhánh …; PHÓ CHỦ TỊCH": OCR ran the title below into
         * the distribution list's line; its capitals at that line's end are the title */
        char *below = NULL;
        if (fx_starts_any(f, (const char *const[]){"kt.", "tm.", "tl.", NULL}, NULL))
            for (size_t k = j + 1; k < pg->n && !below && pg->lines[k].row <= t->row + 2; k++)
                below = caps_tail(&pg->lines[k], titles);
        fx_set(r, K_SIGNER_TITLE, below ? below : fx_text_slice(t, p, t->flen), 0.85, j);
        fx_set(r, K_SIGNER, name_from(nl, fx_line_start(nl), nl->flen), 0.85, i);
        return;
    }
}

/* ---- labelled lines: address, procedure, recipient ---- */

/* Is the part of an address at folded s (up to the next comma) one: it starts with a unit or
 * a number ("xã Phước Hiệp", "Tổ 42", "45 Nguyễn Duy Hiệu"), or it is a place's name in
 * capitalised words ("Quảng Nam")? text is the same part in the original. */
static int address_part(const char *s, const char *text)
{
    while (*s == ' ')
        s++;
    while (*text == ' ')
        text++;
    if (*s >= '0' && *s <= '9')
        return 1;
    /* "h°m 73/8" (OCR's "hẻm 73/8"): a part OCR garbled stays, for the value's anomaly check
     * to send it to review, rather than cutting the address short before it */
    size_t plen = strcspn(text, ",;"), pi = 0;
    while (pi < plen) {
        int cp = fx_cp_next(text, plen, &pi);
        if (!fx_cp_letter(cp) && !(cp >= '0' && cp <= '9') &&
            !strchr(" .:/-()'\"", cp < 0x80 ? cp : '?'))
            return 1;
    }
    /* "số điện thoại 0823 …", "số định danh …": a label, though "số" starts an address */
    static const char *const labels[] = {
        "so dien thoai", "so dt", "so dinh danh", "so cccd", "so cmnd", "so can cuoc", NULL};
    if (fx_starts_any(s, labels, NULL))
        return 0;
    /* "…, tỉnh Bình Phước, quản nhiệm Chi hội …": a word that folds like a unit's ("quận")
     * but is printed as another starts no part */
    static const char *const not_units[] = {"quản", "quan",   "quán",  "xa", "tình",
                                            "tính", "phương", "huyền", NULL};
    if ((fx_starts_any(s, fx_address_words, NULL) || fx_starts_any(s, fx_admin_units, NULL)) &&
        !word_printed(text, strlen(text), not_units))
        return 1;
    /* a place of worship as the premises ("trụ sở: chùa Hưng Thiện, số 27 đường …"), its
     * marks read as printed ("chưa", not yet, folds alike) */
    static const char *const worship[] = {"chùa ", "Chùa ", "nhà thờ ", "Nhà thờ ", NULL};
    for (const char *const *w = worship; *w; w++)
        if (!strncmp(text, *w, strlen(*w)))
            return 1;
    /* capitalised words only, to the comma, or to a bracket of the person's phone or ID
     * ("Đồng Nai (điện thoại: 0918 276 435), …"), or to a leader's dots ("Tuyên Quang
     * ..........": a form's dotted line after the value) */
    size_t len = strcspn(text, ",;"), i = 0;
    const char *dots = strstr(text, "...");
    if (dots && (size_t)(dots - text) < len) {
        len = (size_t)(dots - text);
        while (len > 0 && text[len - 1] == ' ')
            len--;
    }
    for (const char *b = memchr(text, '(', len); b;
         b = memchr(b + 1, '(', len - (size_t)(b + 1 - text))) {
        char *bf = fx_fold(b + 1);
        int label =
            bf && (fx_starts_any(bf, fx_lab_phone, NULL) || fx_starts_any(bf, fx_lab_id, NULL));
        free(bf);
        if (label) {
            len = (size_t)(b - text);
            while (len > 0 && text[len - 1] == ' ')
                len--;
            break;
        }
        if ((size_t)(b + 1 - text) >= len)
            break;
    }
    /* (a hyphen inside a word joins a part of it in either case: "Teheran-ro 5-gil", a
     * street abroad; one after a blank starts a word) */
    int words = 0, start = 1;
    while (i < len) {
        int cp = fx_cp_next(text, len, &i);
        if (cp == ' ' || (cp == '-' && start)) {
            start = 1;
            continue;
        }
        if (cp == '-') {
            start = 2;
            continue;
        }
        if ((start == 1 && !fx_cp_upper(cp) && !(cp >= '0' && cp <= '9')) ||
            !(fx_cp_letter(cp) || (cp >= '0' && cp <= '9') || cp == '.'))
            return 0;
        words += start == 1;
        start = 0;
    }
    return words >= 1 && words <= 6;
}

/* Is the word of a that ends at c (a '.') an abbreviated unit: one or two ASCII letters,
 * the first a capital ("TP", "Tp", "P", "Q", "TX", "TT")? */
static int abbreviation_before(const char *a, const char *c)
{
    const char *w = c;
    while (w > a && ((w[-1] >= 'A' && w[-1] <= 'Z') || (w[-1] >= 'a' && w[-1] <= 'z')))
        w--;
    return c - w >= 1 && c - w <= 2 && *w >= 'A' && *w <= 'Z' && (w == a || w[-1] == ' ');
}

/* "…, tỉnh Thanh Hóa (điện thoại" / "0912 407 385), …": cuts a at a bracket that opens on
 * a phone's or an ID's label, the person's, not the address's (in place). */
static void contact_cut(char *a)
{
    /* "…, tỉnh Gia Lai; điện thoại 0269 …": a contact's label after a semicolon */
    for (char *c = strchr(a, ';'); c; c = strchr(c + 1, ';')) {
        char *bf = fx_fold(c + 1);
        const char *b = bf;
        while (b && *b == ' ')
            b++;
        int label =
            b && (fx_starts_any(b, fx_lab_phone, NULL) || fx_starts_any(b, fx_lab_id, NULL) ||
                  fx_starts_word(b, "email") || fx_starts_word(b, "fax"));
        free(bf);
        if (label) {
            *c = '\0';
            fx_trim(a);
            break;
        }
    }
    for (char *c = strchr(a, '('); c; c = strchr(c + 1, '(')) {
        char *bf = fx_fold(c + 1);
        int label =
            bf && (fx_starts_any(bf, fx_lab_phone, NULL) || fx_starts_any(bf, fx_lab_id, NULL));
        free(bf);
        if (label) {
            *c = '\0';
            fx_trim(a);
            return;
        }
    }
    /* "… tỉnh Đồng Nai (" when the line was cut at the label inside the bracket */
    size_t n = strlen(a);
    while (n > 0 && (a[n - 1] == ' ' || a[n - 1] == '('))
        a[--n] = '\0';
    /* "…, tỉnh Hà Tĩnh (hiện ở tổ dân phố 4, thị trấn Lộc Hà", "…, tỉnh An Giang (điện": a
     * note whose bracket the value opens and does not close is cut off whole */
    char *open = strrchr(a, '(');
    if (open && open > a && open[-1] == ' ' && !strchr(open, ')')) {
        *open = '\0';
        fx_trim(a);
        return;
    }
    /* "…, tỉnh Kiên Giang (đăng ký từ ngày 20/11/2024)": a closed note after the province,
     * which ends an address, is a remark on it */
    n = strlen(a);
    if (open && open > a && open[-1] == ' ' && n > 0 && a[n - 1] == ')' &&
        strchr(open, ')') == a + n - 1) {
        const char *part = open;
        while (part > a && part[-1] != ',')
            part--;
        char *pf = fx_fold(part);
        const char *p = pf;
        while (p && *p == ' ')
            p++;
        int province = p && (fx_starts_word(p, "tinh") || fx_starts_word(p, "thanh pho"));
        free(pf);
        if (province) {
            *open = '\0';
            fx_trim(a);
        }
    }
}

/* Cuts an address at the first part that is none ("..., tỉnh Khánh Hòa, được chuyển ..."),
 * and at a full stop or a semicolon, in place. */
static void address_cut(char *a)
{
    /* "…, tỉnh Bến Tre Mã số HTX 1301174926": the next cell's label, its gap closed by OCR */
    static const char *const next_labels[] = {" Mã số ", " Điện thoại", " Số điện thoại", " Email",
                                              " E-mail", " MST ",       " Fax",           NULL};
    for (const char *const *nl = next_labels; *nl; nl++) {
        char *h = strstr(a, *nl);
        if (h && h > a && h[-1] != ',')
            *h = '\0';
    }
    char *f = fx_fold(a);
    if (!f)
        return;
    /* fold and original differ in length: walk both part by part, by commas */
    const char *fp = f;
    char *tp = a;
    for (;;) {
        if (!address_part(fp, tp)) {
            /* the first part always stays, the rest goes from the comma before this one */
            if (tp != a) {
                while (tp > a && tp[-1] != ',')
                    tp--;
                if (tp > a)
                    tp[-1] = '\0';
            }
            break;
        }
        const char *fc = strchr(fp, ',');
        char *tc = strchr(tp, ',');
        if (!fc || !tc)
            break;
        fp = fc + 1;
        tp = tc + 1;
    }
    free(f);
    /* "…, tỉnh Lâm Đồng và Tờ" / "trình số …": the province ends the address, a sentence
     * goes on after "và" */
    static const char *const last_units[] = {", tỉnh ", ", Tỉnh ", ", thành phố ",
                                             ", TP. ",  ", Tp. ",  NULL};
    char *pu = NULL;
    for (const char *const *u = last_units; *u; u++)
        for (char *h = strstr(a, *u); h; h = strstr(h + 1, *u))
            if (h > pu)
                pu = h;
    char *va = pu ? strstr(pu, " và ") : NULL;
    if (va)
        *va = '\0';
    int open = 0;
    for (char *c = a; *c; c++) {
        /* "TP. Hải Dương", "P. 10", "Tp. Vũng Tàu": an abbreviation's dot is no full stop */
        if (*c == '.' && c > a && abbreviation_before(a, c))
            continue;
        open += *c == '(';
        /* "(mã số …, địa chỉ trụ sở: ấp Mai Hoa, …, tỉnh Cà Mau) đề nghị …": a bracket
         * closed that the address did not open ends it */
        /* "…, tỉnh An Giang: người đại diện …": OCR's colon for the semicolon before the
         * next item's label */
        if (*c == ':' && c[1] == ' ' && fx_cp_lower((unsigned char)c[2]) && c > a) {
            *c = '\0';
            break;
        }
        /* (and a leader's dots after it: "tỉnh Bắc Kạn ........-- 5< <<", a form's line
         * filled in and OCR's specks after it) */
        if (*c == ';' || (*c == ')' && !open) || (*c == '.' && c[1] == '.' && c[2] == '.') ||
            (*c == '.' && (c[1] == ' ' || !c[1]) && c > a && !(c[-1] >= '0' && c[-1] <= '9'))) {
            *c = '\0';
            break;
        }
        open -= *c == ')';
    }
    fx_trim(a);
}

/* Does folded s end in one of words, a whole word after a blank (or, when alone, all of
 * s)? */
static int ends_in_word(const char *s, const char *const *words, int alone)
{
    size_t n = s ? strlen(s) : 0;
    for (const char *const *w = words; s && *w; w++) {
        size_t k = strlen(*w);
        if (n >= k && !strcmp(s + n - k, *w) && (n > k ? s[n - k - 1] == ' ' : alone))
            return 1;
    }
    return 0;
}

/* Does the address stop short: it ends with a comma or a unit without its name ("..., tỉnh")? */
static int address_open(const fx_line *l, const char *a)
{
    if (l->len && (l->text[l->len - 1] == ',' || l->text[l->len - 1] == '-'))
        return 1;
    char *af = fx_fold(a);
    /* a unit without its name ("…, tỉnh"); a cooperative, "hợp tác xã", ends in no commune */
    static const char *const coop[] = {"hop tac xa", NULL};
    int unit = ends_in_word(af, fx_admin_units, 0) && !ends_in_word(af, coop, 1);
    /* "... thường trú tại bon" / "Bu Rbút, xã ...": a hamlet's word, its name on the next
     * line */
    static const char *const hamlets[] = {"ap",   "thon", "xom",  "ban",  "buon", "bon",
                                          "plei", "soc",  "khom", "lang", "to",   NULL};
    unit = unit || ends_in_word(af, hamlets, 1);
    /* or a street's word in small letters, its name on the next line ("trụ sở: số 212
     * đường" / "Phan Văn Hai, khu phố 2, …"; not "tỉnh Bình Dương") */
    static const char *const streets[] = {"duong", "pho", "ngo", "hem", "kiet", NULL};
    const char *last = strrchr(a, ' ');
    last = last ? last + 1 : a;
    size_t li = 0;
    int small = *last && fx_cp_lower(fx_cp_next(last, strlen(last), &li));
    unit = unit || (small && ends_in_word(af, streets, 0));
    free(af);
    return unit;
}

/* Does line l (from fold offset p) start with the end of a place's name cut at the line
 * break: one or two words, then a comma and an administrative unit ("Sơn, tỉnh Bắc Ninh")? */
static int name_end_then_unit(const fx_line *l, size_t p)
{
    const char *s = l->fold + p, *comma = strchr(s, ',');
    if (!comma)
        return 0;
    int words = 1, digits = 0;
    for (const char *q = s; q < comma; q++) {
        if (!fx_alnum(*q) && *q != ' ')
            return 0;
        digits += *q >= '0' && *q <= '9';
        words += *q == ' ' && q[1] != ',' && q[1] != ' ';
    }
    /* "xã Hòa Bình" / "1, huyện Tây Hòa": a numbered place's number alone, or after the
     * name's end ("thôn Quảng" / "Hội 2, xã Vạn Thắng"); no other digits */
    const char *last = comma;
    while (last > s && last[-1] != ' ')
        last--;
    if (digits && (digits > 2 || digits != comma - last))
        return 0;
    const char *u = comma + 1;
    while (*u == ' ')
        u++;
    return words <= 2 && comma > s && fx_starts_any(u, fx_admin_units, NULL);
}

/* "tỉnh Tiền" / "Giang; điện thoại: …": at fold offset p of line l, the end of a province's
 * name (one or two words, letters only) and the ";" or ")" that ends the address. */
static int province_end_then_stop(const fx_line *l, size_t p)
{
    const char *s = l->fold + p, *stop = strpbrk(s, ";)");
    if (!stop || stop == s)
        return 0;
    int words = 1;
    for (const char *q = s; q < stop; q++) {
        if (!fx_alnum(*q) && *q != ' ')
            return 0;
        if (*q >= '0' && *q <= '9')
            return 0;
        words += *q == ' ' && q[1] != ' ' && q + 1 < stop;
    }
    return words <= 2;
}

static int is_province(const char *fold);
static const char *province_fold(size_t k);

/* The units of a province, and of a central city */
static const char *const province_units[] = {"tinh", "thanh pho", "tp", NULL};

/* When address a's last part (after its last comma) is one of units, a blank and more
 * ("…, tỉnh Tiền"), that more, folded ("tien"; malloc'd); else NULL. */
static char *last_unit_name(const char *a, const char *const *units)
{
    const char *last = strrchr(a, ',');
    char *f = fx_fold(last ? last + 1 : a);
    size_t n = 0, sp = f ? strspn(f, " ") : 0;
    if (!f || !fx_starts_any(f + sp, units, &n) || f[sp + n] != ' ' || !f[sp + n + 1]) {
        free(f);
        return NULL;
    }
    memmove(f, f + sp + n + 1, strlen(f + sp + n + 1) + 1);
    return f;
}

/* "…, tỉnh Quảng" / "Ngãi (điện thoại 0358 …); bên nhận …": does the address a end in a
 * province's unit and a name that is none, which the words at fold offset p of line l (to
 * a bracket, a semicolon, a comma or the end; one or two) make a province's name? */
static int completes_province(const char *a, const fx_line *l, size_t p)
{
    char *name = last_unit_name(a, province_units);
    if (!name || is_province(name)) {
        free(name);
        return 0;
    }
    const char *s = l->fold + p, *stop = s + strcspn(s, "(;,.");
    int words = 1, letters = 1;
    for (const char *q = s; q < stop; q++) {
        letters &= *q == ' ' || (*q >= 'a' && *q <= 'z');
        words += *q == ' ' && q + 1 < stop && q[1] != ' ';
    }
    while (stop > s && stop[-1] == ' ')
        stop--;
    char joined[96];
    int ok =
        letters && words <= 2 && stop > s &&
        snprintf(joined, sizeof joined, "%s %.*s", name, (int)(stop - s), s) < (int)sizeof joined &&
        is_province(joined);
    free(name);
    return ok;
}

/* Does the address a end in a province's unit and the start of its name ("…, tỉnh Tiền")? */
static int ends_in_province_name(const char *a)
{
    char *name = last_unit_name(a, province_units);
    int ok = name != NULL;
    free(name);
    return ok;
}

/* Does the address a end in a unit and the start of its name ("..., thành phố Từ")? */
static int ends_in_unit_name(const char *a)
{
    /* villages and quarters too ("…, thường trú tại làng Bồn" / "Dơ, xã Ia Phìn, …") */
    static const char *const places[] = {"to dan pho", "khu pho", "lang", "thon", "ap",   "ban",
                                         "buon",       "xom",     "plei", "khom", "khoi", NULL};
    char *name = last_unit_name(a, fx_admin_units);
    if (!name)
        name = last_unit_name(a, places);
    int ok = name != NULL;
    free(name);
    return ok;
}

/* Does line n start under line l, right of its start and left of its end? */
static int under_line(const fx_line *l, const fx_line *n)
{
    if (l->box[2] || n->box[2])
        return n->box[0] > l->box[0] && n->box[0] < l->box[2];
    int chars = 0;
    for (size_t k = 0; k < l->len; k++)
        chars += ((unsigned char)l->text[k] & 0xC0) != 0x80;
    return n->x > l->x && n->x < l->x + chars;
}

/* The address value at fold [v, to) of line i, with the lines it wraps onto: the next line
 * of the column is joined when this one stops short or it starts in lower case with a part
 * of an address. Returns a malloc'd value or NULL. */
static char *address_value(const fx_page *pg, size_t i, size_t v, size_t to, int phrase)
{
    const fx_line *l = &pg->lines[i];
    char *a = fx_text_slice(l, v, to);
    if (!a)
        return NULL;
    if (phrase)
        address_cut(a);
    contact_cut(a);
    size_t cur = i;
    int under = 0;
    for (int k = 0; k < 2 && to == pg->lines[cur].flen; k++) {
        size_t ni = fx_next_line(pg, cur, 1);
        /* a value in a row's last cell ("Nơi thường trú ." / "thôn …, huyện Bù") goes on at
         * the next row's start ("Đăng, tỉnh Bình Phước") when that row is one segment */
        if (pg->lines[cur].col == 1 && cur > 0 && pg->lines[cur - 1].row == pg->lines[cur].row) {
            size_t nr = cur + 1;
            /* (past a frame's rule closing this row or opening the next: "|") */
            while (nr < pg->n && pg->lines[nr].row <= pg->lines[cur].row + 2 &&
                   (!pg->lines[nr].flen ||
                    !strpbrk(pg->lines[nr].fold, "abcdefghijklmnopqrstuvwxyz0123456789")))
                nr++;
            /* (or its first of several, set in from the label and starting with a unit:
             * "tỉnh Bến Tre   Mã số HTX 1301174926", the next cell a label of its own) */
            size_t lab = fx_row_first(pg, cur);
            int first_unit =
                nr < pg->n && nr + 1 < pg->n && pg->lines[nr + 1].row == pg->lines[nr].row &&
                pg->lines[nr].x > pg->lines[lab].x && !strchr(pg->lines[nr].fold, ':') &&
                fx_starts_any(pg->lines[nr].fold + fx_line_start(&pg->lines[nr]), fx_admin_units,
                              NULL);
            if (nr < pg->n && pg->lines[nr].flen && pg->lines[nr].row <= pg->lines[cur].row + 2 &&
                (nr + 1 >= pg->n || pg->lines[nr + 1].row != pg->lines[nr].row || first_unit) &&
                (ni == FX_NONE || pg->lines[ni].row > pg->lines[nr].row || first_unit))
                ni = nr;
        }
        /* "Thường trú tại ....... bon Bu Sir, …, thành phố Gia" / (indented under the value)
         * "Nghĩa, tỉnh Đắk Nông": the next row, one segment that starts under this line */
        if (under && ni != FX_NONE && pg->lines[ni].row > pg->lines[cur].row + 1)
            ni = FX_NONE; /* past the indented line's block, a column's other cells */
        /* nor into the next row of a table, its own label in the cell before ("[08] Nơi ở
         * hiện tại | tổ 9, …") */
        if (ni != FX_NONE && fx_after_cell(pg, ni))
            ni = FX_NONE;
        if (ni == FX_NONE || pg->lines[ni].row > pg->lines[cur].row + 1) {
            size_t nr = cur + 1, seg = FX_NONE;
            int segs = 0;
            while (nr < pg->n && pg->lines[nr].row == pg->lines[cur].row)
                nr++;
            /* its one segment with words ("|      | Hồ, huyện …": a box's bare rule aside) */
            for (size_t g = nr; g < pg->n && pg->lines[g].row == pg->lines[cur].row + 1; g++)
                if (!fx_line_blank(&pg->lines[g])) {
                    segs++;
                    seg = g;
                }
            if (segs == 1 && under_line(&pg->lines[cur], &pg->lines[seg])) {
                ni = seg;
                under = 1;
            }
        }
        if (ni == FX_NONE)
            break;
        const fx_line *nl = &pg->lines[ni];
        size_t p = fx_line_start(nl);
        if (p >= nl->flen || !address_part(nl->fold + p, nl->text + nl->map[p]))
            break;
        /* "II. THỬA ĐẤT": a numbered item or section of its own */
        int numbered = 0;
        for (size_t q = 0; q < p && !numbered; q++)
            numbered = fx_alnum(nl->fold[q]);
        if (numbered)
            break;
        size_t c = nl->map[p];
        int lower = fx_cp_lower(fx_cp_next(nl->text, nl->len, &c));
        /* "..., tỉnh Khánh" / "Hòa": a place's name cut, its end alone on the next line */
        int words = 1;
        for (size_t q = p; q < nl->flen; q++)
            words += nl->fold[q] == ' ';
        const fx_line *cl = &pg->lines[cur];
        int alone = (ni == 0 || pg->lines[ni - 1].row != nl->row) &&
                    (ni + 1 >= pg->n || pg->lines[ni + 1].row != nl->row);
        int tail = alone && words <= 2 && !strpbrk(nl->fold + p, ":0123456789,.;") && cl->len &&
                   !strchr(".;:", cl->text[cl->len - 1]);
        /* "..., thành phố Từ" / "Sơn, tỉnh Bắc Ninh": the name's end, a comma, the next unit */
        int rest = cl->len && !strchr(".;:", cl->text[cl->len - 1]) &&
                   ((name_end_then_unit(nl, p) && ends_in_unit_name(a)) ||
                    (province_end_then_stop(nl, p) && ends_in_province_name(a)) ||
                    completes_province(a, nl, p));
        if (!address_open(cl, a) && !lower && !tail && !rest)
            break;
        /* the next line is a label line of its own ("Điện thoại: ...") */
        /* (but "thị xã Trảng Bàng, tỉnh Tây Ninh; điện thoại: …": parts first, then a
         * contact's label the cut below drops) */
        const char *lc = strchr(nl->fold + p, ':'), *sep = strpbrk(nl->fold + p, ";,");
        if (lc && !phrase && (!sep || lc < sep))
            break;
        size_t nto = fx_cut_inline(nl, p);
        char *more = fx_text_slice(nl, p, nto);
        if (!more)
            break;
        address_cut(more);
        contact_cut(more);
        size_t al = strlen(a), ml = strlen(more);
        /* the comma or the dash ("…, Bà Rịa -" / "Vũng Tàu") that ended the line stays */
        const char *kept = fx_join_sep(&pg->lines[cur], a, ",");
        size_t sn = strlen(kept);
        char *j = al + ml + 5 < FX_MAX_VALUE ? realloc(a, al + ml + 5) : NULL;
        if (!j) {
            free(more);
            break;
        }
        a = j;
        memcpy(a + al, kept, sn);
        al += sn;
        a[al] = ' ';
        memcpy(a + al + 1, more, ml + 1);
        /* a cut continuation ends the address */
        int cut = strlen(more) < (size_t)(nl->map[nto] - nl->map[p]) - 1;
        free(more);
        if (cut || nto < nl->flen)
            break;
        cur = ni;
        to = nl->flen;
    }
    fx_trim(a);
    return a;
}

/* Is address a the address b with more parts after it (folded, b's parts then ", …")? */
static int extends(const char *a, const char *b)
{
    char *fa = fx_fold(a), *fb = fx_fold(b);
    size_t n = fb ? strlen(fb) : 0;
    int r = fa && fb && n && strlen(fa) > n + 2 && !strncmp(fa, fb, n) && fa[n] == ',';
    free(fa);
    free(fb);
    return r;
}

/* Is the folded part s the first word of a unit of two ("thanh" of "thanh pho", "thi" of
 * "thi xa"), the rest of it wrapped? */
static int unit_cut(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    for (const char *const *u = fx_admin_units; *u && n; u++)
        if (strlen(*u) > n + 1 && !strncmp(*u, s, n) && (*u)[n] == ' ')
            return 1;
    return 0;
}

/* How many of line l's comma-separated parts from fold offset p begin with an
 * administrative unit ("phường Hàng Kênh, quận Lê"), or -1 when one of them is no part of
 * an address (a sentence). */
static int units_from(const fx_line *l, size_t p)
{
    int units = 0;
    for (const char *c = l->fold + p; c; c = strchr(c, ',')) {
        c += *c == ',';
        while (*c == ' ')
            c++;
        if (!*c)
            break; /* "…, thành phố Uông Bí," / "tỉnh Quảng Ninh": wrapped after its comma */
        /* "…, phường Trưng Nhị, thành" / "phố Phúc Yên": a unit's word cut at the line end */
        if (!strchr(c, ',') && unit_cut(c))
            break;
        units += fx_starts_any(c, fx_admin_units, NULL);
        if (!address_part(c, l->text + l->map[c - l->fold]))
            return -1;
    }
    return units;
}

/* units_from the line's first character worth reading */
static int units_in(const fx_line *l)
{
    return units_from(l, fx_line_start(l));
}

/* Whether l from fold offset p reads as an address by its shape: two units, or one after
 * two other parts ("Lô C7, đường số 5, Khu công nghiệp Việt Hương, phường" / "Thuận Giao,
 * …"). */
static int address_shaped(const fx_line *l, size_t p)
{
    int units = units_from(l, p), parts = 1;
    for (size_t k = p; k < l->flen; k++)
        parts += l->fold[k] == ',';
    return units >= 2 || (units >= 1 && parts >= 3);
}

/* Whether line i and the line under it, set in as far ("số 48 đường Phan Đình Phùng, khu
 * phố Long Châu," / "thị trấn La Hai, huyện Đồng Xuân, tỉnh Phú Yên"), read as an
 * address by their shape. */
static int address_wraps(const fx_page *pg, size_t i)
{
    const fx_line *l = &pg->lines[i];
    if (address_shaped(l, fx_line_start(l)))
        return 1;
    size_t ni = fx_next_line(pg, i, 0);
    /* (hOCR places a line to the pixel: as far means within a letter's width) */
    int slack = l->box[2] > 0 ? 24 : 0;
    return ni != FX_NONE && pg->lines[ni].row == l->row + 1 &&
           abs(pg->lines[ni].x - l->x) <= slack && units_in(l) >= 0 && l->flen > 0 &&
           l->fold[l->flen - 1] == ',' && units_in(&pg->lines[ni]) >= 2;
}

/* Does line i's row (any of its cells) hold the folded name? */
static int row_names(const fx_page *pg, size_t i, const char *name)
{
    if (!name)
        return 0;
    for (size_t k = fx_row_first(pg, i); k < pg->n && pg->lines[k].row == pg->lines[i].row; k++)
        if (strstr(pg->lines[k].fold, name))
            return 1;
    return 0;
}

/* The applicant's address: the first address label of the page (the permanent address is
 * printed first), not one of business premises nor in another party's block; else
 * "thường trú tại ..." in a sentence. */
void fx_find_address(const fx_page *pg, fx_result *r)
{
    int other = 0;
    /* the establishment is the applicant ("Tên cơ sở   TRẠI GIỐNG …"): its premises'
     * address ("Địa chỉ cơ sở") is the applicant's own */
    static const char *const estab_labels[] = {"ten co so", "co so", NULL};
    /* (the label's cell, first in the value's row) */
    size_t al = r->v[K_APPLICANT].value && r->v[K_APPLICANT].line < pg->n
                    ? fx_row_first(pg, r->v[K_APPLICANT].line)
                    : FX_NONE;
    int estab_idx, estab = al < pg->n &&
                           fx_match_idx(&pg->lines[al], estab_labels, &estab_idx, NULL) != FX_NONE;
    /* the applicant's name, folded, when it has two words or more */
    char *app_fold = r->v[K_APPLICANT].value ? fx_fold(r->v[K_APPLICANT].value) : NULL;
    if (app_fold && !strchr(app_fold, ' ')) {
        free(app_fold);
        app_fold = NULL;
    }
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        int edits = 0, colon, idx;
        if (fx_line_blank(l)) {
            other = 0;
            continue;
        }
        /* (but "[ ] Người được ủy quyền" is a box to tick, not another party's block; nor
         * is "Chủ hộ   ông ĐỖ HỮU THIỀU" when he is the applicant) */
        /* (and with one OCR edit at most: "I. NGƯỜI NHẬN CHĂM SÓC" is two from "người nhận
         * thay", and is the applicant's own block) */
        int oe = 0;
        if (fx_match_idx(l, fx_lab_other_party, &idx, &oe) != FX_NONE && oe <= 1 &&
            l->text[0] != '[' && !row_names(pg, i, app_fold)) {
            other = 1;
            continue;
        }
        /* "Địa chỉ: 02 Trần Hưng Đạo, TP. Tam Kỳ - ĐT: … - Fax: …": a body's letterhead or
         * footer, its own contact line, names no applicant's address */
        if (fx_has_words(l->fold, "fax"))
            continue;
        /* the applicant's block, or the receiving party's, which is the applicant's */
        if (fx_match_idx(l, fx_lab_applicant, &idx, NULL) != FX_NONE ||
            fx_match_idx(l, fx_lab_receiving_party, &idx, NULL) != FX_NONE)
            other = 0;
        if (other || (fx_match_idx(l, fx_lab_address_other, &idx, NULL) != FX_NONE &&
                      !(estab && !strcmp(fx_lab_address_other[idx], "dia chi co so"))))
            continue;
        size_t e = fx_match_idx(l, fx_lab_address, &idx, &edits);
        if (e == FX_NONE)
            continue;
        size_t v = fx_after_label(l, e, 0, &colon);
        /* "Nơi thường trú ." / "thôn Đức Lập, …": the leader's dot ends the label's cell;
         * after a colon the next cell may be another party's column, and is not taken */
        size_t vi = i,
               cell = v >= l->flen
                          ? fx_value_in_next_cell(pg, i, colon && l->fold[l->flen - 1] == '.')
                          : FX_NONE;
        /* "Địa chỉ trụ sở chính:   Thôn Phú Kê, xã Tiên Thắng, huyện Tiên Lãng," / (under it)
         * "thành phố Hải Phòng": after a colon, the row's next cell when it is an address of
         * two units or more (another party's column would be a label's, or a name) */
        if (cell == FX_NONE && colon && v >= l->flen && i + 1 < pg->n &&
            pg->lines[i + 1].row == l->row && !strchr(pg->lines[i + 1].fold, ':') &&
            units_in(&pg->lines[i + 1]) >= 2)
            cell = fx_line_start(&pg->lines[i + 1]);
        /* "Địa chỉ thường trú   Số 47 ngõ 218 phố …, phường …, quận Lê": a label with no colon
         * that fills its cell, before an address of two units or more in the next */
        if (cell == FX_NONE && !colon && v >= l->flen && i + 1 < pg->n &&
            pg->lines[i + 1].row == l->row) {
            /* two units, or one after two other parts ("Lô C7, đường số 5, Khu công nghiệp
             * Việt Hương, phường" / "Thuận Giao, …") */
            const fx_line *c = &pg->lines[i + 1];
            if (address_shaped(c, fx_line_start(c)))
                cell = fx_line_start(c);
        }
        /* "2. Địa chỉ trụ sở chính" / "Thôn Lao Chải, xã Y Tý, huyện Bát Xát, …": a heading
         * that is the label alone, over an address of three units or more; or of two, set in
         * under a label that runs on in a few words ("Địa chỉ chủ đầu tư" / (indented) "số 112
         * đường Hai Tháng Tư, thị trấn Thạnh Mỹ, huyện Đơn Dương,") */
        int runs_on = v < l->flen && fx_words(l->fold + v) <= 4 &&
                      !strpbrk(l->fold + v, "0123456789:") && fx_upper_ratio(l->text) < 0.5;
        if (cell == FX_NONE && !colon && (v >= l->flen || runs_on) && fx_row_alone(pg, i)) {
            size_t ni = fx_next_line(pg, i, 1);
            /* (set in under the label, on the row right under it) */
            int set_in = ni != FX_NONE && pg->lines[ni].row == l->row + 1 && pg->lines[ni].x > l->x;
            if (ni != FX_NONE && !strchr(pg->lines[ni].fold, ':') &&
                (ni + 1 >= pg->n || pg->lines[ni + 1].row != pg->lines[ni].row) &&
                (v >= l->flen ? units_in(&pg->lines[ni]) >= 3 || (set_in && address_wraps(pg, ni))
                              : set_in && units_in(&pg->lines[ni]) >= 2)) {
                vi = ni;
                v = fx_line_start(&pg->lines[ni]);
                colon = 1;
            }
        }
        if (cell != FX_NONE) {
            vi = i + 1;
            v = cell;
            colon = 1;
        }
        /* "Thường trú số 26 phố Đoàn Thượng, thị trấn Gia Lộc, …": the label and its value
         * in one cell, the gap that parted them closed by OCR: an address of two units */
        size_t ln = strlen(fx_lab_address[idx]);
        if (cell == FX_NONE && !colon && vi == i && v < l->flen &&
            !(ln > 4 && !strcmp(fx_lab_address[idx] + ln - 4, " tai")) && address_shaped(l, v))
            colon = 1;
        if (!colon)
            continue;
        if (v >= pg->lines[vi].flen) {
            vi = fx_next_line(pg, i, 1);
            if (vi == FX_NONE)
                continue;
            v = fx_line_start(&pg->lines[vi]);
        }
        const fx_line *vl = &pg->lines[vi];
        if (!address_part(vl->fold + v, vl->text + vl->map[v]))
            continue; /* "Như chỗ ở hiện tại nêu trên", "Không" */
        char *a = address_value(pg, vi, v, fx_cut_inline(vl, v), 0);
        if (a) {
            /* a table of two parties ("Bên nữ | Bên nam"), or a second address in the next
             * column of the row: whose address it is, is for a person to say */
            /* (a frame's rule, "|", closing the row is no second cell) */
            int parties = vi + 1 < pg->n && pg->lines[vi + 1].row == vl->row &&
                          strpbrk(pg->lines[vi + 1].fold, "abcdefghijklmnopqrstuvwxyz") &&
                          address_part(pg->lines[vi + 1].fold, pg->lines[vi + 1].text);
            for (size_t k = 0; k < pg->n && !parties; k++)
                parties = (fx_has_words(pg->lines[k].fold, "ben nu") &&
                           fx_has_words(pg->lines[k].fold, "ben nam")) ||
                          (fx_has_words(pg->lines[k].fold, "ben a") &&
                           fx_has_words(pg->lines[k].fold, "ben b"));
            if (parties)
                r->why = "an address in a table of several parties";
            fx_set(r, K_ADDRESS, a, parties ? 0.4 : fx_conf(0.85, edits, 0), i);
            free(app_fold);
            return;
        }
    }
    free(app_fold);
    char *best = NULL;
    size_t best_line = 0;
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        size_t at;
        size_t e = fx_find_any(l, fx_lab_address_phrase, &at, NULL);
        /* "lưu trữ tại Sổ đăng ký kết hôn": stored at, not living at ("trú tại") */
        if (e != FX_NONE && at >= 4 && !strncmp(l->fold + at - 4, "luu ", 4))
            e = FX_NONE;
        size_t vi = i;
        /* "(mã số doanh nghiệp …; địa" / "chỉ: số 48 đường Nguyễn Huệ, …": the label itself
         * wrapped, its colon on this line */
        /* (or "…; trụ sở" / "chính: số 26 đường NE8, …") */
        static const struct {
            const char *head, *tail;
        } cut_labels[] = {{"dia", "chi:"}, {"tru so", "chinh:"}, {"dia chi tru so", "chinh:"}};
        for (size_t c = 0; c < sizeof cut_labels / sizeof *cut_labels && e == FX_NONE && i > 0;
             c++) {
            size_t tl = strlen(cut_labels[c].tail), hl = strlen(cut_labels[c].head);
            if (strncmp(l->fold + fx_line_start(l), cut_labels[c].tail, tl))
                continue;
            size_t pi = fx_prev_line(pg, i, 0);
            const fx_line *pl = pi != FX_NONE ? &pg->lines[pi] : NULL;
            if (pl && pl->flen >= hl && !strcmp(pl->fold + pl->flen - hl, cut_labels[c].head) &&
                (pl->flen == hl || !fx_alnum(pl->fold[pl->flen - hl - 1])))
                e = fx_line_start(l) + tl - 1;
        }
        if (e == FX_NONE && i + 1 < pg->n && pg->lines[i + 1].row == l->row) {
            /* "Mã số doanh nghiệp 3002586417; trụ sở   khối phố Trung Nghĩa, thị trấn": the
             * label closes its cell after a semicolon, the address fills the row's next */
            static const char *const tails[] = {"; tru so chinh", "; tru so", "; dia chi tru so",
                                                "; dia chi", NULL};
            for (const char *const *t = tails; *t && e == FX_NONE; t++) {
                size_t n = strlen(*t);
                const fx_line *c = &pg->lines[i + 1];
                size_t cs = fx_line_start(c);
                if (l->flen > n && !strcmp(l->fold + l->flen - n, *t) && cs < c->flen &&
                    address_part(c->fold + cs, c->text + c->map[cs])) {
                    vi = i + 1;
                    e = 0;
                }
            }
        }
        if (e == FX_NONE) {
            /* "…, thường trú" / "tại thôn Hiệp Thuận, …": the phrase wrapped before "tại" */
            static const char *const ends[] = {"thuong tru", "cu tru", "tru so", NULL};
            size_t ni = fx_next_line(pg, i, 0);
            int wrapped = 0;
            for (const char *const *w = ends; *w && ni != FX_NONE && !wrapped; w++) {
                size_t n = strlen(*w);
                wrapped = l->flen > n && !strcmp(l->fold + l->flen - n, *w) &&
                          !fx_alnum(l->fold[l->flen - n - 1]);
            }
            if (!wrapped)
                continue;
            const fx_line *nl = &pg->lines[ni];
            size_t st = fx_line_start(nl);
            if (!fx_starts_word(nl->fold + st, "tai"))
                continue;
            vi = ni;
            e = st + 3;
        }
        /* the label ends on line li */
        size_t li = vi;
        l = &pg->lines[li];
        int colon;
        size_t v = fx_after_colon(l, e, &colon);
        if (v >= l->flen) {
            vi = fx_next_line(pg, li, 1);
            if (vi == FX_NONE)
                continue;
            v = fx_line_start(&pg->lines[vi]);
        }
        const fx_line *vl = &pg->lines[vi];
        if (!address_part(vl->fold + v, vl->text + vl->map[v]))
            continue;
        char *a = address_value(pg, vi, v, vl->flen, 1);
        if (!a)
            continue;
        if (!best) {
            best = a;
            best_line = i;
        } else if (extends(a, best)) {
            /* the same address again, with more of it ("…, huyện Bảo Thắng" in the
             * subject, "…, huyện Bảo Thắng, tỉnh Lào Cai" in the body) */
            free(best);
            best = a;
            best_line = i;
        } else {
            free(a);
        }
    }
    if (best)
        fx_set(r, K_ADDRESS, best, 0.7, best_line);
}

static char *address_in_bracket(const fx_page *pg, const char *app, size_t *line)
{
    char *fa = fx_fold(app);
    if (!fa)
        return NULL;
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        const char *hit = strstr(l->fold, fa);
        if (!hit || (hit > l->fold && fx_alnum(hit[-1])))
            continue;
        size_t q = (size_t)(hit - l->fold) + strlen(fa);
        while (q < l->flen && l->fold[q] == ' ')
            q++;
        if (q >= l->flen || l->fold[q] != '(')
            continue;
        /* the bracket goes on to the next line at most */
        for (size_t li = i, k = 0; k < 2 && li != FX_NONE;
             k++, li = fx_next_line(pg, li, 0), q = 0) {
            const fx_line *cl = &pg->lines[li];
            const char *cp = strchr(cl->fold + q, ')');
            size_t close = cp ? (size_t)(cp - cl->fold) : cl->flen, at;
            size_t e = fx_label_find(cl, q, "dia chi", &at, NULL);
            int colon = 0;
            size_t v = e != FX_NONE && at < close ? fx_after_colon(cl, e, &colon) : FX_NONE;
            if (colon && v < cl->flen && address_part(cl->fold + v, cl->text + cl->map[v])) {
                size_t to = v + strcspn(cl->fold + v, ";)");
                char *a = address_value(pg, li, v, to, 1);
                if (a)
                    a[strcspn(a, ";)")] = '\0';
                if (a)
                    fx_trim(a);
                free(fa);
                *line = li;
                return a;
            }
            if (cp)
                break;
        }
    }
    free(fa);
    return NULL;
}

/* "LƯỜNG VĂN KHOAN" / "Sinh ngày …" / "Căn cước …" / "BẢN NÀ BAI, XÃ MƯỜNG SANG, HUYỆN MỘC
 * CHÂU, TỈNH SƠN LA": a line of the applicant's block, a few lines under the name, that is
 * an address of three units or more with no label; its line in *line. */
static char *address_in_block(const fx_page *pg, size_t from, size_t *line)
{
    size_t j = from;
    for (int k = 0; k < 5; k++) {
        j = fx_next_line(pg, j, 0);
        if (j == FX_NONE)
            return NULL;
        const fx_line *l = &pg->lines[j];
        size_t p = fx_line_start(l);
        if (p >= l->flen || strchr(l->fold, ':'))
            continue;
        if (units_in(l) >= 3 && address_part(l->fold + p, l->text + l->map[p])) {
            *line = j;
            return address_value(pg, j, p, l->flen, 1);
        }
    }
    return NULL;
}

void fx_address_beside_applicant(const fx_page *pg, fx_result *r)
{
    size_t line = 0;
    const fx_val *app = &r->v[K_APPLICANT];
    char *a =
        r->v[K_ADDRESS].value || !app->value ? NULL : address_in_bracket(pg, app->value, &line);
    char *fa = !a && !r->v[K_ADDRESS].value && app->value ? fx_fold(app->value) : NULL;
    /* the block under the line that starts with the name */
    for (size_t i = 0; fa && !a && i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        size_t p = fx_line_start(l), n = strlen(fa);
        if (!strncmp(l->fold + p, fa, n) && !fx_alnum(l->fold[p + n]))
            a = address_in_block(pg, i, &line);
    }
    free(fa);
    if (a)
        fx_set(r, K_ADDRESS, a, 0.7, line);
}

/* "... tỉnh Vĩnh Long -" / "Chi nhánh huyện Long Hồ": a name whose line ends in a dash
 * goes on in the next line, whatever its case (a second body's name starts in capitals). */
static char *dash_continues(const fx_page *pg, size_t vi, char *t)
{
    const fx_line *vl = &pg->lines[vi];
    if (!t || !vl->len || vl->text[vl->len - 1] != '-')
        return NULL;
    size_t ni = fx_next_line(pg, vi, 1);
    if (ni == FX_NONE || strchr(pg->lines[ni].fold, ':'))
        return NULL;
    const fx_line *nl = &pg->lines[ni];
    size_t from = fx_line_start(nl), to = fx_cut_inline(nl, from);
    if (from >= to)
        return NULL;
    size_t n = strlen(t);
    int has_dash = n && t[n - 1] == '-';
    char *d = has_dash ? t : realloc(t, n + 3);
    if (!d)
        return NULL;
    if (!has_dash)
        memcpy(d + n, " -", 3);
    return fx_join(d, vl, nl, from, to);
}

/* "Kính gửi: - Ông Rơ Châm Tuih;" / "- Ủy ban nhân dân xã Ia Phìn.": addressees listed one
 * a line after dashes, from line vi (whose value starts with the dash) on; the items joined
 * with "; ", without their dashes and final marks (new string), or NULL when vi holds no
 * such list of two or more. */
static char *dash_list(const fx_page *pg, size_t vi)
{
    char *out = NULL;
    int items = 0;
    for (size_t j = vi; j < pg->n && items < 8;) {
        const fx_line *l = &pg->lines[j];
        /* the item: after the label's colon on the first line, the dash at its start */
        const char *t = l->text;
        if (j == vi) {
            const char *c = strchr(t, ':');
            t = c ? c + 1 : t;
        }
        while (*t == ' ')
            t++;
        if (*t != '-' || t[1] != ' ')
            break;
        t += 2;
        size_t n = strlen(t);
        while (n && strchr(" ;.,", t[n - 1]))
            n--;
        if (!n)
            break;
        size_t have = out ? strlen(out) : 0;
        char *grown = realloc(out, have + n + 3);
        if (!grown)
            break;
        out = grown;
        if (have)
            memcpy(out + have, "; ", 2), have += 2;
        memcpy(out + have, t, n);
        out[have + n] = '\0';
        items++;
        /* the list ends with its full stop, or at the item without a ";" */
        if (l->text[l->len - 1] != ';')
            break;
        /* the next item: the first line of the next row, in whichever column it is indented */
        size_t k = j + 1;
        while (k < pg->n && (pg->lines[k].row == l->row || fx_line_blank(&pg->lines[k])))
            k++;
        if (k >= pg->n || pg->lines[k].row > l->row + 2)
            break;
        j = k;
    }
    if (items < 2) {
        free(out);
        return NULL;
    }
    return out;
}

/* "Kính gửi: Phòng Quản lý xuất nhập cảnh" / (indented under it) "Công an tỉnh Thái Bình":
 * an office's name goes on with its parent body's on the next row, the first segment there
 * set in from the line's start. Takes name; returns it or the longer one. */
static char *body_continues(const fx_page *pg, size_t vi, char *name)
{
    const fx_line *l = &pg->lines[vi];
    size_t k = vi + 1, first = vi;
    while (first > 0 && pg->lines[first - 1].row == l->row)
        first--;
    while (k < pg->n && pg->lines[k].row == l->row)
        k++;
    if (k >= pg->n || pg->lines[k].row != l->row + 1)
        return name;
    const fx_line *n = &pg->lines[k];
    const fx_line *f = &pg->lines[first];
    int indented = n->box[2] ? n->box[0] > f->box[0] + 60 : n->x > f->x + 2;
    size_t p = fx_line_start(n);
    /* "(Phòng Quản lý vận tải, …)" under "Sở Xây dựng tỉnh An Giang": a desk named in
     * brackets is an aside, not the addressee's name */
    if (!indented || p >= n->flen || strchr(n->fold, ':') || n->text[0] == '(' ||
        !fx_starts_any(n->fold + p, fx_body_words, NULL) || fx_upper_ratio(n->text) > 0.5)
        return name;
    char *nf = fx_fold(name);
    int office = nf && fx_starts_any(nf, fx_body_words, NULL);
    free(nf);
    return office ? fx_join(name, l, n, p, fx_cut_inline(n, p)) : name;
}

void fx_find_labelled_text(const fx_page *pg, fx_result *r, int key, const char *const *labels,
                           int need_colon)
{
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        int edits = 0, colon;
        size_t e = fx_match_any(l, labels, &edits);
        if (e == FX_NONE)
            continue;
        size_t v = fx_after_label(l, e, 0, &colon);
        /* "Nội dung yêu cầu giải quyết   Đăng ký biến động đất đai": a label in small letters
         * that fills its cell, the value in the row's next */
        int in_cell = v >= l->flen && i + 1 < pg->n && pg->lines[i + 1].row == l->row &&
                      !strchr(pg->lines[i + 1].fold, ':') &&
                      (i + 2 >= pg->n || pg->lines[i + 2].row != l->row);
        /* "Tên thủ tục hành chính" / (indented) "Cấp chứng chỉ hành nghề …", "Thủ tục" /
         * (indented) "Đăng ký môi trường …": a label of two words or more in small letters,
         * its row alone, over one indented segment */
        size_t below = FX_NONE;
        if (need_colon && !colon && v >= l->flen && !edits && fx_upper_ratio(l->text) < 0.5 &&
            fx_words(l->fold) >= 2)
            below = fx_indented_below(pg, i);
        /* "Thủ tục Giải quyết hưởng bảo hiểm …": the label's cell and the value's run
         * together, OCR having closed the blanks between them; the value starts with its
         * capital, after a label in small letters alone on its row */
        int run_on = 0;
        if (need_colon && !colon && below == FX_NONE && !in_cell && !edits && v < l->flen &&
            fx_row_alone(pg, i)) {
            size_t at = l->map[v], lab_end = l->map[e];
            char *lab = fx_text_slice(l, 0, e);
            run_on = lab && fx_upper_ratio(lab) < 0.5 && lab_end <= at &&
                     fx_cp_upper(fx_cp_next(l->text, l->len, &at));
            free(lab);
        }
        if (need_colon && !colon && below == FX_NONE && !run_on &&
            !(in_cell && !edits && fx_upper_ratio(l->text) < 0.5))
            continue;
        size_t vi = i;
        int alone = v >= l->flen;
        if (below != FX_NONE) {
            vi = below;
            v = fx_line_start(&pg->lines[vi]);
        } else if (in_cell) {
            /* "Kính gửi   Ủy ban nhân dân xã Hòa Phú": the label's cell, the value in the next */
            vi = i + 1;
            v = fx_line_start(&pg->lines[vi]);
        } else if (v >= l->flen) {
            /* "Kính gửi:" / "Ủy ban nhân dân thành phố Vinh": the value on the next line */
            vi = fx_next_line(pg, i, 1);
            if (vi == FX_NONE || strchr(pg->lines[vi].fold, ':'))
                continue;
            v = fx_line_start(&pg->lines[vi]);
        }
        const fx_line *vl = &pg->lines[vi];
        if (key == K_RECIPIENT) {
            /* the list may start in the label's row, a column of its own */
            char *list = alone && i + 1 < pg->n && pg->lines[i + 1].row == l->row
                             ? dash_list(pg, i + 1)
                             : NULL;
            if (!list)
                list = dash_list(pg, vi);
            if (list) {
                fx_set(r, key, list, fx_conf(0.8, edits, 0), i);
                return;
            }
        }
        size_t to = fx_cut_inline(vl, v);
        char *t = fx_text_slice(vl, v, to);
        if (!t)
            continue;
        /* dash_continues takes t when it joins; t is not to be read after it then */
        size_t tl = strlen(t);
        char *dashed = to == vl->flen ? dash_continues(pg, vi, t) : NULL;
        if (!dashed && to == vl->flen && key == K_RECIPIENT && fx_upper_ratio(t) >= 0.8) {
            /* "Kính gửi: CÔNG TY CỔ PHẦN CHẾ BIẾN THỦY SẢN" / "TÂN THUẬN PHÁT CÀ MAU": a name
             * in capitals goes on in capitals */
            t = org_continues(pg, vi, t);
        }
        if (!dashed && t && strlen(t) == tl && to == vl->flen && key == K_RECIPIENT)
            t = body_continues(pg, vi, t);
        if (dashed) {
            t = dashed;
        } else if (t && strlen(t) != tl) {
            /* joined above */
        } else if (to == vl->flen) {
            /* "... Thủy sản tỉnh" / "Bà Rịa - Vũng Tàu": a name cut after its unit goes on in
             * capitals; else the lines that go on in lower case */
            size_t ni = fx_next_line(pg, vi, 1);
            /* (the next row's, not a lone cell rows below past a wrap set in under the value:
             * "… do bị mất," / "bị rách, …" / "…   Số lượng") */
            if (ni != FX_NONE && pg->lines[ni].row == vl->row + 1 && address_open(vl, t) &&
                !strchr(pg->lines[ni].fold, ':') &&
                address_part(pg->lines[ni].fold + fx_line_start(&pg->lines[ni]),
                             pg->lines[ni].text + pg->lines[ni].map[fx_line_start(&pg->lines[ni])]))
                t = fx_join(t, vl, &pg->lines[ni], fx_line_start(&pg->lines[ni]),
                            fx_cut_inline(&pg->lines[ni], fx_line_start(&pg->lines[ni])));
            else if (!((run_on || below != FX_NONE) && ni != FX_NONE &&
                       pg->lines[ni].fold[0] == '(' &&
                       pg->lines[ni].fold[pg->lines[ni].flen - 1] == ')'))
                t = fx_continue_lines(pg, vi, t, 2);
            /* (a value run on from its label has lost the blanks that showed where it
             * starts, one set in under its label has none: a line in brackets under it is
             * taken for a note) */
        }
        if (t) {
            fx_trim(t);
            /* "(Tên thủ tục: Cấp giấy phép …)": the bracket the line opened is not the value's */
            size_t n = strlen(t), open = 0, close = 0;
            for (size_t k = 0; k < n; k++) {
                open += t[k] == '(';
                close += t[k] == ')';
            }
            if (n > 1 && t[n - 1] == ')' && close > open) {
                t[n - 1] = '\0';
                fx_trim(t);
            }
        }
        if (key == K_RECIPIENT && t && strchr(t, ';')) {
            /* "Các sở, ban, ngành; UBND các huyện": a distribution list, not an addressee */
            free(t);
            return;
        }
        fx_set(r, key, t, fx_conf(0.85, edits, 0), i);
        return;
    }
}

/* The first words of the bodies a letter answers as it answers a business: companies,
 * cooperatives, and religious bodies and associations ("Kính gửi: Ban Trị sự Giáo hội Phật
 * giáo Việt Nam tỉnh Hậu Giang"). */
static const char *const answered_bodies[] = {"cong ty",      "hop tac xa", "ho kinh doanh",
                                              "doanh nghiep", "ban tri su", "giao hoi",
                                              "hiep hoi",     NULL};

/* Does the page speak of an application ("đơn", "hồ sơ", "đề nghị của ông …"), as a letter
 * that answers one does? "đơn vị" (a unit) is no application. */
static int page_has_application(const fx_page *pg, int *by_citizen)
{
    int citizen_dummy;
    if (!by_citizen)
        by_citizen = &citizen_dummy;
    *by_citizen = 0;
    static const char *const words[] = {"đơn", "Đơn", "ĐƠN", "hồ sơ", "Hồ sơ", "HỒ SƠ", NULL};
    /* ("Xét văn bản đề nghị số 23/2024/CV-VĐN …": a written request) */
    static const char *const asks[] = {"de nghi cua ong", "de nghi cua ba",  "yeu cau cua ong",
                                       "yeu cau cua ba",  "van ban de nghi", NULL};
    /* "… nhận được Văn bản số 28/2025/CV-PN ngày 25/4/2025 của Công ty" / "Cổ phần …", "Xét
     * Văn bản số … của Công ty": the letter answers one a citizen or a business wrote */
    static const char *const citizens[] = {"ong", "ba", NULL};
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        for (size_t a = 0; asks[a]; a++)
            if (fx_has_words(l->fold, asks[a])) {
                *by_citizen = a < 4;
                return 1;
            }
        /* (or "Xét Văn bản số 31/CV-GC … của Công ty …": considers it) */
        const char *got = strstr(l->fold, "nhan duoc ");
        if (!got && !strncmp(l->fold + fx_line_start(l), "xet van ban ", 12))
            got = l->fold + fx_line_start(l);
        if (got && (got == l->fold || !fx_alnum(got[-1]))) {
            size_t ni = fx_next_line(pg, i, 0);
            for (int k = 0; k < 2; k++) {
                const char *from = k ? (ni != FX_NONE ? pg->lines[ni].fold : NULL) : got;
                for (const char *c = from ? strstr(from, "cua ") : NULL; c;
                     c = strstr(c + 1, "cua "))
                    if ((c == from || !fx_alnum(c[-1])) &&
                        (fx_starts_any(c + 4, answered_bodies, NULL) ||
                         fx_starts_any(c + 4, citizens, NULL))) {
                        *by_citizen = !fx_starts_any(c + 4, answered_bodies, NULL);
                        return 1;
                    }
            }
        }
        for (size_t p = 0; p < l->flen; p++) {
            if (p && fx_alnum(l->fold[p - 1]))
                continue;
            /* "Bản kê khai hoạt động … của ông …": a citizen's filing too */
            size_t e = !strncmp(l->fold + p, "don", 3)       ? p + 3
                       : !strncmp(l->fold + p, "ho so", 5)   ? p + 5
                       : !strncmp(l->fold + p, "ke khai", 7) ? p + 7
                                                             : FX_NONE;
            if (e == FX_NONE || fx_alnum(l->fold[e]) || !strncmp(l->fold + e, " vi", 3))
                continue;
            if (e != p + 3)
                return 1; /* "hồ sơ", "kê khai", whatever marks OCR left them */
            const char *t = l->text + l->map[p];
            for (size_t w = 0; words[w]; w++)
                if (!strncmp(t, words[w], strlen(words[w])))
                    return 1;
        }
    }
    return 0;
}

int fx_page_state_initiated(const fx_page *pg)
{
    static const char *const bodies[] = {
        "phong",     "so",      "truong phong", "chi cuc",  "uy ban", "ubnd",
        "trung tam", "cong an", "ban",          "giam doc", NULL};
    int proposed = 0;
    for (size_t i = 0; i < pg->n && !proposed; i++) {
        const fx_line *l = &pg->lines[i];
        if (fx_has_words(l->fold, "to trinh so"))
            proposed = 1;
        for (const char *c = strstr(l->fold, "de nghi cua "); c && !proposed;
             c = strstr(c + 1, "de nghi cua "))
            proposed = (c == l->fold || !fx_alnum(c[-1])) &&
                       fx_starts_any(c + strlen("de nghi cua "), bodies, NULL);
    }
    return proposed && !page_has_application(pg, NULL);
}

/* Does a line of the page say that the body named (folded) by name applied ("Xét Văn bản
 * số … của Công ty TNHH" / "Linh kiện …": its first three words after "của")? */
static int body_applied(const fx_page *pg, const char *name)
{
    char key[64];
    size_t k = 0, words = 0;
    for (const char *c = name; *c && k + 1 < sizeof key; c++) {
        if (*c == ' ' && ++words == 3)
            break;
        key[k++] = *c;
    }
    key[k] = '\0';
    for (size_t i = 0; i < pg->n; i++)
        for (const char *c = strstr(pg->lines[i].fold, "cua "); c; c = strstr(c + 1, "cua "))
            if (!strncmp(c + 4, key, k))
                return 1;
    return 0;
}

void fx_applicant_from_recipient(const fx_page *pg, fx_result *r)
{
    const char *type = r->v[K_DOC_TYPE].value, *to = r->v[K_RECIPIENT].value;
    /* (a person a generic "Họ và tên" row names gives way to the business the letter
     * answers: "Xét Văn bản … của Công ty …" / "1. Họ và tên: MORIYAMA SHUNSUKE", the
     * foreign worker it is about) */
    /* (and so does a person a sentence names, "V/v … công nhận liệt sĩ đối với ông Vũ Đức
     * Toản", when the letter answers "Văn bản số … của Công ty …", its recipient) */
    int generic = r->v[K_APPLICANT].value && (r->app_generic || r->app_phrase);
    if ((r->v[K_APPLICANT].value && !generic) || !to || !type ||
        (strcmp(type, "thong_bao") && strcmp(type, "cong_van")) || strchr(to, ';'))
        return;
    int by_citizen = 0;
    if (!page_has_application(pg, &by_citizen))
        return;
    char *raw = strdup(to), *f = fx_fold(to);
    if (raw && f) {
        /* "Hộ ông Võ Tấn Lợi, thôn Tiến Đông, xã Tam Tiến": the name, not its address */
        char *comma = strchr(raw, ',');
        if (comma)
            *comma = '\0';
        drop_honorific(raw);
        fx_trim(raw);
        char *n = strcmp(raw, to) && !generic ? fx_name_normalise(raw) : NULL;
        if (n && known_surname(n)) {
            /* "Kính gửi: Ông THẠCH SÊ RI": the citizen the letter answers */
            fx_set(r, K_APPLICANT, n, 0.7, r->v[K_RECIPIENT].line);
            n = NULL;
        } else if (fx_starts_any(f, answered_bodies, NULL) && !by_citizen &&
                   (!generic || body_applied(pg, f))) {
            /* "Kính gửi: CÔNG TY TNHH …": the business whose dossier the notice is about
             * (not when a citizen filed it: "nhận được Thông báo … của ông KIỀU VĂN SỸ",
             * sent to the power company that connects him) */
            if (generic) {
                free(r->v[K_APPLICANT].value);
                r->v[K_APPLICANT].value = NULL;
                r->app_generic = r->app_phrase = 0;
            }
            fx_set(r, K_APPLICANT, fx_dup(r, to), 0.7, r->v[K_RECIPIENT].line);
        }
        free(n);
    } else {
        r->nomem = 1;
    }
    free(raw);
    free(f);
}

/* ---- numbers: ID cards, phones, e-mail ---- */

static int cccd_province(const char *d)
{
    static const short codes[] = {1,  2,  4,  6,  8,  10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25,
                                  26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45, 46, 48,
                                  49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75,
                                  77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96};
    int p = (d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0');
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (codes[i] == p)
            return 1;
    return 0;
}

/* Boxed digits "0 7 4 0 9 6 0 0 5 8 2 1" or "|0|0|4|1|…|" at fold offset p: single digits
 * one blank or a box's rule apart. Writes them to d (cap bytes) and returns the fold offset
 * after the last, or p when there are fewer than 9. */
static size_t boxed_digits(const fx_line *l, size_t p, char *d, size_t cap)
{
    size_t q = p, n = 0;
    /* in boxes drawn with rules, OCR may run two boxes' digits together ("|0|04|2|"); a
     * typed page may put blanks about its rules ("| 0 | 1 | 2 |") */
    int ruled = p > 0 && (l->fold[p - 1] == '|' ||
                          (p > 1 && l->fold[p - 1] == ' ' && l->fold[p - 2] == '|'));
    while (q < l->flen && l->fold[q] >= '0' && l->fold[q] <= '9' && n + 1 < cap) {
        int pair = ruled && q + 1 < l->flen && l->fold[q + 1] >= '0' && l->fold[q + 1] <= '9' &&
                   (q + 2 >= l->flen || l->fold[q + 2] == '|');
        if (!pair && fx_alnum(l->fold[q + 1]))
            break;
        d[n++] = l->fold[q];
        if (pair && n + 1 < cap)
            d[n++] = l->fold[++q];
        /* one blank between two digits, or in ruled boxes one rule ("|0|0|4|1|8|9|…|": the
         * rule and a blank after the last box end it, "…|1|6| 7. Số CMND") */
        /* (" | ": a blank on both sides of the rule, never on one only) */
        size_t g = q + 1;
        int blank = ruled && g + 1 < l->flen && l->fold[g] == ' ' && l->fold[g + 1] == '|';
        g += blank;
        if (g < l->flen && l->fold[g] == (ruled ? '|' : ' '))
            g++;
        if (blank && g + 1 < l->flen && l->fold[g] == ' ')
            g++;
        if (g == q + 1 || g >= l->flen || !(l->fold[g] >= '0' && l->fold[g] <= '9')) {
            q++;
            break;
        }
        q = g;
    }
    d[n] = '\0';
    /* (and the box's last rule) */
    if (n >= 9 && q + 1 < l->flen && l->fold[q] == ' ' && l->fold[q + 1] == '|')
        q++;
    if (n >= 9 && q < l->flen && l->fold[q] == '|')
        q++;
    return n >= 9 ? q : p;
}

/* The digits of a run of ruled boxes at fold offset p ("|0|1|2|1|9|6|1010|4|741513|": OCR
 * read some rules as ones), into d; their count. A number that boxes hold is there even when
 * its boxes do not read one digit each. */
static size_t ruled_run_digits(const fx_line *l, size_t p, char *d, size_t cap)
{
    if (p == 0 || l->fold[p - 1] != '|')
        return 0;
    size_t n = 0, cells = 0;
    for (size_t q = p; q < l->flen && (l->fold[q] == '|' || l->fold[q] == ' ' ||
                                       (l->fold[q] >= '0' && l->fold[q] <= '9'));
         q++) {
        if (l->fold[q] == '|')
            cells++;
        else if (l->fold[q] != ' ' && n + 1 < cap)
            d[n++] = l->fold[q];
    }
    d[n] = '\0';
    return cells >= 4 ? n : 0;
}

/* "0 74096005821": boxed digits OCR read partly run together, groups one blank apart from
 * fold offset p. Writes the digits to d and returns the offset after them when they make
 * exactly 12, else p. */
static size_t grouped_digits(const fx_line *l, size_t p, char *d, size_t cap)
{
    size_t q = p, n = 0;
    while (q < l->flen && n < cap - 1) {
        if (l->fold[q] >= '0' && l->fold[q] <= '9') {
            d[n++] = l->fold[q++];
            continue;
        }
        if (l->fold[q] == ' ' && q + 1 < l->flen && l->fold[q + 1] >= '0' && l->fold[q + 1] <= '9' &&
            n < 12)
            q++;
        else
            break;
    }
    d[n] = '\0';
    /* (or a CMND's nine digits in threes: "095 187 342") */
    int cmnd = n == 9 && q - p == 11 && l->fold[p + 3] == ' ' && l->fold[p + 7] == ' ';
    if ((n != 12 && !cmnd) || (q < l->flen && fx_alnum(l->fold[q])))
        return p;
    return q;
}

/* A labelled number that reads as no ID: the page's ID list is then incomplete, so none of
 * it is given; the list and the unread number go to review. */
static void id_numbers_doubt(fx_result *r, const char *digits)
{
    fx_list *ids = &r->l[K_ID_NUMBERS];
    for (size_t k = 0; k < ids->n; k++)
        if (ids->conf[k] >= 0.45) {
            ids->conf[k] = 0.45;
            ids->why[k] = "another number under an ID label does not read as an ID";
        }
    r->why = "a number under an ID label that reads as no ID (a digit lost or misread)";
    fx_add(r, K_ID_NUMBERS, digits, 0.3);
}

/* A label of labs that the end of line pl begins (one or more whole words) and the start
 * of line l ends: the fold offset in l where it ends, else FX_NONE. */
static size_t label_wrapped(const fx_line *pl, const fx_line *l, const char *const *labs)
{
    size_t st = fx_line_start(l);
    for (const char *const *lab = labs; *lab; lab++) {
        size_t n = strlen(*lab);
        /* each blank of the label is a place it may break */
        for (size_t b = 1; b < n; b++) {
            if ((*lab)[b] != ' ')
                continue;
            size_t head = b, tail = n - b - 1;
            const char *end = pl->fold + pl->flen;
            if (pl->flen < head || memcmp(end - head, *lab, head) ||
                (pl->flen > head && fx_alnum(end[-(long)head - 1])))
                continue;
            if (st + tail <= l->flen && !memcmp(l->fold + st, *lab + b + 1, tail) &&
                (st + tail == l->flen || !fx_alnum(l->fold[st + tail])))
                return st + tail;
        }
    }
    return FX_NONE;
}

/* A table whose header names an ID column ("TT  Họ và tên chủ hộ  …  Số định danh cá nhân
 * Số tiền") holds IDs in the rows under it, each starting with its number or made of
 * cells: 1 while the row
 * at line i (its first line) is such a header or a row under one (was: the state of the
 * row before), else 0. */
static int table_rows(const fx_page *pg, size_t i, int was)
{
    int row = pg->lines[i].row, digits = 0, label = 0, parts = 0;
    for (size_t k = i; k < pg->n && pg->lines[k].row == row; k++) {
        size_t at;
        for (const char *c = pg->lines[k].fold; *c; c++)
            digits += *c >= '0' && *c <= '9';
        label |= fx_find_any(&pg->lines[k], fx_lab_id, &at, NULL) != FX_NONE;
        parts++;
    }
    const fx_line *l = &pg->lines[i];
    size_t st = 0;
    /* (a row drawn with rules starts after its "|") */
    while (st < l->flen && (l->fold[st] == ' ' || l->fold[st] == '|'))
        st++;
    if (label && !digits)
        return 1; /* the header */
    /* OCR puts a blank line between a table's rows: one keeps the table (2), two end it;
     * so does a speck line of no word ("ƠŒ1": the rows' numbers OCR garbled into one) */
    if (st >= l->flen && parts == 1)
        return was == 1 ? 2 : 0;
    /* (a speck line: two dozen characters at most, no word of four, "ƠI d> C2") */
    int word = 0, chars = 0;
    for (size_t k = i; k < pg->n && pg->lines[k].row == row; k++) {
        const fx_line *c = &pg->lines[k];
        int run = 0;
        for (size_t q = 0; q < c->len;) {
            int cp = fx_cp_next(c->text, c->len, &q);
            chars++;
            run = fx_cp_letter(cp) || (cp >= '0' && cp <= '9') ? run + 1 : 0;
            word |= run >= 4;
        }
    }
    if (!word && chars <= 24 && digits < 9 && parts == 1)
        return was ? 2 : 0;
    /* the rule under a table's header ("|----|------|", OCR's "|—Ì   |   |"): rule
     * characters, hardly a letter or digit (one a cell at most), and the table goes on */
    int rules = 0, alnum = 0;
    for (size_t k = i; was && k < pg->n && pg->lines[k].row == row; k++) {
        const fx_line *c = &pg->lines[k];
        for (size_t q = 0; q < c->len;) {
            int cp = fx_cp_next(c->text, c->len, &q);
            rules += cp == '|' || cp == '-' || cp == '_' || cp == '=' || cp == '+' ||
                     cp == 0x2013 || cp == 0x2014;
            alnum += fx_cp_letter(cp) || (cp >= '0' && cp <= '9');
        }
    }
    if (was && rules >= 2 && alnum <= parts)
        return was;
    /* a row under it: its number first ("1", "2."), then its cells; or cells without a
     * number ("LẠI ĐÌNH TOẢN   Chủ tịch HĐQT   064079008315"), one holding a number as long
     * as an ID */
    /* (OCR may run a row's cells together: "NGUYỄN THỊ BÍCHVÂN Phó Giám đốc 0561…": one
     * segment that starts with a capital) */
    size_t t0 = l->map[st < l->flen ? st : 0];
    int capital = st < l->flen && fx_cp_upper(fx_cp_next(l->text, l->len, &t0));
    return was && st < l->flen &&
           ((l->fold[st] >= '0' && l->fold[st] <= '9' &&
             (parts > 1 || strchr(l->fold + st, ' '))) ||
            ((parts > 1 || capital) && digits >= 9 && fx_cp_letter((unsigned char)l->fold[st])));
}

/* ID numbers: 12-digit CCCD / personal numbers (with a province code) and 9-digit CMND, a
 * label before them on the line ("Số CCCD:", "CMND số", "số ĐDCN:"). A 12-digit number
 * without one is kept at a low confidence (for review); one after a licence, account or
 * tax label is none. */
void fx_find_id_numbers(const fx_page *pg, fx_result *r)
{
    int doubt = 0, table = 0;
    char doubtful[16] = "";
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        size_t lab_at, ph_at, not_at;
        int edits = 0;
        if (i == 0 || pg->lines[i - 1].row != l->row)
            table = table_rows(pg, i, table);
        if (fx_digit_count(l) < 9)
            continue;
        size_t lab = fx_find_any(l, fx_lab_id, &lab_at, &edits);
        if (lab == FX_NONE && i > 0) {
            /* "… số định" / "danh cá nhân 0621…", "(Chứng" / "minh nhân dân số 3601…": the
             * label itself wrapped */
            size_t rest = label_wrapped(&pg->lines[i - 1], l, fx_lab_id);
            if (rest != FX_NONE) {
                lab = rest;
                lab_at = fx_line_start(l);
            }
        }
        size_t ph = fx_find_any(l, fx_lab_phone, &ph_at, NULL);
        size_t no = fx_find_any(l, fx_lab_not_id, &not_at, NULL);
        /* a table's row: "Số định danh cá nhân:   0661...   0660...", the label in the first
         * column holds for the numbers in the others */
        int row_lab = table && no == FX_NONE, by_table = row_lab;
        /* "… (số định danh cá nhân" / "089168005327), …": the label ends the line above, over
         * the number that starts this one */
        size_t wrap_at = FX_NONE;
        int wrap_passport = 0;
        if (i > 0 && pg->lines[i - 1].flen) {
            const fx_line *pl = &pg->lines[i - 1];
            size_t pa, pe = fx_find_any(pl, fx_lab_id, &pa, NULL), later, la;
            while (pe != FX_NONE && pa + 1 < pl->flen &&
                   (later = fx_find_any_from(pl, fx_lab_id, pa + 1, &la, NULL)) != FX_NONE) {
                pe = later; /* the line's last label */
                pa = la;
            }
            for (int pass = 0; pe != FX_NONE && pass < 2; pass++) {
                while (pe < pl->flen && (pl->fold[pe] == ' ' || pl->fold[pe] == ':'))
                    pe++;
                /* "… CCCD số" / "017178002463, …": the label's "số" after it */
                if (!pass && pe + 2 <= pl->flen && !strncmp(pl->fold + pe, "so", 2) &&
                    (pe + 2 == pl->flen || !fx_alnum(pl->fold[pe + 2])))
                    pe += 2;
            }
            if (pe == pl->flen) {
                wrap_at = fx_line_start(l);
                wrap_passport = fx_starts_word(pl->fold + pa, "ho chieu");
                /* "(Chứng minh nhân dân" / "cũ số 334187562)": the label's last words */
                static const char *const tail[] = {"cu so", "moi so", "so", NULL};
                size_t tn;
                if (fx_starts_any(l->fold + wrap_at, tail, &tn) &&
                    !fx_alnum(l->fold[wrap_at + tn])) {
                    wrap_at += tn;
                    while (wrap_at < l->flen &&
                           (l->fold[wrap_at] == ' ' || l->fold[wrap_at] == ':'))
                        wrap_at++;
                }
            }
        }
        /* "3. Giấy tờ tùy thân: [x] Thẻ CCCD   [ ] Hộ chiếu" / "Số: 020094005173 …": the
         * label's line above, the number after "Số:" */
        size_t st0 = fx_line_start(l);
        if (lab == FX_NONE && wrap_at == FX_NONE && no == FX_NONE && i > 0 &&
            fx_starts_word(l->fold + st0, "so")) {
            size_t q = st0 + 2;
            while (q < l->flen && l->fold[q] == ' ')
                q++;
            size_t pi = i - 1;
            while (pi > 0 && fx_line_blank(&pg->lines[pi]))
                pi--;
            /* any column of that row ("[x] Thẻ CCCD   [ ] Hộ chiếu") */
            int id_above = 0, not_above = 0;
            for (size_t k = pi + 1; k > 0 && pg->lines[k - 1].row == pg->lines[pi].row; k--) {
                size_t pa;
                id_above |= fx_find_any(&pg->lines[k - 1], fx_lab_id, &pa, NULL) != FX_NONE;
                not_above |= fx_find_any(&pg->lines[k - 1], fx_lab_not_id, &pa, NULL) != FX_NONE;
            }
            if (q < l->flen && l->fold[q] == ':' && id_above && !not_above) {
                q++;
                while (q < l->flen && l->fold[q] == ' ')
                    q++;
                wrap_at = q;
            }
        }
        /* the nearest label among the row's cells before this one decides: "Số định danh cá
         * nhân   0311…     Mã số thuế cá nhân   0200847361" is a tax code */
        int other_cell = 0;
        for (size_t j = i; lab == FX_NONE && no == FX_NONE && !row_lab && j > 0 &&
                           pg->lines[j - 1].row == l->row;
             j--) {
            const fx_line *c = &pg->lines[j - 1];
            size_t cat;
            if (fx_find_any(c, fx_lab_not_id, &cat, NULL) != FX_NONE) {
                other_cell = 1;
                break;
            }
            row_lab = fx_find_any(c, fx_lab_id, &cat, &edits) != FX_NONE &&
                      fx_find_any(c, fx_lab_phone, &cat, NULL) == FX_NONE;
        }
        for (size_t p = 0; p < l->flen; p++) {
            if (!(l->fold[p] >= '0' && l->fold[p] <= '9'))
                continue;
            /* ".068083004915": a leader's last dots glued on, a blank before them */
            size_t ld = p;
            while (ld > 0 && l->fold[ld - 1] == '.')
                ld--;
            int leader = ld < p && ld > 0 && l->fold[ld - 1] == ' ';
            /* "CCCD066089011524": OCR ran the label into its number */
            int glued =
                p >= 4 &&
                (!strncmp(l->fold + p - 4, "cccd", 4) || !strncmp(l->fold + p - 4, "cmnd", 4)) &&
                (p == 4 || !fx_alnum(l->fold[p - 5]));
            if (p > 0 && !leader && !glued &&
                (fx_alnum(l->fold[p - 1]) || strchr("/.-", l->fold[p - 1])))
                continue;
            char d[16];
            int rep = 0;
            size_t q = boxed_digits(l, p, d, sizeof d);
            size_t n = q - p;
            if (q == p) {
                n = fx_digits(l->fold + p, d, sizeof d, &rep);
                q = p + n;
                while (q < l->flen &&
                       (fx_alnum(l->fold[q]) || ((l->fold[q] == '/' || l->fold[q] == '.' ||
                                                  l->fold[q] == '-') &&
                                                 fx_alnum(l->fold[q + 1]))))
                    q++;
            }
            size_t nd = strlen(d);
            /* the nearest label before the number decides what it is */
            /* ("mã định danh khoản phải nộp": the longer of two labels that start together) */
            int labelled =
                row_lab || glued || (p == wrap_at && !(lab != FX_NONE && lab_at < p)) ||
                (lab != FX_NONE && lab_at < p && !(ph != FX_NONE && ph_at < p && ph_at > lab_at) &&
                 !(no != FX_NONE && not_at < p &&
                   (not_at > lab_at || (not_at == lab_at && no > lab))));
            int other = (no != FX_NONE && not_at < p && !labelled) || other_cell;
            int own_label =
                (p == wrap_at && !(lab != FX_NONE && lab_at < p)) || (lab != FX_NONE && lab_at < p);
            /* groups joined into an ID after a label, not across a table's cells */
            if (labelled && q == p + n && nd < 12 && !(by_table && !own_label)) {
                size_t g = grouped_digits(l, p, d, sizeof d);
                if (g != p) {
                    q = g;
                    n = g - p;
                    nd = strlen(d); /* 12, or a CMND's 9 in threes */
                } else {
                    int again = 0; /* d back as first read; its repairs are counted */
                    fx_digits(l->fold + p, d, sizeof d, &again);
                }
            }
            r->at = i;
            /* a table's row holds other columns' numbers too ("Mã số BHXH" 1524011387, a
             * phone, a tax code: 10 digits): only a number an ID misread could give (11 or
             * 13 digits) is doubted there */
            int other_column = by_table && !own_label && (nd == 10 || nd < 8 || nd > 13);
            if (q != p + n || rep > 1 || !(nd == 12 || nd == 9) || other) {
                char run[16];
                if (labelled && !other && nd < 9 && !other_column &&
                    ruled_run_digits(l, p, run, sizeof run) >= 9) {
                    /* boxes that do not read one digit each: the number is there, unread */
                    doubt = 1;
                    snprintf(doubtful, sizeof doubtful, "%s", run);
                } else if (labelled && !other && nd >= 9 && !other_column) {
                    doubt = 1;
                    snprintf(doubtful, sizeof doubtful, "%s", d);
                }
                p = q;
                continue;
            }
            if (nd == 12 && cccd_province(d)) {
                if (!labelled)
                    r->why = "a 12-digit number with a province code but no ID label";
                fx_add(r, K_ID_NUMBERS, d, fx_conf(labelled ? 0.95 : 0.4, edits, rep));
            } else if (nd == 9 && labelled) {
                /* "hộ chiếu số 312604857": a passport's number is no ID card's */
                int passport = (lab != FX_NONE && lab_at < p)
                                   ? fx_starts_word(l->fold + lab_at, "ho chieu")
                                   : p == wrap_at && wrap_passport;
                if (!passport)
                    fx_add(r, K_ID_NUMBERS, d, fx_conf(0.9, edits, rep));
            } else if (labelled) {
                /* "121090004738": 12 digits without a province code, one of them misread */
                doubt = 1;
                snprintf(doubtful, sizeof doubtful, "%s", d);
            }
            p = q;
        }
    }
    if (doubt)
        id_numbers_doubt(r, doubtful);
}

/* Does d start with the prefix of a 10-digit number: a mobile carrier's, 032-039, 052,
 * 055, 056, 058, 059, 070, 076-079, 081-089, 090-099 (the carriers' numbers since 2018),
 * or the police's own network, 069 ("069.2585.317 (trực ban PC06)")? Not "0316 259 847",
 * a tax code of Hồ Chí Minh City in a phone's groups. */
static int ten_digit_prefix(const char *d)
{
    if (d[0] != '0' || !d[1] || !d[2])
        return 0;
    int a = d[1] - '0', b = d[2] - '0';
    switch (a) {
    case 3:
        return b >= 2 && b <= 9;
    case 5:
        return b == 2 || b == 5 || b == 6 || b == 8 || b == 9;
    case 6:
        return b == 9;
    case 7:
        return b == 0 || (b >= 6 && b <= 9);
    case 8:
        return b >= 1 && b <= 9;
    case 9:
        return b >= 0 && b <= 9;
    default:
        return 0;
    }
}

/* Phone numbers in digits d (all the digits after a label, groups run together): mobile
 * with a carrier's prefix or the police's 069 (10 digits, ten_digit_prefix), landline
 * 02xx (11), "+84"/"84" for the 0. Adds each; returns how many digits were used. */
static size_t phones_in(const char *d, fx_result *r, double conf)
{
    const char *s = d;
    char ph[16];
    while (*s) {
        size_t left = strlen(s);
        if (!strncmp(s, "84", 2) && left >= 11 && s[2] != '0') {
            snprintf(ph, sizeof ph, "0%.9s", s + 2);
            s += 11;
        } else if (s[0] == '0' && s[1] == '2' && left >= 11) {
            snprintf(ph, sizeof ph, "%.11s", s);
            s += 11;
        } else if (ten_digit_prefix(s) && left >= 10) {
            snprintf(ph, sizeof ph, "%.10s", s);
            s += 10;
        } else if ((!strncmp(s, "1900", 4) || !strncmp(s, "1800", 4)) &&
                   (left == 8 || left == 10)) {
            /* a service line: "1900 9068", "1800 54 54 81" */
            snprintf(ph, sizeof ph, "%s", s);
            s += left;
        } else {
            break;
        }
        fx_add(r, K_PHONES, ph, conf);
    }
    return (size_t)(s - d);
}

/* "..., điện" / "thoại 0262 3873 551, ...": the label wrapped in a sentence; the fold
 * offset after "thoại" on line i, or FX_NONE. */
static size_t wrapped_phone_label(const fx_page *pg, size_t i)
{
    const fx_line *l = &pg->lines[i];
    size_t p = fx_line_start(l);
    if (i == 0 || !fx_starts_word(l->fold + p, "thoai"))
        return FX_NONE;
    const fx_line *pl = &pg->lines[i - 1];
    if (pl->flen == 0 && i > 1)
        pl = &pg->lines[i - 2]; /* OCR's blank line inside a paragraph */
    if (pl->flen < 4 || strcmp(pl->fold + pl->flen - 4, "dien") ||
        (pl->flen > 4 && fx_alnum(pl->fold[pl->flen - 5])))
        return FX_NONE;
    return p + 5;
}

/* From p, up to max words of letters then the number they name ("Bộ phận Một cửa (0275)
 * 3862 517"): the fold offset of the number, or p when no number follows so soon. */
static size_t number_after_words(const fx_line *l, size_t p, int max)
{
    size_t q = p;
    for (int words = 0; words <= max && q < l->flen; words++) {
        if ((l->fold[q] >= '0' && l->fold[q] <= '9') ||
            (l->fold[q] == '(' && q + 1 < l->flen && l->fold[q + 1] == '0'))
            return words ? q : p;
        size_t e = q;
        while (e < l->flen && fx_alnum(l->fold[e]) && !(l->fold[e] >= '0' && l->fold[e] <= '9'))
            e++;
        if (e == q || e - q > 10 || e >= l->flen || l->fold[e] != ' ')
            return p;
        q = e + 1;
    }
    return p;
}

/* A number written as phones are, in groups of 2-4 digits one blank, dot or dash apart
 * ("0706 158 492", "0221.3910.358", "(0206) 3870 612"), at fold offset p of l: its digits
 * to d (cap bytes) and the fold offset after it, or p when it is no such number. Codes,
 * accounts and IDs are not grouped so; a group of more than 4 digits, a letter or a slash
 * glued on makes it no phone. */
static size_t grouped_phone(const fx_line *l, size_t p, char *d, size_t cap)
{
    size_t q = p, n = 0;
    int groups = 0, bracket = l->fold[q] == '(', first = 0, six = 0, zero = 0;
    if (bracket)
        q++;
    if (p > 0 && (fx_alnum(l->fold[p - 1]) || strchr("/.-", l->fold[p - 1])))
        return p;
    while (q < l->flen) {
        size_t g = 0;
        while (q < l->flen && l->fold[q] >= '0' && l->fold[q] <= '9' && n + 1 < cap) {
            d[n++] = l->fold[q++];
            g++;
        }
        /* "0903 624118": a mobile's last two groups OCR ran together; "(0270) 3 851 472":
         * a landline's one digit after its bracketed area code */
        six = groups == 1 && first == 4 && g == 6;
        int one = groups == 1 && g == 1 && (bracket || (first == 4 && d[0] == '0' && d[1] == '2'));
        /* "0 869 305 172": a mobile's trunk 0 set apart from its three groups */
        if (!groups && g == 1 && d[0] == '0' && !bracket)
            one = zero = 1;
        if ((g < 2 && !one) || (g > 4 && !six) || (q < l->flen && fx_alnum(l->fold[q])))
            return p;
        if (!groups)
            first = (int)g;
        groups++;
        if (bracket && groups == 1) {
            if (q >= l->flen || l->fold[q] != ')')
                return p;
            q++;
        }
        /* one separator, then the next group; else the number ends here */
        if (q + 1 < l->flen && strchr(" .-", l->fold[q]) && l->fold[q + 1] >= '0' &&
            l->fold[q + 1] <= '9')
            q++;
        else
            break;
    }
    d[n] = '\0';
    if (groups < 3 && !(groups == 2 && six && !bracket))
        return p;
    if (q < l->flen && (l->fold[q] == '/' ||
                        (strchr(".-", l->fold[q]) && q + 1 < l->flen && fx_alnum(l->fold[q + 1]))))
        return p;
    int mobile = n == 10 && ten_digit_prefix(d) && (!zero || groups == 4);
    int landline = n == 11 && d[0] == '0' && d[1] == '2' && !six && !zero;
    return mobile || landline ? q : p;
}

/* "ĐT 0706 158 492; Văn phòng UBND xã: 0221.3910.358", "nhắn tin tới số 0855 417 306",
 * "(cán bộ phụ trách: ông Lý Minh Hào, 0915 247 806)": a number grouped as phones are is
 * one, whatever the words before it, unless they say it is a fax. */
static void grouped_phones(const fx_page *pg, fx_result *r)
{
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        if (fx_digit_count(l) < 10)
            continue;
        for (size_t p = 0; p < l->flen; p++) {
            char d[24];
            size_t q = grouped_phone(l, p, d, sizeof d);
            if (q == p)
                continue;
            /* "Fax: 0227 3823 519", "(fax 0293.3872.419)", "Fax" / "0269 …" over a wrap */
            size_t b = p;
            while (b > 0 && strchr(" :(.", l->fold[b - 1]))
                b--; /* (and a leader's dots: "Fax ..... 0294 3 851 608") */
            int fax = b >= 3 && !strncmp(l->fold + b - 3, "fax", 3);
            if (!fax && b == 0 && i > 0) {
                const fx_line *pl = &pg->lines[i - 1];
                size_t e = pl->flen;
                while (e > 0 && strchr(" :(", pl->fold[e - 1]))
                    e--;
                fax = e >= 3 && !strncmp(pl->fold + e - 3, "fax", 3);
            }
            if (!fax) {
                r->at = i;
                phones_in(d, r, 0.7);
            }
            p = q;
        }
    }
}

/* "(số điện thoại: 0983 471" / "526), …": a number that line i ends from fold offset p
 * and the next line goes on with. Adds it to r (when r is not NULL) and returns 1, else
 * 0. */
static int phone_wrapped(const fx_page *pg, size_t i, size_t p, fx_result *r, double conf)
{
    const fx_line *l = &pg->lines[i];
    char all[24];
    size_t w = 0;
    for (size_t q = p; q < l->flen; q++) {
        char c = l->fold[q];
        if (c >= '0' && c <= '9') {
            if (w + 1 >= sizeof all)
                return 0;
            all[w++] = c;
        } else if (!strchr(" .-()", c)) {
            return 0;
        }
    }
    size_t ni = fx_next_line(pg, i, 1);
    if (w < 3 || ni == FX_NONE)
        return 0;
    const fx_line *nl = &pg->lines[ni];
    size_t q = 0;
    while (q < nl->flen && nl->fold[q] == ' ')
        q++;
    if (q >= nl->flen || !(nl->fold[q] >= '0' && nl->fold[q] <= '9'))
        return 0;
    /* digits, and separators with a digit after them ("362-475. Ông …" ends at the dot) */
    for (; q < nl->flen && ((strchr(" .-", nl->fold[q]) && q + 1 < nl->flen &&
                             nl->fold[q + 1] >= '0' && nl->fold[q + 1] <= '9') ||
                            (nl->fold[q] >= '0' && nl->fold[q] <= '9'));
         q++)
        if (nl->fold[q] >= '0' && nl->fold[q] <= '9') {
            if (w + 1 >= sizeof all)
                return 0;
            all[w++] = nl->fold[q];
        }
    /* the number ends there: a letter glued on is some other code */
    if (q < nl->flen && fx_alnum(nl->fold[q]))
        return 0;
    all[w] = '\0';
    if (!((w == 10 && all[1] != '2') || (w == 11 && all[1] == '2')) || all[0] != '0')
        return 0;
    if (!r)
        return 1;
    r->at = i;
    return phones_in(all, r, conf) > 0;
}

/* The phones of line i from fold offset from: its first phone label there and the numbers
 * after it (see fx_find_phones). Returns the offset in line i after them, where another
 * label may start ("Điện thoại di động: ...0372 946 185...   Máy bàn: ...(0237) 3 880
 * 214..."), or FX_NONE. */
static size_t phones_of_line(const fx_page *pg, size_t i, size_t from, fx_result *r)
{
    const fx_line *l = &pg->lines[i];
    size_t at;
    int edits = 0, colon;
    size_t e = fx_find_any_from(l, fx_lab_phone, from, &at, &edits), p = 0;
    if (e == FX_NONE && from == 0)
        e = wrapped_phone_label(pg, i);
    /* a number is here, or the label ends the line and the number follows; else a
     * later label may ("liên hệ Bộ phận …, điện thoại" / "0296 …": "liên hệ bộ" is
     * one letter from the label "liên hệ số") */
    while (e != FX_NONE) {
        p = fx_after_label(l, e, 1, &colon);
        if (fx_digit_count(l) >= 8 || p >= l->flen || at == FX_NONE || at + 1 >= l->flen ||
            phone_wrapped(pg, i, p, NULL, 0))
            break;
        edits = 0;
        e = fx_find_any_from(l, fx_lab_phone, at + 1, &at, &edits);
    }
    if (e != FX_NONE && p < l->flen &&
        phone_wrapped(pg, i, p, r, fx_conf(colon ? 0.9 : 0.75, edits, 0)))
        return FX_NONE;
    if (e == FX_NONE || (fx_digit_count(l) < 8 && p < l->flen))
        return FX_NONE;
    if (p >= l->flen && i + 1 < pg->n && pg->lines[i + 1].row == l->row) {
        /* "Điện thoại           : 0345-218-907": the colon and the number in the row's
         * next column */
        const fx_line *nl = &pg->lines[i + 1];
        size_t s2 = 0;
        /* ("| (0274) 3 671408 |": a table's rule starts the cell) */
        while (s2 < nl->flen && (nl->fold[s2] == ' ' || nl->fold[s2] == ':' ||
                                 nl->fold[s2] == '.' || nl->fold[s2] == '|'))
            s2++;
        /* "Điện thoại   (0274) 3 718 426": the number alone in the next cell, an area
         * code's bracket first */
        if (s2 < nl->flen &&
            ((nl->fold[s2] >= '0' && nl->fold[s2] <= '9') || fx_area_code_at(nl, s2))) {
            l = nl;
            p = s2;
            colon = 1;
        }
    }
    if (p >= l->flen) {
        /* "... điện thoại:" / "0299 3822 715; ...": the number on the next line (with
         * or without the colon: "..., điện thoại" / "0857 316 204, ...") */
        size_t ni = fx_next_line(pg, i, 1);
        const fx_line *nl = ni != FX_NONE ? &pg->lines[ni] : NULL;
        size_t s0 = nl ? fx_line_start(nl) : 0, t = 0;
        /* "(0251) 3 822 604": an area code in brackets starts it (fx_line_start takes
         * "0251) " for a list number) */
        while (nl && t < nl->flen && nl->fold[t] == ' ')
            t++;
        if (nl && fx_area_code_at(nl, t))
            s0 = t;
        if (nl && s0 + 1 < nl->flen &&
            ((nl->fold[s0] >= '0' && nl->fold[s0] <= '9') || fx_area_code_at(nl, s0))) {
            l = nl;
            p = s0;
        }
    }
    /* "điện thoại chi nhánh 0256.3861.524", "điện thoại cơ quan 0256 …": whose phone, in a
     * word or two, before the number */
    for (size_t q = p, words = 0; q < l->flen && words < 2 && fx_alnum(l->fold[q]) &&
                                  !(l->fold[q] >= '0' && l->fold[q] <= '9');
         words++) {
        size_t e2 = q;
        while (e2 < l->flen && fx_alnum(l->fold[e2]))
            e2++;
        if (e2 - q > 10 || e2 >= l->flen || l->fold[e2] != ' ')
            break;
        q = e2 + 1;
        if (q < l->flen && l->fold[q] >= '0' && l->fold[q] <= '9') {
            p = q;
            break;
        }
    }
    for (int n = 0; n < 3 && p < l->flen; n++) {
        char all[48];
        size_t w = 0;
        int rep = 0;
        while (p < l->flen) {
            char c = l->fold[p];
            /* a bracket of an area code "(0203) 3634 552", not of a note "(nhà)" */
            int code_bracket =
                fx_area_code_at(l, p) ||
                (c == ')' && p > 0 && l->fold[p - 1] >= '0' && l->fold[p - 1] <= '9');
            if (c == ' ' || c == '.' || c == '-' || c == '+' || code_bracket) {
                p++;
                continue;
            }
            char d[48];
            size_t k = fx_digits(l->fold + p, d, sizeof d, &rep);
            if (!k || !d[0] || w + strlen(d) >= sizeof all)
                break;
            memcpy(all + w, d, strlen(d));
            w += strlen(d);
            p += k;
            if (w >= 11)
                break;
        }
        all[w] = '\0';
        r->at = i;
        if (!w || !phones_in(all, r, fx_conf(colon ? 0.9 : 0.75, edits, rep)))
            break;
        /* a note in brackets after the number, "(nhà)", "(di động)" */
        size_t q = p;
        while (q < l->flen && l->fold[q] == ' ')
            q++;
        if (q < l->flen && l->fold[q] == '(') {
            const char *c = strchr(l->fold + q, ')');
            int digits = 0;
            for (const char *x = l->fold + q; c && x < c; x++)
                digits += *x >= '0' && *x <= '9';
            if (c && !digits && c - (l->fold + q) < 24)
                p = (size_t)(c - l->fold) + 1;
        }
        /* another number after "hoặc", "/", ",", ";" */
        while (p < l->flen && strchr(" /,;-", l->fold[p]))
            p++;
        if (fx_starts_word(l->fold + p, "hoac")) {
            p += 4;
            /* "... 0208 3862 400 hoặc Zalo 0915 330 118": the next number's own label */
            while (p < l->flen && l->fold[p] == ' ')
                p++;
            int labelled = 0;
            for (const char *const *lab = fx_lab_phone; *lab && !labelled; lab++) {
                size_t le = fx_label_match(l, p, *lab, NULL);
                if (le != FX_NONE) {
                    p = le;
                    while (p < l->flen && (l->fold[p] == ' ' || l->fold[p] == ':'))
                        p++;
                    labelled = 1;
                }
            }
            /* "ĐT 0383 614 925, hoặc Bộ phận Một cửa (0275) 3862 517": whose number,
             * in a few words, before it */
            if (!labelled)
                p = number_after_words(l, p, 5);
        } else if (p < l->flen && !(l->fold[p] >= '0' && l->fold[p] <= '9') && l->fold[p] != '(')
            break;
    }
    /* "... (0203) 3634 552 hoặc" / "0888 216 905; ...": the list goes on the next line */
    size_t ni = fx_next_line(pg, i, 1);
    /* "… ĐT 0387 214 690 hoặc số" / "0294 3882 615; …" */
    int or_no = l->flen >= 7 && !strcmp(l->fold + l->flen - 7, "hoac so");
    if (ni != FX_NONE && l->flen >= 4 &&
        (!strcmp(l->fold + l->flen - 4, "hoac") || or_no || l->fold[l->flen - 1] == ',')) {
        const fx_line *nl = &pg->lines[ni];
        char all[48], d[48];
        size_t w = 0, q = 0;
        int rep = 0;
        while (q < nl->flen && w < 11) {
            if (strchr(" .()", nl->fold[q])) {
                q++;
                continue;
            }
            size_t k = fx_digits(nl->fold + q, d, sizeof d, &rep);
            if (!k || !d[0] || w + strlen(d) >= sizeof all)
                break;
            memcpy(all + w, d, strlen(d));
            w += strlen(d);
            q += k;
        }
        all[w] = '\0';
        r->at = ni;
        phones_in(all, r, fx_conf(0.8, edits, rep));
    }
    return l == &pg->lines[i] && p < l->flen ? p : FX_NONE;
}

/* Phones: after a phone label, the number(s) it gives, grouped by blanks, dots, dashes and
 * brackets ("(0203) 3634 552"), several joined by "hoặc", "/", "," or ";"; and a number
 * grouped as phones are anywhere (grouped_phones). A run of digits no label announces is
 * no phone: tax and enterprise codes look the same. */
void fx_find_phones(const fx_page *pg, fx_result *r)
{
    for (size_t i = 0; i < pg->n; i++)
        for (size_t from = 0, k = 0; k < 3 && from != FX_NONE; k++)
            from = phones_of_line(pg, i, from, r);
    grouped_phones(pg, r);
}

static int email_local(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '%' || c == '+' || c == '-';
}

/* A copy of text with the misreads of e-mail addresses OCR makes put back: the "@" of a
 * Times face read "(@)", or "(" or "(2" before a webmail's domain ("haiyen.doan96(gmail.com",
 * "thanhmen.hoang84(2gmail.com"); then, inside a word holding an "@", a capital "Ì" or "Í"
 * (as tall as an l) read for an l, a small "ì" or "í" for an i, and "ø" for a g ("øov.vn"):
 * addresses are ASCII. NULL when nothing changed or no memory. */
static char *email_letters(const char *text)
{
    static const char *const webmail[] = {"gmail.",   "yahoo.",  "hotmail.",
                                          "outlook.", "icloud.", NULL};
    if (!strchr(text, '@') && !strchr(text, '('))
        return NULL;
    size_t n = strlen(text);
    char *mid = malloc(n + 1), *out = malloc(n + 1);
    if (!mid || !out) {
        free(mid);
        free(out);
        return NULL;
    }
    int changed = 0;
    size_t o = 0;
    for (size_t k = 0; k < n;) {
        int local = o > 0 && email_local((unsigned char)mid[o - 1]) && mid[o - 1] != '.';
        if (local && !strncmp(text + k, "(@)", 3)) {
            mid[o++] = '@';
            k += 3;
            changed = 1;
            continue;
        }
        if (local && text[k] == '(') {
            size_t d = k + 1 + (text[k + 1] == '2');
            int known = 0;
            for (const char *const *w = webmail; *w && !known; w++)
                known = !strncmp(text + d, *w, strlen(*w));
            if (known) {
                mid[o++] = '@';
                k = d;
                changed = 1;
                continue;
            }
        }
        mid[o++] = text[k++];
    }
    mid[o] = '\0';
    n = o;
    o = 0;
    for (size_t k = 0; k < n;) {
        size_t we = k;
        while (we < n && mid[we] != ' ')
            we++;
        int mail = memchr(mid + k, '@', we - k) != NULL;
        for (; k < we; k++) {
            unsigned char c = (unsigned char)mid[k], d = k + 1 < we ? (unsigned char)mid[k + 1] : 0;
            if (mail && c == 0xC3 &&
                (d == 0x8C || d == 0x8D || d == 0xAC || d == 0xAD || d == 0xB8)) {
                /* "øov.vn" is "gov.vn"; an "ø" beside a g ("@øgialai", "trieuphongø@")
                 * is a speck of that g, dropped */
                int by_g = (o > 0 && out[o - 1] == 'g') || (k + 2 < we && mid[k + 2] == 'g');
                if (d != 0xB8 || !by_g)
                    out[o++] = d == 0xB8 ? 'g' : d < 0xA0 ? 'l' : 'i';
                k++;
                changed = 1;
                continue;
            }
            if (mail && c == 0xC4 && (d == 0x90 || d == 0x91) && k + 2 < we &&
                strchr("aeiouy", mid[k + 2])) {
                /* "điachinh.dongtao@…": OCR gave a d the stroke of the words around it (a
                 * syllable's start: "đglttdt" is garbled more than that) */
                out[o++] = 'd';
                k++;
                changed = 1;
                continue;
            }
            out[o++] = (char)c;
        }
        while (k < n && mid[k] == ' ')
            out[o++] = mid[k++];
    }
    out[o] = '\0';
    free(mid);
    if (!changed) {
        free(out);
        return NULL;
    }
    return out;
}

/* Levenshtein distance of a[0..an) and b[0..bn), stopping above 1: 0, 1 or 2. */
int fx_within_one(const char *a, size_t an, const char *b, size_t bn)
{
    if (an > bn + 1 || bn > an + 1)
        return 2;
    size_t i = 0;
    while (i < an && i < bn && a[i] == b[i])
        i++;
    if (i == an && i == bn)
        return 0;
    /* one substitution, insertion or deletion at i, the rest equal */
    if (an == bn)
        return !strncmp(a + i + 1, b + i + 1, an - i - 1) ? 1 : 2;
    if (an > bn)
        return !strncmp(a + i + 1, b + i, bn - i) ? 1 : 2;
    return !strncmp(a + i, b + i + 1, an - i) ? 1 : 2;
}

/* "bptnkq.pungluong@yenbali.gov.vn": a province's domain OCR got one letter wrong in, put
 * back from the provinces' names (folded, run together: "yenbai", "gialai") when exactly
 * one is one edit away. In place. */
static void email_province(char *e)
{
    size_t n = strlen(e);
    if (n < 12 || strcmp(e + n - 7, ".gov.vn"))
        return;
    char *end = e + n - 7, *start = end;
    while (start > e && start[-1] != '.' && start[-1] != '@')
        start--;
    size_t ln = (size_t)(end - start);
    if (ln < 5)
        return;
    char best[40] = "";
    int found = 0;
    const char *f;
    for (size_t i = 0; (f = province_fold(i)); i++) {
        char slug[40];
        size_t k = 0;
        /* "bà rịa - vũng tàu": "baria-vungtau", as its domain is */
        for (const char *c = f; *c && k + 1 < sizeof slug; c++)
            if ((*c >= 'a' && *c <= 'z') || *c == '-')
                slug[k++] = *c;
        slug[k] = '\0';
        int d = fx_within_one(start, ln, slug, k);
        if (d == 0)
            return;
        if (d == 1) {
            found++;
            snprintf(best, sizeof best, "%s", slug);
        }
    }
    if (found != 1)
        return;
    size_t bn = strlen(best);
    memmove(start + bn, end, strlen(end) + 1);
    memcpy(start, best, bn);
}

void fx_find_emails(const fx_page *pg, fx_result *r)
{
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        char *fixed = email_letters(l->text);
        const char *t = fixed ? fixed : l->text;
        for (const char *at = strchr(t, '@'); at; at = strchr(at + 1, '@')) {
            /* "hieutm96(@gmail.com": OCR reads a Times "@" as "(@"; the local part ends
             * before the bracket */
            const char *lend = at;
            if (at - t >= 2 && at[-1] == '(' && email_local((unsigned char)at[-2]))
                lend = at - 1;
            const char *a = lend, *b = at + 1;
            while (a > t && email_local((unsigned char)a[-1]))
                a--;
            /* "tuẩnpm@...", "camla:n@...", "kinhbacxanh.]sc@...": a local part glued to a
             * letter or a mark other than a blank or an opening bracket was cut out of a
             * misread address; "Email:x@y.vn" is the one colon allowed */
            /* "Thư điện tử....phamductuan.iale@…": a leader's dots, glued on by OCR,
             * part the label from the local part */
            const char *lead = a;
            while (lead < lend && *lead == '.')
                lead++;
            int leader = lead - a >= 2;
            if (leader)
                a = lead;
            if (!leader && a > t && (((unsigned char)a[-1] & 0x80) || !strchr(" \t(<\"':", a[-1])))
                continue;
            if (!leader && a > t && a[-1] == ':') {
                int label = a - t >= 5;
                for (int k = 0; label && k < 4; k++)
                    label = (a[k - 5] | 32) == "mail"[k];
                if (!label)
                    continue;
            }
            while (*b && (email_local((unsigned char)*b) && *b != '_' && *b != '%' && *b != '+'))
                b++;
            while (b > at + 1 && (b[-1] == '.' || b[-1] == '-'))
                b--;
            while (a < lend && a[0] == '.')
                a++;
            /* "tamtien. nuithanh@…": a blank OCR put after a dot of the local part; the
             * word before it in small ASCII letters is the local part's start */
            const char *gap = NULL;
            if (a - t >= 4 && a[-1] == ' ' && a[-2] == '.' && a < lend) {
                const char *w = a - 2;
                while (w > t && ((w[-1] >= 'a' && w[-1] <= 'z') || (w[-1] >= '0' && w[-1] <= '9')))
                    w--;
                if (a - 2 - w >= 2 && (w == t || w[-1] == ' ')) {
                    gap = a - 1;
                    a = w;
                }
            }
            if (a == lend || b - at < 4 || b - a > 254 || ((unsigned char)*b & 0x80))
                continue;
            const char *dot = NULL;
            for (const char *c = at + 1; c < b; c++)
                if (*c == '.')
                    dot = c;
            /* "@gmailcom": OCR lost the dot of a webmail domain */
            const char *webmail = NULL;
            static const char *const webmails[] = {"gmailcom",   "yahoocom",  "hotmailcom",
                                                   "outlookcom", "icloudcom", NULL};
            for (size_t k = 0; !dot && webmails[k]; k++)
                if ((size_t)(b - at - 1) == strlen(webmails[k]) &&
                    !strncasecmp(at + 1, webmails[k], strlen(webmails[k])))
                    webmail = b - 3;
            /* "…@daklak.eduvn": the dot OCR lost before a Vietnamese domain's "vn" */
            static const char *const vn2[] = {"govvn", "eduvn",  "comvn",    "orgvn", "netvn",
                                              "acvn",  "infovn", "healthvn", NULL};
            for (size_t k = 0; dot && !webmail && vn2[k]; k++)
                if ((size_t)(b - dot - 1) == strlen(vn2[k]) &&
                    !strncasecmp(dot + 1, vn2[k], strlen(vn2[k])))
                    webmail = b - 2;
            int tld = (dot && b - dot >= 3) || webmail;
            for (const char *c = dot ? dot + 1 : b; c < b; c++)
                tld &= (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z');
            const char *dots = strstr(a, "..");
            if (!tld || at[1] == '.' || (dots && dots < b))
                continue;
            char e[256];
            size_t n = 0;
            /* "Idtbxh.mocchau@…": an address in small letters but for a capital I is a
             * small l that OCR read as I (addresses are printed in small letters) */
            int other_caps = 0;
            for (const char *c = a; c < b; c++)
                other_caps |= *c >= 'A' && *c <= 'Z' && *c != 'I';
            for (const char *c = a; c < b; c++) {
                if ((c == lend && lend != at) || c == gap)
                    continue; /* the bracket of "(@", the blank after "tamtien." */
                if (c == webmail)
                    e[n++] = '.';
                e[n++] = (char)(*c == 'I' && !other_caps ? 'l'
                                : *c >= 'A' && *c <= 'Z' ? *c + 32
                                                         : *c);
            }
            e[n] = '\0';
            if (n + 2 < sizeof e)
                email_province(e);
            r->at = i;
            fx_add(r, K_EMAILS, e, 0.9);
        }
        free(fixed);
    }
}

/* ---- receipt times ---- */

void fx_find_datetime(const fx_page *pg, fx_result *r, int key, const char *const *labels)
{
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        int edits = 0;
        size_t e = fx_match_any(l, labels, &edits);
        if (e == FX_NONE) {
            /* "Nhận hồ sơ: 07h50' ngày 12/11/2024 Hẹn trả: 10h00' ngày 13/11/2024": the
             * row's second column run into its first, the label after a date and with its
             * own colon */
            size_t at, from = 0, e2;
            while ((e2 = fx_find_any_from(l, labels, from, &at, &edits)) != FX_NONE) {
                int y0, m0, d0, r0 = 0;
                size_t dl, c = e2;
                while (c < l->flen && l->fold[c] == ' ')
                    c++;
                char *before = at > 0 ? strndup(l->fold, at) : NULL;
                size_t dp = before ? fx_date_find(before, &y0, &m0, &d0, &dl, &r0) : FX_NONE;
                int ends = dp != FX_NONE && dp + dl + 2 >= at;
                free(before);
                if (c < l->flen && l->fold[c] == ':' && ends) {
                    e = e2;
                    break;
                }
                from = at + 1;
                edits = 0;
            }
            if (e == FX_NONE)
                continue;
        }
        /* the label may run on ("... giải quyết hồ sơ:"): the value is after the colon */
        const char *c = strchr(l->fold + e, ':');
        size_t v = c ? (size_t)(c - l->fold) + 1 : e;
        while (v < l->flen && l->fold[v] == ' ')
            v++;
        /* "Tiếp nhận hồ sơ lúc   14 giờ 40 phút, …": a label's cell that runs on in a word or
         * two without a digit, the value in the row's next column */
        if (!c && v < l->flen && fx_words(l->fold + v) <= 2 &&
            !strpbrk(l->fold + v, "0123456789") && i + 1 < pg->n && pg->lines[i + 1].row == l->row)
            v = l->flen;
        if (v >= l->flen && i + 1 < pg->n && pg->lines[i + 1].row == l->row) {
            /* "Thời gian tiếp nhận           : 08 giờ 40 phút, …": the colon and the value in
             * the row's next column */
            l = &pg->lines[i + 1];
            c = strchr(l->fold, ':');
            v = c && (size_t)(c - l->fold) <= fx_line_start(l) + 1 ? (size_t)(c - l->fold) + 1 : 0;
        }
        const char *s = l->fold + v;
        int y, m, d, hh = 0, mm = 0, rep = 0, trep = 0;
        size_t dlen, tlen;
        size_t dp = fx_date_find(s, &y, &m, &d, &dlen, &rep);
        if (dp == FX_NONE)
            continue;
        /* the time must not be read out of the date itself */
        size_t tp = fx_time_find(s, &hh, &mm, &tlen, &trep);
        if (tp != FX_NONE && tp >= dp && tp < dp + dlen) {
            trep = 0;
            size_t t2 = fx_time_find(s + dp + dlen, &hh, &mm, &tlen, &trep);
            tp = t2 == FX_NONE ? FX_NONE : dp + dlen + t2;
        }
        /* "Ngày nhận hồ sơ: 12-11-2024      Giờ nhận: 09 giờ 12 phút": the time in the
         * row's next column, under a "giờ" label of its own */
        for (size_t k = i + 1; tp == FX_NONE && k < pg->n && pg->lines[k].row == l->row; k++) {
            const fx_line *c2 = &pg->lines[k];
            size_t g = fx_line_start(c2);
            const char *colon2 = strchr(c2->fold + g, ':');
            if (!fx_starts_word(c2->fold + g, "gio") || !colon2)
                continue;
            size_t t2len;
            int t2rep = 0;
            if (fx_time_find(colon2 + 1, &hh, &mm, &t2len, &t2rep) != FX_NONE) {
                tp = 0;
                trep = t2rep;
            }
        }
        if (tp != FX_NONE)
            rep += trep;
        char iso[24];
        double conf = fx_conf(0.9, edits, rep);
        if (tp != FX_NONE) {
            snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d", y, m, d, hh, mm);
        } else {
            snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
            conf -= 0.2;
        }
        fx_set(r, key, fx_dup(r, iso), conf, i);
        return;
    }
}

void fx_find_datetimes_unlisted(const fx_page *pg, fx_result *r)
{
    const char *type = r->v[K_DOC_TYPE].value;
    if (!type || strcmp(type, "giay_tiep_nhan"))
        return;
    for (size_t i = 0; i < pg->n; i++) {
        const fx_line *l = &pg->lines[i];
        size_t p = fx_line_start(l);
        const char *colon = strchr(l->fold + p, ':');
        size_t n = colon ? (size_t)(colon - l->fold) - p : 0;
        if (!n || n > 48)
            continue;
        char label[64];
        memcpy(label, l->fold + p, n);
        label[n] = '\0';
        fx_trim(label);
        int words = 1;
        for (const char *c = label; *c; c++) {
            words += *c == ' ';
            if (!(*c == ' ' || *c == ',' || (*c >= 'a' && *c <= 'z')))
                words = 99; /* a label is words of letters */
        }
        if (words > 7 || !*label || fx_has_words(label, "nguoi") || fx_has_words(label, "can bo"))
            continue;
        /* the value is the time or the date itself, not a sentence ("đến hẹn trả: mang theo
         * giấy hẹn 13/11/2024") */
        const char *v = colon + 1;
        while (*v == ' ')
            v++;
        static const char *const starts[] = {"ngay", "luc", "vao", "hoi", "gio", NULL};
        if (!(*v >= '0' && *v <= '9') && !fx_starts_any(v, starts, NULL))
            continue;
        /* "Trả giấy đăng ký lúc:", "Ngày nhận bản giấy:": returning is due, receiving is
         * received */
        int due = fx_has_words(label, "tra") || fx_has_words(label, "hen");
        int key = due ? K_DUE_AT : fx_has_words(label, "nhan") ? K_RECEIVED_AT : -1;
        if (key < 0 || r->v[key].value)
            continue;
        const char *const one[] = {label, NULL};
        fx_find_datetime(pg, r, key, one);
        if (r->v[key].value)
            r->v[key].conf = fx_conf(r->v[key].conf - 0.15, 0, 0);
    }
}

/* ---- putting back the marks OCR got wrong ---- */

/* canon (lower case) in the case of the word it replaces: 2 all capitals, 1 capitalised. */
static void recase_into(hs_buf *b, const char *canon, int mode)
{
    size_t len = strlen(canon), i = 0;
    int first = 1;
    while (i < len) {
        int cp = fx_cp_next(canon, len, &i);
        if (mode == 2 || (mode == 1 && first))
            cp = utf8proc_toupper(cp);
        first = cp == ' ' || cp == '-';
        utf8proc_uint8_t out[4];
        hs_buf_append(b, out, (size_t)utf8proc_encode_char(cp, out));
    }
}

/* The case of a word: 2 all capitals (2 letters or more), 1 capitalised, 0 lower. */
static int case_of(const char *w, size_t len)
{
    size_t i = 0;
    int up = 0, letters = 0, first_up = 0;
    while (i < len) {
        int cp = fx_cp_next(w, len, &i);
        if (!fx_cp_letter(cp))
            continue;
        if (fx_cp_upper(cp)) {
            up++;
            first_up |= letters == 0;
        }
        letters++;
    }
    return letters >= 2 && up == letters ? 2 : first_up;
}

typedef struct word {
    const char *s;  /* the word in value */
    size_t core;    /* bytes of its letters (and the joining "-") */
    size_t len;     /* bytes with what follows ("QUẢ," -> 5 + 1) */
    char *fold;     /* folded core */
} word;

/* The folded forms of fx_spellings and marked_surnames, made once (pthread_once: the
 * extractor is thread-safe). A fold that fails leaves NULL, and that entry is skipped. */
enum { MAX_SPELLINGS = 256, MAX_SURNAMES = 64 };
static char *spell_fold[MAX_SPELLINGS], *surname_fold[MAX_SURNAMES];
static size_t provinces_from = MAX_SPELLINGS; /* fx_spellings' first province's name */
static pthread_once_t folds_once = PTHREAD_ONCE_INIT;

static void folds_init(void)
{
    for (size_t i = 0; fx_spellings[i] && i < MAX_SPELLINGS; i++) {
        spell_fold[i] = fx_fold(fx_spellings[i]);
        if (provinces_from == MAX_SPELLINGS && !strcmp(fx_spellings[i], "an giang"))
            provinces_from = i;
    }
    for (size_t i = 0; marked_surnames[i] && i < MAX_SURNAMES; i++)
        surname_fold[i] = fx_fold(marked_surnames[i]);
}

/* The folded name of the k-th province or central city of fx_spellings ("" for one whose
 * fold failed), or NULL past the last. */
static const char *province_fold(size_t k)
{
    pthread_once(&folds_once, folds_init);
    size_t i = provinces_from + k;
    if (i >= MAX_SPELLINGS || !fx_spellings[i])
        return NULL;
    return spell_fold[i] ? spell_fold[i] : "";
}

/* Is fold (folded, "quang ngai") a province's or a central city's name? */
static int is_province(const char *fold)
{
    const char *f;
    for (size_t k = 0; (f = province_fold(k)); k++)
        if (*f && !strcmp(f, fold))
            return 1;
    return 0;
}

int fx_address_unended(const char *a)
{
    const char *last = strrchr(a, ',');
    char *f = fx_fold(last ? last + 1 : a);
    if (!f)
        return 0;
    char *p = f + strspn(f, " ");
    size_t n = strlen(p);
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '.'))
        p[--n] = '\0';
    size_t u = 0;
    int ended;
    if (fx_starts_any(p, fx_admin_units, &u)) {
        const char *name = p + u;
        while (*name == '.' || *name == ' ')
            name++;
        ended = *name && (!fx_starts_word(p, "tinh") || is_province(name));
    } else {
        ended = is_province(p) || (fx_starts_any(p, fx_countries, &u) && !p[u]);
    }
    free(f);
    if (ended)
        return 0;
    /* "24 rue des Capucins, 69001 Lyon, Cộng hòa Pháp": three parts or more, none a unit of
     * ours, is an address abroad, which ends in its country */
    char *all = fx_fold(a);
    if (!all)
        return 0;
    int parts = 1, unit = 0;
    for (char *q = all; q; q = strchr(q, ',')) {
        if (*q == ',') {
            parts++;
            q++;
        }
        q += strspn(q, " ");
        unit = unit || fx_starts_any(q, fx_admin_units, NULL);
    }
    free(all);
    return unit || parts < 3;
}

/* The one family name whose letters are those of folded w, or NULL (none or several). */
static const char *surname_for(const char *w)
{
    const char *hit = NULL;
    int hits = 0;
    for (size_t i = 0; marked_surnames[i] && i < MAX_SURNAMES; i++)
        if (surname_fold[i] && !strcmp(surname_fold[i], w)) {
            hit = marked_surnames[i];
            hits++;
        }
    return hits == 1 ? hit : NULL;
}

static char *fix_marks(char *value, int names, int unmarked, int *fixed);

char *fx_fix_marks(char *value, int names, int *fixed)
{
    return fix_marks(value, names, 0, fixed);
}

char *fx_fix_marks_unmarked(char *value, int *fixed)
{
    return fix_marks(value, 0, 1, fixed);
}

static char *fix_marks(char *value, int names, int unmarked, int *fixed)
{
    *fixed = 0;
    if (!value)
        return NULL;
    /* a value typed without any marks stays so: only marks misread are put right (a
     * heading is never typed so: there OCR lost them all, "THONG BAO") */
    int marked = 0;
    for (const char *c = value; *c && !marked; c++)
        marked = (unsigned char)*c >= 0x80;
    if (!marked && !unmarked)
        return value;
    pthread_once(&folds_once, folds_init);
    word w[64];
    size_t n = 0;
    for (const char *p = value; *p && n < 64;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        size_t len = strcspn(p, " "), i = 0, core = 0;
        while (i < len) {
            size_t at = i;
            int cp = fx_cp_next(p, len, &i);
            if (!fx_cp_letter(cp) && !(cp == '-' && at == 0 && len == 1))
                break;
            core = i;
        }
        char tmp[256];
        snprintf(tmp, sizeof tmp, "%.*s", (int)(core < 255 ? core : 255), p);
        w[n].s = p;
        w[n].core = core;
        w[n].len = len;
        w[n].fold = fx_fold(tmp);
        n++;
        p += len;
    }
    /* for each word, the canonical spelling that replaces it, if any */
    const char *canon[64] = {0};
    size_t canon_len[64] = {0};
    for (size_t i = 0; i < n; i++) {
        /* a person's name holds no province: "Lưu Thị Thanh Hoa" is no "Thanh Hóa"; nor a
         * phrase in its capitalised words: "Huỳnh Văn Tài" is no "vận tải" (a business's
         * "hộ kinh doanh" in small letters is one) */
        size_t upto = names ? provinces_from : MAX_SPELLINGS, k0 = 0;
        if (names && fx_cp_upper(fx_cp_next(w[i].s, w[i].len, &k0)))
            upto = 0;
        for (size_t si = 0; fx_spellings[si] && si < upto && !canon[i]; si++) {
            const char *const *sp = &fx_spellings[si];
            const char *f = spell_fold[si];
            if (!f || !w[i].fold || strncmp(f, w[i].fold, strlen(w[i].fold)))
                continue;
            /* "ấp Thạnh Hòa", "xã Thanh Hòa": a hamlet's or a commune's name spelled like a
             * province's ("Thanh Hóa") is its own */
            static const char *const below[] = {
                "ap", "thon", "xa",  "phuong", "huyen", "quan", "xom", "ban",  "buon", "lang",
                "to", "khu",  "doi", "duong",  "pho",   "hem",  "ngo", "khom", NULL};
            int local = 0;
            for (size_t b = 0; si >= provinces_from && i > 0 && w[i - 1].fold && below[b]; b++)
                local |= !strcmp(w[i - 1].fold, below[b]);
            /* but "thành phố Quảng Ngãi", "thị xã Quảng Trị" are a city's, a town's */
            if (local && i > 1 && w[i - 2].fold &&
                (!strcmp(w[i - 2].fold, "thanh") || !strcmp(w[i - 2].fold, "thi")))
                local = 0;
            if (local)
                continue;
            /* "thôn Trà Quang Nam": a province's letters inside a longer name, a capitalised
             * word before them (no unit's, no comma between), are that name's */
            static const char *const units[] = {"tinh", "thanh", "pho",  "tp",  "thi",
                                                "xa",   "ubnd",  "nhan", "dan", NULL};
            if (si >= provinces_from && i > 0 && w[i - 1].fold && w[i - 1].core == w[i - 1].len &&
                case_of(w[i - 1].s, w[i - 1].core) != 0) {
                int unit = 0;
                for (size_t b = 0; units[b] && !unit; b++)
                    unit = !strcmp(w[i - 1].fold, units[b]);
                if (!unit)
                    continue;
            }
            /* the phrase's words against w[i..] */
            size_t j = i, k = 0, ok = 1;
            const char *c = *sp;
            for (const char *q = f; *q && ok;) {
                size_t ql = strcspn(q, " ");
                ok = j < n && w[j].fold && strlen(w[j].fold) == ql && !strncmp(w[j].fold, q, ql) &&
                     (w[j].core == w[j].len || !q[ql]);
                q += ql;
                while (*q == ' ')
                    q++;
                j++;
                k++;
            }
            /* "Tạp hóa Bình An" holds no "Hòa Bình": a phrase's words do not go from small
             * letters to capitals */
            for (size_t m = 1; ok && m < k; m++)
                ok = !(case_of(w[i + m - 1].s, w[i + m - 1].core) == 0 &&
                       case_of(w[i + m].s, w[i + m].core) != 0);
            if (ok && k >= 2) {
                for (size_t m = 0; m < k; m++) {
                    size_t cl = strcspn(c, " ");
                    canon[i + m] = c;
                    canon_len[i + m] = cl;
                    c += cl;
                    while (*c == ' ')
                        c++;
                }
                i += k - 1;
            }
        }
    }
    /* "... của hộ ông Đỉnh Công Tráng": a family name after an honorific in a text */
    for (size_t i = 0; i + 2 < n; i++) {
        size_t hl;
        /* the honorific in small letters: "huyện Ba Tơ" holds no "bà" */
        if (canon[i + 1] || !w[i].fold || !w[i + 1].fold || w[i].core != w[i].len ||
            !fx_starts_any(w[i].fold, fx_honorifics, &hl) || w[i].fold[hl] ||
            case_of(w[i].s, w[i].core) != 0 || case_of(w[i + 1].s, w[i + 1].core) != 1)
            continue;
        const char *hit = surname_for(w[i + 1].fold);
        if (hit) {
            canon[i + 1] = hit;
            canon_len[i + 1] = strlen(hit);
        }
    }
    if (names && n >= 2 && !canon[0] && w[0].fold) {
        const char *hit = surname_for(w[0].fold);
        if (hit) {
            canon[0] = hit;
            canon_len[0] = strlen(hit);
        }
    }
    hs_buf b;
    hs_buf_init(&b);
    for (size_t i = 0; i < n; i++) {
        if (i)
            hs_buf_append(&b, " ", 1);
        if (canon[i]) {
            char c[64];
            snprintf(c, sizeof c, "%.*s", (int)canon_len[i], canon[i]);
            size_t before = b.len;
            recase_into(&b, c, case_of(w[i].s, w[i].core));
            if (b.len - before != w[i].core || memcmp(b.data + before, w[i].s, w[i].core))
                (*fixed)++;
            hs_buf_append(&b, w[i].s + w[i].core, w[i].len - w[i].core);
        } else {
            hs_buf_append(&b, w[i].s, w[i].len);
        }
        free(w[i].fold);
    }
    char *out = hs_buf_detach(&b, NULL);
    if (!out)
        return value;
    free(value);
    return out;
}
