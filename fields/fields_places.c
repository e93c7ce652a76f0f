/* fields_places.c - district names put right: OCR misreads a tone of a district's name
 * ("huyện Nghỉ Xuân" for "Nghi Xuân", "UBND HUYỆN PHÙ YÊN" read "PHÚ YÊN") as it does any
 * word's, and an address, an issuer or a place-date with a wrong mark is a wrong value.
 * The districts of the country are a closed list (fx_districts, fields_districts.c): a
 * name read after "huyện", "quận", "thị xã" or "thành phố" whose letters are those of one
 * listed name of its province (of any province when the value names none), and of no
 * other, is given that name's marks, each letter keeping the case it was read in; one a
 * letter from one district of its province takes that district's name. A name whose
 * letters two listed names share with different marks ("Đắk Song", "Đăk Song") is left as
 * read; one that, after this, is none of its province's districts was misread, and
 * fx_district_unknown says so (the value goes to review). */
#define _POSIX_C_SOURCE 200809L /* strndup */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "fields_int.h"

/* The folded words of the listed districts and of their provinces, made once. */
static char **district_fold, **province_fold;
static size_t ndistricts;
static pthread_once_t places_once = PTHREAD_ONCE_INIT;

static void places_init(void)
{
    size_t n = 0;
    while (fx_districts[n].name)
        n++;
    district_fold = calloc(n, sizeof *district_fold);
    province_fold = calloc(n, sizeof *province_fold);
    if (!district_fold || !province_fold) {
        free(district_fold);
        free(province_fold);
        district_fold = province_fold = NULL;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        district_fold[i] = fx_fold(fx_districts[i].name);
        province_fold[i] = fx_fold(fx_districts[i].province);
    }
    ndistricts = n;
}

/* A word of a value: where it starts, its letters' length (without the punctuation that
 * follows) and their fold. */
typedef struct pword {
    size_t at, len;
    char *fold;
} pword;

static size_t split_words(const char *v, pword *w, size_t max)
{
    size_t n = 0, i = 0, len = strlen(v);
    while (i < len && n < max) {
        while (i < len && v[i] == ' ')
            i++;
        if (i >= len)
            break;
        size_t e = i;
        while (e < len && v[e] != ' ')
            e++;
        size_t core = e;
        while (core > i && strchr(",.;:()", v[core - 1]))
            core--;
        char *piece = strndup(v + i, core - i);
        w[n].at = i;
        w[n].len = core - i;
        w[n].fold = piece ? fx_fold(piece) : NULL;
        free(piece);
        if (!w[n].fold)
            break;
        n++;
        i = e;
    }
    return n;
}

/* Does word k end a part of the value (a comma, a semicolon or a bracket after it)? */
static int ends_part(const char *v, const pword *w)
{
    char c = v[w->at + w->len];
    return c == ',' || c == ';' || c == '(' || c == ')';
}

/* Is s[0..len) a capital then small letters? */
static int title_case(const char *s, size_t len)
{
    size_t i = 0;
    int first = fx_cp_next(s, len, &i);
    if (!fx_cp_upper(first) || i >= len)
        return 0;
    while (i < len)
        if (!fx_cp_lower(fx_cp_next(s, len, &i)))
            return 0;
    return 1;
}

/* The listed province whose folded name is name, or NULL. */
static const char *province_named(const char *name)
{
    for (size_t d = 0; d < ndistricts; d++)
        if (province_fold[d] && !strcmp(province_fold[d], name))
            return province_fold[d];
    return NULL;
}

/* The folds of words w[k, k + m) joined by blanks into name (cap bytes); 0 when they do
 * not fit. */
static int join_folds(const pword *w, size_t k, size_t m, char *name, size_t cap)
{
    size_t ln = 0;
    name[0] = '\0';
    for (size_t j = k; j < k + m; j++) {
        int n = snprintf(name + ln, cap - ln, "%s%s", j > k ? " " : "", w[j].fold);
        if (n < 0 || (size_t)n >= cap - ln)
            return 0;
        ln += (size_t)n;
    }
    return 1;
}

/* The province the value names ("tỉnh Hà Tĩnh", "thành phố Hà Nội"), folded, or NULL. */
static const char *province_of(const pword *w, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        size_t k = 0;
        if (!strcmp(w[i].fold, "tinh"))
            k = i + 1;
        else if (!strcmp(w[i].fold, "thanh") && !strcmp(w[i + 1].fold, "pho"))
            k = i + 2;
        for (size_t m = 1; k && m <= 4 && k + m <= n; m++) {
            char name[96];
            const char *p = join_folds(w, k, m, name, sizeof name) ? province_named(name) : NULL;
            if (p)
                return p;
        }
    }
    return NULL;
}

/* The one listed spelling whose fold is name's (a district of province when it is not
 * NULL; with provinces, a province's own name too), or NULL: none, or two spellings that
 * differ ("Phù Yên", a district, and "Phú Yên", a province); *any tells whether any
 * listed name has those letters. */
static const char *listed(const char *name, const char *province, int provinces, int *any)
{
    const char *hit = NULL;
    *any = 0;
    for (size_t d = 0; d < ndistricts; d++) {
        const char *s = NULL;
        if (district_fold[d] && !strcmp(district_fold[d], name) &&
            (!province || (province_fold[d] && !strcmp(province_fold[d], province))))
            s = fx_districts[d].name;
        else if (provinces && province_fold[d] && !strcmp(province_fold[d], name))
            s = fx_districts[d].province;
        if (!s)
            continue;
        *any = 1;
        if (hit && strcmp(hit, s))
            return NULL;
        hit = s;
    }
    return hit;
}

/* Do code points a and b fold alike? Then *agree counts whether they share their case. */
static int same_letter(int a, int b, int *agree)
{
    int32_t fa, fb, la, lb;
    hs_fold_cp(a, &fa, &la);
    hs_fold_cp(b, &fb, &lb);
    if (fa != fb)
        return 0;
    *agree += fx_cp_upper(a) == fx_cp_upper(b);
    return 1;
}

/* How many letters of s and t, from each end up to the first whose folds differ, agree in
 * case: the reading's case picks between spellings that differ only in it. */
static int case_agrees(const char *s, const char *t)
{
    int a[64], b[64], na = 0, nb = 0, agree = 0;
    size_t i = 0, j = 0, sl = strlen(s), tl = strlen(t);
    while (i < sl && na < 64)
        a[na++] = fx_cp_next(s, sl, &i);
    while (j < tl && nb < 64)
        b[nb++] = fx_cp_next(t, tl, &j);
    for (int x = 0; x < na && x < nb && same_letter(a[x], b[x], &agree); x++)
        ;
    for (int x = na - 1, y = nb - 1; x >= 0 && y >= 0 && same_letter(a[x], b[y], &agree); x--, y--)
        ;
    return agree;
}

/* The one district of province (named in the value) whose folded name is one letter from
 * name's ("Đắk R'ấp", "Bắc Trà Mỹy"), or NULL: none, several, or a name too short to tell.
 * Spellings that differ only in case ("Đắk R'Lấp", "Đắk R'lấp") are told apart by the
 * case of the letters read (as, s[0..len)). *any is set when any district is that near. */
static const char *near_listed(const char *name, const char *province, const char *as, size_t len,
                               int *any)
{
    size_t n = strlen(name);
    if (!province || n < 6)
        return NULL;
    char *read = strndup(as, len);
    const char *hit = NULL;
    size_t hit_d = 0;
    int best = -1, tie = 0;
    for (size_t d = 0; d < ndistricts && read; d++) {
        if (!district_fold[d] || !province_fold[d] || strcmp(province_fold[d], province) ||
            fx_within_one(name, n, district_fold[d], strlen(district_fold[d])) != 1)
            continue;
        const char *s = fx_districts[d].name;
        *any = 1;
        if (hit && strcmp(district_fold[d], district_fold[hit_d])) {
            hit = NULL; /* two districts near it */
            break;
        }
        int agree = case_agrees(read, s);
        if (agree > best) {
            best = agree;
            hit = s;
            hit_d = d;
            tie = 0;
        } else if (agree == best && strcmp(s, hit)) {
            tie = 1;
        }
    }
    free(read);
    return tie ? NULL : hit;
}

/* A word without its tone mark, in small letters, and its tone (0 for none): "Hoà" and
 * "Hòa" are one word with the tone put on another vowel, "Hóa" another word. */
static int word_tone(const char *s, size_t len, char *bare, size_t cap)
{
    utf8proc_uint8_t *nfd = NULL;
    char *w = strndup(s, len);
    int tone = 0;
    bare[0] = '\0';
    if (!w || utf8proc_map((const utf8proc_uint8_t *)w, 0, &nfd,
                           UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD) < 0) {
        free(w);
        return -1;
    }
    size_t n = 0, i = 0, dl = strlen((const char *)nfd);
    while (i < dl) {
        int cp = fx_cp_next((const char *)nfd, dl, &i);
        if (cp == 0x300 || cp == 0x301 || cp == 0x303 || cp == 0x309 || cp == 0x323) {
            tone = cp;
            continue;
        }
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t k = cp < 0 ? 0 : utf8proc_encode_char(cp, enc);
        if (k <= 0 || n + (size_t)k + 1 > cap)
            break;
        memcpy(bare + n, enc, (size_t)k);
        n += (size_t)k;
    }
    bare[n] = '\0';
    free(nfd);
    free(w);
    return tone;
}

/* s[0..len) respelled with the marks of want (whose letters fold alike), each letter in
 * the case it has in s, a word whose marks are want's only placed otherwise ("Hoà" for
 * "Hòa") kept as printed; appended to out. 0 when a letter does not match. */
static int respell(const char *s, size_t len, const char *want, hs_buf *out)
{
    size_t i = 0, j = 0, wlen = strlen(want);
    while (i < len && j < wlen) {
        if (s[i] == ' ' || want[j] == ' ') {
            if (s[i] != want[j] || hs_buf_append(out, " ", 1))
                return 0;
            i++;
            j++;
            continue;
        }
        size_t ie = i, je = j;
        while (ie < len && s[ie] != ' ')
            ie++;
        while (je < wlen && want[je] != ' ')
            je++;
        char a[64], b[64];
        int ta = word_tone(s + i, ie - i, a, sizeof a),
            tb = word_tone(want + j, je - j, b, sizeof b);
        if (ta >= 0 && ta == tb && !strcmp(a, b)) {
            if (hs_buf_append(out, s + i, ie - i))
                return 0;
            i = ie;
            j = je;
            continue;
        }
        while (i < ie && j < je) {
            int ca = fx_cp_next(s, ie, &i), cb = fx_cp_next(want, je, &j);
            int32_t fa, fb, la, lb;
            if (ca < 0 || cb < 0)
                return 0;
            hs_fold_cp(ca, &fa, &la);
            hs_fold_cp(cb, &fb, &lb);
            if (fa != fb)
                return 0;
            int32_t c = fx_cp_upper(ca) ? utf8proc_toupper(cb) : utf8proc_tolower(cb);
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t n = utf8proc_encode_char(c, enc);
            if (n <= 0 || hs_buf_append(out, (const char *)enc, (size_t)n))
                return 0;
        }
        if (i != ie || j != je)
            return 0;
    }
    return i == len && j == wlen;
}

/* want appended to out, in capitals when s[0..len) is all capitals. */
static int in_case_of(const char *s, size_t len, const char *want, hs_buf *out)
{
    int caps = 1;
    for (size_t i = 0; i < len && caps;)
        caps = !fx_cp_lower(fx_cp_next(s, len, &i));
    size_t wl = strlen(want);
    for (size_t j = 0; j < wl;) {
        int cp = fx_cp_next(want, wl, &j);
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t n =
            cp < 0 ? 0 : utf8proc_encode_char(caps ? utf8proc_toupper(cp) : cp, enc);
        if (n <= 0 || hs_buf_append(out, (const char *)enc, (size_t)n))
            return 0;
    }
    return 1;
}

typedef struct respelling {
    const char *value;
    const pword *w;
    size_t n;
    const char *province;
    hs_buf out, mask; /* the value respelled; the same, the names respelled in small letters */
    size_t done;      /* bytes of value copied to out */
    int changed, fail;
    int unknown;    /* a district's name not of the value's province */
    int check_only; /* nothing respelled: only unknown found */
    int address;    /* the value is an address: checked with no province named too */
} respelling;

/* Folded words that start the next part of an address when no comma does ("huyện Nghi
 * Xuân tỉnh Hà Tĩnh"), printed in small letters (a name's words are capitalised: "Vĩnh
 * Thạnh", "Quan Hóa"); "thành" and "thị" only before "phố", "xã" or "trấn". */
static const char *const next_unit[] = {"tinh", "huyen", "quan", "xa", "phuong", NULL};

static int unit_starts(const char *value, const pword *w, size_t k, size_t n)
{
    size_t i = 0;
    int first = fx_cp_next(value + w[k].at, w[k].len, &i);
    if (!fx_cp_lower(first))
        return 0;
    for (size_t u = 0; next_unit[u]; u++)
        if (!strcmp(w[k].fold, next_unit[u]))
            return 1;
    return k + 1 < n && ((!strcmp(w[k].fold, "thanh") && !strcmp(w[k + 1].fold, "pho")) ||
                         (!strcmp(w[k].fold, "thi") &&
                          (!strcmp(w[k + 1].fold, "xa") || !strcmp(w[k + 1].fold, "tran"))));
}

/* A district's bodies its unit's word begins ("HUYỆN ỦY", "HUYỆN ĐOÀN", "HUYỆN ĐỘI"):
 * no district's name follows. */
static const char *const party_bodies[] = {"uy", "doan", "doi", NULL};

/* The name from word k on (the words to the end of its part, or to the next unit's word;
 * at most four): respelled when it is, whole, a listed name, or one letter from one (not
 * with whole: then the name must run to the value's end). Returns the index of its last
 * word. With r->check_only nothing is respelled: r->unknown is set for a name that is none
 * of the districts of the value's province. */
static size_t respell_name(respelling *r, size_t k, int provinces, int whole)
{
    const pword *w = r->w;
    size_t m = 0;
    while (k + m < r->n) {
        if (m > 0 && unit_starts(r->value, w, k + m, r->n))
            break;
        m++;
        if (ends_part(r->value, &w[k + m - 1]))
            break;
    }
    if (m == 0 || m > 4 || (whole && k + m != r->n))
        return k + (m ? m - 1 : 0);
    char name[96];
    int fits = join_folds(w, k, m, name, sizeof name);
    size_t from = w[k].at, to = w[k + m - 1].at + w[k + m - 1].len;
    int any = 0;
    const char *want = fits ? listed(name, r->province, provinces, &any) : NULL;
    int exact = any;
    const char *near = any || whole || !fits || r->check_only
                           ? NULL
                           : near_listed(name, r->province, r->value + from, to - from, &any);
    /* a name in capitals or capitalised ("Nghi Xuân", "NGHI XUÂN", "3") that is not (or
     * not yet: a name one letter from two spellings) one of the districts of the province
     * the value names, nor a province (a central city: "thành phố Hà Nội"), was misread or
     * is no district of it */
    size_t at0 = 0;
    int first = fx_cp_next(r->value + from, to - from, &at0);
    /* (with no province named, only an address's part, the name alone in it, is checked
     * against every province's districts: a summary's "huyện Cao Phong năm 2024" runs on) */
    int alone = k + m == r->n || ends_part(r->value, &w[k + m - 1]);
    if (r->check_only && !exact && !whole && fits &&
        (fx_cp_upper(first) || (first >= '0' && first <= '9')) && !province_named(name) &&
        !fx_starts_any(name, party_bodies, NULL) && (r->province || (r->address && alone)))
        r->unknown = 1;
    if (r->check_only)
        return k + m - 1;
    if (want || near) {
        hs_buf part;
        hs_buf_init(&part);
        int ok = want ? respell(r->value + from, to - from, want, &part)
                      : in_case_of(r->value + from, to - from, near, &part);
        if (ok && (part.len != to - from || memcmp(r->value + from, part.data, part.len))) {
            r->fail |= hs_buf_append(&r->out, r->value + r->done, from - r->done) ||
                       hs_buf_append(&r->out, part.data, part.len) ||
                       hs_buf_append(&r->mask, r->value + r->done, from - r->done);
            for (size_t i = 0; i < part.len && !r->fail;) {
                utf8proc_uint8_t enc[4];
                int cp = fx_cp_next(part.data, part.len, &i);
                utf8proc_ssize_t n = cp < 0 ? 0 : utf8proc_encode_char(utf8proc_tolower(cp), enc);
                r->fail |= n <= 0 || hs_buf_append(&r->mask, (const char *)enc, (size_t)n);
            }
            r->done = to;
            r->changed = 1;
        }
        hs_buf_release(&part);
    }
    return k + m - 1;
}

/* Is word w of value "quận" as printed (any case)? */
static int is_quan(const char *value, const pword *w)
{
    static const char *const forms[] = {"quận", "Quận", "QUẬN", NULL};
    for (size_t i = 0; forms[i]; i++)
        if (w->len == strlen(forms[i]) && !memcmp(value + w->at, forms[i], w->len))
            return 1;
    return 0;
}

/* Respells the district names of value (r->value) in r->out; with check_only, only looks
 * for names that are none of its province's districts. */
static void district_names(respelling *r, int whole)
{
    pword w[48];
    r->w = w;
    r->n = split_words(r->value, w, sizeof w / sizeof w[0]);
    r->province = province_of(w, r->n);
    int units = 0;
    for (size_t i = 0; i < r->n && !r->fail; i++) {
        /* "huyện", "HUYỆN", not "Huyền" (a person's name) inside a sentence */
        if (i > 0 && title_case(r->value + w[i].at, w[i].len))
            continue;
        size_t k = 0;
        /* ("quận" with its marks: "QUẢN LÝ", "QUÂN SỰ" in capitals fold alike) */
        if (!strcmp(w[i].fold, "huyen") || (!strcmp(w[i].fold, "quan") && is_quan(r->value, &w[i])))
            k = i + 1;
        else if (i + 1 < r->n && ((!strcmp(w[i].fold, "thi") && !strcmp(w[i + 1].fold, "xa")) ||
                                  (!strcmp(w[i].fold, "thanh") && !strcmp(w[i + 1].fold, "pho"))))
            k = i + 2;
        if (!k || k >= r->n)
            continue;
        units = 1;
        i = respell_name(r, k, 0, 0);
    }
    /* a place-date's place is a name alone: a district's, or a province's */
    if (whole && !units && r->n > 0)
        respell_name(r, 0, 1, 1);
    for (size_t i = 0; i < r->n; i++)
        free(w[i].fold);
    r->w = NULL;
}

char *fx_district_marks(char *value, int whole, char **checked)
{
    *checked = NULL;
    if (!value)
        return NULL;
    pthread_once(&places_once, places_init);
    if (!ndistricts)
        return value;
    respelling r = {.value = value};
    hs_buf_init(&r.out);
    hs_buf_init(&r.mask);
    district_names(&r, whole);
    const char *rest = value + r.done;
    if (!r.changed || r.fail || hs_buf_append(&r.out, rest, strlen(rest)) ||
        hs_buf_append(&r.mask, rest, strlen(rest))) {
        hs_buf_release(&r.out);
        hs_buf_release(&r.mask);
        return value;
    }
    free(value);
    *checked = hs_buf_detach(&r.mask, NULL);
    return hs_buf_detach(&r.out, NULL);
}

int fx_district_unknown(const char *value, int address)
{
    if (!value)
        return 0;
    pthread_once(&places_once, places_init);
    if (!ndistricts)
        return 0;
    /* (an address abroad names districts of its own: "quận Gangnam, …, Đại Hàn Dân Quốc") */
    const char *last = strrchr(value, ',');
    char *lf = address ? fx_fold(last ? last + 1 : value) : NULL;
    size_t u = 0;
    const char *c = lf ? lf + strspn(lf, " ") : NULL;
    int abroad = c && fx_starts_any(c, fx_countries, &u) && strncmp(c, "viet nam", 8) != 0;
    free(lf);
    respelling r = {.value = value, .check_only = 1, .address = address && !abroad};
    district_names(&r, 0);
    return r.unknown;
}
