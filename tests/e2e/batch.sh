#!/bin/bash
# label: slow
# hoso batch: folders and list files, fault isolation with a report, --json events,
# resuming after kill -9 at random moments (every dossier filed exactly once, no
# temporary zip left, verify clean), --shard.
. "$(dirname "$0")/lib.sh"

S=$T/src
mkdir -p "$S/a" "$S/b" "$S/c/deep" "$S/bad" "$S/tiffs"
cp "$D/letter_top.png" "$S/a/"
cp "$D/letter_top_g4.tif" "$D/letter_top.jpg" "$S/b/"
cp "$D/letter_top.pgm" "$S/c/deep/"
cp "$D/truncated.tif" "$S/bad/"
# a folder holding several multi-page TIFFs: each is a dossier; both start with the same
# receipt, so they claim the same code: one is filed, the other refused
cp "$D/dossier4.tif" "$S/tiffs/one.tif"
cp "$D/dossier4.tif" "$S/tiffs/two.tif"
printf 'L-0001\ta/letter_top.png\nno tab here\nL-0002\tb/letter_top.jpg,b/letter_top_g4.tif\n../x\tx.png\n' >"$T/list.txt"
sed -i "s#\ta/#\t$S/a/#; s#\tb/#\t$S/b/#; s#,b/#,$S/b/#" "$T/list.txt"

run h batch -j 2 --json "$S" "$T/list.txt" "$T/no-such-folder"
expect_rc 1 "a batch with failures"
python3 - "$T/out" <<'PY' || fail "json events"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
d = [e for e in ev if e["event"] == "dossier"]
s = ev[-1]
assert s["event"] == "summary", s
assert s["filed"] == 6, s   # a, b, c/deep, one of the two TIFFs, L-0001, L-0002
assert s["failed"] == 5, s  # bad/, the other TIFF, list lines 2 and 4, missing folder
assert {e["status"] for e in d} == {"filed", "failed"}
assert sum(e.get("pages", 0) for e in d if e["status"] == "filed") == 1 + 2 + 1 + 4 + 1 + 2
assert sum("already exists" in e.get("error", "") for e in d) == 1
assert all(e["error"] for e in d if e["status"] == "failed")
PY
# the two files of b/ are read side by side by the two workers and joined in name order:
# page 1 is the JPEG, page 2 the G4 TIFF, in dossier.json and in the searchable PDF
python3 - "$HOME_DIR/archive" "$S/b" <<'PY' || fail "b/ pages in file order, in the record and the PDF"
import glob, json, subprocess, sys, tempfile, zipfile
for z in glob.glob(sys.argv[1] + "/**/*.zip", recursive=True):
    with zipfile.ZipFile(z) as zf:
        names = [n for n in zf.namelist() if n.endswith("data/dossier.json")]
        rec = json.loads(zf.read(names[0]))
        if rec.get("batch", {}).get("source") != sys.argv[2]:
            continue
        src = [p["source"] for p in rec["pages"]]
        assert src == ["letter_top.jpg", "letter_top_g4.tif"], src
        assert [p["page"] for p in rec["pages"]] == [1, 2]
        pdf = [n for n in zf.namelist() if n.endswith("data/dossier.pdf")][0]
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(zf.read(pdf)); f.flush()
            info = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True).stdout
            assert "Pages:           2" in info, info
            for k in (1, 2):
                t = subprocess.run(["pdftotext", "-f", str(k), "-l", str(k), f.name, "-"],
                                   capture_output=True, text=True).stdout
                assert "KHÁNH HÒA" in t, (k, t)
        sys.exit(0)
sys.exit("no archive of " + sys.argv[2])
PY
run h batch --report
expect_rc 1 "report lists failures"
expect_out "truncated.tif"
expect_out "line 2: expected"
expect_out "bad dossier code '../x'"
expect_out "no-such-folder"
expect_out "(the code on its receipt page) already exists"
run h batch --report --json
expect_rc 1 "report --json"
[ "$(json 'len(j)')" = 5 ] || fail "5 failures in the JSON report"
run h verify
expect_rc 0 "verify after the batch"
[ "$(archives)" = 6 ] || fail "6 archives"

# the same command again: nothing filed twice, failures retried
run h batch -j 2 "$S" "$T/list.txt"
expect_rc 1 "rerun: the broken inputs fail again"
expect_out "0 filed, 6 already filed, 4 failed"
[ "$(archives)" = 6 ] || fail "still 6 archives"

# touched, or the index rebuilt: still the same inputs, not filed again
touch "$S/a/letter_top.png"
rm -f "$HOME_DIR"/index.sqlite*
run h reindex
expect_rc 0 "reindex"
run h batch -j 2 "$S" "$T/list.txt"
expect_out "0 filed, 6 already filed, 4 failed"
[ "$(archives)" = 6 ] || fail "no duplicate after touch and reindex"
# changed content: reported, not filed twice
cp "$D/letter_top.jpg" "$S/a/letter_top.png"
run h batch "$S/a"
expect_rc 1 "a changed input"
expect_err "changed since it was filed"
[ "$(archives)" = 6 ] || fail "no duplicate for a changed input"

# kill -9 at random moments, then resume: every dossier exactly once
mkdir -p "$T/many"
for i in $(seq 1 8); do
    mkdir -p "$T/many/d$i"
    cp "$D/letter_top.png" "$T/many/d$i/p1.png"
    cp "$D/letter_top_lzw.tif" "$T/many/d$i/p2.tif"
done
for seed in 1 2 3; do
    H2=$T/kill$seed
    RANDOM=$seed
    for round in 1 2 3; do
        "$HOSO" --home "$H2" batch -j 2 "$T/many" >/dev/null 2>&1 &
        pid=$!
        sleep "0.$((RANDOM % 9 + 1))"
        kill -9 $pid 2>/dev/null
        wait $pid 2>/dev/null
    done
    run "$HOSO" --home "$H2" batch -j 2 "$T/many"
    expect_rc 0 "seed $seed: resume"
    n=$(find "$H2/archive" -name '*.zip' | wc -l)
    [ "$n" = 8 ] || fail "seed $seed: $n archives, not 8"
    [ "$(find "$H2/archive" -name '*.tmp-*' | wc -l)" = 0 ] || fail "seed $seed: temporary zips left"
    run "$HOSO" --home "$H2" verify
    expect_rc 0 "seed $seed: verify"
    expect_out "8 dossiers checked, 0 with problems"
    run "$HOSO" --home "$H2" batch "$T/many"
    expect_out "0 filed, 8 already filed"
done

# --shard: two machines split the backlog without overlap
run "$HOSO" --home "$T/s1" batch --shard 1/2 "$T/many"
expect_rc 0 "shard 1/2"
run "$HOSO" --home "$T/s2" batch --shard 2/2 "$T/many"
expect_rc 0 "shard 2/2"
n1=$(find "$T/s1/archive" -name '*.zip' | wc -l)
n2=$(find "$T/s2/archive" -name '*.zip' | wc -l)
[ $((n1 + n2)) = 8 ] && [ "$n1" -gt 0 ] && [ "$n2" -gt 0 ] || fail "shards $n1 + $n2 != 8"
run "$HOSO" --home "$T/s1" batch --shard 3/2 "$T/many"
expect_rc 2 "bad shard"

# merge: the shards fold into one home; merging again changes nothing
run "$HOSO" --home "$T/all" merge "$T/s1" "$T/s2"
expect_rc 0 "merge"
expect_out "merged 8 dossiers; 0 already here; 0 conflicts"
run "$HOSO" --home "$T/all" merge "$T/s1"
expect_out "merged 0 dossiers; $n1 already here"
run "$HOSO" --home "$T/all" verify
expect_rc 0 "verify the merged home"
expect_out "8 dossiers checked, 0 with problems"
run "$HOSO" --home "$T/all" search --dossiers "thông tin"
expect_out "8 dossiers found"
# a conflicting code: same code, different content, in another home
run "$HOSO" --home "$T/other" scan --code "$(ls "$T/s1/archive"/*/ | head -1 | sed 's/.zip$//')" "$D/letter_top_g4.tif"
expect_rc 0 "a dossier with a clashing code"
run "$HOSO" --home "$T/all" merge "$T/other"
expect_rc 1 "merge with a conflict"
expect_err "conflict"
run "$HOSO" --home "$T/all" verify
expect_rc 0 "the conflict harmed nothing"

# two lines of a list claiming one code: the first is filed, the second reported
H3=$T/dup
printf 'DUP-1\t%s\nDUP-1\t%s\n' "$T/many/d1/p1.png" "$T/many/d2/p1.png" >"$T/dup.txt"
run "$HOSO" --home "$H3" batch "$T/dup.txt"
expect_rc 1 "a code listed twice"
expect_err "line 2: code 'DUP-1' is listed twice (first on line 1)"
run "$HOSO" --home "$H3" batch --report
expect_rc 1 "the report names the second line"
expect_out "dup.txt:2"
[ "$(find "$H3/archive" -name '*.zip' | wc -l)" = 1 ] || fail "one archive for a code listed twice"
run "$HOSO" --home "$H3" show DUP-1
expect_out "p1.png"
run "$HOSO" --home "$H3" verify
expect_rc 0 "the first of two lines with one code is filed intact"

# a folder with no image files in it or below is reported, and nothing is filed for it
mkdir -p "$T/noimg/empty/sub"
echo "not an image" >"$T/noimg/empty/readme.txt"
run "$HOSO" --home "$H3" batch "$T/noimg/empty"
expect_rc 1 "a folder without images"
expect_one_line_err "no image files in this folder or below"
[ "$(find "$H3/archive" -name '*.zip' | wc -l)" = 1 ] || fail "nothing filed for an empty folder"

# a symbolic link back up, and the same folder given twice: each folder is walked once
mkdir -p "$T/loop/x"
cp "$D/letter_top.png" "$T/loop/x/"
ln -s .. "$T/loop/x/up"
ln -s x "$T/loop/x2"
run "$HOSO" --home "$T/loophome" batch "$T/loop" "$T/loop"
expect_rc 0 "a folder tree with a link loop"
expect_out "1 dossier: 1 filed"

# a file that vanishes while the batch runs fails its dossier only (listed at the start,
# gone when its turn comes: the first dossier, four pages, takes seconds)
mkdir -p "$T/vanish/a" "$T/vanish/b"
cp "$D/dossier4.tif" "$T/vanish/a/"
cp "$D/letter_top.png" "$T/vanish/b/"
"$HOSO" --home "$T/vanishhome" batch -j 1 "$T/vanish" >"$T/vanish.out" 2>"$T/vanish.err" &
vpid=$!
sleep 0.5
rm "$T/vanish/b/letter_top.png"
wait $vpid
vrc=$?
[ "$vrc" = 1 ] || fail "a vanished file fails the batch (rc $vrc)"
grep -q "1 filed" "$T/vanish.out" || fail "the other dossier is filed: $(cat "$T/vanish.out")"
grep -q "letter_top.png" "$T/vanish.err" || fail "the vanished file is named: $(cat "$T/vanish.err")"
run "$HOSO" --home "$T/vanishhome" batch --report
expect_out "vanish/b"
run "$HOSO" --home "$T/vanishhome" verify
expect_rc 0 "the dossier filed before the vanished file is intact"

# an unreadable folder fails alone (as root every folder is readable: run as nobody)
mkdir -p "$T/ur/src/ok" "$T/ur/src/locked"
cp "$D/letter_top.png" "$T/ur/src/ok/"
cp "$D/letter_top.png" "$T/ur/src/locked/"
chmod 000 "$T/ur/src/locked"
chmod 777 "$T/ur"
chmod o+x "$T" # nobody passes through the test folder
as_user=()
[ "$(id -u)" = 0 ] && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
# (skipped where nobody cannot run this build, e.g. a checkout under /root)
if [ "$(id -u)" != 0 ] || { command -v setpriv >/dev/null &&
    "${as_user[@]}" "$HOSO" --version >/dev/null 2>&1 && "${as_user[@]}" test -r "$D/letter_top.png"; }; then
    run "${as_user[@]}" "$HOSO" --home "$T/ur/home" batch "$T/ur/src"
    expect_rc 1 "an unreadable folder"
    expect_err "'$T/ur/src/locked': cannot read folder: Permission denied"
    expect_out "1 filed"
    run "$HOSO" --home "$T/ur/home" verify
    expect_rc 0 "the readable folder's dossier is intact"
fi
chmod 755 "$T/ur/src/locked"

# one batch at a time in a home
flock "$T/loophome/batch.lock" sleep 5 &
lockpid=$!
sleep 0.5
run "$HOSO" --home "$T/loophome" batch "$T/loop"
expect_rc 1 "a second batch on the same home"
expect_one_line_err "another batch is running"
wait $lockpid

# the per-page time limit stops a page and reports it; the rest of the batch goes on
run "$HOSO" --home "$T/slow" batch -j 1 --page-timeout 0.01 "$T/many/d1" "$T/many/d2"
expect_rc 1 "pages over the time limit"
expect_err "stopped after 0.01 s (the page time limit)"
run "$HOSO" --home "$T/slow" batch --report --json
[ "$(json 'len(j)')" = 2 ] || fail "both timed-out inputs in the report"
run "$HOSO" --home "$T/slow" batch -j 1 "$T/many/d1"
expect_rc 0 "without the limit the page is filed"
run "$HOSO" --home "$T/slow" batch --page-timeout 0 "$T/many/d1"
expect_rc 2 "a time limit of 0"

# on a terminal, a live line with dossiers and pages done of their total
script -qec "\"$HOSO\" --home \"$T/tty\" batch -j 2 \"$T/many/d1\" \"$T/many/d2\"" /dev/null >"$T/tty.out" 2>&1
grep -q "dossiers 2/2  pages 4/4" "$T/tty.out" || fail "progress line with pages: $(tr '\r' '\n' <"$T/tty.out" | tail -3)"
# PDFs: a folder of several multi-page PDFs is a dossier each (as TIFFs are); a folder of
# single-page PDFs is one dossier of their pages
mkdir -p "$T/pdfs/multi" "$T/pdfs/single"
qpdf --empty --pages "$D/letter_top_g4.pdf" "$D/letter_top_jpeg.pdf" -- "$T/pdfs/multi/a.pdf"
qpdf --empty --pages "$D/letter_top_jpeg.pdf" "$D/letter_top_g4.pdf" -- "$T/pdfs/multi/b.pdf"
cp "$D/letter_top_g4.pdf" "$D/letter_top_jpeg.pdf" "$T/pdfs/single/"
run "$HOSO" --home "$T/pdfhome" batch -j 2 --json "$T/pdfs"
expect_rc 0 "a batch of PDFs"
python3 - "$T/out" "$T/pdfs" <<'PY' || fail "multi-page PDFs a dossier each, single-page PDFs one"
import json, sys
d = {e["input"]: e for e in map(json.loads, open(sys.argv[1])) if e["event"] == "dossier"}
root = sys.argv[2]
assert set(d) == {root + "/multi/a.pdf", root + "/multi/b.pdf", root + "/single"}, d
assert all(e["status"] == "filed" and e["pages"] == 2 for e in d.values()), d
PY
finish
