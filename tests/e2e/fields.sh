#!/bin/bash
# label: slow
# Fields read from the pages: a receipt scanned first gives the dossier its code; the
# fields are in dossier.json and `show`, and filter searches (--field, --from/--to, --code,
# --dossiers).
. "$(dirname "$0")/lib.sh"

S=$(dirname "$0")/../../samples/dossier-xaydung
run h scan --json "$S/01-giay-tiep-nhan.png" "$S/02-don.tif"
expect_rc 0 "scan of the sample dossier"
[ "$(json 'j["code"]')" = 000.27.30.H34-200311-0015 ] || fail "code from the receipt page"
[ "$(json 'j["pages"]')" = 3 ] || fail "3 pages"

run h show --json 000.27.30.H34-200311-0015
expect_rc 0 "show --json"
[ "$(json 'j["fields"]["applicant"]["value"]')" = "Phạm Minh Tuấn" ] || fail "applicant"
[ "$(json 'j["fields"]["applicant"]["page"]')" = 1 ] || fail "applicant page"
[ "$(json 'j["fields"]["received_at"]["value"]')" = 2020-03-11T08:40 ] || fail "received_at"
[ "$(json 'j["fields"]["number_symbol"]["value"]')" = "412/QĐ-UBND" ] || fail "number_symbol from page 2"
[ "$(json '[p["value"] for p in j["fields"]["phones"]]')" = "['0905118274', '0935402117']" ] || fail "phones"
run h show 000.27.30.H34-200311-0015
expect_out "applicant      Phạm Minh Tuấn   (p.1, 0.95)"

# the same receipt again: refused, its code exists
run h scan "$S/01-giay-tiep-nhan.png"
expect_rc 1 "the same receipt twice"
expect_one_line_err "the code on its receipt page"

# a second dossier without a receipt: generated code
run h scan --json --agency 000.27.30.H34 "$D/letter_top.png"
code2=$(json 'j["code"]')

run h search --json --field applicant="pham minh tuan" "giay phep"
[ "$(json 'j["total"]')" = 1 ] || fail "--field applicant"
run h search --json --field doc_type=quyet_dinh "giay phep"
[ "$(json 'j["total"]')" = 0 ] || fail "--field doc_type=quyet_dinh: the dossier is a receipt"
run h search --json --dossiers --from 2020-03-01 --to 2020-03-31 "khanh hoa"
[ "$(json 'j["total"]')" = 1 ] || fail "--from/--to on received_at"
[ "$(json 'j["hits"][0]["code"]')" = 000.27.30.H34-200311-0015 ] || fail "--from/--to hit"
run h search --json --dossiers --from 2020-04-01 "khanh hoa"
[ "$(json 'j["total"]')" = 1 ] || fail "--from: only the second dossier (filed today)"
[ "$(json 'j["hits"][0]["code"]')" = "$code2" ] || fail "--from hit"
run h search --json --dossiers --code 000.27.30.H34-2003 "khanh hoa"
[ "$(json 'j["total"]')" = 1 ] || fail "--code prefix"
run h search --json --code 000.27.30.H34-2003 "khanh hoa"
[ "$(json 'set(h["code"] for h in j["hits"])')" = "{'000.27.30.H34-200311-0015'}" ] || fail "--code pages"
run h search --json --dossiers "khanh hoa"
[ "$(json 'j["total"]')" = 2 ] || fail "--dossiers total"
run h search --dossiers "nhân dân"
expect_out "000.27.30.H34-200311-0015  "
run h search --from 2020-02-30 x
expect_rc 2 "bad date"
run h search --field nokey x
expect_rc 2 "bad --field"
run h search --field applicantt=tuan x
expect_rc 2 "a field that does not exist"
expect_err "no field 'applicantt'; fields are doc_type"
# filters alone: the dossiers they select, newest first
run h search --json --dossiers --field applicant="pham minh tuan"
expect_rc 0 "a filter without a query"
[ "$(json 'j["total"]')" = 1 ] || fail "filter-only search"
[ "$(json 'j["hits"][0]["code"]')" = 000.27.30.H34-200311-0015 ] || fail "filter-only hit"
run h search --code 000.27.30.H34
expect_rc 0 "--code alone"
expect_out "pages found"
run h search
expect_rc 2 "neither query nor filter"

# fields survive reindex
rm -f "$HOME_DIR"/index.sqlite*
run h reindex
expect_rc 0 "reindex"
run h search --json --field applicant="pham minh tuan" "giay phep"
[ "$(json 'j["total"]')" = 1 ] || fail "--field after reindex"
finish
