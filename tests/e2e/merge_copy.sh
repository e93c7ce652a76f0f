#!/bin/bash
# hoso merge copies the rows of a home's index that shares this schema instead of reading
# every zip again (idx_source_copy), each dossier's rows first checked against its
# archive's manifest. The merged home is the one a merge from the zips makes (same rows,
# same search results, verify clean); a row that does not match its archive is indexed
# from the zip; a same-code, different-content dossier is a conflict and replaces nothing.
. "$(dirname "$0")/lib.sh"

A=$T/a B=$T/b
file_into() { "$HOSO" --home "$1" scan --code "$2" "$3" >/dev/null 2>&1 || fail "scan $2 into $1"; }
file_into "$A" A-1 "$D/born_digital.pdf"
file_into "$A" A-2 "$D/letter_top_g4.pdf"
file_into "$A" A-3 "$D/letter_top_jpeg.pdf"
file_into "$B" B-1 "$D/letter_top_g4.pdf"
file_into "$B" B-2 "$D/born_digital.pdf"

# the reference: the same homes without their indexes, so every zip is read
mkdir -p "$T/plain"
cp -a "$A" "$T/plain/a"
cp -a "$B" "$T/plain/b"
rm -f "$T"/plain/*/index.sqlite*
run "$HOSO" --home "$T/ref" merge "$T/plain/a" "$T/plain/b"
expect_rc 0 "merge from the zips"
expect_out "merged 5 dossiers; 0 already here; 0 conflicts; 0 damaged"
expect_out "indexed: 0 from their homes' indexes (rows copied), 5 from their zips"

F=$T/fast
run "$HOSO" --home "$F" merge "$A" "$B"
expect_rc 0 "merge with the rows copied"
expect_out "merged 5 dossiers; 0 already here; 0 conflicts; 0 damaged"
expect_out "indexed: 5 from their homes' indexes (rows copied), 0 from their zips"
# a's full-text segments copied whole (its page ids free here); b's pages take ids that a's
# now hold, so its text is tokenized again (verify below checks the full-text index)
expect_out "full text: 3 pages in their homes' segments (copied whole)"
# the time it took, and the CPU of the one index writer apart from the checking workers'
grep -Eq '^time: [0-9]+\.[0-9] s; CPU: [0-9]+\.[0-9]{2} s writing the index \(one thread\), [0-9]+\.[0-9]{2} s checking archives$' "$T/out" ||
    fail "no time line: $(cat "$T/out")"
run "$HOSO" --home "$F" verify
expect_rc 0 "verify the merged home"
expect_out "5 dossiers checked, 0 with problems"

# the same rows as the merge from the zips (ids aside), full-text index included
same_rows() {
    python3 - "$1" "$2" <<'PY'
import sqlite3, sys
q = {
 "dossiers": "select code, archive, created, date, pages, record from dossiers order by code",
 "pages": "select d.code, p.page, p.image, p.image_sha256, p.text_path, p.text_sha256, "
          "p.confidence, p.ztext from pages p join dossiers d on d.id = p.dossier_id order by 1, 2",
 "fields": "select d.code, f.key, f.value, f.folded from fields f join dossiers d "
           "on d.id = f.dossier_id order by 1, 2, 3",
 "sigs": "select d.code, p.page, s.sig from page_sigs s join pages p on p.id = s.page_id "
         "join dossiers d on d.id = p.dossier_id order by 1, 2",
 "bands": "select d.code, p.page, b.hash from page_bands b join pages p on p.id = b.page_id "
          "join dossiers d on d.id = p.dossier_id order by 1, 2, 3",
 "status": "select * from status order by 1",
 "jobs": "select path, size, mtime, hash, state, code, pages from jobs order by 1",
 "text": "select d.code, p.page, t.text from page_text t join pages p on p.id = t.rowid "
         "join dossiers d on d.id = p.dossier_id order by 1, 2",
 "vocab": "select term, doc, cnt from page_vocab order by 1",
}
a, b = (sqlite3.connect("file:%s?mode=ro" % p, uri=True) for p in sys.argv[1:3])
for name, sql in q.items():
    try:
        ra, rb = a.execute(sql).fetchall(), b.execute(sql).fetchall()
    except sqlite3.OperationalError as e:
        if "no such" in str(e) or "tokenizer" in str(e):
            continue  # the hoso_vi tokenizer is hoso's: page_text is read through hoso below
        raise
    if ra != rb:
        sys.exit("%s differ: %d and %d rows" % (name, len(ra), len(rb)))
PY
}
same_rows "$F/index.sqlite" "$T/ref/index.sqlite" || fail "rows differ from the merge from the zips"
for q in "thông tin" "khanh hoa" "tiep nhan" "STTTT" "0905118274"; do
    a=$("$HOSO" --home "$F" search --json --limit 50 "$q")
    b=$("$HOSO" --home "$T/ref" search --json --limit 50 "$q")
    [ "$a" = "$b" ] || fail "search '$q' differs from the merge from the zips"
    [ "$(echo "$a" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" -gt 0 ] ||
        fail "search '$q' finds nothing"
done

# run again: nothing copied twice
run "$HOSO" --home "$F" merge "$A" "$B"
expect_rc 0 "merge again"
expect_out "merged 0 dossiers; 5 already here; 0 conflicts; 0 damaged"

# a home whose index says other than its archive: that dossier is read from its zip
C=$T/c
file_into "$C" C-1 "$D/born_digital.pdf"
file_into "$C" C-2 "$D/letter_top_g4.pdf"
python3 - "$C/index.sqlite" <<'PY' || fail "tamper with the index of C"
import sqlite3, sys, zlib
db = sqlite3.connect(sys.argv[1])
text = "xyzzy forged text".encode()
z = len(text).to_bytes(4, "little") + zlib.compress(text)
n = db.execute("update pages set ztext = ? where page = 1 and dossier_id = "
               "(select id from dossiers where code = 'C-1')", (z,)).rowcount
db.commit()
assert n == 1
PY
run "$HOSO" --home "$F" merge "$C"
expect_rc 0 "merge of a home with a wrong row"
expect_out "merged 2 dossiers; 0 already here; 0 conflicts; 0 damaged"
expect_out "indexed: 1 from their homes' indexes (rows copied), 1 from their zips"
run "$HOSO" --home "$F" search "xyzzy"
[ "$rc" = 0 ] && ! grep -q "C-1" "$T/out" || fail "the forged text reached the merged index"
run "$HOSO" --home "$F" search --code C-1 "tiep nhan"
expect_out "C-1"

# a conflict: the same code, other content; reported, nothing replaced, index unchanged
file_into "$T/d" A-1 "$D/letter_top_g4.pdf"
zip=$(find "$F/archive" -name 'A-1.zip')
before=$(sha256sum "$zip" | cut -d' ' -f1)
rows_before=$(python3 -c "import sqlite3; print(sqlite3.connect('$F/index.sqlite').execute('select count(*) from pages').fetchone()[0])")
run "$HOSO" --home "$F" merge "$T/d"
expect_rc 1 "merge with a conflict"
expect_out "merged 0 dossiers; 0 already here; 1 conflict; 0 damaged"
expect_err "conflict: dossier 'A-1' is in both homes with different content"
[ "$(sha256sum "$zip" | cut -d' ' -f1)" = "$before" ] || fail "the conflict replaced A-1's archive"
rows_after=$(python3 -c "import sqlite3; print(sqlite3.connect('$F/index.sqlite').execute('select count(*) from pages').fetchone()[0])")
[ "$rows_before" = "$rows_after" ] || fail "the conflict changed the index"
[ "$(find "$F/archive" -name '*.tmp-*' | wc -l)" = 0 ] || fail "temporary zips left"
run "$HOSO" --home "$F" verify
expect_rc 0 "verify after the conflict"
expect_out "7 dossiers checked, 0 with problems"

# the same code in homes merged one after the other, whose archives are checked while the
# home before is still being committed: the first is kept, a different one is a conflict,
# an identical one is already here; each waits under a temporary name of its own
cp -a "$A" "$T/e"
G=$T/g
run "$HOSO" --home "$G" merge "$A" "$T/d" "$T/e"
expect_rc 1 "merge of three homes sharing a code"
expect_out "merged 3 dossiers; 3 already here; 1 conflict; 0 damaged"
expect_err "conflict: dossier 'A-1' is in both homes with different content"
cmp -s "$(find "$G/archive" -name 'A-1.zip')" "$(find "$A/archive" -name 'A-1.zip')" ||
    fail "A-1 is not the first home's"
[ "$(find "$G/archive" -name '*.tmp-*' | wc -l)" = 0 ] || fail "temporary zips left"
run "$HOSO" --home "$G" verify
expect_rc 0 "verify after merging three homes"
expect_out "3 dossiers checked, 0 with problems"

# a broken zip in a source home: a one-line error, the rest merged, nothing left behind
cp -a "$A" "$T/broken"
z=$(find "$T/broken/archive" -name 'A-2.zip')
truncate -s $(($(stat -c %s "$z") / 2)) "$z"
run "$HOSO" --home "$T/k" merge "$T/broken"
expect_rc 1 "merge of a home with a broken zip"
expect_out "merged 2 dossiers; 0 already here; 0 conflicts; 0 damaged"
expect_err "cannot open zip: Not a zip archive"
[ "$(grep -c . "$T/err")" = 1 ] || fail "more than one line of error for one broken zip"
[ "$(find "$T/k/archive" -name '*.tmp-*' | wc -l)" = 0 ] || fail "temporary zips left"
run "$HOSO" --home "$T/k" verify
expect_rc 0 "verify after a broken zip"
expect_out "2 dossiers checked, 0 with problems"


# homes that are no home, or the target itself, between real ones: each a one-line error,
# the real ones merged (the next home's archives are checked while one is filed)
H=$T/h
mkdir -p "$H"
run "$HOSO" --home "$H" merge "$T/nowhere" "$A" "$H" "$B"
expect_rc 1 "merge with a missing home and the target named"
expect_out "merged 5 dossiers; 0 already here; 0 conflicts; 0 damaged"
expect_err "'$T/nowhere': no such home"
expect_err "is this home"
[ "$(find "$H/archive" -name '*.tmp-*' | wc -l)" = 0 ] || fail "temporary zips left"
run "$HOSO" --home "$H" verify
expect_rc 0 "verify after a merge with bad homes named"
expect_out "5 dossiers checked, 0 with problems"

finish
