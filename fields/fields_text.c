/* fields_text.c - the text layer under the field extractor: a page split into lines, each
 * folded (hs_fold_cp: lower case, tone marks stripped, đ -> d) with a map back to the
 * original bytes, so labels are found despite OCR's lost or wrong diacritics while values
 * are cut from the original NFC text. Also digit repair (O/0, l/1) and date parsing. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "fields_int.h"
#include "hs_vec.h"

int fx_cp_next(const char *s, size_t len, size_t *i)
{
    if (*i >= len)
        return -1;
    utf8proc_int32_t cp;
    utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t *)s + *i, (utf8proc_ssize_t)(len - *i), &cp);
    if (n <= 0) {
        (*i)++;
        return 0xFFFD;
    }
    *i += (size_t)n;
    return cp;
}

int fx_cp_upper(int cp)
{
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LU;
}

int fx_cp_lower(int cp)
{
    return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int fx_cp_letter(int cp)
{
    if (cp < 0)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT ||
           c == UTF8PROC_CATEGORY_LO;
}

static int is_blank(int cp)
{
    return cp == ' ' || cp == '\t' || cp == '\v' || cp == 0xA0 || cp == 0x2007 || cp == 0x202F ||
           cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200A);
}

static int is_alnum_ascii(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

/* Appends the folded form of cp to out (at most 4 bytes): the project's one Vietnamese fold
 * (hs_fold_cp, as the search tokenizer folds), so a label matches here when it would match
 * in search. Combining marks fold to nothing. Returns the bytes written. */
static size_t fold_cp(int cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        return 1;
    }
    int32_t f, lower;
    if (hs_fold_cp(cp, &f, &lower) == HS_FOLD_MARK)
        return 0;
    return (size_t)utf8proc_encode_char(f, (utf8proc_uint8_t *)out);
}

static int line_fold(fx_line *l)
{
    /* a code point folds to at most 4 bytes, never more than it had */
    size_t cap = l->len + 16;
    l->fold = malloc(cap);
    l->map = malloc((cap + 1) * sizeof *l->map);
    if (!l->fold || !l->map)
        return HS_ENOMEM;
    size_t i = 0, w = 0;
    while (i < l->len) {
        size_t at = i;
        int cp = fx_cp_next(l->text, l->len, &i);
        char buf[16];
        size_t n = fold_cp(cp, buf);
        if (w + n + 1 > cap) {
            cap = cap * 2 + n;
            char *f = realloc(l->fold, cap);
            if (!f)
                return HS_ENOMEM;
            l->fold = f;
            size_t *m = realloc(l->map, (cap + 1) * sizeof *m);
            if (!m)
                return HS_ENOMEM;
            l->map = m;
        }
        for (size_t k = 0; k < n; k++) {
            l->fold[w] = buf[k];
            l->map[w++] = at;
        }
    }
    l->fold[w] = '\0';
    l->map[w] = l->len;
    l->flen = w;
    return HS_OK;
}

char *fx_fold(const char *s)
{
    fx_line l = {0};
    l.text = (char *)s;
    l.len = strlen(s);
    if (line_fold(&l)) {
        free(l.fold);
        free(l.map);
        return NULL;
    }
    free(l.map);
    return l.fold;
}

/* Copies one raw segment with blanks collapsed and trimmed, cut to FX_MAX_LINE bytes. */
static int line_init(fx_line *l, const char *s, size_t len)
{
    if (len > FX_MAX_LINE) {
        len = FX_MAX_LINE;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    l->text = malloc(len + 1);
    if (!l->text)
        return HS_ENOMEM;
    size_t i = 0, w = 0;
    int space = 1;
    while (i < len) {
        size_t at = i;
        int cp = fx_cp_next(s, len, &i);
        if (is_blank(cp) || cp < 0x20 || cp == 0x7F) {
            if (!space)
                l->text[w++] = ' ';
            space = 1;
            continue;
        }
        memcpy(l->text + w, s + at, i - at);
        w += i - at;
        space = 0;
    }
    while (w && l->text[w - 1] == ' ')
        w--;
    l->text[w] = '\0';
    l->len = w;
    return line_fold(l);
}

int fx_page_add(fx_page *p, const char *text, size_t len, int row, int col, int x)
{
    if (HS_VEC_RESERVE(p->lines, p->cap, p->n + 1))
        return HS_ENOMEM;
    fx_line *l = &p->lines[p->n];
    memset(l, 0, sizeof *l);
    p->n++;
    l->row = row;
    l->col = col;
    l->x = x;
    return line_init(l, text, len);
}

/* A right-hand column starts this many characters into a line: the text width of a page
 * is about 90 characters, and a block indented past a quarter of it is the right one. */
#define FX_RIGHT_COLUMN 24

int fx_leader_before(const char *s, size_t end)
{
    if (end >= 3 && !memcmp(s + end - 3, "\xE2\x80\xA6", 3))
        return 1;
    return end >= 3 && ((s[end - 1] == '.' && s[end - 2] == '.' && s[end - 3] == '.') ||
                        (s[end - 1] == '_' && s[end - 2] == '_' && s[end - 3] == '_'));
}

/* Dotted leaders ("...", "___", "…") in s[from..end), counted as runs. */
static int leader_runs(const char *s, size_t from, size_t end)
{
    int runs = 0;
    for (size_t i = from; i < end;) {
        size_t j = i;
        while (j < end &&
               (s[j] == '.' || s[j] == '_' || (j + 2 < end && !memcmp(s + j, "\xE2\x80\xA6", 3))))
            j += s[j] == '.' || s[j] == '_' ? 1 : 3;
        if (j - i >= 3)
            runs++;
        i = j > i ? j : i + 1;
    }
    return runs;
}

/* Splits one raw line at runs of 3 or more blanks (a tab counts as 3). */
static int split_row(fx_page *p, const char *s, size_t len, int row)
{
    size_t i = 0, seg = 0, gap = 0, gap_start = 0;
    int chars = 0, seg_x = -1, seg_col = 0, any = 0;
    while (i < len) {
        size_t at = i;
        int cp = fx_cp_next(s, len, &i);
        if (is_blank(cp) || cp < 0x20) {
            if (!gap)
                gap_start = at;
            gap += cp == '\t' ? 3 : 1;
            chars += cp == '\t' ? 3 : 1;
            continue;
        }
        /* "Họ và tên:      TRẦN VĂN A": a label's colon before the gap joins, not parts, and
         * so does a form's dotted leader ("Người nộp hồ sơ ………   Ông LỤC VĂN KHẨN"); not
         * the leader that closes a value after one that opened it ("Người nộp hồ sơ ....
         * NGÔ TRÍ HỮU KHANG ....   Sinh ngày …": two cells) */
        if (seg_x < 0 ||
            (gap >= 3 && s[gap_start - 1] != ':' &&
             (!fx_leader_before(s, gap_start) || leader_runs(s, seg, gap_start) >= 2))) {
            if (seg_x >= 0) {
                if (fx_page_add(p, s + seg, gap_start - seg, row, seg_col, seg_x))
                    return HS_ENOMEM;
                any = 1;
            }
            seg = at;
            seg_x = chars;
            /* the first block of a line is left unless indented far; later ones are right */
            seg_col = any || chars >= FX_RIGHT_COLUMN;
        }
        gap = 0;
        chars++;
    }
    if (seg_x >= 0)
        return fx_page_add(p, s + seg, (gap ? gap_start : len) - seg, row, seg_col, seg_x);
    /* a blank line stays: it separates blocks */
    return fx_page_add(p, s, 0, row, 0, 0);
}

/* Where a line of OCR text runs two columns together, the fold offset where the right one
 * starts, or 0: the national title after the issuer ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI ..."),
 * a signer's title or name after an item of the distribution list ("- Chủ đầu tư; PHÓ CHỦ
 * TỊCH", "- Lưu: VT, QLĐT. Đặng Quang Tú", "Nơi nhận: KT. CHỦ TỊCH"). */
static size_t run_together(const fx_line *l)
{
    static const char *const motto[] = {"cong hoa xa hoi chu nghia", "doc lap - tu do",
                                        "doc lap tu do", NULL};
    size_t st = fx_line_start(l);
    for (const char *const *m = motto; *m; m++) {
        const char *at = strstr(l->fold + st, *m);
        if (at && at > l->fold + st + 2 && at[-1] == ' ')
            return (size_t)(at - l->fold);
    }
    int list = l->text[0] == '-' || l->text[0] == '+' || fx_starts_word(l->fold + st, "noi nhan");
    if (!list)
        return 0;
    /* the last ";", "." or ":" before a blank after which comes a title in capitals or a
     * name, with no list punctuation of its own ("- Lưu: VT, QLĐT." stays whole); the dot
     * of "KT.", "TM.", "TL.", "TUQ.", "Q." belongs to the title */
    static const char *const signs_for[] = {"kt", "tm", "tl", "tuq", "q", NULL};
    size_t cut = 0;
    for (size_t i = st; i + 2 < l->flen; i++) {
        if (!((l->fold[i] == ';' || l->fold[i] == '.' || l->fold[i] == ':') &&
              l->fold[i + 1] == ' '))
            continue;
        /* a colon parts two columns only after "Nơi nhận": "- Họ và tên: TRẦN THỊ MỸ
         * DUYÊN" is an item's label and its value */
        if (l->fold[i] == ':' && !fx_starts_word(l->fold + st, "noi nhan"))
            continue;
        size_t w = i;
        while (w > 0 && fx_alnum(l->fold[w - 1]))
            w--;
        int for_ = 0;
        for (const char *const *sf = signs_for; *sf && l->fold[i] == '.'; sf++)
            for_ |= i - w == strlen(*sf) && !strncmp(l->fold + w, *sf, i - w);
        if (for_)
            continue;
        const char *rest = l->text + l->map[i + 2];
        size_t rl = strlen(rest);
        if (strpbrk(rest, ",;") || rest[rl - 1] == '.' || rest[rl - 1] == ':')
            continue;
        /* "Thượng tá Trương Minh Khải": a rank before the name */
        const char *nm = rest;
        char *rf = fx_fold(rest);
        size_t hn = 0;
        if (rf && fx_starts_any(rf, fx_honorifics, &hn) && rf[hn] == ' ') {
            int words = 1;
            for (size_t k = 0; k < hn; k++)
                words += rf[k] == ' ';
            for (int k = 0; k < words && nm; k++) {
                nm = strchr(nm, ' ');
                nm = nm ? nm + 1 : NULL;
            }
        }
        free(rf);
        char *n = fx_upper_ratio(rest) >= 0.8 || !nm ? NULL : fx_name_normalise(nm);
        free(n);
        if (n || fx_upper_ratio(rest) >= 0.8)
            cut = i + 2;
    }
    return cut;
}

/* Splits the lines of p from first on where run_together finds two columns. */
static int split_runs(fx_page *p, size_t first)
{
    for (size_t i = first; i < p->n; i++) {
        fx_line *l = &p->lines[i];
        size_t cut = l->col == 0 ? run_together(l) : 0;
        if (!cut)
            continue;
        char *t = l->text;
        size_t at = l->map[cut];
        int row = l->row, x = l->x;
        free(l->fold);
        free(l->map);
        /* the right part goes last, then moves to just after the left one */
        if (fx_page_add(p, t + at, strlen(t + at), row, 1, x + (int)at)) {
            free(t);
            p->lines[i].text = NULL;
            p->lines[i].fold = NULL;
            p->lines[i].map = NULL;
            return HS_ENOMEM;
        }
        fx_line right = p->lines[p->n - 1];
        memmove(&p->lines[i + 2], &p->lines[i + 1], (p->n - 2 - i) * sizeof right);
        p->lines[i + 1] = right;
        l = &p->lines[i];
        int rc = line_init(l, t, at);
        free(t);
        if (rc)
            return rc;
        i++;
    }
    return HS_OK;
}

int fx_page_init(fx_page *p, const char *text)
{
    p->lines = NULL;
    p->n = p->cap = 0;
    const char *s = text;
    int row = 0;
    for (;;) {
        size_t len = strcspn(s, "\n\r\f");
        size_t first = p->n;
        if (split_row(p, s, len, row++) || split_runs(p, first))
            return HS_ENOMEM;
        s += len;
        if (!*s)
            break;
        /* "\r\n" is one break */
        if (s[0] == '\r' && s[1] == '\n')
            s++;
        s++;
    }
    return HS_OK;
}

size_t fx_next_line(const fx_page *pg, size_t i, int max_blank)
{
    const fx_line *l = &pg->lines[i];
    int blanks = 0;
    for (size_t j = i + 1; j < pg->n; j++) {
        const fx_line *n = &pg->lines[j];
        if (n->row == l->row)
            continue;
        if (n->row - l->row > FX_NEXT_ROWS)
            return FX_NONE;
        if (n->len == 0 || fx_line_blank(n)) {
            /* a blank row: every segment of it is blank */
            if (n->col == 0 && ++blanks > max_blank)
                return FX_NONE;
            continue;
        }
        if (n->col != l->col)
            continue;
        return j;
    }
    return FX_NONE;
}

size_t fx_prev_line(const fx_page *pg, size_t i, int max_blank)
{
    const fx_line *l = &pg->lines[i];
    int blanks = 0;
    for (size_t j = i; j-- > 0;) {
        const fx_line *n = &pg->lines[j];
        if (n->row == l->row)
            continue;
        if (l->row - n->row > FX_NEXT_ROWS)
            return FX_NONE;
        if (n->len == 0 || fx_line_blank(n)) {
            if (n->col == 0 && ++blanks > max_blank)
                return FX_NONE;
            continue;
        }
        if (n->col != l->col)
            continue;
        return j;
    }
    return FX_NONE;
}

void fx_page_release(fx_page *p)
{
    if (!p->lines)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->lines[i].text);
        free(p->lines[i].fold);
        free(p->lines[i].map);
    }
    free(p->lines);
    p->lines = NULL;
    p->n = p->cap = 0;
}

size_t fx_line_start(const fx_line *l)
{
    const char *f = l->fold;
    size_t p = 0;
    for (int round = 0; round < 3; round++) {
        while (p < l->flen && !is_alnum_ascii((unsigned char)f[p]))
            p++;
        /* "4. ", "12) ", "a) ", "1.2. ", "2.1.3. ": numbering in front of a label */
        size_t q = p;
        while (q < l->flen && q - p < 8 &&
               ((f[q] >= '0' && f[q] <= '9') ||
                (f[q] == '.' && q > p && f[q - 1] != '.' && f[q + 1] >= '0' && f[q + 1] <= '9')))
            q++;
        if (q == p && q < l->flen && f[q] >= 'a' && f[q] <= 'z' && f[q + 1] == ')')
            q++;
        /* "[08]. Nơi ở: …": a form's field number in brackets */
        if (q > p && q + 1 < l->flen && f[q] == ']' && p > 0 && f[p - 1] == '[') {
            size_t r = q + 1;
            if (f[r] == '.' || f[r] == ')')
                r++;
            if (r < l->flen && f[r] == ' ') {
                p = r + 1;
                continue;
            }
        }
        /* "III. NỘI DUNG YÊU CẦU: …": a section's Roman numeral, in capitals */
        if (q == p && l->text[l->map[p]] >= 'I' && l->text[l->map[p]] <= 'X') {
            size_t r = p;
            while (r < l->flen && r - p < 4 && strchr("ivx", f[r]) && f[r])
                r++;
            if (r > p && r < l->flen && strchr(".)", f[r]) && f[r + 1] == ' ')
                q = r;
        }
        if (q > p && q < l->flen && (f[q] == '.' || f[q] == ')') && f[q + 1] == ' ') {
            p = q + 1;
            continue;
        }
        break;
    }
    return p;
}

size_t fx_label_match(const fx_line *l, size_t pos, const char *label, int *edits)
{
    if (pos >= l->flen || (pos > 0 && is_alnum_ascii((unsigned char)l->fold[pos - 1])))
        return (size_t)-1;
    char lab[80];
    size_t nl = 0;
    for (const char *c = label; *c && nl < sizeof lab; c++)
        if (*c != ' ' && *c != ',')
            lab[nl++] = *c;
    if (!nl)
        return (size_t)-1;
    int budget = nl < 6 ? 0 : nl < 13 ? 1 : 2;
    size_t b = (size_t)budget;
    size_t idx[96];
    size_t m = 0, want = nl + b < 96 ? nl + b : 96;
    for (size_t k = pos; k < l->flen && m < want; k++) {
        if (l->fold[k] == ' ' || l->fold[k] == ',')
            continue;
        idx[m++] = k;
        /* cheap necessary condition, tested once the first 2b+1 letters are in: within
         * b edits one of the label's first b+1 letters meets one of those, at most b apart */
        if (m == 2 * b + 1 || (m < 2 * b + 1 && k + 1 == l->flen)) {
            int hit = 0;
            for (size_t i = 0; i <= b && i < nl && !hit; i++)
                for (size_t j = i > b ? i - b : 0; j <= i + b && j < m && !hit; j++)
                    hit = lab[i] == l->fold[idx[j]];
            if (!hit)
                return (size_t)-1;
        }
    }
    if (m + b < nl)
        return (size_t)-1;
    /* Levenshtein of the label against each prefix of the text, one row at a time, only
     * inside the band |i - j| <= budget (cells outside it already cost too much) */
    enum { INF = 1000 };
    int row[97], prev[97];
    for (size_t j = 0; j <= m; j++)
        prev[j] = j <= b ? (int)j : INF;
    for (size_t i = 1; i <= nl; i++) {
        size_t lo = i > b ? i - b : 1, hi = i + b < m ? i + b : m;
        row[0] = i <= b ? (int)i : INF;
        if (lo > 1)
            row[lo - 1] = INF;
        int best = row[0];
        for (size_t j = lo; j <= hi; j++) {
            int sub = prev[j - 1] + (lab[i - 1] != l->fold[idx[j - 1]]);
            int del = prev[j] + 1, ins = row[j - 1] + 1;
            int v = sub < del ? sub : del;
            row[j] = ins < v ? ins : v;
            if (row[j] < best)
                best = row[j];
        }
        if (hi + 1 <= m)
            row[hi + 1] = INF;
        if (best > budget)
            return (size_t)-1;
        size_t top = hi + 1 <= m ? hi + 1 : m;
        memcpy(prev, row, (top + 1) * sizeof *row);
        for (size_t j = top + 1; j <= m; j++)
            prev[j] = INF;
    }
    size_t best_end = (size_t)-1;
    int best_d = budget + 1;
    size_t best_gap = 0;
    for (size_t j = nl > b ? nl - b : 1; j <= m && j <= nl + b; j++) {
        int d = prev[j];
        if (j == 0 || d > budget)
            continue;
        size_t end = idx[j - 1] + 1;
        if (end < l->flen && is_alnum_ascii((unsigned char)l->fold[end]))
            continue;
        /* a label written with its colon ("trụ sở:") matches only where the colon is:
         * "thường trú số 26" is no "trụ sở:" a letter away */
        if (lab[nl - 1] == ':' && l->fold[idx[j - 1]] != ':')
            continue;
        size_t gap = j > nl ? j - nl : nl - j;
        if (d < best_d || (d == best_d && gap < best_gap)) {
            best_d = d;
            best_end = end;
            best_gap = gap;
        }
    }
    if (best_end != (size_t)-1 && edits)
        *edits = best_d;
    return best_end;
}

size_t fx_label_find(const fx_line *l, size_t pos, const char *label, size_t *at, int *edits)
{
    /* a match within b edits starts with one of the label's first b+1 letters among the
     * word's first b+1: tested here, before the full match, at every word start */
    char lead[3];
    size_t nl = 0, letters = 0;
    for (const char *c = label; *c; c++)
        if (*c != ' ' && *c != ',') {
            if (nl < 3)
                lead[nl++] = *c;
            letters++;
        }
    size_t b = letters < 6 ? 0 : letters < 13 ? 1 : 2;
    for (size_t s = pos; s < l->flen; s++) {
        if (!is_alnum_ascii((unsigned char)l->fold[s]))
            continue;
        if (s > 0 && is_alnum_ascii((unsigned char)l->fold[s - 1]))
            continue;
        int hit = 0;
        for (size_t i = 0; i <= b && i < nl && !hit; i++)
            for (size_t j = s; j <= s + b && j < l->flen && !hit; j++)
                hit = lead[i] == l->fold[j];
        if (!hit)
            continue;
        size_t e = fx_label_match(l, s, label, edits);
        if (e != (size_t)-1) {
            if (at)
                *at = s;
            return e;
        }
    }
    return (size_t)-1;
}

/* Bytes of a form's dotted leader at s ("......", "…", "____"), at least 3 dots; else 0. */
static size_t leader_at(const char *s, size_t n)
{
    size_t i = 0;
    int dots = 0, broken = 0;
    while (i < n) {
        if (s[i] == '.' || s[i] == '_') {
            dots++;
            i++;
        } else if (i + 3 <= n && !memcmp(s + i, "\xE2\x80\xA6", 3)) {
            dots += 3;
            i += 3;
        } else if (dots && s[i] == ' ' && i + 1 < n && (s[i + 1] == '.' || s[i + 1] == '_')) {
            i++; /* ".. .", ". .": OCR broke the leader with a blank */
            broken = 1;
        } else {
            break;
        }
    }
    return dots >= 3 || (dots == 2 && broken) ? i : 0;
}

size_t fx_after_colon(const fx_line *l, size_t pos, int *colon)
{
    *colon = 0;
    while (pos < l->flen && l->fold[pos] == ' ')
        pos++;
    size_t lead = pos < l->flen ? leader_at(l->fold + pos, l->flen - pos) : 0;
    if (lead) {
        /* "Họ và tên ......... Trần Thị Thu Huyền": a dotted leader is the form's colon */
        *colon = 1;
        pos += lead;
        while (pos < l->flen && l->fold[pos] == ' ')
            pos++;
        if (pos < l->flen && l->fold[pos] == ':')
            pos++;
        /* "Tên thủ tục ....-..««----«+<<<«+2 Cấp Giấy phép …", "Điện thoại ....<<<csx 0334 …":
         * the rest of the leader OCR read as other marks, and letters without a vowel */
        for (int k = 0; k < 6; k++) {
            while (pos < l->flen && l->fold[pos] == ' ')
                pos++;
            size_t e = pos;
            int odd = 0, vowel = 0, upper = 0;
            while (e < l->flen && l->fold[e] != ' ') {
                unsigned char c = (unsigned char)l->fold[e];
                odd |= c >= 0x80 || strchr("<>+=_~*", c) != NULL ||
                       (e == pos && strchr(".-", c) != NULL);
                vowel |= strchr("aeiouy", c) != NULL;
                e++;
            }
            for (size_t t = l->map[pos]; t < l->map[e]; t++)
                upper |= l->text[t] >= 'A' && l->text[t] <= 'Z';
            int bare =
                !vowel && !upper && e - pos <= 3 && !(l->fold[pos] >= '0' && l->fold[pos] <= '9');
            if (e == pos || !(odd || bare) || e >= l->flen)
                break;
            pos = e;
        }
    } else if (pos < l->flen && (l->fold[pos] == ':' || l->fold[pos] == ';' ||
                                 (l->fold[pos] == '|' && pos > 0 && l->fold[pos - 1] == ' '))) {
        /* (or a box's rule between the label's cell and the value's: "| Họ và tên | THÀO
         * A DỀNH") */
        *colon = 1;
        pos++;
        /* "Nơi cư trú: ...... thôn …": a leader after the colon too */
        size_t q = pos;
        while (q < l->flen && l->fold[q] == ' ')
            q++;
        size_t lead2 = q < l->flen ? leader_at(l->fold + q, l->flen - q) : 0;
        if (lead2)
            pos = q + lead2;
    } else if (pos > 0 && pos < l->flen && l->fold[pos] == '.' &&
               ((l->fold[pos - 1] == ' ' && l->fold[pos + 1] == ' ') || pos + 1 == l->flen)) {
        /* (or "Địa chỉ." ending its cell, the rest of the leader across a gap) */
        /* "Nơi thường trú . thôn Đức Lập": a leader OCR kept one dot of, a blank each side */
        *colon = 1;
        pos++;
    } else if (pos > 0 && l->fold[pos - 1] == ' ' && pos + 1 < l->flen && l->fold[pos] == '.' &&
               strspn(l->fold + pos, ". _") == l->flen - pos) {
        /* "Điện thoại .." and the rest in the next cell: a leader OCR broke at a gap */
        *colon = 1;
        pos = l->flen;
    }
    while (pos < l->flen && l->fold[pos] == ' ')
        pos++;
    return pos;
}

size_t fx_value_in_next_cell(const fx_page *pg, size_t i, int colon)
{
    if (i + 1 >= pg->n || pg->lines[i + 1].row != pg->lines[i].row)
        return FX_NONE;
    const fx_line *n = &pg->lines[i + 1];
    size_t p = 0;
    while (p < n->flen && n->fold[p] == ' ')
        p++;
    size_t lead = p < n->flen ? leader_at(n->fold + p, n->flen - p) : 0;
    if (lead)
        p += lead;
    else if (p < n->flen && (n->fold[p] == ':' || n->fold[p] == '.'))
        p++;
    else if (!colon || strchr(n->fold, ':'))
        return FX_NONE; /* "Điện thoại:      Fax: …": the next cell is a label's */
    while (p < n->flen && (n->fold[p] == ' ' || n->fold[p] == ':'))
        p++;
    return p < n->flen ? p : FX_NONE;
}

static int is_debris(int cp)
{
    switch (cp) {
    case ' ':
    case '_':
    case '|':
    case '-':
    case '.':
    case ',':
    case ';':
    case ':':
    case '\'':
    case '"':
    case '`':
    case '~':
    case '^':
    case '*':
    case '!':
    case '=':
    case 0x2013:
    case 0x2014:
    case 0x2018:
    case 0x2019:
    case 0x201C:
    case 0x201D:
    case 0x2C6:
    case 0xAC:
    case 0x2026:
    case 0xAB:
    case 0xBB:
    case 0x2022:
    case 0xA6:
        return 1;
    default:
        return 0;
    }
}

void fx_trim(char *s)
{
    size_t len = strlen(s), i = 0, start = 0;
    while (i < len) {
        size_t at = i;
        if (!is_debris(fx_cp_next(s, len, &i))) {
            start = at;
            break;
        }
        start = i;
    }
    size_t end = len;
    while (end > start) {
        size_t b = end - 1;
        while (b > start && ((unsigned char)s[b] & 0xC0) == 0x80)
            b--;
        size_t k = b;
        if (!is_debris(fx_cp_next(s, end, &k)))
            break;
        end = b;
    }
    /* "… TRAVEL CO., LTD.": the full stop of a company's legal form, abbreviated, stays */
    if (end < len && s[end] == '.') {
        static const char *const forms[] = {"ltd", "co", "jsc", "inc", "corp", "llc", "plc", NULL};
        size_t w = end;
        while (w > start &&
               ((s[w - 1] >= 'A' && s[w - 1] <= 'Z') || (s[w - 1] >= 'a' && s[w - 1] <= 'z')))
            w--;
        for (const char *const *f = forms; *f && end - w > 1; f++)
            if (strlen(*f) == end - w && !strncasecmp(s + w, *f, end - w) &&
                (w == start || s[w - 1] == ' ' || s[w - 1] == ',')) {
                end++;
                break;
            }
    }
    memmove(s, s + start, end - start);
    s[end - start] = '\0';
    /* a bracket the value does not open or close is the line's, not the value's: "CÔNG TY
     * TNHH … PHƯỚC TÂN )" read from "(Tổ chức: … PHƯỚC TÂN )" */
    len = end - start;
    if (len > 1 && s[len - 1] == ')' && !strchr(s, '(')) {
        s[len - 1] = '\0';
        fx_trim(s);
    } else if (len > 1 && s[0] == '(' && !strchr(s, ')')) {
        memmove(s, s + 1, len);
        fx_trim(s);
    }
}

char *fx_text_slice(const fx_line *l, size_t from, size_t to)
{
    if (from > l->flen)
        from = l->flen;
    if (to > l->flen)
        to = l->flen;
    if (to <= from)
        return NULL;
    size_t a = l->map[from], b = l->map[to];
    if (b <= a || b - a > FX_MAX_VALUE)
        return NULL;
    char *s = malloc(b - a + 1);
    if (!s)
        return NULL;
    memcpy(s, l->text + a, b - a);
    s[b - a] = '\0';
    fx_trim(s);
    if (!*s) {
        free(s);
        return NULL;
    }
    return s;
}

size_t fx_digits(const char *s, char *out, size_t cap, int *repairs)
{
    size_t len = strlen(s), i = 0, w = 0, used = 0;
    int real = 0, fixed = 0, over = 0;
    while (i < len) {
        size_t at = i;
        int cp = fx_cp_next(s, len, &i);
        char d;
        if (cp >= '0' && cp <= '9') {
            d = (char)cp;
            real++;
        } else if (cp == 'O' || cp == 'o' || cp == 0xD8 || cp == 0xF8) {
            d = '0';
            fixed++;
        } else if (cp == 'l' || cp == 'I' || cp == '|') {
            d = '1';
            fixed++;
        } else {
            i = at;
            break;
        }
        if (w + 1 < cap)
            out[w++] = d;
        else
            over = 1;
        used = i;
    }
    /* letters alone ("lo", "Oil") are words, not numbers */
    if (!real || over || fixed > real) {
        if (cap)
            out[0] = '\0';
        return used;
    }
    out[w] = '\0';
    if (repairs)
        *repairs += fixed;
    return used;
}

int fx_date_valid(int y, int m, int d)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

/* A number of 1 to maxd digits at s; returns bytes consumed or 0. */
static size_t num_at(const char *s, int mind, int maxd, int *v, int *repairs)
{
    char buf[8];
    int r = 0;
    size_t n = fx_digits(s, buf, sizeof buf, &r);
    size_t nd = strlen(buf);
    if (!n || (int)nd < mind || (int)nd > maxd)
        return 0;
    *v = atoi(buf);
    *repairs += r;
    return n;
}

static size_t skip_sp(const char *s, size_t i)
{
    while (s[i] == ' ')
        i++;
    return i;
}

static size_t word_at(const char *s, size_t i, const char *w)
{
    size_t n = strlen(w);
    if (strncmp(s + i, w, n) != 0)
        return 0;
    return n;
}

/* A day or month of look-alike letters only ("ll" for 11), trusted only when the rest of
 * the date around it reads well. */
static size_t num_lookalike(const char *s, int *v, int *repairs)
{
    size_t n = 0;
    int x = 0;
    while (n < 2 && (s[n] == 'o' || s[n] == 'l' || s[n] == '|')) {
        x = x * 10 + (s[n] == 'o' ? 0 : 1);
        n++;
    }
    if (!n || (s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9'))
        return 0;
    *v = x;
    *repairs += (int)n;
    return n;
}

/* "dd/mm/yyyy" (or with "-" or "."): returns bytes consumed or 0. */
static size_t slash_date(const char *s, int *dd, int *mm, int *yy, int *r)
{
    size_t i, n;
    if (!(n = num_at(s, 1, 2, dd, r)) && !(n = num_lookalike(s, dd, r)))
        return 0;
    i = n;
    char sep = s[i];
    if (sep != '/' && sep != '-' && sep != '.')
        return 0;
    i++;
    if (!(n = num_at(s + i, 1, 2, mm, r)) && !(n = num_lookalike(s + i, mm, r)))
        return 0;
    i += n;
    if (s[i] != sep)
        return 0;
    i++;
    if (!(n = num_at(s + i, 4, 4, yy, r)))
        return 0;
    return i + n;
}

size_t fx_date_parse(const char *s, int *y, int *m, int *d, int *repairs)
{
    int r = 0, dd, mm, yy;
    size_t i = 0, n;
    if ((n = word_at(s, 0, "ngay"))) {
        i = skip_sp(s, n);
        if ((n = slash_date(s + i, &dd, &mm, &yy, &r))) {
            i += n;
            goto check;
        }
        if (!(n = num_at(s + i, 1, 2, &dd, &r)))
            return 0;
        i = skip_sp(s, i + n);
        if (s[i] == ',')
            i = skip_sp(s, i + 1);
        if (!(n = word_at(s, i, "thang")))
            return 0;
        i = skip_sp(s, i + n);
        if (!(n = num_at(s + i, 1, 2, &mm, &r)))
            return 0;
        i = skip_sp(s, i + n);
        if (s[i] == ',')
            i = skip_sp(s, i + 1);
        if (!(n = word_at(s, i, "nam")))
            return 0;
        i = skip_sp(s, i + n);
        if (!(n = num_at(s + i, 4, 4, &yy, &r)))
            return 0;
        i += n;
    } else {
        if (!(n = slash_date(s, &dd, &mm, &yy, &r)))
            return 0;
        i = n;
    }
check:
    /* "01/04/20200": a fifth digit makes it no date */
    if ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z'))
        return 0;
    if (!fx_date_valid(yy, mm, dd))
        return 0;
    *y = yy;
    *m = mm;
    *d = dd;
    if (repairs)
        *repairs += r;
    return i;
}

size_t fx_date_find(const char *s, int *y, int *m, int *d, size_t *dlen, int *repairs)
{
    for (size_t i = 0; s[i]; i++) {
        if (i > 0 && is_alnum_ascii((unsigned char)s[i - 1]))
            continue;
        if (!is_alnum_ascii((unsigned char)s[i]))
            continue;
        size_t n = fx_date_parse(s + i, y, m, d, repairs);
        if (n) {
            *dlen = n;
            return i;
        }
    }
    return (size_t)-1;
}

double fx_upper_ratio(const char *s)
{
    size_t len = strlen(s), i = 0;
    int up = 0, letters = 0;
    while (i < len) {
        int cp = fx_cp_next(s, len, &i);
        if (fx_cp_upper(cp)) {
            up++;
            letters++;
        } else if (fx_cp_letter(cp)) {
            letters++;
        }
    }
    return letters < 3 ? 0.0 : (double)up / letters;
}

char *fx_name_normalise(const char *s)
{
    size_t len = strlen(s);
    if (len == 0 || len > 120)
        return NULL;
    int words = 0, lower = 0, i_word = 0;
    size_t i = 0;
    while (i < len) {
        int cp = fx_cp_next(s, len, &i);
        if (cp == ' ') {
            if (i_word == 0)
                return NULL;
            i_word = 0;
            continue;
        }
        /* "H'Bia", "H'Hen": the apostrophe of Central Highlands names, between letters */
        if ((cp == '\'' || cp == 0x2019) && i_word > 0 && i < len) {
            size_t k = i;
            if (!fx_cp_upper(fx_cp_next(s, len, &k)))
                return NULL;
            continue;
        }
        if (!fx_cp_letter(cp))
            return NULL;
        if (i_word == 0) {
            words++;
            if (!fx_cp_upper(cp))
                return NULL;
        } else if (fx_cp_lower(cp)) {
            lower++;
        }
        i_word++;
    }
    if (words < 2 || words > 6)
        return NULL;
    char *out = malloc(len * 2 + 1);
    if (!out)
        return NULL;
    size_t w = 0;
    i = 0;
    int first = 1;
    while (i < len) {
        int cp = fx_cp_next(s, len, &i);
        if (cp == ' ') {
            out[w++] = ' ';
            first = 1;
            continue;
        }
        /* names printed in capitals ("LÊ QUANG HUY") are written "Lê Quang Huy" */
        if (!lower && !first)
            cp = utf8proc_tolower(cp);
        w += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out + w);
        first = cp == '\'' || cp == 0x2019; /* "H'BIA" -> "H'Bia" */
    }
    out[w] = '\0';
    return out;
}

/* A time at s: returns bytes consumed or 0. */
static size_t time_parse(const char *s, int *hh, int *mm, int *repairs)
{
    int r = 0, h, m = 0;
    size_t i, n;
    if (!(n = num_at(s, 1, 2, &h, &r)))
        return 0;
    i = skip_sp(s, n);
    int need_min = 0;
    if ((n = word_at(s, i, "gio"))) {
        i += n;
    } else if (s[i] == 'h' && !(s[i + 1] >= 'a' && s[i + 1] <= 'z')) {
        i++;
    } else if (s[i] == ':') {
        i++;
        need_min = 1;
    } else if (s[i] == 'g' && s[i + 1] >= '0' && s[i + 1] <= '9') {
        i++; /* "13g50": g for giờ, minutes right after it */
        need_min = 1;
    } else {
        return 0;
    }
    size_t j = skip_sp(s, i);
    if ((n = num_at(s + j, 1, 2, &m, &r))) {
        i = j + n;
        j = skip_sp(s, i);
        if ((n = word_at(s, j, "phut")))
            i = j + n;
    } else if (need_min) {
        return 0;
    }
    if (h > 23 || m > 59)
        return 0;
    *hh = h;
    *mm = m;
    if (repairs)
        *repairs += r;
    return i;
}

size_t fx_time_find(const char *s, int *hh, int *mm, size_t *tlen, int *repairs)
{
    for (size_t i = 0; s[i]; i++) {
        if (i > 0 && is_alnum_ascii((unsigned char)s[i - 1]))
            continue;
        if (!is_alnum_ascii((unsigned char)s[i]))
            continue;
        size_t n = time_parse(s + i, hh, mm, repairs);
        if (n) {
            *tlen = n;
            return i;
        }
    }
    return (size_t)-1;
}

/* Does cp carry a tone mark (grave, acute, hook, tilde, dot below)? */
static int has_tone(int cp)
{
    if (cp < 0xC0)
        return 0;
    utf8proc_int32_t d[4];
    int bc = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 4, UTF8PROC_DECOMPOSE, &bc);
    for (utf8proc_ssize_t k = 1; k > 0 && k < n && k < 4; k++)
        if (d[k] == 0x300 || d[k] == 0x301 || d[k] == 0x309 || d[k] == 0x303 || d[k] == 0x323)
            return 1;
    return 0;
}

/* Does cp carry a circumflex or a breve (â ê ô ă, with any tone)? */
static int has_hat(int cp)
{
    if (cp < 0xC0)
        return 0;
    utf8proc_int32_t d[4];
    int bc = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 4, UTF8PROC_DECOMPOSE, &bc);
    for (utf8proc_ssize_t k = 1; k > 0 && k < n && k < 4; k++)
        if (d[k] == 0x302 || d[k] == 0x306)
            return 1;
    return 0;
}

/* In a value of small letters, its one short word in capitals, with an I after its first
 * letter ("huyện Đắk MII" for "Mil"), not a Roman numeral: OCR read an l or i as I. */
static int caps_i_words(const char *s)
{
    int lower = 0, n = 0, caps_words = 0;
    size_t len = strlen(s), i = 0;
    while (i < len)
        lower |= fx_cp_lower(fx_cp_next(s, len, &i));
    for (i = 0; lower && i < len;) {
        /* a word: letters up to a blank or a mark */
        int letters = 0, caps = 1, inner_i = 0, roman = 1, cp;
        while (i < len && fx_cp_letter(cp = fx_cp_next(s, len, &i))) {
            caps &= fx_cp_upper(cp);
            inner_i |= letters > 0 && cp == 'I';
            roman &= cp < 0x80 && strchr("IVXL", cp) != NULL;
            letters++;
        }
        if (letters >= 2 && caps && !roman) {
            caps_words++;
            n += letters <= 4 && inner_i;
        }
    }
    return caps_words == 1 ? n : 0; /* "Bà SƠN THỊ SA RINH": a name in capitals */
}

/* Words in capitals or in small letters with a Vietnamese mark and two vowel groups
 * ("DULỊCH", "HOÀNGYẾN", "tại cơsở"): a syllable has one, so OCR ran two words together.
 * (A capitalised word is a name's, which the Highlands' peoples write as one: "Đakrông",
 * "thôn Agrí".) */
static int glued_words(const char *s)
{
    size_t len = strlen(s), i = 0;
    int n = 0;
    while (i < len) {
        int caps = 1, small = 1, marked = 0, groups = 0, in_vowel = 0, letters = 0, cp;
        while (i < len && fx_cp_letter(cp = fx_cp_next(s, len, &i))) {
            char f[16];
            size_t fl = fold_cp(cp, f);
            int vowel = fl == 1 && strchr("aeiouy", f[0]);
            caps &= fx_cp_upper(cp);
            small &= fx_cp_lower(cp);
            marked |= cp >= 0x80;
            groups += vowel && !in_vowel;
            in_vowel = vowel;
            letters++;
        }
        n += letters >= 4 && (caps || small) && marked && groups >= 2;
    }
    return n;
}

int fx_text_anomalies(const char *s)
{
    size_t len = strlen(s), i = 0;
    int n = caps_i_words(s) + glued_words(s), prev = ' ', prev2 = ' ', tones = 0, hats = 0;
    int quotes = 0, curly = 0;
    while (i < len) {
        int cp = fx_cp_next(s, len, &i);
        /* one vowel of a syllable wears a circumflex or breve: "Sôê" is a misread */
        if (!fx_cp_letter(cp))
            hats = 0;
        else if (has_hat(cp) && ++hats == 2)
            n++;
        /* "HBia" for "H'Bia": two capitals then small letters, a word OCR ran together */
        if (fx_cp_lower(cp) && fx_cp_upper(prev) && fx_cp_upper(prev2))
            n++;
        /* a syllable carries one tone: "Huầề" is a misread */
        if (!fx_cp_letter(cp))
            tones = 0;
        else if (has_tone(cp) && ++tones == 2)
            n++;
        if (fx_cp_letter(cp)) {
            char f[16];
            size_t fl = fold_cp(cp, f);
            if (fl != 1 || f[0] < 'a' || f[0] > 'z')
                n++;
            else if (fx_cp_upper(cp) && fx_cp_lower(prev))
                n++;
        } else if (cp >= '0' && cp <= '9') {
            /* digits are fine anywhere */
        } else if (cp == ' ') {
            /* blanks are fine, a blank before "," or ";" is not (checked below) */
        } else if (cp == 0x201C || cp == 0x201D || cp == 0x2013) {
            /* typographic quotes round a project's or a document's name ("dự án “Nước sạch
             * …”"), an en dash: printed so, not garbled (quotes that do not pair are,
             * below) */
            quotes += cp == 0x201C ? 1 : cp == 0x201D ? -1 : 0;
            curly |= cp != 0x2013;
        } else if (!strchr(",.;:/-()'\"&%+", cp < 0x80 ? cp : '?') || cp >= 0x80) {
            n++;
        }
        if ((cp == ',' || cp == ';') && prev == ' ')
            n++;
        prev2 = prev;
        prev = cp;
    }
    /* "“Cà phê Mường Ảng cho …": a quote OCR lost, or a straight one beside a curly one */
    if (quotes != 0 || (curly && strchr(s, '"')))
        n++;
    return n;
}

/* ---- labels on lines, for the rules ---- */

int fx_name_odd_words(const char *s)
{
    char *f = fx_fold(s);
    if (!f)
        return 0;
    int odd = 0;
    for (char *w = f; *w;) {
        size_t n = strcspn(w, " ");
        size_t v = strcspn(w, "aeiouy");
        odd += n && v >= n;
        w += n;
        while (*w == ' ')
            w++;
    }
    free(f);
    return odd;
}

char *fx_name_apostrophe(const char *s)
{
    size_t len = strlen(s);
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    int fixed = 0;
    while (i < len) {
        size_t ws = i, k = i;
        int cp = fx_cp_next(s, len, &k);
        size_t we = ws + strcspn(s + ws, " ");
        /* a word of one capital consonant, a blank, then a capitalised word: "H Bia" */
        if (k == we && we < len && fx_cp_upper(cp) && !strchr("AEIOUY", cp) && cp < 0x80) {
            size_t n = we + 1;
            if (n < len && fx_cp_upper(fx_cp_next(s, len, &n))) {
                out[o++] = (char)cp;
                out[o++] = '\'';
                i = we + 1;
                fixed = 1;
                continue;
            }
        }
        memcpy(out + o, s + ws, we - ws);
        o += we - ws;
        i = we;
        while (i < len && s[i] == ' ')
            out[o++] = s[i++];
    }
    out[o] = '\0';
    if (!fixed || fx_name_odd_words(out)) {
        free(out);
        return NULL;
    }
    return out;
}

/* A byte of a letter: ASCII or any byte of a multibyte character. */
static int letter_byte(unsigned char c)
{
    return (c & 0x80) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Is w (n bytes) a whole word of text t? */
static int has_word(const char *t, const char *w, size_t n)
{
    for (const char *c = strstr(t, w); c; c = strstr(c + 1, w))
        if ((c == t || !letter_byte((unsigned char)c[-1])) && !letter_byte((unsigned char)c[n]))
            return 1;
    return 0;
}

char *fx_name_glued_prefix(const fx_page *pg, const char *s)
{
    size_t len = strlen(s);
    char *out = malloc(2 * len + 1), word[FX_MAX_LINE];
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    int fixed = 0;
    while (i < len) {
        size_t we = i + strcspn(s + i, " "), n = we - i;
        /* "Hluyến": a capital consonant, a small consonant, then a vowel somewhere; or
         * "HLuyến" itself, two capitals before small letters */
        int caps = n >= 3 && s[i + 1] >= 'B' && s[i + 1] <= 'Z' && !strchr("AEIOUY", s[i + 1]) &&
                   ((unsigned char)s[i + 2] & 0x80 || (s[i + 2] >= 'a' && s[i + 2] <= 'z'));
        int cand = n >= 3 && n < sizeof word && s[i] >= 'B' && s[i] <= 'Z' &&
                   !strchr("AEIOUY", s[i]) &&
                   (caps || (s[i + 1] >= 'b' && s[i + 1] <= 'z' && !strchr("aeiouy", s[i + 1])));
        /* "NGuyễn", "THanh": a Vietnamese onset with a misread case is no prefix */
        if (cand) {
            static const char *const onsets[] = {"ch", "gh", "gi", "kh", "ng", "nh",
                                                 "ph", "qu", "th", "tr", NULL};
            char two[3] = {(char)(s[i] - 'A' + 'a'), (char)(s[i + 1] | 0x20), '\0'};
            for (size_t k = 0; onsets[k]; k++)
                if (!strcmp(two, onsets[k]))
                    cand = 0;
        }
        if (caps && cand)
            cand = 2;
        if (cand == 1) {
            /* "HLuyến" or "H'Luyến" on the page */
            char apos[FX_MAX_LINE + 1];
            memcpy(word, s + i, n);
            word[n] = '\0';
            word[1] = (char)(word[1] - 'a' + 'A');
            apos[0] = word[0];
            apos[1] = '\'';
            memcpy(apos + 2, word + 1, n);
            for (size_t l = 0; l < pg->n && cand != 2; l++)
                if (has_word(pg->lines[l].text, word, n) ||
                    has_word(pg->lines[l].text, apos, n + 1))
                    cand = 2;
        }
        if (cand == 2) {
            out[o++] = s[i];
            out[o++] = '\'';
            out[o++] = caps ? s[i + 1] : (char)(s[i + 1] - 'a' + 'A');
            memcpy(out + o, s + i + 2, n - 2);
            o += n - 2;
            fixed = 1;
        } else {
            memcpy(out + o, s + i, n);
            o += n;
        }
        i = we;
        while (i < len && s[i] == ' ')
            out[o++] = s[i++];
    }
    out[o] = '\0';
    if (!fixed) {
        free(out);
        return NULL;
    }
    return out;
}

int fx_name_caps_word(const char *s)
{
    size_t len = strlen(s), i = 0;
    int odd = 0;
    while (i < len && !odd) {
        int letters = 0, lower = 0, cp;
        while (i < len && (cp = fx_cp_next(s, len, &i)) != ' ') {
            letters += fx_cp_letter(cp);
            lower += fx_cp_lower(cp);
        }
        odd = letters >= 2 && !lower;
    }
    return odd;
}

void fx_address_ia(char *a)
{
    static const char *const units[] = {"xã ", "huyện ", "thị trấn ", "phường ", NULL};
    size_t len = strlen(a);
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && a[i - 1] != ' ' && a[i - 1] != ',')
            continue;
        for (const char *const *u = units; *u; u++) {
            size_t ul = strlen(*u), k = i + ul + 3;
            if (strncmp(a + i, *u, ul) || strncmp(a + i + ul, "la ", 3) || k >= len)
                continue;
            if (fx_cp_upper(fx_cp_next(a, len, &k)))
                a[i + ul] = 'I';
        }
    }
}

int fx_address_name_lower(const char *a)
{
    /* the units as spelled: "xa lộ" (a highway) is no "xã" */
    static const char *const units[] = {"tỉnh", "huyện",    "xã",        "phường",
                                        "quận", "thị trấn", "thành phố", NULL};
    int odd = 0;
    size_t len = strlen(a);
    for (size_t i = 0; i < len && !odd; i++) {
        if (i > 0 && a[i - 1] != ' ' && a[i - 1] != ',')
            continue;
        for (const char *const *u = units; *u && !odd; u++) {
            size_t ul = strlen(*u);
            /* a unit word in small letters (a capitalised one may start a name) */
            if (strncmp(a + i, *u, ul) || a[i + ul] != ' ')
                continue;
            size_t k = i + ul + 1;
            odd = fx_cp_lower(fx_cp_next(a, len, &k));
        }
    }
    return odd;
}

int fx_starts_word(const char *fold, const char *w)
{
    size_t n = strlen(w);
    return !strncmp(fold, w, n) && !fx_alnum(fold[n]);
}

/* Does folded text s hold word sequence w as whole words? */
int fx_has_words(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = strstr(s, w); p; p = strstr(p + 1, w))
        if ((p == s || !fx_alnum(p[-1])) && !fx_alnum(p[n]))
            return 1;
    return 0;
}

/* Tries each label at the line start; returns the offset after the first match. */
size_t fx_match_any(const fx_line *l, const char *const *labels, int *edits)
{
    size_t p = fx_line_start(l);
    for (const char *const *lab = labels; *lab; lab++) {
        size_t e = fx_label_match(l, p, *lab, edits);
        if (e != FX_NONE)
            return e;
    }
    return FX_NONE;
}

size_t fx_find_any(const fx_line *l, const char *const *labels, size_t *at, int *edits)
{
    return fx_find_any_from(l, labels, 0, at, edits);
}

size_t fx_find_any_from(const fx_line *l, const char *const *labels, size_t from, size_t *at,
                        int *edits)
{
    size_t best = FX_NONE, best_at = FX_NONE;
    for (const char *const *lab = labels; *lab; lab++) {
        size_t a, e = fx_label_find(l, from, *lab, &a, edits);
        if (e != FX_NONE && (best_at == FX_NONE || a < best_at)) {
            best = e;
            best_at = a;
        }
    }
    if (at)
        *at = best_at;
    return best;
}

size_t fx_match_idx(const fx_line *l, const char *const *labels, int *idx, int *edits)
{
    size_t p = fx_line_start(l);
    /* the first label of the table that matches (longer ones come first); but one spelled
     * as printed and as long wins over one a letter away ("Chủ cơ sở" is no "chủ hồ sơ") */
    int first = -1, exact = -1, fed = 0;
    size_t fe = FX_NONE, ee = FX_NONE;
    for (int k = 0; labels[k] && exact < 0; k++) {
        int ed = 0;
        size_t e = fx_label_match(l, p, labels[k], &ed);
        if (e == FX_NONE)
            continue;
        if (first < 0) {
            first = k;
            fe = e;
            fed = ed;
        }
        if (!ed) {
            exact = k;
            ee = e;
        }
    }
    if (first < 0)
        return FX_NONE;
    if (exact >= 0 && exact != first && strlen(labels[exact]) >= strlen(labels[first])) {
        first = exact;
        fe = ee;
        fed = 0;
    }
    *idx = first;
    if (edits)
        *edits = fed;
    return fe;
}

int fx_area_code_at(const fx_line *l, size_t p)
{
    return p + 1 < l->flen && l->fold[p] == '(' && l->fold[p + 1] >= '0' && l->fold[p + 1] <= '9';
}

size_t fx_after_label(const fx_line *l, size_t pos, int allow_words, int *colon)
{
    size_t v = fx_after_colon(l, pos, colon);
    if (*colon)
        return v;
    size_t p = v;
    if (p < l->flen && l->fold[p] == '(') {
        const char *c = strchr(l->fold + p, ')');
        /* "(bên tặng cho):", "(chữ in hoa)": a remark after the label is skipped; "(0297)
         * 3 862 417", an area code, is the value's */
        if (c && c - (l->fold + p) < 48 && !fx_area_code_at(l, p)) {
            v = fx_after_colon(l, (size_t)(c - l->fold) + 1, colon);
            if (*colon)
                return v;
        }
    }
    if (allow_words) {
        /* "Số điện thoại liên hệ: ...", "Số điện thoại/e-mail: ...": a colon within 3 words */
        const char *c = strchr(l->fold + p, ':');
        if (c) {
            int words = 0, digits = 0;
            /* "Người yêu cầu chứng thực (bên tặng cho):": a remark in brackets before the
             * colon is not counted */
            const char *upto = c;
            if (c > l->fold + p && c[-1] == ')') {
                const char *o = c - 1;
                while (o > l->fold + p && *o != '(')
                    o--;
                if (*o == '(' && c - o < 40)
                    upto = o;
            }
            c = upto;
            for (const char *q = l->fold + p; q < c; q++) {
                words += *q == ' ' || *q == '/';
                digits += *q >= '0' && *q <= '9';
            }
            /* not past a value: "điện thoại 0896 352 718; e-mail: …" */
            if (words <= 3 && !digits && c - (l->fold + p) < 24)
                return fx_after_label(l, (size_t)(c - l->fold), 0, colon);
        }
        /* "Cấp cho ông (bà) ........... ĐIỂU K'RĂNG": a leader within 3 words */
        int words = 0;
        for (size_t q = p; q < l->flen && q - p < 24 && words <= 3; q++) {
            if (l->fold[q] >= '0' && l->fold[q] <= '9')
                break;
            if (l->fold[q] != ' ')
                continue;
            words++;
            if (q + 1 < l->flen && leader_at(l->fold + q + 1, l->flen - q - 1))
                return fx_after_label(l, q + 1, 0, colon);
        }
        /* "1. Đơn vị khai thác tuyến" / "HỢP TÁC XÃ …": a word or two in small letters
         * end the line, the label's own; its value is below */
        size_t k = p < l->flen ? l->map[p] : l->len;
        int blanks = 0, small = p < l->flen, cp;
        for (size_t q = p; q < l->flen; q++)
            blanks += l->fold[q] == ' ';
        while (small && (cp = fx_cp_next(l->text, l->len, &k)) >= 0)
            small = cp == ' ' || cp == ',' || fx_cp_lower(cp);
        /* (or a clause after a comma: "Đơn vị đề nghị, làm chủ đầu tư hạ tầng kỹ thuật") */
        if (small && (blanks <= 1 || l->fold[p] == ',')) {
            *colon = 0;
            return l->flen;
        }
    }
    *colon = 0;
    return v;
}

int fx_starts_any(const char *s, const char *const *words, size_t *len)
{
    for (const char *const *w = words; *w; w++)
        if (fx_starts_word(s, *w)) {
            if (len)
                *len = strlen(*w);
            return 1;
        }
    return 0;
}

/* Digits of a line, counting the letters OCR puts for them (o, l, |). */
size_t fx_digit_count(const fx_line *l)
{
    size_t n = 0;
    for (size_t i = 0; i < l->flen; i++) {
        char c = l->fold[i];
        n += (c >= '0' && c <= '9') || c == 'o' || c == 'l' || c == '|';
    }
    return n;
}

int fx_line_blank(const fx_line *l)
{
    return fx_line_start(l) >= l->flen;
}

int fx_row_alone(const fx_page *pg, size_t i)
{
    return (i == 0 || pg->lines[i - 1].row != pg->lines[i].row) &&
           (i + 1 >= pg->n || pg->lines[i + 1].row != pg->lines[i].row);
}

size_t fx_row_first(const fx_page *pg, size_t i)
{
    while (i > 0 && pg->lines[i - 1].row == pg->lines[i].row)
        i--;
    return i;
}

int fx_after_cell(const fx_page *pg, size_t i)
{
    return i > 0 && i < pg->n && pg->lines[i - 1].row == pg->lines[i].row &&
           !fx_line_blank(&pg->lines[i - 1]);
}

size_t fx_indented_below(const fx_page *pg, size_t i)
{
    const fx_line *l = &pg->lines[i];
    if (!fx_row_alone(pg, i) || i + 1 >= pg->n || pg->lines[i + 1].row != l->row + 1 ||
        pg->lines[i + 1].x <= l->x || !fx_row_alone(pg, i + 1) ||
        strchr(pg->lines[i + 1].fold, ':'))
        return FX_NONE;
    return i + 1;
}

int fx_words(const char *fold)
{
    int n = 0;
    for (const char *c = fold; *c; c++)
        n += *c != ' ' && (c == fold || c[-1] == ' ');
    return n;
}

/* Labels that may follow a value on the same line ("... Email: x"): a value stops there. */
static const char *const inline_labels[] = {
    "so dien thoai", "dien thoai", "sdt",       "email",    "e-mail",    "fax",
    "cccd",          "cmnd",       "ngay sinh", "nam sinh", "gioi tinh", "dan toc",
    "quoc tich",     "ma so thue", "sinh ngay", "sinh nam", NULL,
};

size_t fx_cut_inline(const fx_line *l, size_t from)
{
    size_t best = l->flen;
    /* a colon, or a leader ("ĐIỂU K'RĂNG Năm sinh ....... 1981") */
    if (from >= l->flen || (!strchr(l->fold + from, ':') && !strstr(l->fold + from, "...") &&
                            !strstr(l->fold + from, "\xE2\x80\xA6")))
        return best;
    for (const char *const *lab = inline_labels; *lab; lab++) {
        size_t at, e = fx_label_find(l, from, *lab, &at, NULL);
        if (e != FX_NONE && at < best) {
            int colon;
            fx_after_colon(l, e, &colon);
            if (colon)
                best = at;
        }
    }
    return best;
}

double fx_conf(double base, int edits, int repairs)
{
    double c = base - 0.1 * edits - 0.1 * repairs;
    return c < 0.1 ? 0.1 : c;
}

const char *const fx_admin_units[] = {
    "tinh", "huyen", "xa", "phuong", "quan", "thi xa", "thi tran", "thanh pho", "tp", NULL,
};

size_t fx_next_row_alone(const fx_page *pg, size_t i)
{
    size_t k = i + 1;
    int blanks = 0;
    while (k < pg->n && (pg->lines[k].row == pg->lines[i].row || fx_line_blank(&pg->lines[k]))) {
        if (pg->lines[k].row != pg->lines[i].row && ++blanks > 1)
            return FX_NONE;
        k++;
    }
    if (k >= pg->n || (k + 1 < pg->n && pg->lines[k + 1].row == pg->lines[k].row))
        return FX_NONE;
    return k;
}

/* The fold offsets of l's last word: its start in *w, its end in *e (equal when none). */
static void last_word(const fx_line *l, size_t *w, size_t *e)
{
    *e = l->flen;
    while (*e > 0 && l->fold[*e - 1] == ' ')
        (*e)--;
    *w = *e;
    while (*w > 0 && l->fold[*w - 1] != ' ')
        (*w)--;
}

/* Does l end in small letters with a word that wants more after it ("của", "cho", "tại",
 * "với", "và", "về")? */
static int ends_in_link(const fx_line *l)
{
    /* (and "đã được cấp" / "Giấy chứng nhận …": what is issued follows) */
    static const char *const links[] = {"cua", "cho", "tai", "voi", "va", "ve", "cap", NULL};
    size_t w, e, n;
    last_word(l, &w, &e);
    size_t h = l->map[w];
    return w < e && fx_starts_any(l->fold + w, links, &n) && w + n == e &&
           fx_cp_lower(fx_cp_next(l->text, l->len, &h));
}

/* Does l end with an administrative unit's word in small letters, which its name follows
 * ("… thửa đất tại xã" / "Tượng Lĩnh")? Compared with their marks ("tinh" may be "tính");
 * "nông thôn" (the countryside) is no unit. */
static int ends_in_unit(const fx_line *l)
{
    static const char *const units[] = {"xã",   "huyện", "tỉnh", "phường", "thôn", "ấp",
                                        "quận", "trấn",  "xóm",  "buôn",   NULL};
    size_t w, e;
    last_word(l, &w, &e);
    /* "nông thôn", and a level ("… thẩm quyền của UBND cấp huyện"): no name follows */
    if (w == e || (w >= 5 && !strncmp(l->fold + w - 5, "nong ", 5)) ||
        (w >= 4 && !strncmp(l->fold + w - 4, "cap ", 4) && (w == 4 || l->fold[w - 5] == ' ')))
        return 0;
    size_t a = l->map[w], b = e < l->flen ? l->map[e] : l->len;
    for (const char *const *u = units; *u; u++)
        if (b - a == strlen(*u) && !memcmp(l->text + a, *u, b - a))
            return 1;
    return 0;
}

/* Does line l end in a person's name that may go on: an honorific, alone or with one or
 * two capitalised words in small letters after it ("… của bà Hoàng" / "Thị Duyên, …",
 * "… của bà Nguyễn Thị" / "Kim Loan và …")? 0 if not, else 1 + the capitalised words. */
static int ends_in_name(const fx_line *l)
{
    static const char *const hon[] = {"ong", "ba", "anh", "chi", NULL};
    size_t w, e;
    last_word(l, &w, &e);
    if (w == e)
        return 0;
    for (int pass = 0; pass < 3; pass++) {
        size_t n, h = l->map[w];
        /* in a sentence the honorific is in small letters ("huyện Củ Chi" ends in none) */
        if (fx_starts_any(l->fold + w, hon, &n) && w + n == e &&
            (w == 0 || l->fold[w - 1] == ' ') && fx_cp_lower(fx_cp_next(l->text, l->len, &h)))
            return 1 + pass;
        /* a capitalised word: the honorific must be before it */
        size_t c = l->map[w];
        int cp = fx_cp_next(l->text, l->len, &c);
        if (pass == 2 || !fx_cp_upper(cp) || !fx_cp_lower(fx_cp_next(l->text, l->len, &c)) || w < 2)
            return 0;
        e = w - 1;
        while (e > 0 && l->fold[e - 1] == ' ')
            e--;
        w = e;
        while (w > 0 && l->fold[w - 1] != ' ')
            w--;
        if (w == e)
            return 0;
    }
    return 0;
}

/* Appends the lines after `line` that continue a wrapped value: the next lines of the same
 * column, past one blank line (OCR puts one between the lines of a paragraph), that start in
 * lower case, or that go on with a name the line before began. */
/* Does l end with a business's kind, its name to follow ("… của Công ty TNHH" /
 * "Thương mại Dịch vụ Hải Đăng Bình Châu")? */
static int ends_in_business(const fx_line *l)
{
    static const char *const kinds[] = {
        "cong ty tnhh", "cong ty co phan",      "cong ty", "tnhh mtv",
        "hop tac xa",   "doanh nghiep tu nhan", NULL};
    size_t e = l->flen;
    while (e > 0 && l->fold[e - 1] == ' ')
        e--;
    for (const char *const *k = kinds; *k; k++) {
        size_t n = strlen(*k);
        if (e >= n && !memcmp(l->fold + e - n, *k, n) && (e == n || l->fold[e - n - 1] == ' '))
            return 1;
    }
    return 0;
}

/* Is line l a name's words: most of them capitalised, "và" aside ("Bao bì Hưng Phát Kim
 * Thành", "Thương mại Dịch vụ …"), not a sentence's? */
static int name_words(const fx_line *l)
{
    int small = 0, words = 0;
    for (size_t k = 0; k < l->len;) {
        while (k < l->len && l->text[k] == ' ')
            k++;
        if (k >= l->len)
            break;
        size_t w = k;
        int cp = fx_cp_next(l->text, l->len, &k);
        while (k < l->len && l->text[k] != ' ')
            k++;
        words++;
        if (fx_cp_upper(cp) || (cp >= '0' && cp <= '9'))
            continue;
        if (k - w == strlen("và") && !strncmp(l->text + w, "và", strlen("và")))
            continue;
        small++;
    }
    return words && small * 2 < words;
}

int fx_business_open(const char *value)
{
    char *f = value ? fx_fold(value) : NULL;
    if (!f)
        return 0;
    static const char *const kinds[] = {"cong ty ", "hop tac xa ", "doanh nghiep ", NULL};
    const char *at = NULL;
    for (const char *const *k = kinds; *k; k++)
        for (const char *h = strstr(f, *k); h; h = strstr(h + 1, *k))
            if (!at || h > at)
                at = h;
    /* "… của Công ty TNHH Sản xuất và Thương mại" / "Bao bì Hưng Phát …": the name began
     * and nothing closed it */
    int open = at && !strpbrk(at, ",.;:()");
    free(f);
    return open;
}

int fx_place_date_line(const fx_line *l, size_t p)
{
    const char *c = strstr(l->fold + p, ", ngay ");
    if (!c)
        return 0;
    int y, m, d, rep = 0;
    if (!fx_date_parse(c + 2, &y, &m, &d, &rep))
        return 0;
    int words = 0;
    for (size_t q = p; l->fold + q < c; q++) {
        if (q == p || l->fold[q - 1] == ' ') {
            size_t k = l->map[q];
            if (!fx_cp_upper(fx_cp_next(l->text, l->len, &k)))
                return 0;
            words++;
        }
    }
    return words >= 1 && words <= 4;
}

/* "(địa chỉ: số 64 đường 21 Tháng 8, …": a bracket that opens on the details of whom a
 * value names (where, how to call), not on the value's next words */
static int bracketed_details(const fx_line *l)
{
    static const char *const labels[] = {"dia chi",    "tru so", "dt ",   "dt:",
                                         "dien thoai", "ma so",  "email", NULL};
    size_t st = 0;
    while (st < l->flen && l->fold[st] == ' ')
        st++;
    return st < l->flen && l->fold[st] == '(' && fx_starts_any(l->fold + st + 1, labels, NULL);
}

char *fx_continue_lines(const fx_page *pg, size_t line, char *value, size_t max_lines)
{
    size_t i = line;
    for (size_t k = 0; value && k < max_lines; k++) {
        size_t j = fx_next_line(pg, i, 1), alone = fx_next_row_alone(pg, i);
        /* a centred heading's second line stands alone in its row, indented as a right-hand
         * column ("Về việc … người có công với" / "cách mạng từ trần") */
        if (alone != FX_NONE && (j == FX_NONE || pg->lines[j].row > pg->lines[alone].row))
            j = alone;
        if (j == FX_NONE)
            break;
        const fx_line *l = &pg->lines[j];
        size_t p = fx_line_start(l);
        /* (nor is a place-date, which OCR put on the row under the value's last line: "…
         * của ông Mai Xuân Trừ" / "Thanh Hóa, ngày 22 tháng 10 năm 2024") */
        if (p >= l->flen || bracketed_details(l) || fx_place_date_line(l, p))
            break;
        /* "Ngày 01/4/2025, Văn phòng … nhận được …": a dated sentence of the body, no wrap
         * of this value (after "… Ủy ban nhân dân huyện", a unit that may end it) */
        if (fx_starts_word(l->fold + p, "ngay") && p + 5 < l->flen && l->fold[p + 5] >= '0' &&
            l->fold[p + 5] <= '9')
            break;
        /* a cell after a cell of its own row ("Chủ xe cũ (bên bán)   ông ĐOÀN VĂN THỤ, …")
         * has that row's label, no wrap of this value */
        if (fx_after_cell(pg, j) && l->row != pg->lines[i].row)
            break;
        /* a value set in alone on its row ("Yêu cầu giải quyết" / (indented) "Chỉnh sửa
         * nội dung văn bằng, chứng chỉ") goes on set in as far: a line that starts left of
         * it is the next label's ("Văn bằng đề nghị chỉnh sửa   Bằng tốt nghiệp …"), after
         * its first line or its second ("… ở nhiều xã thuộc một huyện" / "Ghi chú   11 hoạt
         * động …") */
        if (l->row != pg->lines[i].row && fx_row_alone(pg, line) && pg->lines[line].x > 0 &&
            l->x < pg->lines[line].x && fx_row_first(pg, j) == j && !fx_row_alone(pg, j))
            break;
        size_t c = l->map[p];
        int name = ends_in_name(&pg->lines[i]);
        /* a value set in alone under its label goes on in lines set in as far, alone on
         * their row, whatever their first letter ("Thủ tục hành chính" / (indented) "Cấp mã
         * số cơ sở …" / "cấp, quý, hiếm …" / "Phụ lục II, III CITES") */
        int slack = l->box[2] > 0 ? 24 : 0;
        size_t lab = line > 0 ? fx_row_first(pg, line - 1) : FX_NONE;
        int block = lab != FX_NONE && pg->lines[lab].row + 1 == pg->lines[line].row &&
                    !fx_line_blank(&pg->lines[lab]) && !strchr(pg->lines[line].fold, ':') &&
                    pg->lines[line].x > pg->lines[lab].x + slack &&
                    l->row == pg->lines[i].row + 1 && fx_row_alone(pg, line) &&
                    fx_row_alone(pg, j) && abs(l->x - pg->lines[line].x) <= slack &&
                    !strchr(l->fold, ':');
        /* a name that the line above began goes on in capitalised words, and so does a
         * line after a word that wants what follows ("… lưu trú du lịch của" / "Homestay
         * Vườn Cau Mỹ Sơn") */
        if (!fx_cp_lower(fx_cp_next(l->text, l->len, &c)) && !block &&
            !(name > 0 && name < 3 && fx_upper_ratio(l->text) < 0.5) &&
            !(name == 3 && fx_upper_ratio(l->text) < 0.5 && !strchr(l->fold, ':')) &&
            !(ends_in_link(&pg->lines[i]) && !strchr(l->fold, ':')) &&
            !(ends_in_unit(&pg->lines[i]) && !strchr(l->fold, ':') &&
              fx_upper_ratio(l->text) < 0.5) &&
            !(ends_in_business(&pg->lines[i]) && !strchr(l->fold, ':')) &&
            !(fx_business_open(value) && !strchr(l->fold, ':') && name_words(l) &&
              l->row == pg->lines[i].row + 1 && fx_upper_ratio(l->text) < 0.8 &&
              !fx_starts_any(l->fold + p, fx_body_words, NULL)))
            break;
        /* "(thay đổi người đại diện ...)": the bracket fx_line_start skips is the value's
         * when it wraps to where the value's row starts; a line in brackets set in from
         * there is a note on the value ("Chứng thực di chúc" / (indented) "(người lập di
         * chúc tự nguyện, …)") */
        if (p > 0 && l->fold[p - 1] == '(') {
            if (l->fold[l->flen - 1] == ')' && l->x > pg->lines[fx_row_first(pg, line)].x)
                break;
            p--;
        }
        size_t to = fx_cut_inline(l, p);
        value = fx_join(value, &pg->lines[i], l, p, to);
        if (to < l->flen)
            break;
        i = j;
    }
    return value;
}

const char *fx_join_sep(const fx_line *prev, const char *value, const char *keep)
{
    size_t a = strlen(value);
    if (!prev->len || !a)
        return "";
    /* "..., quận Sơn Trà," / "thành phố Đà Nẵng": the comma that ended the line stays (and
     * one before a frame's rule: "huyện Krông Ana,   |") */
    size_t pl = prev->len;
    while (pl > 1 && (prev->text[pl - 1] == '|' || prev->text[pl - 1] == ' '))
        pl--;
    char last = prev->text[pl - 1];
    if (last == ',' && strchr(keep, ',') && value[a - 1] != ',' && value[a - 1] != ';')
        return ",";
    if (last == ';' && strchr(keep, ';') && value[a - 1] != ',' && value[a - 1] != ';')
        return ";";
    /* "CÔNG TY TNHH THƯƠNG MẠI DU LỊCH -" / "DỊCH VỤ …", "tỉnh Bà Rịa -" / "Vũng Tàu": a
     * dash between words that ended the line stays */
    if (prev->len > 2 && !strcmp(prev->text + prev->len - 2, " -") && value[a - 1] != '-')
        return " -";
    return "";
}

char *fx_join(char *value, const fx_line *prev, const fx_line *l, size_t from, size_t to)
{
    char *more = fx_text_slice(l, from, to);
    if (!more)
        return value;
    /* "… (người phụ trách an toàn cơ sở" / "X-quang chẩn đoán trong y tế)": the bracket the
     * value opened closes on this line; the slice alone took it for the line's and cut it */
    int open = 0;
    for (const char *c = value; *c; c++)
        open += (*c == '(') - (*c == ')');
    size_t e = to < l->flen ? l->map[to] : l->len, m = strlen(more);
    while (e > l->map[from] && l->text[e - 1] == ' ')
        e--;
    if (open > 0 && e > l->map[from] && l->text[e - 1] == ')' && !strchr(more, ')')) {
        char *mm = realloc(more, m + 2);
        if (mm) {
            more = mm;
            more[m] = ')';
            more[m + 1] = '\0';
        }
    }
    const char *sep = fx_join_sep(prev, value, ",;");
    size_t a = strlen(value), b = strlen(more), sn = strlen(sep);
    char *j = a + b + 2 < FX_MAX_VALUE ? realloc(value, a + sn + b + 2) : NULL;
    if (!j) {
        free(more);
        return value;
    }
    memcpy(j + a, sep, sn);
    a += sn;
    j[a] = ' ';
    memcpy(j + a + 1, more, b + 1);
    free(more);
    return j;
}
