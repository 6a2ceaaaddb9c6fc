# Run samling-compare again as each case ran it (the wrapper logs each
# call: its folder, then its arguments, NUL-separated), with every row in
# JSON Lines, and check that every key cell of the output is a cell of
# the input it came from (NEW, or OLD for a removed key), byte for byte,
# all in one row of that input (CSV inputs: a workbook or a PX or JSON-stat
# cube is made into rows by the reader).
import csv, glob, io, json, os, subprocess, sys

WITH_ARG = ("delimiter", "fields", "format", "input-format", "ignore", "key",
            "min-diff", "min-pct", "regions", "weight", "sheet")


def split_args(args):
    keep, files, i = [], [], 0
    while i < len(args):
        a = args[i]
        if a in ("-o", "--output"):
            i += 2
            continue
        if a.startswith("--output=") or a in ("-s", "--summary", "-q", "--quiet"):
            i += 1
            continue
        if a.startswith("-") and len(a) > 1:
            keep.append(a)
            if (a[2:] in WITH_ARG or (not a.startswith("--") and len(a) == 2 and
                                      a[1] in "dfFIikmoprw")):
                keep.append(args[i + 1])
                i += 1
        else:
            files.append(a)
        i += 1
    return keep, files


def rows(path):
    data = open(path, "rb").read()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n")
    if text.lstrip().startswith("{"):
        # JSON Lines: each object's values, numbers as written
        table = []
        for l in text.split("\n"):
            try:
                o = json.loads(l, parse_float=str, parse_int=str)
            except ValueError:
                continue
            if isinstance(o, dict):
                table.append(["" if v is None else v if isinstance(v, str)
                              else json.dumps(v) for v in o.values()])
        return table
    lines = [l for l in text.split("\n") if l.strip()][:10]
    delim = max(";,\t|", key=lambda d: (sum(d in l for l in lines),
                                        sum(l.count(d) for l in lines)))
    return list(csv.reader(io.StringIO(text), delimiter=delim))


def index(table):
    """Rows by each cell they hold."""
    by = {}
    for r in table:
        s = set(r)
        for c in s:
            by.setdefault(c, []).append(s)
    return by


def check(real, args, out):
    keep, files = split_args(args)
    if len(files) != 2 or "-" in files or any(
            f.endswith((".xlsx", ".px", ".json")) for f in files):
        return 0
    p = subprocess.run([real] + keep + ["-a", "-F", "jsonl"] + files,
                       capture_output=True)
    if p.returncode == 2:
        return 0
    inputs = {"old": index(rows(files[0])), "new": index(rows(files[1]))}
    checked = 0
    for line in p.stdout.decode().splitlines():
        rec = json.loads(line)
        names = list(rec)
        if rec.get("note"):
            continue    # moved by --regions: the target year's code and name
        side = "old" if rec["status"] == "removed" else "new"
        cells = [rec[k] for k in names[:names.index("field")]]
        if not any(all(c in r for c in cells) for r in inputs[side].get(cells[0], [])):
            out.write("%s: key %r is no row's cells in %s\n" % (
                " ".join(args), cells, files[0 if side == "old" else 1]))
        checked += len(cells)
    return checked


def main():
    real, logdir = sys.argv[1], sys.argv[2]
    runs = cells = 0
    for f in sorted(glob.glob(os.path.join(logdir, "call.*"))):
        parts = open(f, "rb").read().decode().split("\0")[:-1]
        os.chdir(parts[0])
        n = check(real, parts[1:], sys.stdout)
        runs += n > 0
        cells += n
    if runs < 30 or cells < 300:
        print("too few checked: %d calls, %d cells" % (runs, cells))
    else:
        print("every key cell as read")


main()
