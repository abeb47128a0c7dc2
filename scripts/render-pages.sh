#!/usr/bin/env bash
# Renders the mid-term (data/2023.csv) and final (data/2020.csv … data/2025.csv, the years there are) evaluation reports, Word
# and HTML, to PNG pages in the folder given as argument, to look at the layout (GB/T 9704 page, headings
# kept with what follows, numbers not broken in cells, legends kept with their charts). Not run by CI: it
# needs LibreOffice (soffice), pdftoppm (poppler-utils) and, for the HTML, chromium.
#
#   scripts/render-pages.sh /tmp/pages            # then look at /tmp/pages/midterm-docx-01.png …
#   PLAN_CHECK=target/release/plan-check scripts/render-pages.sh /tmp/pages
set -euo pipefail
out=${1:?usage: scripts/render-pages.sh OUTPUT-FOLDER}
dpi=${DPI:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
bin=${PLAN_CHECK:-}
if [ -z "$bin" ]; then
  (cd "$root" && cargo build --quiet)
  bin="$root/target/debug/plan-check"
fi
cd "$root"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

render() { # name, files…
  local name=$1; shift
  # Exit 1 (findings) is expected of the sample data.
  "$bin" report "$@" -o "$work/$name.docx" >/dev/null || [ $? -eq 1 ]
  "$bin" report "$@" -o "$work/$name.html" >/dev/null || [ $? -eq 1 ]
  soffice -env:UserInstallation=file://$work/profile --headless --convert-to pdf --outdir "$work" "$work/$name.docx" >/dev/null 2>&1
  pdftoppm -png -r "$dpi" "$work/$name.pdf" "$out/$name-docx"
  cp "$work/$name.pdf" "$out/$name-docx.pdf"
  if command -v chromium >/dev/null; then
    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
      --print-to-pdf="$work/$name-html.pdf" "file://$work/$name.html" >/dev/null 2>&1
    pdftoppm -png -r "$dpi" "$work/$name-html.pdf" "$out/$name-html"
    cp "$work/$name-html.pdf" "$out/$name-html.pdf"
  fi
}

render midterm data/2023.csv
render final data/2020.csv data/2021.csv data/2022.csv data/2023.csv data/2025.csv
ls "$out"
