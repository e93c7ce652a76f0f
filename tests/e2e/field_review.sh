#!/bin/bash
# label: slow
# A value read with too little confidence to be given (a 12-digit ID-shaped number under no
# ID label, on tests/data/field_review.png) is left out of the fields and flags its page
# and the dossier for review, with the reason; a page read well with no such value is not
# flagged (letter_top.png).
. "$(dirname "$0")/lib.sh"

run h scan --json --code REV-1 "$D/field_review.png"
expect_rc 0 "scan of a page with a doubtful value"
run h show --json REV-1
expect_rc 0 "show --json"
[ "$(json '[r["field"] for r in j["fields"].get("review", [])]')" = "['id_numbers']" ] ||
    fail "the ID-shaped number is in the review list"
[ "$(json '"id_numbers" in j["fields"]')" = False ] || fail "the doubtful number is not given"
[ "$(json 'j["pages"][0].get("needs_review")')" = True ] || fail "the page needs review"
[ "$(json 'j["pages"][0]["review_reason"].startswith("id_numbers: ")')" = True ] ||
    fail "the page names the field to review"
[ "$(json 'j.get("needs_review")')" = True ] || fail "the dossier needs review"
[ "$(json 'j["review_reasons"][0].startswith("page 1: id_numbers: ")')" = True ] ||
    fail "the dossier lists the reasons"
[ "$(json 'j["pages"][0]["ocr_confidence"] >= 70')" = True ] ||
    fail "the OCR of the page itself was sure (the field alone flags it)"
run h show REV-1
expect_out "Needs review: p.1"

# a page without doubtful values stays unflagged, and so does its dossier
run h scan --json --code REV-2 "$D/letter_top.png"
expect_rc 0 "scan of letter_top"
run h show --json REV-2
[ "$(json 'j["pages"][0].get("needs_review")')" = None ] || fail "letter_top needs no review"
[ "$(json 'j.get("needs_review")')" = None ] || fail "its dossier needs no review"

# the review list and filter take the page a field flagged, though its OCR was sure (the
# index records needs_review from dossier.json); the unflagged page stays off it
run h search --json --needs-review
expect_rc 0 "search --needs-review"
[ "$(json '("REV-1", 1) in [(h["code"], h["page"]) for h in j["hits"]]')" = True ] ||
    fail "--needs-review lists the page whose field was left for review"
[ "$(json '"REV-2" in [h["code"] for h in j["hits"]]')" = False ] ||
    fail "--needs-review leaves out the page without doubtful values"
run h search --json --needs-review --code REV-1
expect_rc 0 "search --needs-review with another filter"
[ "$(json '("REV-1", 1) in [(h["code"], h["page"]) for h in j["hits"]]')" = True ] ||
    fail "--needs-review with a filter lists the flagged page"
run h search --json --needs-review "tra cuu"
expect_rc 0 "search --needs-review with words"
finish
