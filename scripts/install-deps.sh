#!/bin/bash
# Installs hoso's build and run-time dependencies from Debian 12 packages.
# Runs apt-get through sudo when not root.
set -euo pipefail
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends \
    build-essential cmake pkg-config \
    libzbar-dev libqrencode-dev qrencode imagemagick clang-14 libclang-rt-14-dev \
    libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng \
    tesseract-ocr-osd libtiff-dev libzip-dev libsqlite3-dev sqlite3 libutf8proc-dev \
    libssl-dev libjansson-dev zlib1g-dev libsane-dev libmicrohttpd-dev libqpdf-dev \
    python3 unzip zip poppler-utils qpdf curl slurm-wlm munge \
    libmupdf-dev libharfbuzz-dev libmujs-dev libgumbo-dev libopenjp2-7-dev libjbig2dec0-dev \
    libjpeg-dev libpng-dev libdeflate-dev icc-profiles-free gettext locales
# the Vietnamese locale, in which hoso speaks Vietnamese (e2e.i18n runs under it)
if ! locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$'; then
    $SUDO localedef -i vi_VN -f UTF-8 vi_VN.UTF-8
fi
