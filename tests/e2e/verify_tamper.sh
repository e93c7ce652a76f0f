#!/bin/bash
# label: slow
# verify passes on intact archives and names each problem: one byte of a page changed
# inside the zip (a valid zip whose manifest no longer matches, and a raw byte flip that
# breaks the zip CRC), a missing archive, an archive the index does not know.
. "$(dirname "$0")/lib.sh"

run h scan --code T-1 "$D/letter_top.png"
expect_rc 0 "scan T-1"
run h scan --code T-2 "$D/letter_top_g4.tif"
expect_rc 0 "scan T-2"
run h verify
expect_rc 0 "verify intact"
expect_out "2 dossiers checked, 0 with problems"
z1=$(ls "$HOME_DIR"/archive/*/T-1.zip)
z2=$(ls "$HOME_DIR"/archive/*/T-2.zip)
cp "$z1" "$T/t1.zip"

# change one byte of the page image and rewrite the zip properly (CRCs valid)
python3 - "$z1" <<'PY'
import sys, zipfile, shutil
src = sys.argv[1]
tmp = src + ".new"
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(tmp, "w") as zo:
    for info in zi.infolist():
        data = zi.read(info.filename)
        if info.filename.endswith("data/images/0001.png"):
            b = bytearray(data); b[len(b) // 2] ^= 0x01; data = bytes(b)
        zo.writestr(info, data)
shutil.move(tmp, src)
PY
run h verify T-1
expect_rc 1 "verify after a changed byte"
expect_err "T-1: checksum mismatch for 'data/images/0001.png'"
expect_out "FAILED  T-1"

# a forger who also rewrites both manifests leaves a self-consistent bag: the checksums
# kept in the index still tell
cp "$T/t1.zip" "$z1"
python3 - "$z1" <<'PY'
import sys, zipfile, shutil, hashlib
src = sys.argv[1]
tmp = src + ".new"
with zipfile.ZipFile(src) as zi:
    files = {i.filename: zi.read(i.filename) for i in zi.infolist()}
    infos = zi.infolist()
top = infos[0].filename.split("/")[0]
img = f"{top}/data/images/0001.png"
b = bytearray(files[img]); b[len(b) // 2] ^= 0x01; files[img] = bytes(b)
def sums(names):
    return "".join(f"{hashlib.sha256(files[f'{top}/{n}']).hexdigest()}  {n}\n" for n in names)
man = [l.split("  ", 1)[1] for l in files[f"{top}/manifest-sha256.txt"].decode().splitlines()]
files[f"{top}/manifest-sha256.txt"] = sums(man).encode()
tag = [l.split("  ", 1)[1] for l in files[f"{top}/tagmanifest-sha256.txt"].decode().splitlines()]
files[f"{top}/tagmanifest-sha256.txt"] = sums(tag).encode()
with zipfile.ZipFile(tmp, "w") as zo:
    for info in infos:
        zo.writestr(info, files[info.filename])
shutil.move(tmp, src)
PY
run h verify T-1
expect_rc 1 "verify of a re-manifested bag"
expect_one_line_err "T-1: 'data/images/0001.png' differs from the checksum in the index"

# a raw byte flipped inside the stored member: the zip's own CRC fails
cp "$T/t1.zip" "$z1"
python3 - "$z1" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
i = b.find(b"IDAT")
b[i + 40] ^= 0xFF
open(p, "wb").write(bytes(b))
PY
run h verify T-1
expect_rc 1 "verify after a raw byte flip"
expect_err "data/images/0001.png"
run h verify T-2
expect_rc 0 "T-2 still intact"

# restore, then remove T-2's archive and add an archive the index does not know
cp "$T/t1.zip" "$z1"
mv "$z2" "$T/t2.zip"
run h verify
expect_rc 1 "verify with a missing archive"
expect_err "T-2"
expect_out "ok      T-1"
mv "$T/t2.zip" "$z2"
cp "$z1" "$HOME_DIR/archive/stray.zip"
run h verify
expect_rc 1 "verify with an unknown archive"
expect_err "'archive/stray.zip' is not in the index"
rm "$HOME_DIR/archive/stray.zip"
run h verify NO-SUCH
expect_rc 1 "verify of an unknown code"
expect_err "no dossier 'NO-SUCH'"
run h verify
expect_rc 0 "all restored"
# the index itself: a full-text index that lost its leaves, then a damaged b-tree page
# (an index of the fields table); each is reported and verify exits 1; reindex mends it
cp "$HOME_DIR/index.sqlite" "$T/idx.good"
sqlite3 "$HOME_DIR/index.sqlite" "DELETE FROM page_text_data WHERE id > 100" ||
    fail "sqlite3 could not edit the index"
run h verify
expect_rc 1 "verify of a damaged full-text index"
expect_err "full-text index"
expect_out "index damaged"
cp "$T/idx.good" "$HOME_DIR/index.sqlite"
rm -f "$HOME_DIR"/index.sqlite-*
pg=$(sqlite3 "$HOME_DIR/index.sqlite" "PRAGMA page_size")
root=$(sqlite3 "$HOME_DIR/index.sqlite" "SELECT rootpage FROM sqlite_master WHERE name = 'fields_key'")
printf 'damaged damaged damaged damaged damaged damaged damaged damaged' |
    dd of="$HOME_DIR/index.sqlite" bs=1 seek=$(((root - 1) * pg + 8)) conv=notrunc status=none
run h verify
expect_rc 1 "verify of a damaged index page"
expect_out "index damaged"
grep -q "verify: index" "$T/err" || grep -q "index" "$T/err" || fail "the damage is named"
# a temporary zip of a writer that is gone (no such process) is cleared by reindex and
# verify, one of a live writer (this shell) is left alone
y=$(ls "$HOME_DIR/archive" | head -1)
touch "$HOME_DIR/archive/$y/GONE.zip.tmp-4194300" "$HOME_DIR/archive/$y/LIVE.zip.tmp-$$"
run h reindex
expect_rc 0 "reindex after damage"
[ ! -e "$HOME_DIR/archive/$y/GONE.zip.tmp-4194300" ] || fail "reindex left a dead writer's zip"
[ -e "$HOME_DIR/archive/$y/LIVE.zip.tmp-$$" ] || fail "reindex removed a live writer's zip"
rm -f "$HOME_DIR/archive/$y/LIVE.zip.tmp-$$"
touch "$HOME_DIR/archive/$y/GONE.zip.tmp-4194301"
run h verify
[ ! -e "$HOME_DIR/archive/$y/GONE.zip.tmp-4194301" ] || fail "verify left a dead writer's zip"
run h verify
expect_rc 0 "clean after reindex"
finish
