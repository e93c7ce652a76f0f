#!/bin/sh
# xgettext.sh OUT [VERSION] - writes the message template OUT from the sources (run from
# anywhere; the cmake target "pot" writes po/hoso.pot with it, e2e.i18n compares). Marked:
# _() and ngettext() in cli/; N_() anywhere; hs_tr() and the formats of hs_err_set and
# hs_err_prefix (translated by hs_err itself) and of the verify problem helpers in the
# libraries (common/hs_common.h).
set -e
out=$1
version=${2:-}
cd "$(dirname "$0")/.."
case $out in /*) ;; *) out=$OLDPWD/$out ;; esac
xgettext --from-code=UTF-8 --language=C --package-name=hoso ${version:+--package-version=$version} \
    --sort-by-file --no-wrap --add-comments=TRANSLATORS: \
    --keyword=_ --keyword=N_ --keyword=ngettext:1,2 --keyword=hs_tr \
    --keyword=hs_err_set:4 --flag=hs_err_set:4:c-format \
    --keyword=hs_err_prefix:2 --flag=hs_err_prefix:2:c-format \
    --keyword=problem:2 --flag=problem:2:c-format \
    --keyword=vproblem:2 --flag=vproblem:2:c-format \
    -o "$out" common/*.c scan/*.c ocr/*.c fields/*.c archive/*.c index/*.c pipeline/*.c cli/*.c
