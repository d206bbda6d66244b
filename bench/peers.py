#!/usr/bin/env python3
"""Run a peer near-duplicate detector over a storyweave JSONL corpus.

Writes one line per input document, in input order, in the same shape as
`storyweave dedup`: {"id", "keep", "group"}, where `group` is the id of the
kept document the record was matched to (itself when kept).

Each peer is configured as its documentation recommends: 128 permutations,
LSH at the given Jaccard threshold, and word 5-grams of lower-cased `\\w+`
tokens as the set (the closest equivalent of storyweave's shingles).
"""
import argparse
import json
import re
import sys
import time

WORD = re.compile(r"\w+")


def shingles(text, n):
    words = WORD.findall(text.lower())
    if len(words) < n:
        return [" ".join(words)] if words else []
    return [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]


def read(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                yield str(rec["id"]), rec.get("text") or ""


def run_datasketch(docs, threshold, num_perm, ngram):
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    out = []
    for doc_id, text in docs:
        m = MinHash(num_perm=num_perm)
        m.update_batch([s.encode("utf-8") for s in shingles(text, ngram)])
        hits = lsh.query(m)
        if hits:
            out.append((doc_id, False, min(hits)))
        else:
            lsh.insert(doc_id, m)
            out.append((doc_id, True, doc_id))
    return out


def run_rensa(docs, threshold, num_perm, ngram):
    from rensa import RMinHash, RMinHashDeduplicator

    docs = list(docs)
    sets = [shingles(text, ngram) for _, text in docs]
    dedup = RMinHashDeduplicator(threshold=threshold, num_perm=num_perm, use_lsh=True)
    keep = dedup.add_pairs(zip((d for d, _ in docs), sets))
    # Which kept document each dropped one matched: asked after the timed
    # deduplication above would have been enough for a keep/drop list.
    out = []
    for (doc_id, _), k, tokens in zip(docs, keep, sets):
        if k:
            out.append((doc_id, True, doc_id))
        else:
            m = RMinHash(num_perm=num_perm, seed=42)
            m.update(tokens)
            hits = [h for h in dedup.get_duplicates(m) if h != doc_id]
            out.append((doc_id, False, min(hits) if hits else doc_id))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("tool", choices=["datasketch", "rensa"])
    ap.add_argument("corpus")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--ngram", type=int, default=5)
    args = ap.parse_args()
    start = time.perf_counter()
    run = run_datasketch if args.tool == "datasketch" else run_rensa
    result = run(read(args.corpus), args.threshold, args.num_perm, args.ngram)
    with open(args.output, "w", encoding="utf-8") as f:
        for doc_id, keep, group in result:
            f.write(json.dumps({"id": doc_id, "keep": keep, "group": group}) + "\n")
    print(f"{args.tool}: {len(result)} documents in {time.perf_counter() - start:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
