#!/bin/bash
# label: slow
# hoso export --dir never writes through a symbolic link (DIR itself, a folder on its way,
# DIR/CODE), never writes over an existing bag (refused in one line, left byte for byte),
# and an export that fails midway (a damaged member, a member path escaping the bag, a bag
# folder that is no name) leaves no partial bag and none of the folders it made.
. "$(dirname "$0")/lib.sh"

run h scan --code T-1 "$D/letter_top.png"
expect_rc 0 "scan T-1"
ZIP=$(ls "$HOME_DIR"/archive/*/T-1.zip)
cp "$ZIP" "$T/t1.zip"

# tree DIR: every file under DIR with its checksum, every link with its target
tree() {
    (cd "$1" && find . -type f -exec sha256sum {} + | sort &&
        find . -type l -printf '%p -> %l\n' | sort)
}
# no staging folder is left anywhere under $T
no_stage() {
    local left
    left=$(find "$T" -name '.hoso-export-*')
    [ -z "$left" ] || fail "staging left: $left"
}

# a plain export: the bag, whole, checksums matching its manifests
run h export T-1 --dir "$T/x/one"
expect_rc 0 "export"
expect_out "$T/x/one/T-1"
(cd "$T/x/one/T-1" && sha256sum -c --quiet manifest-sha256.txt &&
    sha256sum -c --quiet tagmanifest-sha256.txt) || fail "the bag does not match its manifests"
[ -f "$T/x/one/T-1/data/dossier.json" ] && [ -f "$T/x/one/T-1/bagit.txt" ] || fail "layout"
[ "$(ls -A "$T/x/one")" = T-1 ] || fail "more than the bag in DIR: $(ls -A "$T/x/one")"

# again into the same folder: refused, the bag left as it was (even one changed by hand)
echo "a note" >>"$T/x/one/T-1/data/text/0001.txt"
before=$(tree "$T/x/one")
run h export T-1 --dir "$T/x/one"
expect_rc 1 "export over an existing bag"
expect_one_line_err "export: '$T/x/one/T-1' already exists and is not empty"
[ "$(tree "$T/x/one")" = "$before" ] || fail "the existing bag changed"
no_stage
# an empty folder of that name is filled
mkdir -p "$T/x/two/T-1"
run h export T-1 --dir "$T/x/two"
expect_rc 0 "export into an empty folder"
[ -f "$T/x/two/T-1/data/dossier.json" ] || fail "the empty folder was not filled"

# DIR a symbolic link: refused, nothing written where it points
mkdir "$T/real"
ln -s "$T/real" "$T/link"
run h export T-1 --dir "$T/link"
expect_rc 1 "DIR a symbolic link"
expect_one_line_err "export: '$T/link' is a symbolic link"
# a link on the way to DIR, relative or absolute
run h export T-1 --dir "$T/link/sub/deeper"
expect_rc 1 "a symbolic link on the way"
expect_one_line_err "export: '$T/link' is a symbolic link"
cd "$T" || exit 1
run "$HOSO" --home "$HOME_DIR" export T-1 --dir link/sub
cd - >/dev/null || exit 1
expect_rc 1 "a relative path through a link"
expect_one_line_err "export: 'link' is a symbolic link"
[ -z "$(ls -A "$T/real")" ] || fail "written through a link: $(find "$T/real")"
# DIR/CODE a link to a folder, or a dangling one, or a file
mkdir -p "$T/d1" "$T/d2" "$T/d3"
ln -s "$T/real" "$T/d1/T-1"
ln -s "$T/nowhere" "$T/d2/T-1"
echo keep >"$T/d3/T-1"
for d in d1 d2 d3; do
    before=$(tree "$T/$d")
    run h export T-1 --dir "$T/$d"
    expect_rc 1 "DIR/CODE taken ($d)"
    expect_one_line_err "'$T/$d/T-1'"
    [ "$(tree "$T/$d")" = "$before" ] || fail "$d changed"
done
[ -z "$(ls -A "$T/real")" ] && [ ! -e "$T/nowhere" ] || fail "written through DIR/CODE"
no_stage

# a member that fails to read (a byte of the PDF flipped: CRC error) after others were
# unpacked: no partial bag, and the folders made for DIR are gone
python3 - "$ZIP" <<'PY'
import struct, sys, zipfile
p = sys.argv[1]
info = zipfile.ZipFile(p).getinfo("T-1/data/dossier.pdf")
b = bytearray(open(p, "rb").read())
o = info.header_offset
n, m = struct.unpack("<HH", b[o + 26:o + 30])
b[o + 30 + n + m + info.compress_size // 2] ^= 0xFF
open(p, "wb").write(bytes(b))
PY
run h export T-1 --dir "$T/new/deep"
expect_rc 1 "a damaged member"
expect_one_line_err "export: '$T/new/deep/T-1' not written"
[ ! -e "$T/new" ] || fail "a failed export left $(find "$T/new")"
mkdir "$T/kept"
echo keep >"$T/kept/other"
run h export T-1 --dir "$T/kept"
expect_rc 1 "a damaged member, existing DIR"
[ "$(ls -A "$T/kept")" = other ] || fail "a failed export left $(ls -A "$T/kept")"
no_stage

# member paths that leave the bag folder: refused, nothing written outside or inside
python3 - "$T/t1.zip" "$ZIP" <<'PY'
import sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
items = [(i.filename, src.read(i)) for i in src.infolist()]
with zipfile.ZipFile(sys.argv[2], "w") as zo:
    for name, data in items[:3]:
        zo.writestr(name, data)
    zo.writestr("T-1/../../evil.txt", b"x")
    for name, data in items[3:]:
        zo.writestr(name, data)
PY
run h export T-1 --dir "$T/esc/a"
expect_rc 1 "a member path with .."
expect_one_line_err "unsafe member path 'T-1/../../evil.txt'"
[ ! -e "$T/esc" ] && [ -z "$(find "$T" -name evil.txt)" ] || fail "an escaping member was written"
# absolute member paths: the bag folder is no name
python3 - "$T/t1.zip" "$ZIP" <<'PY'
import sys, zipfile
src = zipfile.ZipFile(sys.argv[1])
items = [(i.filename, src.read(i)) for i in src.infolist()]
with zipfile.ZipFile(sys.argv[2], "w") as zo:
    for name, data in items:
        zo.writestr(zipfile.ZipInfo("/" + name), data)
PY
run h export T-1 --dir "$T/abs"
expect_rc 1 "absolute member paths"
[ "$(wc -l <"$T/err")" = 1 ] || fail "absolute member paths: not one line"
[ ! -e "$T/abs" ] && [ ! -e /T-1 ] || fail "absolute member paths were written"
no_stage
cp "$T/t1.zip" "$ZIP"

# a destination that cannot be written (not as root, which writes anyway)
if [ "$(id -u)" != 0 ]; then
    mkdir "$T/ro"
    chmod 555 "$T/ro"
    run h export T-1 --dir "$T/ro"
    expect_rc 1 "an unwritable DIR"
    expect_one_line_err "export: "
    chmod 755 "$T/ro"
    [ -z "$(ls -A "$T/ro")" ] || fail "an unwritable DIR got $(ls -A "$T/ro")"
fi

# a disk that fills midway (a small tmpfs; needs root for the mount, else not checked)
mkdir "$T/disk"
if mount -t tmpfs -o size=24k tmpfs "$T/disk" 2>/dev/null; then
    trap 'umount "$T/disk" 2>/dev/null; rm -rf "$T"' EXIT
    run h export T-1 --dir "$T/disk/out"
    expect_rc 1 "a full disk"
    expect_one_line_err "No space left on device"
    [ -z "$(ls -A "$T/disk")" ] || fail "a full disk left $(find "$T/disk")"
    umount "$T/disk"
fi

run h export T-1 --dir ""
expect_rc 2 "an empty --dir"
run h export T-1 --text
expect_rc 0 "--text"
[ -n "$out" ] || fail "--text printed nothing"
finish
