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
finish
