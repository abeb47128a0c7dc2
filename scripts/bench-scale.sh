#!/usr/bin/env bash
# Times plan-check against a bare csv-crate parse of the same file, at several sizes of generated data:
# validate, eval in every format (table, JSON, CSV, Markdown, xlsx) to standard output and to -o, and
# the Word and HTML reports. The commands run in rounds — bare parse, validate, eval …, then again — so
# that each round's ratios compare runs made moments apart on a shared, noisy machine; a command's
# ratio is the median of its rounds' ratios. Every run is also measured by /usr/bin/time for its peak
# resident set (the median of the rounds is shown), and for its CPU time (user + system): on a machine
# shared with other builds a run waits for a core, which its wall time counts and its CPU time does
# not, so the CPU ratios ("× bare CPU") are the steadier ones when the load is high.
#
#   scripts/bench-scale.sh [AREAS...]        default: 300 950 2850 (the last about the country's count)
#   REPEAT=9 OUT=/tmp/plan-check-scale scripts/bench-scale.sh
#   COMMANDS="bare validate eval-json" scripts/bench-scale.sh 38000     # township scale, a few commands
#
# Output files (-o) are written under OUT/aN/o and deleted after each run. The generated data stays in
# OUT for the next run (township scale: 296 MB): delete OUT when done.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(300 950 2850)
repeat=${REPEAT:-7}
out=${OUT:-/tmp/plan-check-scale}
all="bare validate eval-table eval-table-o eval-json eval-json-o eval-csv eval-csv-o eval-markdown eval-markdown-o eval-xlsx eval-xlsx-o report-docx report-html"
read -r -a names <<<"${COMMANDS:-$all}"
# BIN=dir runs binaries copied there (plan-check, examples/generate, examples/bare_parse), e.g. an older
# build to compare with; by default the current tree is built.
bin=${BIN:-target/release}
[ -n "${BIN:-}" ] || nice -n 10 cargo build --release --locked --bin plan-check --example generate --example bare_parse >&2
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
run() { # wall time of "$@" in seconds; its peak resident set (KB) and CPU seconds in $peak_file; eval exits 1 on findings
  local t0 t1
  t0=$(date +%s.%N)
  /usr/bin/time -f "%M %U %S" -o "$peak_file" "$@" >/dev/null 2>&1 || true
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}
printf '| areas | rows | MB | command | median s | rows/s | MB/s | peak MB | peak/file | × bare (median of rounds) | CPU s | × bare CPU |\n'
printf '|---|---|---|---|---|---|---|---|---|---|---|---|\n'
for n in "${sizes[@]}"; do
  dir=$out/a$n
  [ -f "$dir/data.csv" ] || "$bin/examples/generate" --areas "$n" --out "$dir" 2>/dev/null
  file=$dir/data.csv
  o=$dir/o
  mkdir -p "$o"
  peak_file=$o/peak
  rows=$(($(wc -l <"$file") - 1))
  mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1048576 }')
  command() {
    local pc="$bin/plan-check" input="--catalog $dir/catalog.toml $file"
    case $1 in
      bare) echo "$bin/examples/bare_parse $file" ;;
      validate) echo "$pc validate $input" ;;
      eval-table) echo "$pc eval $input" ;;
      eval-table-o) echo "$pc eval $input -o $o/x.txt" ;;
      eval-json) echo "$pc eval --format json $input" ;;
      eval-json-o) echo "$pc eval $input -o $o/x.json" ;;
      eval-csv) echo "$pc eval --format csv $input" ;;
      eval-csv-o) echo "$pc eval $input -o $o/x.csv" ;;
      eval-markdown) echo "$pc eval --format markdown $input" ;;
      eval-markdown-o) echo "$pc eval $input -o $o/x.md" ;;
      eval-xlsx) echo "$pc eval --format xlsx $input" ;;
      eval-xlsx-o) echo "$pc eval $input -o $o/x.xlsx" ;;
      report-docx) echo "$pc report $input -o $o/x.docx" ;;
      report-html) echo "$pc report $input -o $o/x.html" ;;
    esac
  }
  declare -A times=() ratios=() peaks=() cpus=() cpu_ratios=()
  for _ in $(seq "$repeat"); do
    base=
    cpu_base=
    for name in "${names[@]}"; do
      # shellcheck disable=SC2046 # the command is words on purpose
      t=$(run $(command "$name"))
      [ -n "$base" ] || base=$t
      times[$name]+="$t "
      ratios[$name]+="$(echo "$t / $base" | bc -l) "
      peaks[$name]+="$(awk '/^[0-9]+ / { printf "%.1f", $1 / 1024 }' "$peak_file") "
      cpu=$(awk '/^[0-9]+ / { printf "%.2f", $2 + $3 }' "$peak_file")
      # A run too short for the clock's hundredths counts as one hundredth.
      cpu=$(echo "if ($cpu < 0.01) 0.01 else $cpu" | bc -l)
      [ -n "$cpu_base" ] || cpu_base=$cpu
      cpus[$name]+="$cpu "
      cpu_ratios[$name]+="$(echo "$cpu / $cpu_base" | bc -l) "
      rm -f "$o"/x.*
    done
  done
  for name in "${names[@]}"; do
    t=$(tr ' ' '\n' <<<"${times[$name]}" | grep . | median)
    ratio=$(tr ' ' '\n' <<<"${ratios[$name]}" | grep . | median)
    mem=$(tr ' ' '\n' <<<"${peaks[$name]}" | grep . | median)
    cpu=$(tr ' ' '\n' <<<"${cpus[$name]}" | grep . | median)
    cpu_ratio=$(tr ' ' '\n' <<<"${cpu_ratios[$name]}" | grep . | median)
    awk -v n="$n" -v rows="$rows" -v mb="$mb" -v cmd="$name" -v t="$t" -v mem="$mem" -v ratio="$ratio" \
      -v cpu="$cpu" -v cpu_ratio="$cpu_ratio" 'BEGIN {
      printf "| %d | %d | %.1f | %s | %.3f | %.0f | %.1f | %.0f | %.1f | %.1f | %.2f | %.1f |\n",
        n, rows, mb, cmd, t, rows / t, mb / t, mem, mem / mb, ratio, cpu, cpu_ratio }'
  done
  unset times ratios peaks cpus cpu_ratios
  rm -rf "$o"
done
