#!/bin/bash
# bench/pdf/run.sh - PDF in, PDF/A out (issue 20), side by side with OCRmyPDF in one run.
# From the four documents of ../shared/corpus/vi, makes four scanned PDFs of four pages
# each with img2pdf (the pages' data copied as it is):
#   g4-300    the corpus's 300-dpi bilevel G4 scans (bitonal_g4.tif)
#   g4-200    the clean renders at 200 dpi, thresholded, G4 (ImageMagick)
#   jpeg-300  the clean renders as 300-dpi JPEG, quality 75 (ImageMagick)
#   jpeg-200  the corpus's 200-dpi JPEG scans (lowres.jpg)
# then files each with `hoso scan` (one dossier, its dossier.pdf PDF/A-2b) and converts
# it with `ocrmypdf -l vie --output-type pdfa -j 1 --sidecar`, both one process on one
# core (OMP_THREAD_LIMIT=1), one after the other. Prints per PDF: pages, CER of hoso's
# text (from the bag), CER of the same pages read from PNG files of the same pixels
# (`hoso ocr`), CER of OCRmyPDF's text, seconds per page and output bytes per page of
# each, and the ratios; then the totals and whether the goals are met (CER no worse than
# from PNG, >= 5x OCRmyPDF's pages per minute, PDF no larger than OCRmyPDF's).
# usage: bench/pdf/run.sh [--no-ocrmypdf] [BUILD_DIR] [CORPUS_DIR]
#        (defaults build/ and ../shared/corpus/vi; needs img2pdf, ImageMagick, qpdf)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
ocrmypdf=1
if [ "${1:-}" = --no-ocrmypdf ]; then
    ocrmypdf=0
    shift
fi
hoso=${1:-$here/build}/hoso
corpus=${2:-$here/../shared/corpus/vi}
cer_py=$here/../shared/tools/cer.py
[ -x "$hoso" ] || { echo "bench/pdf: no hoso at '$hoso'" >&2; exit 2; }
[ -d "$corpus" ] || { echo "bench/pdf: no corpus at '$corpus'" >&2; exit 2; }
for tool in img2pdf convert qpdf python3; do
    command -v $tool >/dev/null || { echo "bench/pdf: $tool is needed" >&2; exit 2; }
done
if [ $ocrmypdf = 1 ] && ! command -v ocrmypdf >/dev/null; then
    echo "bench/pdf: no ocrmypdf (apt-get install ocrmypdf), running without it" >&2
    ocrmypdf=0
fi
export OMP_THREAD_LIMIT=1
t=$(mktemp -d /tmp/hoso-benchpdf.XXXXXX)
trap 'rm -rf "$t"' EXIT
docs=$(cd "$corpus" && ls ./*.meta.json | sed 's#^\./##; s#\.meta\.json$##')

# ---- the inputs: per variant one page image per document, then one PDF of them ----
mkdir -p "$t/img" "$t/png"
for d in $docs; do
    cp "$corpus/$d.bitonal_g4.tif" "$t/img/$d.g4-300.tif"
    convert "$corpus/$d.clean.png" -colorspace gray -resize 66.667% -threshold 55% \
        -type bilevel -compress Group4 -units PixelsPerInch -density 200 "$t/img/$d.g4-200.tif"
    convert "$corpus/$d.clean.png" -colorspace gray -quality 75 -units PixelsPerInch \
        -density 300 "$t/img/$d.jpeg-300.jpg"
    cp "$corpus/$d.lowres.jpg" "$t/img/$d.jpeg-200.jpg"
done
variants="g4-300 g4-200 jpeg-300 jpeg-200"
for v in $variants; do
    imgs=()
    for d in $docs; do
        f=$(ls "$t/img/$d.$v".*)
        imgs+=("$f")
        # the same pixels as a PNG file, for the PNG side of the CER comparison
        convert "$f" "$t/png/$d.$v.png"
    done
    img2pdf "${imgs[@]}" -o "$t/$v.pdf"
done

# timed CMD...: runs CMD (stdout dropped), prints its wall and CPU seconds (user + system,
# its children included: OCRmyPDF's Tesseract and Ghostscript). CPU time is the figure
# compared: the machine is shared, and wall time moves with the others' load. Both read the
# same pages, so hoso's notes that a page was filed before are dropped from stderr.
timed() {
    python3 -c 'import resource, subprocess, sys, time
t = time.time()
p = subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   text=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
# the same pages filed again: hoso says so, which is not news here
for line in p.stderr.splitlines():
    if "reads like page" not in line and "is the same image as" not in line:
        print(line, file=sys.stderr)
print(f"{time.time() - t:.3f} {r.ru_utime + r.ru_stime:.3f}")' "$@"
}
cer_of() { python3 "$cer_py" "$1" "$2" | sed -n 's/^cer=\([0-9.]*\).*/\1/p'; }
# mean CER over the documents: truth files and texts in the same order
mean_cer() {
    local dir=$1 sum=0 n=0
    for d in $docs; do
        c=$(cer_of "$corpus/$d.gt.txt" "$dir/$d.txt")
        sum=$(python3 -c "print($sum + $c)")
        n=$((n + 1))
    done
    python3 -c "print(f'{$sum / $n:.4f}')"
}

echo "hoso PDF benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(getconf _NPROCESSORS_ONLN) cores," \
    "hoso sha256 $(sha256sum "$hoso" | cut -c1-12)$([ $ocrmypdf = 1 ] && echo ", ocrmypdf $(ocrmypdf --version)")"
echo "(s/p: CPU seconds a page, wall seconds in brackets; x: OCRmyPDF's CPU time over hoso's)"
printf '%-9s %5s | %8s %8s %8s | %13s %13s %5s | %9s %9s %5s\n' pdf pages "cer hoso" \
    "cer png" "cer omp" "s/p hoso" "s/p omp" "x" "B/p hoso" "B/p omp" "h/omp"
tot_p=0 tot_th=0 tot_to=0 tot_bh=0 tot_bo=0 worse=0 bigger=0
for v in $variants; do
    in=$t/$v.pdf
    pages=$(qpdf --show-npages "$in")
    # hoso: one dossier from the PDF
    code="BENCH-PDF-$v"
    read -r wh ch_ < <(timed "$hoso" --home "$t/home" scan --code "$code" "$in")
    zip=$(find "$t/home/archive" -name "$code.zip")
    mkdir -p "$t/h-$v"
    (cd "$t/h-$v" && unzip -q "$zip")
    k=0
    for d in $docs; do
        k=$((k + 1))
        cp "$t/h-$v/$code/data/text/$(printf %04d $k).txt" "$t/h-$v/$d.txt"
    done
    bh=$(stat -c %s "$t/h-$v/$code/data/dossier.pdf")
    # the same pixels from PNG files
    mkdir -p "$t/p-$v"
    for d in $docs; do
        "$hoso" ocr "$t/png/$d.$v.png" >"$t/p-$v/$d.txt"
    done
    ch=$(mean_cer "$t/h-$v")
    cp_=$(mean_cer "$t/p-$v")
    th=$(python3 -c "print(f'{$ch_ / $pages:.2f}')")
    wth=$(python3 -c "print(f'{$wh / $pages:.2f}')")
    co=- to=- bo=- ratio_t=- ratio_b=- wto=-
    if [ $ocrmypdf = 1 ]; then
        mkdir -p "$t/o-$v"
        read -r wo co_ < <(timed ocrmypdf -q -l vie --output-type pdfa -j 1 \
            --sidecar "$t/o-$v/side.txt" "$in" "$t/o-$v/out.pdf")
        python3 - "$t/o-$v/side.txt" "$t/o-$v" $docs <<'PY'
import sys
pages = open(sys.argv[1], encoding="utf-8").read().split("\f")
for d, text in zip(sys.argv[3:], pages):
    open(f"{sys.argv[2]}/{d}.txt", "w", encoding="utf-8").write(text)
PY
        co=$(mean_cer "$t/o-$v")
        to=$(python3 -c "print(f'{$co_ / $pages:.2f}')")
        wto=$(python3 -c "print(f'{$wo / $pages:.2f}')")
        bo=$(($(stat -c %s "$t/o-$v/out.pdf") / pages))
        ratio_t=$(python3 -c "print(f'{$to / $th:.1f}')")
        ratio_b=$(python3 -c "print(f'{$bh / $pages / $bo:.2f}')")
        tot_to=$(python3 -c "print($tot_to + $to * $pages)")
        tot_bo=$((tot_bo + bo * pages))
        [ "$bh" -le $((bo * pages)) ] || bigger=$((bigger + 1))
    fi
    python3 -c "import sys; sys.exit(0 if $ch <= $cp_ + 0.0005 else 1)" || worse=$((worse + 1))
    printf '%-9s %5d | %8s %8s %8s | %5s (%5s) %5s (%5s) %5s | %9d %9s %5s\n' "$v" "$pages" \
        "$ch" "$cp_" "$co" "$th" "$wth" "$to" "$wto" "$ratio_t" $((bh / pages)) "$bo" "$ratio_b"
    tot_p=$((tot_p + pages))
    tot_th=$(python3 -c "print($tot_th + $th * $pages)")
    tot_bh=$((tot_bh + bh))
done
sph=$(python3 -c "print(f'{$tot_th / $tot_p:.2f}')")
if [ $ocrmypdf = 1 ]; then
    spo=$(python3 -c "print(f'{$tot_to / $tot_p:.2f}')")
    speed=$(python3 -c "print(f'{$tot_to / $tot_th:.1f}')")
    size=$(python3 -c "print(f'{$tot_bh / $tot_bo:.2f}')")
    printf '%-9s %5d | %26s | %5s %7s %5s %7s %5s | %9d %9d %5s\n' all "$tot_p" "" "$sph" "" \
        "$spo" "" "$speed" $((tot_bh / tot_p)) $((tot_bo / tot_p)) "$size"
    echo "pages/min of CPU: hoso $(python3 -c "print(f'{60 / $sph:.1f}')"), ocrmypdf $(python3 -c "print(f'{60 / $spo:.1f}')")"
    echo "goal: CER no worse than from PNG: $([ $worse = 0 ] && echo met || echo "NOT met ($worse)")"
    echo "goal: >= 5x OCRmyPDF's pages/min: $(python3 -c "print('met' if $speed >= 5 else 'NOT met')") (${speed}x)"
    echo "goal: PDF no larger than OCRmyPDF's: $([ $bigger = 0 ] && echo met || echo "NOT met ($bigger larger)")"
else
    echo "all: $tot_p pages, hoso $sph s/page, $((tot_bh / tot_p)) B/page"
    echo "goal: CER no worse than from PNG: $([ $worse = 0 ] && echo met || echo "NOT met ($worse)")"
fi
