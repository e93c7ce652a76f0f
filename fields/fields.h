/* fields.h - the field extractor (libhs_fields): the metadata of a page read from its OCR
 * text (titles, numbers, dates, people, contacts), merged into a dossier's. Plain text in,
 * JSON out; no OCR engine here, so it is testable and fuzzable on its own. */
#ifndef HS_FIELDS_H
#define HS_FIELDS_H

#include <jansson.h>
#include <stddef.h>

#include "hs_common.h"

/* Keys as in the corpus's meta.json: doc_type, title, number_symbol, issuer, place,
 * issue_date, summary, dossier_code, applicant, address, id_numbers, phones, emails,
 * procedure, received_at, due_at, receiver, recipient, signer, signer_title, references.
 * A field is present only when a value was found and validated. Each value carries its
 * page, a confidence in [0, 1] and, when the page's type is known, that type as "source":
 *
 *   {"applicant": {"value": "Phạm Minh Tuấn", "page": 1, "confidence": 0.9,
 *                  "source": "giay_tiep_nhan"},
 *    "phones": [{"value": "0905118274", "page": 1, "confidence": 0.9,
 *                "source": "giay_tiep_nhan"}], ...}
 *
 * id_numbers, phones, emails and references are arrays of such objects; every other key
 * holds one. Values are NFC; dates are ISO 8601 ("2020-02-05"), received_at and due_at
 * "YYYY-MM-DDTHH:MM" (a date alone, with less confidence, when no time is given), phones
 * digits only, e-mail lower case, all-capitals names in title case ("Lê Quang Huy").
 * Each value also says where it was read: "line", the 1-based line of the page's text.
 *
 * Precision first: a value whose confidence (from how it was found: label match, format
 * checks such as a 12-digit ID with a province code, a carrier's phone prefix, a real date,
 * a common family name) is under FIELDS_MIN_CONFIDENCE is not given as a field; it goes to
 * "review", an array of entries that also name their "field" and a "reason":
 *
 *   "review": [{"field": "id_numbers", "value": "056087011942", "page": 1,
 *               "confidence": 0.4, "line": 12,
 *               "reason": "a 12-digit number with a province code but no ID label"}]
 *
 * A dossier whose fields have a "review" list needs a person to look (fields_needs_review).
 * All functions are thread-safe. */
#define FIELDS_COUNT 21
#define FIELDS_MIN_CONFIDENCE 0.5

/* The i-th key (0 <= i < FIELDS_COUNT) in the order above, NULL past the end. */
const char *fields_key(size_t i);
/* 1 for the keys whose value is an array (id_numbers, phones, emails, references). */
int fields_is_list(const char *key);

/* Reads the fields of one page. text is borrowed (UTF-8; invalid bytes are replaced),
 * page is the page number to record (>= 0). On success *out is a new object (possibly
 * empty) that the caller json_decref()s. Returns 0, HS_EINVAL (NULL text or out, negative
 * page), HS_ELIMIT (text over 1 MiB) or HS_ENOMEM. */
int fields_extract(const char *text, int page, json_t **out, hs_err *err);

/* Like fields_extract, reading the page's layout from Tesseract's hOCR (hocr, borrowed):
 * lines ordered by position, side-by-side columns (the issuer block left of the national
 * title, "Số ..." left of the place and date, the signature block) told apart by where
 * their words are, and every value's evidence with the "box" [x0, y0, x1, y1] (pixels of
 * the OCR image) of the line it was read from; "line" then counts the page's rows. text
 * (may be NULL) is used when hocr is NULL or holds no line. Returns as fields_extract;
 * HS_ELIMIT for hOCR over 32 MiB. */
int fields_extract_layout(const char *text, const char *hocr, int page, json_t **out, hs_err *err);

/* Merges one page's fields into a dossier's (start from an empty object), in place. The
 * receipt page (source "giay_tiep_nhan") wins dossier_code, applicant, received_at and
 * due_at; otherwise the more confident value wins, and at equal confidence the lower page.
 * Array fields are united by value, review lists by field and value. page_fields is
 * borrowed and copied from. Returns 0,
 * HS_EINVAL when either object is not shaped as above (dossier_fields is then unchanged)
 * or HS_ENOMEM. */
int fields_merge(json_t *dossier_fields, const json_t *page_fields, hs_err *err);

/* How many values of fields (a page's or a dossier's) wait for review; *field and *reason
 * (may be NULL) get the first one's field and reason, borrowed from fields, or NULL. */
int fields_needs_review(const json_t *fields, const char **field, const char **reason);

/* The plain values of fields whose confidence is at least min_confidence:
 * {"applicant": "Phạm Minh Tuấn", "phones": ["0905118274"], ...}, keys in the order above.
 * *out is new (json_decref it). Returns 0, HS_EINVAL or HS_ENOMEM. */
int fields_flatten(const json_t *fields, double min_confidence, json_t **out, hs_err *err);

#endif
