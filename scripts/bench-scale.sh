#!/usr/bin/env bash
# Times plan-check validate / eval (table and JSON) against a bare csv-crate parse of the same file, at
# three sizes of generated data, all in one run so the ratios compare like with like on a shared machine.
# Each timing is the best of REPEAT runs; peak memory comes from /usr/bin/time -v.
#
#   scripts/bench-scale.sh [AREAS...]        default: 300 950 2850 (the last about the country's count)
#   REPEAT=5 OUT=/tmp/plan-check-scale scripts/bench-scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(300 950 2850)
repeat=${REPEAT:-3}
out=${OUT:-/tmp/plan-check-scale}
# BIN=dir runs binaries copied there (plan-check, examples/generate, examples/bare_parse), e.g. an older
# build to compare with; by default the current tree is built.
bin=${BIN:-target/release}
[ -n "${BIN:-}" ] || nice -n 10 cargo build --release --locked --bin plan-check --example generate --example bare_parse >&2
best() { # best wall time in seconds of "$@" over $repeat runs
  local best=
  for _ in $(seq "$repeat"); do
    local t0 t1
    t0=$(date +%s.%N)
    nice -n 10 "$@" >/dev/null 2>&1 || true
    t1=$(date +%s.%N)
    best=$(echo "$t1 - $t0" | bc | awk -v b="$best" '{ if (b == "" || $1 < b) print $1; else print b }')
  done
  echo "$best"
}
peak() { # peak resident set in MB; eval exits 1 on findings, which is not a failure here
  { /usr/bin/time -v "$@" 2>&1 >/dev/null || true; } | awk '/Maximum resident set size/ { printf "%.1f", $6 / 1024 }'
}
printf '| areas | rows | MB | command | time s | rows/s | MB/s | peak MB | peak/file | × bare |\n'
printf '|---|---|---|---|---|---|---|---|---|---|\n'
for n in "${sizes[@]}"; do
  dir=$out/a$n
  [ -f "$dir/data.csv" ] || "$bin/examples/generate" --areas "$n" --out "$dir" 2>/dev/null
  file=$dir/data.csv
  rows=$(($(wc -l <"$file") - 1))
  mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.1f", b / 1048576 }')
  bare=$(best "$bin/examples/bare_parse" "$file")
  for cmd in bare validate eval-table eval-json; do
    case $cmd in
      bare) run=("$bin/examples/bare_parse" "$file") ;;
      validate) run=("$bin/plan-check" validate --catalog "$dir/catalog.toml" "$file") ;;
      eval-table) run=("$bin/plan-check" eval --catalog "$dir/catalog.toml" "$file") ;;
      eval-json) run=("$bin/plan-check" eval --format json --catalog "$dir/catalog.toml" "$file") ;;
    esac
    t=$([ $cmd = bare ] && echo "$bare" || best "${run[@]}")
    mem=$(peak "${run[@]}")
    awk -v n="$n" -v rows="$rows" -v mb="$mb" -v cmd="$cmd" -v t="$t" -v mem="$mem" -v bare="$bare" 'BEGIN {
      printf "| %d | %d | %.1f | %s | %.3f | %.0f | %.1f | %.0f | %.1f | %.1f |\n",
        n, rows, mb, cmd, t, rows / t, mb / t, mem, mem / mb, t / bare }'
  done
done
