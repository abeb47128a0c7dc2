#!/usr/bin/env bash
# Times plan-check validate / eval (table and JSON) against a bare csv-crate parse of the same file, at
# three sizes of generated data. The commands run in rounds — bare parse, validate, eval, eval json,
# then again — so that each round's ratios compare runs made moments apart on a shared, noisy machine;
# a command's ratio is the median of its rounds' ratios. Peak memory comes from /usr/bin/time -v.
#
#   scripts/bench-scale.sh [AREAS...]        default: 300 950 2850 (the last about the country's count)
#   REPEAT=9 OUT=/tmp/plan-check-scale scripts/bench-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(300 950 2850)
repeat=${REPEAT:-7}
out=${OUT:-/tmp/plan-check-scale}
# BIN=dir runs binaries copied there (plan-check, examples/generate, examples/bare_parse), e.g. an older
# build to compare with; by default the current tree is built.
bin=${BIN:-target/release}
[ -n "${BIN:-}" ] || nice -n 10 cargo build --release --locked --bin plan-check --example generate --example bare_parse >&2
seconds() { # wall time of "$@" in seconds; eval exits 1 on findings, which is not a failure here
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
peak() { # peak resident set in MB
  { /usr/bin/time -v "$@" 2>&1 >/dev/null || true; } | awk '/Maximum resident set size/ { printf "%.1f", $6 / 1024 }'
}
names=(bare validate eval-table eval-json)
printf '| areas | rows | MB | command | median s | rows/s | MB/s | peak MB | peak/file | × bare (median of rounds) |\n'
printf '|---|---|---|---|---|---|---|---|---|---|\n'
for n in "${sizes[@]}"; do
  dir=$out/a$n
  [ -f "$dir/data.csv" ] || "$bin/examples/generate" --areas "$n" --out "$dir" 2>/dev/null
  file=$dir/data.csv
  rows=$(($(wc -l <"$file") - 1))
  mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1048576 }')
  command() {
    case $1 in
      bare) echo "$bin/examples/bare_parse $file" ;;
      validate) echo "$bin/plan-check validate --catalog $dir/catalog.toml $file" ;;
      eval-table) echo "$bin/plan-check eval --catalog $dir/catalog.toml $file" ;;
      eval-json) echo "$bin/plan-check eval --format json --catalog $dir/catalog.toml $file" ;;
    esac
  }
  declare -A times=() ratios=()
  for _ in $(seq "$repeat"); do
    base=
    for name in "${names[@]}"; do
      # shellcheck disable=SC2046 # the command is words on purpose
      t=$(seconds $(command "$name"))
      [ -n "$base" ] || base=$t
      times[$name]+="$t "
      ratios[$name]+="$(echo "$t / $base" | bc -l) "
    done
  done
  for name in "${names[@]}"; do
    t=$(tr ' ' '\n' <<<"${times[$name]}" | grep . | median)
    ratio=$(tr ' ' '\n' <<<"${ratios[$name]}" | grep . | median)
    # shellcheck disable=SC2046
    mem=$(peak $(command "$name"))
    awk -v n="$n" -v rows="$rows" -v mb="$mb" -v cmd="$name" -v t="$t" -v mem="$mem" -v ratio="$ratio" 'BEGIN {
      printf "| %d | %d | %.1f | %s | %.3f | %.0f | %.1f | %.0f | %.1f | %.1f |\n",
        n, rows, mb, cmd, t, rows / t, mb / t, mem, mem / mb, ratio }'
  done
  unset times ratios
done
