#!/usr/bin/env bash
# Side-by-side extraction benchmark on the Zyte article-extraction pages:
# storyweave (the storyweave-bench-extract binary) and trafilatura (from
# PyPI, in a virtual environment), scored with the benchmark's metric.
#
# Usage: bench/extraction-compare.sh [DATA_DIR]
#   DATA_DIR  default: ../shared/eval/article-extraction (from the repo root)
#   VENV      where the Python environment goes (default: target/bench-venv)
#   TRAFILATURA_VERSION  pin a version (default: latest)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/eval/article-extraction}"
venv="${VENV:-$root/target/bench-venv}"
if [[ ! -f "$data/ground-truth.json" ]]; then
    echo "no benchmark data at $data" >&2
    exit 1
fi

if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
spec="trafilatura${TRAFILATURA_VERSION:+==$TRAFILATURA_VERSION}"
# justext (a trafilatura dependency) needs lxml's separate HTML cleaner.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$spec" lxml_html_clean

cargo build --quiet --release -p storyweave-bench-extract --manifest-path "$root/Cargo.toml"
sw_out="$("$root/target/release/storyweave-bench-extract" "$data" 2>/dev/null)"

tr_out="$("$venv/bin/python" - "$data" <<'PY'
import gzip, json, re, sys, time
from collections import Counter
from pathlib import Path

import trafilatura

data = Path(sys.argv[1])
truth = json.loads((data / "ground-truth.json").read_text(encoding="utf8"))
pages = {k: gzip.decompress((data / "html" / f"{k}.html.gz").read_bytes()) for k in truth}

start = time.perf_counter()
predicted = {}
for key, html in pages.items():
    text = trafilatura.extract(html, url=truth[key].get("url"))
    predicted[key] = text or ""
seconds = time.perf_counter() - start

# The benchmark's metric (evaluate.py of scrapinghub/article-extraction-benchmark).
token = re.compile(r"\w+", re.UNICODE)

def shingles(text, n=4):
    toks = token.findall(text or "")
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i:i + n])

precisions, recalls = [], []
for key in truth:
    t, p = shingles(truth[key].get("articleBody", "")), shingles(predicted[key])
    tp = sum(min(c, p[k]) for k, c in t.items())
    fn = sum(max(0, c - p[k]) for k, c in t.items())
    fp = sum(max(0, c - t[k]) for k, c in p.items())
    total = tp + fp + fn
    tp, fp, fn = (tp / total, fp / total, fn / total) if total else (0, 0, 0)
    perfect = fp == 0 and fn == 0
    if tp + fp > 0:
        precisions.append(1.0 if perfect else tp / (tp + fp))
    if tp + fn > 0:
        recalls.append(1.0 if perfect else tp / (tp + fn))
pr = sum(precisions) / len(precisions)
rc = sum(recalls) / len(recalls)
f1 = 2 * pr * rc / (pr + rc)
print(f"{'trafilatura':<12} {f1:>9.3f} {pr:>9.3f} {rc:>9.3f} {len(pages) / seconds:>9.1f}   (version {trafilatura.__version__})")
PY
)"

echo "$sw_out"
echo "$tr_out"
echo "(one thread each; pages/s counts extraction only, pages already decompressed in memory)"
