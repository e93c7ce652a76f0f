#!/bin/bash
# label: slow
# Nothing filed is ever replaced unknowingly: an index restored from a backup (or a crash
# between a zip's rename and its commit) leaves archives the index does not know; scan,
# scan --code, scan --append, scan --device, batch and merge index them first, never hand
# out their codes again, and never rename over them. A damaged unindexed zip keeps its
# place too.
. "$(dirname "$0")/lib.sh"

sum_of() { sha256sum "$1" | cut -d' ' -f1; }
zip_of() { find "$HOME_DIR/archive" -name "$1.zip"; }

# 1. the issue's reproduction: scan, back up the index, scan, restore it, scan again
run h scan "$D/letter_top.png"
expect_rc 0 "first scan"
A=$out
cp "$HOME_DIR/index.sqlite" "$T/idx.bak"
run h scan "$D/letter_top_g4.tif"
expect_rc 0 "second scan"
B=$out
zb=$(zip_of "$B")
before=$(sum_of "$zb")
cp "$T/idx.bak" "$HOME_DIR/index.sqlite"
rm -f "$HOME_DIR"/index.sqlite-*
run h scan "$D/letter_top_lzw.tif"
expect_rc 0 "third scan after the index was restored"
C=$out
[ "$C" != "$B" ] || fail "the code '$B' of an archive the index did not know was handed out again"
[ "$(sum_of "$zb")" = "$before" ] || fail "the archive of '$B' was replaced"
[ "$(archives)" = 3 ] || fail "three archives"
run h show "$B"
expect_rc 0 "the restored dossier is indexed again"
run h verify
expect_rc 0 "verify clean after adoption"

# 2. --code naming an unindexed archive: refused, the zip untouched
cp "$T/idx.bak" "$HOME_DIR/index.sqlite"
rm -f "$HOME_DIR"/index.sqlite-*
run h scan --code "$B" "$D/letter_top.jpg"
expect_rc 1 "--code of an archive the index lost"
expect_err "already exists"
[ "$(sum_of "$zb")" = "$before" ] || fail "--code replaced the archive of '$B'"

# 3. --append to a dossier the index lost: appended to, its pages kept
cp "$T/idx.bak" "$HOME_DIR/index.sqlite"
rm -f "$HOME_DIR"/index.sqlite-*
run h scan --code "$B" --append --json "$D/letter_top.pgm"
expect_rc 0 "--append to an archive the index lost"
[ "$(json 'j["pages"]')" = 2 ] || fail "the old page and the new one"
before=$(sum_of "$zb")

# 4. a damaged zip the index cannot read: its code is not handed out, the zip kept
printf 'not a zip' >"$T/damaged.zip"
cp "$T/idx.bak" "$HOME_DIR/index.sqlite"
rm -f "$HOME_DIR"/index.sqlite-*
y=$(dirname "$zb")
prefix=${A%-*}
n=${A##*-}
next=$(printf '%s-%04d' "$prefix" $((10#$n + 1)))
mv "$(zip_of "$next")" "$T/next.zip" 2>/dev/null
cp "$T/damaged.zip" "$y/$next.zip"
run h scan "$D/letter_top.png"
expect_rc 0 "scan beside a damaged zip"
[ "$out" != "$next" ] || fail "the code of a damaged archive was handed out"
cmp -s "$T/damaged.zip" "$y/$next.zip" || fail "the damaged archive was replaced"
expect_err "cannot be indexed"
rm -f "$y/$next.zip"
mv "$T/next.zip" "$y/$next.zip"

# 5. merge: a shard home holding a different dossier under a code this home has only on
# disk: a conflict, never a replacement
S=$T/shard
"$HOSO" --home "$S" scan --code "$B" "$D/letter_top.jpg" >/dev/null 2>&1 ||
    fail "shard scan"
cp "$T/idx.bak" "$HOME_DIR/index.sqlite"
rm -f "$HOME_DIR"/index.sqlite-*
before=$(sum_of "$zb")
run h merge "$S"
expect_rc 1 "merge with a conflict"
expect_out "1 conflict"
expect_err "conflict"
[ "$(sum_of "$zb")" = "$before" ] || fail "merge replaced the archive of '$B'"

# 6. batch after the index was restored: new codes only
cp "$T/idx.bak" "$HOME_DIR/index.sqlite"
rm -f "$HOME_DIR"/index.sqlite-*
mkdir -p "$T/src/one"
cp "$D/letter_top.png" "$T/src/one/"
n_before=$(archives)
run h batch "$T/src"
expect_rc 0 "batch"
[ "$(archives)" = $((n_before + 1)) ] || fail "batch filed one new archive"
[ "$(sum_of "$zb")" = "$before" ] || fail "batch replaced the archive of '$B'"

# 7. scan --device (SANE's test backend) after the index was restored
cp "$T/idx.bak" "$HOME_DIR/index.sqlite"
rm -f "$HOME_DIR"/index.sqlite-*
n_before=$(archives)
run h scan --device test:0 --resolution 75 --sane-option "test-picture=Color pattern"
expect_rc 0 "scan --device"
[ "$(archives)" = $((n_before + 1)) ] || fail "scan --device filed one new archive"
[ "$(sum_of "$zb")" = "$before" ] || fail "scan --device replaced the archive of '$B'"
[ "$(leftovers)" = 0 ] || fail "temporary zips left"
run h verify
expect_rc 0 "verify clean at the end"
finish
