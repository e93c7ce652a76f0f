#!/bin/bash
# label: slow
# A full disk (a small tmpfs holding the home): the dossiers that do not fit fail with the
# reason and the rest of the batch goes on; what was filed before is untouched, no
# temporary file is left, `hoso verify` passes; an --append that does not fit leaves the
# dossier as it was; with space again the same batch files the rest. Needs root for the
# mount; skipped (exit 77) otherwise.
. "$(dirname "$0")/lib.sh"

DISK=$T/disk
mkdir -p "$DISK"
if ! mount -t tmpfs -o size=4m tmpfs "$DISK" 2>/dev/null; then
    echo "cannot mount a tmpfs here (not root?): skipped"
    exit 77
fi
trap 'umount "$DISK" 2>/dev/null; rm -rf "$T"' EXIT
HOME_DIR=$DISK/h
SRC=$T/src
for x in a b c d e; do
    mkdir -p "$SRC/$x"
    cp "$D/letter_top.png" "$SRC/$x/p1.png"
done
cp "$D/blurred_top.jpg" "$SRC/c/p2.jpg"

run h batch -j 2 "$SRC/a"
expect_rc 0 "first dossier"
code=$(basename "$(ls "$HOME_DIR"/archive/*/*.zip)" .zip)
# fill the disk, leaving too little for an archive and its index rows
dd if=/dev/zero of="$DISK/filler" bs=4k 2>/dev/null
rm -f "$DISK/filler"
avail=$(df -k --output=avail "$DISK" | tail -1)
dd if=/dev/zero of="$DISK/filler" bs=1k count=$((avail - 100)) 2>/dev/null
echo "free: $(df -k --output=avail "$DISK" | tail -1) KB"

run h batch -j 2 "$SRC"
expect_rc 1 "a batch on a full disk"
echo "$out" "$err" | tail -3
grep -qE "No space left on device|disk is full" "$T/err" || fail "the reason is not given"
cat "$T/out" "$T/err" | grep -qF "1 already filed" || fail "the filed dossier is not skipped"
run h batch --report
grep -qE "No space left on device|disk is full" "$T/out" || fail "the report lacks the reason"
[ "$(leftovers)" = 0 ] || fail "temporary archives left behind"
run h verify
expect_rc 0 "verify after a full disk"
expect_out "0 with problems"

# an --append that does not fit: the dossier stays as it was
run h scan --code "$code" --append "$D/letter_top.png"
[ "$rc" != 0 ] || fail "an append on a full disk succeeded"
run h show --json "$code"
[ "$(json 'len(j["pages"])')" = 1 ] || fail "the dossier changed"
[ "$(find "$HOME_DIR/archive" -name '*.prev' -o -name '*.tmp-*' | wc -l)" = 0 ] ||
    fail "temporary files left after the append"
run h verify "$code"
expect_rc 0 "verify the dossier after the failed append"

# space again: the same command files the rest, once
rm -f "$DISK/filler"
run h batch -j 2 "$SRC"
expect_rc 0 "the batch again with space"
archived=$(archives)
[ "$archived" = 5 ] || fail "$archived archives, not 5"
run h verify
expect_rc 0 "verify at the end"
expect_out "5 dossiers checked, 0 with problems"
finish
