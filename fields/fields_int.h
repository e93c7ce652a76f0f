/* fields_int.h - private helpers of the field extractor, shared by fields*.c: a page
 * of OCR text as lines, each with a folded copy (lower case, no tone marks, đ -> d) for
 * matching labels despite OCR damage, plus digit repair and date parsing. Not thread-hostile:
 * nothing here keeps state outside the structs the caller owns. */
#ifndef HS_FIELDS_INT_H
#define HS_FIELDS_INT_H

#include <stddef.h>

#include "hs_common.h"

/* Inputs larger than this are refused: an OCR page is a few kilobytes. */
#define FX_MAX_TEXT (1024 * 1024)
/* Longest value kept for a text field, in bytes; longer values are not fields. */
#define FX_MAX_VALUE 600
/* A line (segment) is cut to this many bytes: no page has longer lines, and the rules may
 * look at a line once per label or mark in it. */
#define FX_MAX_LINE 1024
/* How far (rows) the next line of a column is looked for. */
#define FX_NEXT_ROWS 12

/* A line is one text segment: a raw line split where 3 or more blanks part two columns
 * ("NGƯỜI NỘP HỒ SƠ        NGƯỜI TIẾP NHẬN HỒ SƠ"), or one hOCR line of words. */
typedef struct fx_line {
    char *text; /* NFC, trimmed, runs of blanks collapsed to one space */
    size_t len;
    char *fold; /* lower case, marks stripped, đ -> d; one byte per ASCII result */
    size_t flen;
    size_t *map; /* map[i]: offset in text of the character fold[i] came from; map[flen] = len */
    int row;     /* the raw line (or hOCR line row) it belongs to; segments of a row share it */
    int col;     /* 0: starts in the left part of the page, 1: a right-hand column */
    int x;       /* where it starts: characters into the raw line, or hOCR pixels */
    int box[4];  /* hOCR bbox x0 y0 x1 y1 of its words; all 0 for plain text */
} fx_line;

typedef struct fx_page {
    fx_line *lines;
    size_t n, cap;
} fx_page;

/* Splits text (NFC, valid UTF-8) into lines (at \n, \r and \f), each line into its
 * columns (at runs of 3 or more blanks; an indented line is a right-hand column) and
 * folds each. Returns 0 or HS_ENOMEM. */
int fx_page_init(fx_page *p, const char *text);
/* Reads a page from Tesseract's hOCR: lines ordered into rows by position, split into
 * columns at wide gaps between words, each with its box. 0 (p may have no line when hocr
 * holds none) or HS_ENOMEM. */
int fx_page_from_hocr(fx_page *p, const char *hocr);
/* Adds one segment to p (text of len bytes, valid UTF-8) at row/col/x. 0 or HS_ENOMEM. */
int fx_page_add(fx_page *p, const char *text, size_t len, int row, int col, int x);
/* The next line after i in the same column (later rows only), skipping up to max_blank
 * blank lines; FX_NONE when there is none. */
size_t fx_next_line(const fx_page *pg, size_t i, int max_blank);
/* The line before i in the same column (earlier rows only), the mirror of fx_next_line. */
size_t fx_prev_line(const fx_page *pg, size_t i, int max_blank);
void fx_page_release(fx_page *p);

/* Folds a UTF-8 string into a malloc'd string the same way as the lines. */
char *fx_fold(const char *s);
/* Does the page print person's name n (2 words or more) on a line other than line i and
 * the one after it (a name wrapped there), with the same marks, case aside? */
int fx_name_elsewhere(const fx_page *pg, size_t i, const char *n);

/* Fold offset of the first character of a line worth reading: skips leading OCR debris
 * ("_", "|", "-", quotes) and list numbering ("4.", "a)"). */
size_t fx_line_start(const fx_line *l);

/* Matches label (folded, e.g. "ma ho so") at fold offset pos of l, ignoring blanks and
 * commas on both sides and allowing an edit budget that grows with the label's length
 * (none under 6 letters). The match must end at a word boundary. Returns the fold offset
 * just after the match, or (size_t)-1; *edits (may be NULL) gets the edits used. */
size_t fx_label_match(const fx_line *l, size_t pos, const char *label, int *edits);
/* Finds label anywhere in l at a word start, at or after pos; returns the offset after it
 * and stores the start in *at. */
size_t fx_label_find(const fx_line *l, size_t pos, const char *label, size_t *at, int *edits);

/* After a label ending at fold offset pos: skips blanks and one ':' (or ';'), reports
 * whether a colon was there, and returns the fold offset of the value. */
size_t fx_after_colon(const fx_line *l, size_t pos, int *colon);

/* "Nơi thường trú      . thôn Đức Lập, …": a label alone in its cell, the row's next cell
 * starting with its colon or leader (or one dot OCR kept of it), or, when the label had its
 * colon, the next cell when it holds no label; the fold offset of the value in line i + 1,
 * or FX_NONE. */
size_t fx_value_in_next_cell(const fx_page *pg, size_t i, int colon);

/* Malloc'd copy of text bytes [from, to) of l, debris trimmed at both ends; NULL when
 * nothing is left or memory runs out. */
char *fx_text_slice(const fx_line *l, size_t from, size_t to);
/* Trims OCR debris (blanks, "_", "|", "-", quotes, ".", ",", ";", ":") at both ends, in place. */
void fx_trim(char *s);

/* Reads a run of digits starting at s, repairing the letters OCR confuses with digits
 * (O o Ø ø -> 0, l I | -> 1). Stops at anything else. Returns the bytes consumed; out gets
 * the digits and a NUL, or "" when the run has no real digit, more repairs than real digits
 * or more than cap-1 digits (a 200-digit run is no number of ours). Adds the repairs to
 * *repairs (may be NULL). */
size_t fx_digits(const char *s, char *out, size_t cap, int *repairs);

/* 1 if y-m-d is a real calendar date with y in [1900, 2100]. */
int fx_date_valid(int y, int m, int d);
/* Parses a date at the start of folded text s: "dd/mm/yyyy" ("-" and "." too) or
 * "ngay d thang m nam yyyy". Returns the bytes consumed, or 0 when s does not start with
 * a valid date. */
size_t fx_date_parse(const char *s, int *y, int *m, int *d, int *repairs);
/* Finds the first valid date in folded text s; returns its offset or -1 ((size_t)-1). */
size_t fx_date_find(const char *s, int *y, int *m, int *d, size_t *dlen, int *repairs);

/* Finds a time of day in folded text s: "08 gio 40 phut", "8 gio", "08h40", "08:40".
 * Returns its offset or (size_t)-1. */
size_t fx_time_find(const char *s, int *hh, int *mm, size_t *tlen, int *repairs);

/* Signs that OCR garbled a text value: characters no Vietnamese text uses ("`", "§",
 * "ƒ", letters outside the Vietnamese alphabet), a capital inside a lower-case word
 * ("pẰép"), a blank before a comma. Returns how many there are. */
int fx_text_anomalies(const char *s);

/* Code points: uppercase/lowercase letter tests and the first code point of s. */
int fx_cp_upper(int cp);
int fx_cp_lower(int cp);
int fx_cp_letter(int cp);
int fx_cp_next(const char *s, size_t len, size_t *i);

/* Share of upper-case letters among the letters of s (0 when it has fewer than 3). */
double fx_upper_ratio(const char *s);
/* A person's name: 2-6 words, letters only, each word capitalised. Returns a malloc'd
 * copy in title case when s was all capitals, or NULL when s is not a name. */
char *fx_name_normalise(const char *s);
/* How many words of a person's name s have no vowel ("Ksor H Bia" for "Ksor H'Bia"): no
 * syllable is so, so OCR broke the word. */
int fx_name_odd_words(const char *s);
/* A name whose apostrophe OCR read as a blank ("Ksor H Bia"): a word of one capital
 * consonant before a capitalised word joined to it ("Ksor H'Bia", the Central Highlands
 * names' prefix), as a new string; NULL when there is none or a word still has no vowel. */
char *fx_name_apostrophe(const char *s);

/* A value with a word OCR broke with a bracket where its apostrophe or an l was ("XÃ NÂM
 * N']JANG", "N]JANG", "Đắk Mi]") or read in capitals with an I for an l ("Đắk MII" in small
 * letters) that the page prints elsewhere with the apostrophe or in small letters ("Nâm
 * N'Jang", "Đắk Mil"; I, l and 1 alike): the value with the page's spelling (in capitals
 * when the value is), as a new string; NULL when there is no such word, or one has no such
 * copy. */
char *fx_bracket_repair(const fx_page *pg, const char *value);

/* A word of value after another ("huyện Cư Mgar", "Cư M'øar") that the page prints after
 * the same word several times and reads otherwise ("Cư M'gar" twice, "Cư M'sar" once): the
 * reading most of the page's copies agree on, when it has an apostrophe (a Highlands name,
 * which OCR reads worst), with '?' for the apostrophe and 'ø' for a g put back. The value
 * so respelled, as a new string; NULL when no word is. */
char *fx_apostrophe_vote(const fx_page *pg, const char *value);
/* An apostrophe, or what OCR reads for one between a Highlands name's letters ('’', '‘',
 * '?', '`'). */
int fx_apostrophe_like(int cp);

/* A name whose Central Highlands prefix OCR glued on: "HLuyến Niê" (two capitals before
 * small letters, as no Vietnamese word has), or "Hluyến Niê" (read from "HLUYẾN NIÊ") while
 * the page prints the word elsewhere as "H'Luyến" or "HLuyến": "H'Luyến Niê", as a new
 * string; NULL when no word is so. */
char *fx_name_glued_prefix(const fx_page *pg, const char *s);

/* 1 if a name written in small letters has a word of two or more letters all in capitals
 * ("Thạch Sê RÌ": OCR misread a letter, and its case with it). */
int fx_name_caps_word(const char *s);
/* Does a place's name in address a start in small letters after its unit ("xã la Pal" for
 * "xã Ia Pal")? Names are capitalised, so OCR misread its first letter. */
int fx_address_name_lower(const char *a);
/* Does address a stop short of its place: its last part (after the last comma) neither a
 * unit and its name ("xã Hà Kỳ", "thành phố Cam Ranh"; after "tỉnh", a province's name)
 * nor a province's or a country's name alone ("…, Quảng Nam", "…, Đại Hàn Dân Quốc")?
 * "số 86 đường Trần Hưng Đạo", "…, tỉnh Quảng", "…, tỉnh Bình Phước, quản nhiệm Chi hội …"
 * do; an address abroad, three parts or more and none a unit of ours, does not. */
int fx_address_unended(const char *a);
/* "xã la Phìn": the Central Highlands' "Ia" OCR read with an l, after a unit's word and
 * before a capitalised word, put back in place ("xã Ia Phìn"). */
void fx_address_ia(char *a);
/* A name OCR glued two words of ("MA THẾLUẬN", "Ma Thếluận") that a line of the page other
 * than `line` prints with its blanks ("… của ông Ma Thế Luận ngày …"): that spelling,
 * normalised (malloc'd), or NULL. The letters (folded, blanks left out) must be the same,
 * in 2 to 5 capitalised words. */
char *fx_glued_name(const fx_page *pg, size_t line, const char *raw);

/* ---- the extraction under way, shared by fields.c and fields_people.c ---- */

/* The keys, in the order of the corpus's meta.json files. */
enum {
    K_DOC_TYPE,
    K_TITLE,
    K_NUMBER_SYMBOL,
    K_ISSUER,
    K_PLACE,
    K_ISSUE_DATE,
    K_SUMMARY,
    K_DOSSIER_CODE,
    K_APPLICANT,
    K_ADDRESS,
    K_ID_NUMBERS,
    K_PHONES,
    K_EMAILS,
    K_PROCEDURE,
    K_RECEIVED_AT,
    K_DUE_AT,
    K_RECEIVER,
    K_RECIPIENT,
    K_SIGNER,
    K_SIGNER_TITLE,
    K_REFERENCES,
    K_COUNT
};

#define FX_LIST_MAX 16

typedef struct fx_val {
    char *value;
    double conf;
    size_t line;     /* where it was found, for rules that look around it and as evidence */
    const char *why; /* a static reason to doubt it, for the review list, or NULL */
} fx_val;

typedef struct fx_list {
    char *items[FX_LIST_MAX];
    double conf[FX_LIST_MAX];
    size_t line[FX_LIST_MAX];
    const char *why[FX_LIST_MAX];
    size_t n;
} fx_list;

typedef struct fx_result {
    fx_val v[K_COUNT];
    fx_list l[K_COUNT];
    size_t at;       /* the line fx_add records as evidence */
    const char *why; /* the reason fx_set / fx_add record with the next value, then reset */
    size_t heading;   /* line of the document-type heading, or (size_t)-1 */
    size_t title_end; /* last line of the title */
    int app_generic;  /* the applicant came from a generic name label ("Họ và tên:") */
    int app_phrase;   /* ... or from a sentence ("… đối với ông Vũ Đức Toản") */
    int nomem;
} fx_result;

#define FX_NONE ((size_t)-1)

static inline int fx_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* Results. fx_set takes ownership of value (NULL is ignored) and keeps the more confident
 * of two candidates; fx_add copies value into a list field, once, found on line r->at.
 * Both take r->why as the value's reason to doubt and reset it. fx_dup is strdup that
 * records a failure in r->nomem. */
void fx_set(fx_result *r, int k, char *value, double conf, size_t line);

/* A notice's or a letter's addressee as its applicant when nothing else named one: a
 * person ("Kính gửi: Ông …", a common family name) or a business ("Kính gửi: CÔNG TY …"),
 * never a public body, nor a list of addressees. */
void fx_applicant_from_recipient(const fx_page *pg, fx_result *r);
/* No address yet: "… của bà Võ Thị Ngọc Lan (Căn cước số …; địa chỉ: Số 27," / "hẻm 114/5,
 * …, Tp. Vũng Tàu; điện thoại …)", the address in the bracket after the applicant's name in
 * a sentence, up to its ";" or ")"; else a line of three units or more with no label a few
 * lines under a line that starts with the name (a receipt's block "LƯỜNG VĂN KHOAN" /
 * "Sinh ngày …" / "BẢN NÀ BAI, XÃ MƯỜNG SANG, HUYỆN MỘC CHÂU, TỈNH SƠN LA"). */
void fx_address_beside_applicant(const fx_page *pg, fx_result *r);
/* Is the page the state's own act: a public body's proposal ("Xét đề nghị của Phòng Tài
 * nguyên …", "Tờ trình số …") and no application ("đơn", "hồ sơ", "đề nghị của ông …")? */
int fx_page_state_initiated(const fx_page *pg);
void fx_add(fx_result *r, int k, const char *value, double conf);
char *fx_dup(fx_result *r, const char *s);
/* A confidence after edits to the label and repairs to the value, never below 0.1. */
double fx_conf(double base, int edits, int repairs);

/* Lines and labels (fields_text.c). fx_starts_word/fx_has_words test folded text for
 * whole words; fx_match_any tries labels at the line start, fx_find_any anywhere (the
 * leftmost wins, its start in *at). Both return the offset after the label or FX_NONE. */
int fx_starts_word(const char *fold, const char *w);
int fx_has_words(const char *s, const char *w);
size_t fx_match_any(const fx_line *l, const char *const *labels, int *edits);
size_t fx_find_any(const fx_line *l, const char *const *labels, size_t *at, int *edits);
/* fx_find_any from fold offset from on: the next label when the first gave nothing */
size_t fx_find_any_from(const fx_line *l, const char *const *labels, size_t from, size_t *at,
                        int *edits);
/* Digits of a line, counting the letters OCR puts for them (o, l, |). */
size_t fx_digit_count(const fx_line *l);
int fx_line_blank(const fx_line *l);
/* Is line i the only segment of its row (no column beside it)? */
int fx_row_alone(const fx_page *pg, size_t i);
/* Does line i follow a cell of its own row (a cell with words before it: that row's
 * label)? */
int fx_after_cell(const fx_page *pg, size_t i);
/* The first segment (leftmost cell) of line i's row. */
size_t fx_row_first(const fx_page *pg, size_t i);
/* The line under line i when line i is its row alone and the next row is one segment, set
 * in right of line i's start, without a colon (a label over its indented value); else
 * FX_NONE. */
size_t fx_indented_below(const fx_page *pg, size_t i);
/* The number of words of a folded string (runs of characters between blanks). */
int fx_words(const char *fold);
/* Where a value starting at fold offset from ends: before the next "Email:", "Điện
 * thoại:"... on the same line, else the line end. */
size_t fx_cut_inline(const fx_line *l, size_t from);
/* The line of the next row after line i (past one blank row) when it is the only line of
 * its row, whatever its column (a centred line's indent makes it a right-hand column);
 * else FX_NONE. */
size_t fx_next_row_alone(const fx_page *pg, size_t i);
/* value (malloc'd, taken) with the wrapped lines after `line` that continue it (they
 * start in lower case, or go on with a name the line before began), at most max_lines. */
char *fx_continue_lines(const fx_page *pg, size_t line, char *value, size_t max_lines);
/* What ended line prev and stays when value, which ends with that line, goes on with the
 * next: "," or ";" (those of keep, when value does not end in one already), " -" (a dash
 * between words: "… DU LỊCH -" / "DỊCH VỤ …"), or "". */
const char *fx_join_sep(const fx_line *prev, const char *value, const char *keep);
/* Does an area code's bracket open at fold offset p of l ("(0274) 3 718 426"), a digit
 * after it (not a note's: "(nhà)")? */
int fx_area_code_at(const fx_line *l, size_t p);
/* value (malloc'd, taken) + " " + the text of l in fold [from, to), keeping the comma that
 * ended prev (the line value came from); value as it was when there is nothing to add. */
char *fx_join(char *value, const fx_line *prev, const fx_line *l, size_t from, size_t to);
/* Does line l, from fold offset p, read as a place-date: one to four capitalised words, a
 * comma and a date ("Thanh Hóa, ngày 22 tháng 10 năm 2024")? No value goes on into one. */
int fx_place_date_line(const fx_line *l, size_t p);
/* Folded names of administrative units: "tinh", "huyen", "xa", ... NULL-terminated. */
extern const char *const fx_admin_units[];
/* Like fx_match_any, also giving the index of the label that matched in *idx. */
size_t fx_match_idx(const fx_line *l, const char *const *labels, int *idx, int *edits);
/* Like fx_after_colon, past a remark in brackets between label and colon ("Tên chủ đầu tư
 * (tên chủ hộ):") and a few words ("Số điện thoại liên hệ:") when allow_words. */
size_t fx_after_label(const fx_line *l, size_t pos, int allow_words, int *colon);
/* 1 if folded s starts with one of words (as whole words); *len gets its length. */
int fx_starts_any(const char *s, const char *const *words, size_t *len);
/* Does s[0..end) end with a dotted leader: "...", "___" or "…"? */
int fx_leader_before(const char *s, size_t end);

/* The label vocabularies, one table per field (fields_labels.c). */
extern const char *const fx_lab_applicant[], *const fx_lab_applicant_generic[], *const fx_lab_org[], *const fx_lab_applicant_inline[],
    *const fx_lab_applicant_phrase[], *const fx_org_words[], *const fx_lab_address[],
    *const fx_lab_address_phrase[], *const fx_lab_address_other[], *const fx_lab_other_party[],
    *const fx_lab_receiving_party[], *const fx_lab_id[], *const fx_lab_not_id[],
    *const fx_lab_phone[], *const fx_lab_procedure[],
    *const fx_lab_recipient[], *const fx_lab_received[], *const fx_lab_due[], *const fx_lab_giver[],
    *const fx_lab_taker[], *const fx_signer_titles[], *const fx_honorifics[], *const fx_body_words[],
    *const fx_address_words[], *const fx_spellings[], *const fx_countries[];

/* How far b[0..bn) is from a[0..an): 0 (equal), 1 (one letter substituted, added or
 * dropped) or 2 (more). */
int fx_within_one(const char *a, size_t an, const char *b, size_t bn);
/* A district of the country (fields_districts.c): its province's name as printed after
 * "tỉnh" or "thành phố", its unit ("huyện", "quận", "thị xã", "thành phố") and its name. */
typedef struct fx_district {
    const char *province, *unit, *name;
} fx_district;
extern const fx_district fx_districts[]; /* ends with a NULL name */
/* Puts back the marks OCR misread in district names of value (malloc'd, taken): a name
 * after a unit's word whose letters are those of one listed district of the value's
 * province (fields_places.c), or one letter from one district of it; with whole, a value
 * that is a name alone (a place-date's) too, against districts and provinces. Returns the
 * value, or a new one; then *checked gets (malloc'd) the new value with the names
 * respelled in small letters, for checks of the marks of the rest of it (NULL when
 * nothing was respelled). */
char *fx_district_marks(char *value, int whole, char **checked);
/* 1 when value names, after a unit's word, a name in capitals or capitalised that is none
 * of the districts of the province it names (misread); an address that names no province
 * is checked against every province's districts, a name that is a whole part of it. */
int fx_district_unknown(const char *value, int address);

/* Puts back the marks OCR got wrong in value (malloc'd, taken): a run of words whose letters
 * are those of a phrase of fx_spellings, or a person's family name (names: the first word)
 * that is a common one, is respelled as it should be, keeping the case of each word.
 * Returns the value, or a new one; *fixed counts the words respelled. */
char *fx_fix_marks(char *value, int names, int *fixed);
/* The same for a heading printed without any mark at all as OCR read it ("THONG BAO"):
 * its phrases of fx_spellings get their marks. */
char *fx_fix_marks_unmarked(char *value, int *fixed);

/* Checks the tone marks of value (read on `line`, or FX_NONE) against the page's other
 * spellings of the same capitalised words, two by two ("NGHI LỘC" in the header, "Nghỉ
 * Lộc" in the address; a person's family name, the first word when person, is left to the
 * list of them): -1 when another reading is printed in small letters, or only in capitals
 * with no copy in small letters agreeing with the value (one reading is wrong and the page
 * cannot tell which), else 0. Thread-safe. */
int fx_marks_check(const fx_page *pg, const char *value, size_t line, int person);

/* A person's name value read from capitals on line `line` whose letters the page prints
 * again in small letters on another line, with other marks: that copy (new string), as
 * OCR reads small letters' marks better than capitals' stacked ones; NULL when there is
 * none, when the small copies disagree, or when the value's own copy is not in capitals. */
char *fx_marks_small_copy(const fx_page *pg, const char *value, size_t line);

/* A value in capitals (an issuer's "CÔNG AN HUYỆN CÂU NGANG") whose pairs of capitalised
 * words the page prints again in small letters on other lines with other marks, every such
 * copy of a pair agreeing ("Cầu Ngang" in the place-date line and the body): the value
 * with those pairs respelled in capitals from the copies (new string), as OCR reads small
 * letters' marks better than capitals' stacked ones. A pair with no small copy is
 * respelled from a copy in capitals that kept a stacked tone the value lost ("TRÔNG" for
 * "TRỒNG"), when every other capitals copy agrees. NULL when nothing is respelled. */
char *fx_marks_caps_respell(const fx_page *pg, const char *value, size_t line);

/* 1 if a family name (folded, n bytes) is a common Vietnamese one. */
int fx_surname(const char *w, size_t n);
/* 1 if the first word of name is a family name spelled with its marks as one is ("Đinh",
 * not "Đỉnh" nor "Bẽ"). */
int fx_real_surname(const char *name);
/* The text of s after an honorific that starts it and its blanks ("Ông Đinh Văn Thuận" ->
 * "Đinh Văn Thuận"; it may be empty), or NULL when s starts with none. */
const char *fx_honorific_end(const char *s);
/* Do names a and b (the same letters) differ where one's word has no mark at all and the
 * other's has a tone on a plain vowel ("Chi" / "Chỉ")? Either reading may be OCR's. */
int fx_bare_against_tone(const char *a, const char *b);
/* Does value end inside a business's name ("… của Công ty TNHH Sản xuất và Thương mại"):
 * a business's kind, and no comma, dot, colon or bracket after it? */
int fx_business_open(const char *value);

/* People, contacts and the receipt's lines (fields_people.c). fx_find_applicant leaves
 * in *hint the word count (and in hint_first the first word) of a label value too damaged
 * to be a name, for fx_find_signature_names to split a two-name line with. */
void fx_find_dossier_code(const fx_page *pg, fx_result *r);
void fx_find_applicant(const fx_page *pg, fx_result *r, int *hint, char *hint_first, size_t cap);
void fx_find_signature_names(const fx_page *pg, fx_result *r, int hint, const char *hint_first);
void fx_find_signer(const fx_page *pg, fx_result *r);
void fx_find_address(const fx_page *pg, fx_result *r);
void fx_find_labelled_text(const fx_page *pg, fx_result *r, int key, const char *const *labels,
                           int need_colon);
void fx_find_id_numbers(const fx_page *pg, fx_result *r);
void fx_find_phones(const fx_page *pg, fx_result *r);
void fx_find_emails(const fx_page *pg, fx_result *r);
void fx_find_datetime(const fx_page *pg, fx_result *r, int key, const char *const *labels);
/* A receipt's date or time under a label no list has ("Trả giấy đăng ký lúc:", "Ngày nhận
 * bản giấy:"): a label of a few words before a colon with "trả" or "hẹn" gives due_at, with
 * "nhận" received_at, when the lists gave none; a little less confidence. */
void fx_find_datetimes_unlisted(const fx_page *pg, fx_result *r);

#endif
