/* fields_marks.c - a value's tone marks checked against the page's other spellings of the
 * same words. OCR misreads a tone mark into another valid syllable ("Nghỉ Lộc" for "Nghi
 * Lộc", "SA LÝ" for "SA LY"), which no table can tell; but a page often prints a name
 * twice (the issuer's header and the address, the label line and a sentence), and two
 * readings that disagree show that one is wrong. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "fields_int.h"

#define SIG_MAX 24
#define PAGE_WORDS 4096

typedef struct mword {
    const char *s; /* the word's letters in their text (borrowed) */
    size_t len;
    int sig[SIG_MAX]; /* lower-case letters with their other marks, then the tone (0: none) */
    int nsig;
    unsigned long fold; /* hash of the letters without any mark, to find the same word */
    int nfold;          /* how many letters */
    int upper;          /* starts with a capital */
    int next;           /* the next word follows after blanks only, on the same line */
    int caps;           /* has no lower-case letter */
    size_t line;        /* the page's line it is on */
    int bare;           /* in a run of 3 capitalised words or more with no mark at all */
} mword;

/* The five tone marks of Vietnamese as combining characters; circumflex, breve and horn
 * belong to the letter (â, ă, ơ), not to the tone. */
static int is_tone(int cp)
{
    return cp == 0x300 || cp == 0x301 || cp == 0x303 || cp == 0x309 || cp == 0x323;
}

static void word_sig(mword *w)
{
    int n = 0, tone = 0;
    unsigned long h = 5381;
    w->nfold = 0;
    for (size_t i = 0; i < w->len;) {
        int cp = fx_cp_next(w->s, w->len, &i);
        utf8proc_int32_t d[8];
        int last = 0;
        utf8proc_ssize_t m = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, &last);
        for (utf8proc_ssize_t k = 0; k < m; k++) {
            if (is_tone(d[k])) {
                tone = d[k];
                continue;
            }
            int lc = utf8proc_tolower(d[k]);
            if (n < SIG_MAX - 1)
                w->sig[n++] = lc;
            /* the fold: base letters only (đ and d apart, as OCR keeps the stroke) */
            if (k == 0) {
                h = h * 33 + (unsigned long)lc;
                w->nfold++;
            }
        }
    }
    w->sig[n++] = tone;
    w->nsig = n;
    w->fold = h;
}

/* Splits text[0, len) into words of letters; returns how many (at most cap). */
static size_t words_split(const char *text, size_t len, mword *w, size_t cap)
{
    size_t n = 0, i = 0;
    int gap_blank = 0;
    while (i < len && n < cap) {
        size_t at = i;
        int cp = fx_cp_next(text, len, &i);
        if (!fx_cp_letter(cp)) {
            if (cp != ' ')
                gap_blank = 0;
            continue;
        }
        size_t end = i;
        while (end < len) {
            size_t j = end;
            if (!fx_cp_letter(fx_cp_next(text, len, &j)))
                break;
            end = j;
        }
        if (n > 0)
            w[n - 1].next = gap_blank;
        w[n].s = text + at;
        w[n].len = end - at;
        w[n].upper = fx_cp_upper(cp);
        w[n].caps = 1;
        for (size_t k = at; k < end && w[n].caps;)
            w[n].caps = !fx_cp_lower(fx_cp_next(text, end, &k));
        w[n].next = 0;
        w[n].bare = 0;
        word_sig(&w[n]);
        n++;
        i = end;
        gap_blank = 1;
    }
    return n;
}

static int same_fold(const mword *a, const mword *b)
{
    return a->fold == b->fold && a->nfold == b->nfold;
}

static int same_sig(const mword *a, const mword *b)
{
    return a->nsig == b->nsig && !memcmp(a->sig, b->sig, (size_t)a->nsig * sizeof a->sig[0]);
}

/* Is c (in capitals) the word v with its tone lost, v's toned vowel wearing a hat, breve
 * or horn too ("GIÔNG" for "Giồng"): the stacked mark OCR drops from a capital? */
static int caps_lost_tone(const mword *c, const mword *v)
{
    if (same_sig(c, v))
        return 1;
    if (c->nsig != v->nsig || c->sig[c->nsig - 1] != 0 || v->sig[v->nsig - 1] == 0 ||
        memcmp(c->sig, v->sig, (size_t)(c->nsig - 1) * sizeof c->sig[0]))
        return 0;
    for (int k = 0; k + 1 < v->nsig; k++)
        if (v->sig[k] == 0x302 || v->sig[k] == 0x306 || v->sig[k] == 0x31B)
            return 1;
    return 0;
}

/* Is w an administrative unit's word ("Xã", "Huyện", "Phường"): not part of a name. */
static int unit_word(const mword *w)
{
    char tmp[64];
    if (w->len >= sizeof tmp)
        return 0;
    memcpy(tmp, w->s, w->len);
    tmp[w->len] = '\0';
    char *f = fx_fold(tmp);
    size_t n = 0;
    int r = f && fx_starts_any(f, fx_admin_units, &n) && !f[n];
    free(f);
    return r;
}

static int ascii_word(const mword *w)
{
    for (size_t k = 0; k < w->len; k++)
        if ((unsigned char)w->s[k] >= 0x80)
            return 0;
    return 1;
}

/* The words of every line of the page, at most PAGE_WORDS, each with its line; how many.
 * A run of three capitalised words or more with no mark at all ("Y TY HERBS AND SHAN TUYET
 * TEA", a name in a foreign tongue, or a line OCR read bare) is marked bare: it says
 * nothing of which marks are right. */
static size_t page_words(const fx_page *pg, mword *pw)
{
    size_t np = 0;
    for (size_t i = 0; i < pg->n && np < PAGE_WORDS; i++) {
        size_t k = words_split(pg->lines[i].text, pg->lines[i].len, pw + np, PAGE_WORDS - np);
        for (size_t j = np; j < np + k; j++)
            pw[j].line = i;
        for (size_t j = np; j < np + k;) {
            size_t e = j;
            int marked = 0;
            while (e < np + k && pw[e].upper) {
                marked |= !ascii_word(&pw[e]);
                e++;
                if (!pw[e - 1].next)
                    break;
            }
            for (size_t q = j; q < e; q++)
                pw[q].bare = !marked && e - j >= 3;
            j = e > j ? e : j + 1;
        }
        np += k;
    }
    return np;
}

int fx_marks_check(const fx_page *pg, const char *value, size_t line, int person)
{
    if (!value)
        return 0;
    mword *pw = malloc(PAGE_WORDS * sizeof *pw);
    mword vw[64];
    if (!pw)
        return 0;
    size_t np = page_words(pg, pw);
    size_t nv = words_split(value, strlen(value), vw, 64);
    int verdict = 0;
    for (size_t a = 0; a + 1 < nv && !verdict; a++) {
        /* two capitalised words side by side: a proper name's syllables */
        if (!vw[a].upper || !vw[a + 1].upper || !vw[a].next || unit_word(&vw[a]) ||
            unit_word(&vw[a + 1]))
            continue;
        /* a person's family name is checked against the list of them (fx_fix_marks) */
        if (person && a == 0)
            continue;
        /* Another reading of the same letters elsewhere: one of them is wrong, and the
         * page cannot say which even when it prints one more often ("Củ Chỉ" twice, "Củ
         * Chi" once). Only when every other reading is in capitals (their stacked marks
         * are the harder read) and a copy in small letters agrees, does the value stand.
         * Capitals that only lost a stacked tone the value has ("GIÔNG TRÔM" for "Giồng
         * Trôm", "TRÔNG TRỌT" for "TRỒNG TRỌT") are no other reading: OCR drops such a
         * mark from a capital, it does not add one. A plain tone missing from capitals is
         * another reading: OCR may as well have added it to the value ("Nghỉ Lộc" under
         * "NGHI LỘC"). */
        int same_small = 0, other_small = 0, other_caps = 0;
        for (size_t p = 0; p + 1 < np; p++) {
            if (!pw[p].next || !pw[p].upper || !pw[p + 1].upper || pw[p].line == line ||
                pw[p].bare || !same_fold(&pw[p], &vw[a]) || !same_fold(&pw[p + 1], &vw[a + 1]))
                continue;
            int caps = pw[p].caps && pw[p + 1].caps;
            if (same_sig(&pw[p], &vw[a]) && same_sig(&pw[p + 1], &vw[a + 1]))
                same_small += !caps;
            else if (caps && caps_lost_tone(&pw[p], &vw[a]) &&
                     caps_lost_tone(&pw[p + 1], &vw[a + 1]))
                continue;
            else if (caps)
                other_caps++;
            else
                other_small++;
        }
        if (other_small || (other_caps && !same_small))
            verdict = -1;
    }
    free(pw);
    return verdict;
}

/* Do the nv words of a page from p on spell the value's letters (ignoring marks), one
 * after the other on one line? */
static int run_matches(const mword *pw, size_t np, size_t p, const mword *vw, size_t nv)
{
    if (p + nv > np)
        return 0;
    for (size_t k = 0; k < nv; k++)
        if (!same_fold(&pw[p + k], &vw[k]) || (k + 1 < nv && !pw[p + k].next))
            return 0;
    return 1;
}

static int run_caps(const mword *pw, size_t p, size_t nv)
{
    for (size_t k = 0; k < nv; k++)
        if (!pw[p + k].caps)
            return 0;
    return 1;
}

static int run_same_sig(const mword *pw, size_t a, size_t b, size_t nv)
{
    for (size_t k = 0; k < nv; k++)
        if (!same_sig(&pw[a + k], &pw[b + k]))
            return 0;
    return 1;
}

char *fx_marks_small_copy(const fx_page *pg, const char *value, size_t line)
{
    if (!value || line == FX_NONE || line >= pg->n)
        return NULL;
    mword vw[16];
    size_t nv = words_split(value, strlen(value), vw, 16);
    if (nv < 2 || nv >= 16)
        return NULL;
    mword *pw = malloc(PAGE_WORDS * sizeof *pw);
    if (!pw)
        return NULL;
    size_t np = page_words(pg, pw);
    /* the value's own copy must be in capitals, and every other copy in small letters must
     * read the same: then that reading is the better one */
    int own_caps = 0, disagree = 0;
    size_t small = (size_t)-1;
    for (size_t p = 0; p < np; p++) {
        if (!run_matches(pw, np, p, vw, nv))
            continue;
        if (pw[p].line == line)
            own_caps |= run_caps(pw, p, nv);
        else if (!run_caps(pw, p, nv) && small == (size_t)-1)
            small = p;
        else if (!run_caps(pw, p, nv) && !run_same_sig(pw, small, p, nv))
            disagree = 1;
    }
    char *copy = NULL;
    if (own_caps && !disagree && small != (size_t)-1) {
        const mword *last = &pw[small + nv - 1];
        size_t len = (size_t)(last->s + last->len - pw[small].s);
        copy = malloc(len + 1);
        if (copy) {
            memcpy(copy, pw[small].s, len);
            copy[len] = '\0';
        }
    }
    free(pw);
    return copy;
}

/* Appends the upper case of w's letters to out (room for 4 bytes a letter); new length. */
static size_t upper_word(const mword *w, char *out, size_t o)
{
    for (size_t i = 0; i < w->len;) {
        int cp = fx_cp_next(w->s, w->len, &i);
        o += (size_t)utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)out + o);
    }
    return o;
}

char *fx_marks_caps_respell(const fx_page *pg, const char *value, size_t line)
{
    if (!value || line == FX_NONE || line >= pg->n || fx_upper_ratio(value) < 0.8)
        return NULL;
    size_t vlen = strlen(value);
    mword vw[32];
    size_t nv = words_split(value, vlen, vw, 32);
    mword *pw = malloc(PAGE_WORDS * sizeof *pw);
    /* the respelled words: each replaced by a small copy's word, in capitals */
    const mword *by[32] = {0};
    int any = 0;
    if (!pw || nv < 2 || nv >= 32) {
        free(pw);
        return NULL;
    }
    size_t np = page_words(pg, pw);
    for (size_t a = 0; a + 1 < nv; a++) {
        if (!vw[a].caps || !vw[a + 1].caps || !vw[a].next || unit_word(&vw[a]) ||
            unit_word(&vw[a + 1]))
            continue;
        size_t small = (size_t)-1;
        int disagree = 0;
        for (size_t p = 0; p + 1 < np && !disagree; p++) {
            /* "Phòng Kinh tế và Hạ tầng" copies "HẠ TẦNG": the second word may be small */
            if (!pw[p].next || pw[p].line == line || !pw[p].upper || pw[p].caps || pw[p + 1].caps ||
                !same_fold(&pw[p], &vw[a]) || !same_fold(&pw[p + 1], &vw[a + 1]))
                continue;
            if (small == (size_t)-1)
                small = p;
            else if (!run_same_sig(pw, small, p, 2))
                disagree = 1;
        }
        /* no copy in small letters: one in capitals that kept a stacked tone the value
         * lost ("TRÔNG TRỌT" in the issuer's block, "TRỒNG TRỌT" in the body) */
        for (size_t p = 0; p + 1 < np && !disagree && small == (size_t)-1; p++) {
            if (!pw[p].next || pw[p].line == line || !pw[p].caps || !pw[p + 1].caps ||
                !same_fold(&pw[p], &vw[a]) || !same_fold(&pw[p + 1], &vw[a + 1]) ||
                !caps_lost_tone(&vw[a], &pw[p]) || !caps_lost_tone(&vw[a + 1], &pw[p + 1]) ||
                (same_sig(&pw[p], &vw[a]) && same_sig(&pw[p + 1], &vw[a + 1])))
                continue;
            for (size_t q = 0; q + 1 < np && !disagree; q++)
                disagree = q != p && pw[q].next && pw[q].line != line && pw[q].caps &&
                           pw[q + 1].caps && same_fold(&pw[q], &vw[a]) &&
                           same_fold(&pw[q + 1], &vw[a + 1]) && !run_same_sig(pw, p, q, 2);
            if (!disagree)
                small = p;
        }
        if (disagree || small == (size_t)-1 ||
            (same_sig(&pw[small], &vw[a]) && same_sig(&pw[small + 1], &vw[a + 1])))
            continue;
        by[a] = &pw[small];
        by[a + 1] = &pw[small + 1];
        any = 1;
    }
    char *out = any ? malloc(vlen * 4 + 1) : NULL;
    if (out) {
        size_t o = 0;
        const char *at = value;
        for (size_t k = 0; k < nv; k++) {
            memcpy(out + o, at, (size_t)(vw[k].s - at));
            o += (size_t)(vw[k].s - at);
            o = by[k] ? upper_word(by[k], out, o)
                      : (memcpy(out + o, vw[k].s, vw[k].len), o + vw[k].len);
            at = vw[k].s + vw[k].len;
        }
        memcpy(out + o, at, (size_t)(value + vlen - at) + 1);
    }
    free(pw);
    return out;
}

/* The letters and digits of s[0..n) folded, without marks or anything else, OCR's I, l and
 * 1 alike ("N'Jang" -> "njang", "Mil" -> "mii"), into key (cap bytes); a "]" is dropped
 * ("N']JANG" -> "njang") or, when bracket_l, read as an l ("Mi]" -> "mii"). Its length, or 0
 * when it does not fit. */
static size_t bare_key(const char *s, size_t n, int bracket_l, char *key, size_t cap)
{
    char *buf = strndup(s, n), *f = buf ? fx_fold(buf) : NULL;
    size_t k = 0;
    for (const char *c = f; c && *c && k + 1 < cap; c++)
        if (fx_alnum(*c) || (*c == ']' && bracket_l))
            key[k++] = *c == 'l' || *c == '1' || *c == ']' ? 'i' : *c;
    key[k] = '\0';
    size_t ok = f && strlen(f) < cap ? k : 0;
    free(buf);
    free(f);
    return ok;
}

static int apostrophe_at(const char *s, size_t n, size_t i)
{
    return s[i] == '\'' || (i + 2 < n && !memcmp(s + i, "\xe2\x80\x99", 3)); /* ' or ’ */
}

#define WORD_END " ,;.:()"

/* The page's word whose key is key or key2 and which has what the value's word lost: an
 * apostrophe (apos), or small letters or an L ("ĐẮK MIL" for "Đắk MII"); *n gets its
 * length. */
static const char *page_copy(const fx_page *pg, const char *key, const char *key2, int apos,
                             size_t *n)
{
    char pkey[96];
    for (size_t l = 0; l < pg->n; l++) {
        const char *t = pg->lines[l].text;
        size_t tl = pg->lines[l].len;
        for (size_t a = 0; a < tl;) {
            while (a < tl && strchr(WORD_END, t[a]))
                a++;
            size_t b = a;
            while (b < tl && !strchr(WORD_END, t[b]))
                b++;
            int has = 0;
            for (size_t c = a; c < b; c++)
                has |= apos ? apostrophe_at(t, tl, c) && c > a
                            : (t[c] >= 'a' && t[c] <= 'z') || t[c] == 'L';
            if (has && b > a && !memchr(t + a, ']', b - a) &&
                bare_key(t + a, b - a, 0, pkey, sizeof pkey) &&
                (!strcmp(key, pkey) || !strcmp(key2, pkey))) {
                *n = b - a;
                return t + a;
            }
            a = b;
        }
    }
    return NULL;
}

char *fx_bracket_repair(const fx_page *pg, const char *value)
{
    size_t len = strlen(value);
    char *out = malloc(4 * len + 1);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    int fixed = 0, left = 0, caps = fx_upper_ratio(value) >= 0.8;
    while (i < len) {
        size_t we = i + strcspn(value + i, " "), n = we - i;
        /* the word's own punctuation stays: "Mi]," is "Mi]" and "," */
        size_t core = n;
        while (core > 1 && strchr(",;.:", value[i + core - 1]))
            core--;
        const char *br = memchr(value + i, ']', core);
        /* "Đắk MII" in small letters: a word in capitals with an I */
        int caps_i = !br && core >= 2 && memchr(value + i, 'I', core) && !caps;
        for (size_t c = i; caps_i && c < i + core; c++)
            caps_i = value[c] >= 'A' && value[c] <= 'Z';
        char key[96], key2[96];
        const char *best = NULL;
        size_t blen = 0;
        /* "N']JANG", "N]JANG", "Mi]": a bracket after the word's first letter */
        if (((br && br > value + i) || caps_i) && bare_key(value + i, core, 0, key, sizeof key) &&
            bare_key(value + i, core, 1, key2, sizeof key2)) {
            best = page_copy(pg, key, key2, !caps_i, &blen);
            if (!best && br)
                best = page_copy(pg, key2, key2, 0, &blen); /* "Mi]" for "Mil" */
            if (!best)
                left = 1;
        }
        if (best) {
            /* the page's spelling, in capitals when the value is; a copy in capitals for a
             * word of a value in small letters capitalised ("MIL" -> "Mil") */
            int title = !caps && fx_upper_ratio(value) < 0.8 && !memchr(best, '\'', blen);
            for (size_t c = 0, k = 0; c < blen; k++) {
                int cp = fx_cp_next(best, blen, &c);
                cp = caps || (title && !k) ? utf8proc_toupper(cp)
                     : title               ? utf8proc_tolower(cp)
                                           : cp;
                o += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out + o);
            }
            memcpy(out + o, value + i + core, n - core);
            o += n - core;
            fixed = 1;
        } else {
            memcpy(out + o, value + i, n);
            o += n;
        }
        i = we;
        while (i < len && value[i] == ' ')
            out[o++] = value[i++];
    }
    out[o] = '\0';
    if (!fixed || left) {
        free(out);
        return NULL;
    }
    return out;
}

/* ---- a Highlands name's apostrophe, voted among the page's readings ---- */

#define VOTE_CPS 24
#define VOTE_MAX 16

int fx_apostrophe_like(int cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == '?' || cp == '`';
}

/* A word's code points (at most VOTE_CPS), OCR's stand-ins for an apostrophe between
 * letters ('?', '’', '‘', '`') made one, and 'ø' (a g) a g; *changed says whether one was.
 * Returns how many, or -1 when the word is too long. */
static int vote_word(const char *s, size_t len, int *cp, int *changed)
{
    int n = 0;
    *changed = 0;
    for (size_t i = 0; i < len;) {
        int c = fx_cp_next(s, len, &i);
        if (n == VOTE_CPS)
            return -1;
        if (c == 0xF8 || (c != '\'' && fx_apostrophe_like(c))) {
            c = c == 0xF8 ? 'g' : '\'';
            *changed = 1;
        }
        cp[n++] = c;
    }
    for (int k = 0; k < n; k++)
        if (cp[k] == '\'' &&
            (k == 0 || k + 1 == n || !fx_cp_letter(cp[k - 1]) || !fx_cp_letter(cp[k + 1])))
            return -1;
    return n;
}

static int vote_dist(const int *a, int na, const int *b, int nb)
{
    int d[VOTE_CPS + 1][VOTE_CPS + 1];
    for (int i = 0; i <= na; i++)
        d[i][0] = i;
    for (int j = 0; j <= nb; j++)
        d[0][j] = j;
    for (int i = 1; i <= na; i++)
        for (int j = 1; j <= nb; j++) {
            int x = d[i - 1][j - 1] + (utf8proc_tolower(a[i - 1]) != utf8proc_tolower(b[j - 1]));
            int y = d[i - 1][j] + 1, z = d[i][j - 1] + 1;
            d[i][j] = x < y ? (x < z ? x : z) : (y < z ? y : z);
        }
    return d[na][nb];
}

/* The end of the word at s[i] (letters, digits and the apostrophe's stand-ins). */
static size_t vote_end(const char *s, size_t len, size_t i)
{
    while (i < len) {
        size_t j = i;
        int c = fx_cp_next(s, len, &j);
        if (!(fx_cp_letter(c) || (c >= '0' && c <= '9') || fx_apostrophe_like(c) || c == 0xF8))
            break;
        i = j;
    }
    return i;
}

typedef struct reading {
    int cp[VOTE_CPS];
    int n, count;
} reading;

char *fx_apostrophe_vote(const fx_page *pg, const char *value)
{
    if (!value)
        return NULL;
    size_t len = strlen(value);
    char *out = malloc(len * 2 + 8);
    if (!out)
        return NULL;
    size_t o = 0, i = 0, prev = 0, prev_len = 0;
    int fixed = 0;
    while (i < len) {
        size_t we = vote_end(value, len, i);
        if (we == i) {
            out[o++] = value[i++];
            continue;
        }
        int vcp[VOTE_CPS], stood, vn = vote_word(value + i, we - i, vcp, &stood);
        reading rd[VOTE_MAX];
        int nr = 0;
        /* the readings on the page after the same word as here ("Cư M'gar", "Cư Mgar", "Cư
         * M'øar"): within two edits of this one, with its first letter */
        for (size_t l = 0; prev_len && vn > 2 && l < pg->n && nr < VOTE_MAX; l++) {
            const char *t = pg->lines[l].text;
            size_t tl = pg->lines[l].len;
            for (const char *h = t; (h = memmem(h, tl - (size_t)(h - t), value + prev, prev_len));
                 h++) {
                size_t a = (size_t)(h - t), b = a + prev_len;
                if ((a > 0 && t[a - 1] != ' ') || b >= tl || t[b] != ' ')
                    continue;
                size_t e = vote_end(t, tl, b + 1);
                int cp[VOTE_CPS], ignored, n = vote_word(t + b + 1, e - b - 1, cp, &ignored);
                if (n < 2 || utf8proc_tolower(cp[0]) != utf8proc_tolower(vcp[0]) ||
                    vote_dist(cp, n, vcp, vn) > 2)
                    continue;
                int k = 0;
                while (k < nr && !(rd[k].n == n && !memcmp(rd[k].cp, cp, (size_t)n * sizeof *cp)))
                    k++;
                if (k == nr && nr < VOTE_MAX) {
                    memcpy(rd[k].cp, cp, sizeof cp);
                    rd[k].n = n;
                    rd[k].count = 0;
                    nr++;
                }
                if (k < nr)
                    rd[k].count++;
                if (nr == VOTE_MAX)
                    break;
            }
        }
        /* the most readings, then the one nearest to all the others */
        int best = -1, best_sum = 0, mine = 0;
        for (int k = 0; k < nr; k++) {
            int sum = 0;
            for (int m = 0; m < nr; m++)
                sum += rd[m].count * vote_dist(rd[k].cp, rd[k].n, rd[m].cp, rd[m].n);
            if (best < 0 || rd[k].count > rd[best].count ||
                (rd[k].count == rd[best].count && sum < best_sum)) {
                best = k;
                best_sum = sum;
            }
            if (rd[k].n == vn && !memcmp(rd[k].cp, vcp, (size_t)vn * sizeof *vcp))
                mine = rd[k].count;
        }
        int apos = 0;
        for (int k = 0; best >= 0 && k < rd[best].n; k++)
            apos |= rd[best].cp[k] == '\'';
        int same =
            best >= 0 && rd[best].n == vn && !memcmp(rd[best].cp, vcp, (size_t)vn * sizeof *vcp);
        /* "M'øar" is the page's "M'gar" already, once its stand-ins are put back */
        int stand_in = same && stood;
        if (best >= 0 && apos && rd[best].count >= 2 &&
            (stand_in || (!same && rd[best].count > mine))) {
            for (int k = 0; k < rd[best].n; k++)
                o += (size_t)utf8proc_encode_char(rd[best].cp[k], (utf8proc_uint8_t *)out + o);
            fixed = 1;
        } else {
            memcpy(out + o, value + i, we - i);
            o += we - i;
        }
        prev = i;
        prev_len = we - i;
        i = we;
        /* only a word after a blank has a word before it */
        if (i < len && value[i] != ' ')
            prev_len = 0;
    }
    out[o] = '\0';
    if (!fixed) {
        free(out);
        return NULL;
    }
    return out;
}
