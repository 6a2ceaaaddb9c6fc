#!/usr/bin/env python3
"""For every feature (lexicon rules appear as r=NAME), in how many
documents it fires and how often a candidate carrying it is an item of
the gold list there; and the same for the rules of the items written.

usage: firing.py GOLD.csv FEATURES.csv ITEMS.csv
A rule or feature that fires in one document only is a rule for that
document: those are listed last.
"""
import csv, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import train


def main(gold_path, feats_path, items_path):
    gold = list(csv.DictReader(open(gold_path, encoding="utf-8")))
    si = train.scorer(os.path.join(os.path.dirname(os.path.abspath(gold_path)), "..", "..", "tools"))
    rows = list(csv.DictReader(open(feats_path, encoding="utf-8")))
    labels = train.label(rows, gold, si)
    docs, fired, right = {}, {}, {}
    for r, l in zip(rows, labels):
        for f in set(r["features"].split()):
            docs.setdefault(f, set()).add(r["source"])
            fired[f] = fired.get(f, 0) + 1
            right[f] = right.get(f, 0) + (l != "none")
    print(f"{'feature':44} {'docs':>5} {'fires':>6} {'items':>6}")
    one = []
    for f in sorted(fired, key=lambda f: (-len(docs[f]), f)):
        line = f"{f:44} {len(docs[f]):5} {fired[f]:6} {right[f] / fired[f]:6.2f}"
        (one if len(docs[f]) == 1 else [print(line)] and [])
        if len(docs[f]) == 1:
            one.append(line)
    if one:
        print("-- in one document only:")
        print("\n".join(one))


if __name__ == "__main__":
    main(*sys.argv[1:])
