#!/usr/bin/env bash
# Side-by-side near-duplicate detection: storyweave dedup vs datasketch and
# rensa (from PyPI, in a virtual environment) on one generated corpus, at the
# same threshold. Prints one table: wall time, articles/s, MB/s, peak RSS,
# pair precision/recall against the generator's true groups, and the time
# ratio to storyweave.
#
#   bench/compare.sh [ARTICLES] [PEERS...]     (default: 100000 datasketch rensa)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
shift || true
PEERS=("$@")
[ ${#PEERS[@]} -eq 0 ] && PEERS=(datasketch rensa)
WORK=${WORK:-target/bench-compare}
mkdir -p "$WORK"

cargo build --release --quiet -p storyweave-cli -p storyweave-bench
if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install --quiet datasketch==2.0.0 rensa==0.5.0
fi

corpus="$WORK/corpus-$N.jsonl"; truth="$WORK/truth-$N.jsonl"
[ -s "$corpus" ] || target/release/storyweave-gen --articles "$N" --seed 42 -o "$corpus" --truth "$truth"
mb=$(python3 -c "import os; print(os.path.getsize('$corpus') / 1e6)")

measure() { # name command...
  local name=$1; shift
  /usr/bin/time -v "$@" 2> "$WORK/$name.time" >/dev/null
  local wall rss
  wall=$(awk -F': ' '/Elapsed/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$WORK/$name.time")
  rss=$(awk -F': ' '/Maximum resident/ {print $2/1024}' "$WORK/$name.time")
  local score
  score=$(python3 bench/score.py "$truth" "$WORK/$name.out")
  echo "$name $wall $rss $score" >> "$WORK/results"
}

rm -f "$WORK/results"
measure storyweave target/release/storyweave dedup -q --threshold 0.8 "$corpus" -o "$WORK/storyweave.out"
for peer in "${PEERS[@]}"; do
  measure "$peer" bench/.venv/bin/python bench/peers.py "$peer" "$corpus" -o "$WORK/$peer.out" --threshold 0.8
done

python3 - "$WORK/results" "$N" "$mb" <<'PY'
import json, sys
rows = []
for line in open(sys.argv[1]):
    name, wall, rss, score = line.split(" ", 3)
    rows.append((name, float(wall), float(rss), json.loads(score)))
n, mb = int(sys.argv[2]), float(sys.argv[3])
base = rows[0][1]
print(f"corpus: {n} articles, {mb:.0f} MB")
print(f"| tool | wall s | articles/s | MB/s | peak RSS MB | pair precision | pair recall | time vs storyweave |")
print(f"|---|---:|---:|---:|---:|---:|---:|---:|")
for name, wall, rss, s in rows:
    print(f"| {name} | {wall:.1f} | {n / wall:,.0f} | {mb / wall:.1f} | {rss:.0f} | {s['precision']:.3f} | {s['recall']:.3f} | {wall / base:.1f}x |")
PY
