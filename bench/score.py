#!/usr/bin/env python3
"""Pair precision and recall of a dedup output against the true groups.

Both files are JSONL with "id" and "group"; documents with the same group
are duplicates of each other. A pair is a pair of documents in one group.
"""
import json
import sys
from collections import defaultdict


def groups(path):
    by = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                by[str(rec["group"])].append(str(rec["id"]))
    return by


def pairs(by):
    out = set()
    for members in by.values():
        members = sorted(members)
        for i in range(len(members)):
            for j in range(i + 1, len(members)):
                out.add((members[i], members[j]))
    return out


def main():
    truth, predicted = pairs(groups(sys.argv[1])), pairs(groups(sys.argv[2]))
    tp = len(truth & predicted)
    precision = tp / len(predicted) if predicted else 1.0
    recall = tp / len(truth) if truth else 1.0
    print(json.dumps({"precision": round(precision, 4), "recall": round(recall, 4),
                      "true_pairs": len(truth), "predicted_pairs": len(predicted)}))


if __name__ == "__main__":
    main()
