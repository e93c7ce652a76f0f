#!/bin/bash
# label: slow
# The Debian package: cpack builds it from this build folder, dpkg -x unpacks it into a
# scratch root, and the unpacked hoso runs from there: --version, help, a dossier filed from
# the packaged sample and found by search. Man pages, completion, docs and samples are where
# Debian looks for them; Depends names the libraries and Tesseract's language data.
# Skipped (77) without dpkg-deb or cpack.
. "$(dirname "$0")/lib.sh"
command -v dpkg-deb >/dev/null || { echo "no dpkg-deb: skipped"; exit 77; }
command -v cpack >/dev/null || { echo "no cpack: skipped"; exit 77; }
BUILD=$(cd "$(dirname "$HOSO")" && pwd)
[ -f "$BUILD/CPackConfig.cmake" ] || { echo "no CPackConfig.cmake in $BUILD: skipped"; exit 77; }

(cd "$T" && cpack -G DEB --config "$BUILD/CPackConfig.cmake" -B "$T/pkg") >"$T/cpack.log" 2>&1 ||
    { cat "$T/cpack.log"; rc=1; fail "cpack -G DEB"; finish; }
deb=$(ls "$T"/pkg/hoso_*.deb 2>/dev/null | head -1)
[ -f "$deb" ] || { rc=1; fail "no hoso_*.deb made"; finish; }
depends=$(dpkg-deb -f "$deb" Depends)
for d in tesseract-ocr-vie tesseract-ocr-eng libtesseract libsqlite3 libzip; do
    echo "$depends" | grep -q "$d" || { rc=1; fail "Depends lacks $d: $depends"; }
done

dpkg-deb -x "$deb" "$T/root"
R=$T/root/usr
for f in bin/hoso share/man/man1/hoso.1 share/man/man1/hoso-scan.1 share/man/man1/hoso-doctor.1 \
    share/bash-completion/completions/hoso share/doc/hoso/README.md share/doc/hoso/reception.md \
    share/hoso/samples/dossier-xaydung/01-giay-tiep-nhan.png; do
    [ -e "$R/$f" ] || { rc=1; fail "the package lacks /usr/$f"; }
done
if command -v man >/dev/null; then
    MANWIDTH=80 man -l -P cat "$R/share/man/man1/hoso-search.1" 2>/dev/null | grep -q "^NAME" ||
        { rc=1; fail "the packaged man page does not render"; }
fi

# the installed binary, run from the scratch root (its libraries are the system's)
run env LD_LIBRARY_PATH="$R/lib:${LD_LIBRARY_PATH:-}" "$R/bin/hoso" --version
expect_rc 0 "installed hoso --version"
expect_out "hoso "
run "$R/bin/hoso" help scan
expect_rc 0 "installed hoso help scan"
expect_out "usage: hoso scan"
run "$R/bin/hoso" --home "$HOME_DIR" scan --code PKG-1 \
    "$R/share/hoso/samples/dossier-xaydung/01-giay-tiep-nhan.png"
expect_rc 0 "installed hoso scan of the packaged sample"
run "$R/bin/hoso" --home "$HOME_DIR" search --dossiers "tiep nhan"
expect_rc 0 "installed hoso search"
expect_out "PKG-1"
# the Vietnamese catalogue, found beside the installed binary (../share/locale)
if command -v msgfmt >/dev/null; then
    [ -e "$R/share/locale/vi/LC_MESSAGES/hoso.mo" ] || { rc=1; fail "the package lacks hoso.mo"; }
    if locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$' ||
        { command -v localedef >/dev/null && mkdir -p "$T/loc" &&
            localedef -i vi_VN -f UTF-8 "$T/loc/vi_VN.UTF-8" 2>/dev/null && export LOCPATH=$T/loc; }; then
        run env LC_ALL=vi_VN.UTF-8 LANGUAGE= HOSO_LOCALEDIR= "$R/bin/hoso" help
        expect_rc 0 "installed hoso help in Vietnamese"
        expect_out "cách dùng:"
    fi
fi
# the packaged completion completes the home's codes
run env PATH="$R/bin:$PATH" HOSO_HOME="$HOME_DIR" bash -c '
    . "$1"; COMP_WORDS=(hoso show PK); COMP_CWORD=2; _hoso; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$R/share/bash-completion/completions/hoso"
expect_out "PKG-1"
finish
