#!/usr/bin/env python3
"""Train samling-extract's decision model from labelled documents.

usage: train.py [-C COST] [-m MARGIN] [-w CATEGORY=WEIGHT] [-o MODEL] [--loo DIR] GOLD.csv[,GOLD.csv...] FEATURES.csv

FEATURES.csv is `samling-extract --features` output over the labelled
documents; GOLD.csv lists their items (file,category,text,date; see the
corpus's LABELING.md). Each candidate is labelled with the category of a
gold item of its document that it matches by the scorer's own rule
(score-items, beside the gold lists in shared/tools), or none. A
logistic regression (liblinear-train -s 0, one against the rest) learns
a weight per feature and category; the model is written in the format
samling-extract reads (model.c).

With --loo DIR, one model a document is written to DIR/NAME.model,
each trained on every other document: the leave-one-document-out check.
"""
import csv, re, importlib.machinery, importlib.util, os, subprocess, sys, tempfile

CATS = ["none", "goal", "milestone", "pitfall"]
# For experiments: features whose names match SAMLING_DROP are left out.
DROP = re.compile(os.environ["SAMLING_DROP"]) if os.environ.get("SAMLING_DROP") else None


def scorer(shared_tools):
    path = os.path.join(shared_tools, "score-items")
    loader = importlib.machinery.SourceFileLoader("score_items", path)
    spec = importlib.util.spec_from_loader("score_items", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def label(rows, gold, si):
    by_file = {}
    for g in gold:
        by_file.setdefault(g["file"], []).append((g["category"], si.norm(g["text"])))
    labels = []
    for r in rows:
        f = os.path.basename(r["source"])
        t = si.norm(r["text"])
        hits = [c for c, gt in by_file.get(f, []) if si.same(t, gt)]
        if r["category"] in hits:
            labels.append(r["category"])
        elif hits:
            labels.append(hits[0])
        else:
            labels.append("none")
    return labels


def train(rows, labels, cost, weights):
    names = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "train.svm")
        with open(data, "w") as out:
            for r, l in zip(rows, labels):
                ids = sorted({names.setdefault(f, len(names) + 1) for f in r["features"].split() if not DROP or not DROP.match(f)})
                out.write(f"{CATS.index(l)} " + " ".join(f"{i}:1" for i in ids) + "\n")
        model = os.path.join(tmp, "train.model")
        cmd = ["liblinear-train", "-q", "-s", "0", "-c", str(cost)]
        for c, w in weights.items():
            cmd += [f"-w{CATS.index(c)}", str(w)]
        subprocess.run(cmd + [data, model], check=True)
        return read_liblinear(model, names)


def read_liblinear(path, names):
    with open(path) as f:
        lines = f.read().split("\n")
    head = {}
    i = 0
    while lines[i] != "w":
        k, _, v = lines[i].partition(" ")
        head[k] = v
        i += 1
    order = [int(x) for x in head["label"].split()]
    w = lines[i + 1:]
    weights = {}
    for name, idx in names.items():
        vals = [float(x) for x in w[idx - 1].split()]
        if len(order) == 2:	# liblinear keeps one vector for two classes
            vals = [vals[0], -vals[0]]
        row = [0.0] * 4
        for k, lab in enumerate(order):
            row[lab] = vals[k]
        weights[name] = row
    return weights


def write_model(path, weights, note, margin=0.0):
    with open(path, "w") as out:
        out.write("# samling-extract decision model: FEATURE then the weights of\n")
        out.write("# none, goal, milestone and pitfall.  " + note + "\n")
        out.write("samling-extract-model 1\n")
        out.write(f"margin {margin}\n")
        for name in sorted(weights):
            row = weights[name]
            if all(abs(v) < 5e-5 for v in row):
                continue
            out.write(name + " " + " ".join(f"{v:.4f}" for v in row) + "\n")


def main(argv):
    cost, output, loo, weights, margin = 0.5, "-", None, {}, 0.0
    args = argv[1:]
    while args and args[0].startswith("-"):
        opt = args.pop(0)
        if opt == "-C":
            cost = float(args.pop(0))
        elif opt == "-o":
            output = args.pop(0)
        elif opt == "-m":
            margin = float(args.pop(0))
        elif opt == "--loo":
            loo = args.pop(0)
        elif opt == "-w":
            c, _, w = args.pop(0).partition("=")
            weights[c] = float(w)
        else:
            sys.exit(__doc__.split("\n\n")[1])
    if len(args) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    golds, feats = args
    gold = []
    for g in golds.split(","):
        gold += list(csv.DictReader(open(g, encoding="utf-8")))
    si = scorer(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "tools") if not os.environ.get("SAMLING_SHARED") else os.path.join(os.environ["SAMLING_SHARED"], "tools"))
    rows = list(csv.DictReader(open(feats, encoding="utf-8")))
    labels = label(rows, gold, si)
    note = f"Trained on {len({r['source'] for r in rows})} documents, C={cost}."
    if loo is None:
        write_model(output if output != "-" else "/dev/stdout", train(rows, labels, cost, weights), note, margin)
        return
    os.makedirs(loo, exist_ok=True)
    for doc in sorted({r["source"] for r in rows}):
        keep = [(r, l) for r, l in zip(rows, labels) if r["source"] != doc]
        w = train([r for r, _ in keep], [l for _, l in keep], cost, weights)
        write_model(os.path.join(loo, os.path.basename(doc) + ".model"), w, note, margin)


if __name__ == "__main__":
    main(sys.argv)
