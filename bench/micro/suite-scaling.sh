#!/usr/bin/env bash
# Scenarios in a suite, 1 to 200: makes N copies of one scenario (distinct ids) in a temporary
# directory, times `sfharness run --scenarios DIR -j JOBS` on them (hyperfine, else a loop), and
# prints the wall time of the run and per scenario (bench/README.md, "Scaling"). Every run must
# pass: a failing run is an error, not a figure.
#
#   bench/micro/suite-scaling.sh [--sfharness PATH] [--sizes "1 10 50 100 200"] [--jobs 2]
#                                [--runs 3] [--scenario FILE] [--client CMD] [--no-hyperfine]
# --client is passed to `sfharness run --client` (default: the built-in reference client).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
sfharness="$root/build/bin/sfharness"
sizes="1 10 50 100 200"
jobs=2
runs=3
scenario="$root/scenarios/happy/http.json"
use_hyperfine=1
client=""

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sfharness) sfharness=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --scenario) scenario=$2; shift 2 ;;
    --client) client=$2; shift 2 ;;
    --no-hyperfine) use_hyperfine=0; shift ;;
    -h|--help) usage ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
done
die() { echo "$1" >&2; exit "${2:-2}"; }
[[ -x "$sfharness" ]] || die "no sfharness at $sfharness (build it, or pass --sfharness)"
[[ -f "$scenario" ]] || die "no scenario file $scenario"
command -v jq >/dev/null || die "jq is needed to write the copies"
if [[ $use_hyperfine == 1 ]] && ! command -v hyperfine >/dev/null; then use_hyperfine=0; fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sfh-suite-scaling.XXXXXX")
trap 'rm -rf "$work"' EXIT

# N copies of the scenario, ids bench/copy-0001 ... (a scenario that extends another cannot be
# copied on its own: pass one that stands alone).
if jq -e 'has("extends")' "$scenario" >/dev/null; then
  die "$scenario extends another scenario; pass one that stands alone"
fi
make_suite() {
  local n=$1 dir="$work/suite-$1"
  mkdir -p "$dir"
  for ((i = 1; i <= n; i++)); do
    jq --arg id "$(printf 'bench/copy-%04d' "$i")" '.id = $id' "$scenario" >"$dir/copy-$i.json"
  done
  echo "$dir"
}

# Seconds (mean and standard deviation) of `runs` runs of the suite in $1.
time_suite() {
  local dir=$1 out="$work/out"
  local cmd="$sfharness run --scenarios $dir --out $out -j $jobs"
  [[ -n "$client" ]] && cmd+=" --client '$client'"
  if [[ $use_hyperfine == 1 ]]; then
    # No shell between hyperfine and sfharness unless --client needs one to parse its quotes.
    local shell_opt=(-N)
    [[ -n "$client" ]] && shell_opt=()
    hyperfine "${shell_opt[@]}" --runs "$runs" --warmup 1 --style none \
      --export-json "$work/h.json" -- "$cmd" >/dev/null 2>"$work/hyperfine.err" ||
      { cat "$work/hyperfine.err" >&2; die "run failed" 1; }
    jq -r '.results[0] | "\(.mean) \(.stddev // 0)"' "$work/h.json"
  else
    local times=() start end
    for ((r = 0; r < runs; r++)); do
      start=$(date +%s%N)
      bash -c "$cmd" >/dev/null 2>"$work/stderr" ||
        { cat "$work/stderr" >&2; die "run failed" 1; }
      end=$(date +%s%N)
      times+=("$(awk -v d=$((end - start)) 'BEGIN { printf "%.6f", d / 1e9 }')")
    done
    printf '%s\n' "${times[@]}" | awk '{s+=$1; q+=$1*$1} END {m=s/NR; v=q/NR-m*m; if (v<0) v=0;
      printf "%.6f %.6f\n", m, sqrt(v)}'
  fi
}

echo "sfharness run --scenarios DIR -j $jobs, $runs run(s) each, scenario $(jq -r .id "$scenario"),"
echo "client: ${client:-the built-in reference client}"
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %10s | %14s | %10s | %17s | %12s |\n' \
  scenarios "wall (s)" "stddev (s)" "per scenario (ms)" "scenarios/s"
printf '|%s|%s|%s|%s|%s|\n' \
  ------------ ---------------- ------------ ------------------- --------------
for n in $sizes; do
  dir=$(make_suite "$n")
  timing=$(time_suite "$dir")
  read -r mean stddev <<<"$timing"
  awk -v n="$n" -v m="$mean" -v s="$stddev" 'BEGIN {
    printf "| %10d | %14.3f | %10.3f | %17.1f | %12.1f |\n", n, m, s, 1000 * m / n, n / m }'
done
