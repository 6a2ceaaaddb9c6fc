# Hidden truth: a table of municipalities and a list of changes made to
# it (values changed, markers put in and taken out, a municipality added,
# one removed, one merged by the reform of 2020); the two versions are
# written as SSB's CSV, PX, JSON-stat and xlsx, and every pair of formats
# must give exactly the list, no more, no less.
import csv, itertools, json, os, random, subprocess, sys, zipfile
from xml.sax.saxutils import escape
from decimal import Decimal

random.seed(20261130)
TITLE = "12345: Eget eksempel, etter region, år og statistikkvariabel"
munis = []
for row in csv.DictReader(open(os.path.join(os.environ["SAMLING_DATADIR"],
                                            "municipalities/kommuner_2024.csv"))):
    if row["code"] != "9999":
        munis.append((row["code"], row["name"]))
munis = random.sample(munis, 25)
added = munis.pop()
munis.sort()
years = ["2023", "2024"]
vars_ = [("Barn", "Barn med tiltak"), ("Andel", "Andel (prosent)")]


def value(var):
    return (Decimal(random.randint(0, 9000)) if var == "Barn"
            else Decimal(random.randint(0, 999)) / 10)


old = {(m, y, v): value(v[0]) for m in munis for y in years for v in vars_}
new = dict(old)
truth = set()
gone = munis[len(munis) // 2]
keys = sorted(k for k in old if k[0] != gone)
for k in random.sample(keys, 12):
    d = Decimal(random.randint(1, 50)) * (1 if k[2][0] == "Barn" else Decimal("0.1"))
    new[k] = old[k] + d
    truth.add((k, "changed", old[k], new[k]))
picked = random.sample([k for k in keys if old[k] == new[k]], 6)
for k in picked[:3]:
    new[k] = ":"
    truth.add((k, "changed", old[k], ":"))
for k in picked[3:]:
    old[k] = ".."
    truth.add((k, "changed", "..", new[k]))
for y in years:
    for v in vars_:
        truth.add(((gone, y, v), "removed", old[(gone, y, v)], ""))
        del new[(gone, y, v)]
        new[(added, y, v)] = value(v[0])
        truth.add(((added, y, v), "added", "", new[(added, y, v)]))


def cells(table):
    regions = sorted({k[0] for k in table})
    return regions, [table[(m, y, v)] for m in regions for y in years for v in vars_]


def text(v, comma):
    if isinstance(v, str):
        return v
    s = str(v)
    if comma:
        s = s.replace(".", ",")
        if "," not in s and len(s) > 3:
            s = s[:-3] + "\u00a0" + s[-3:]
    return s


def write_csv(path, table):
    with open(path, "w", encoding="utf-8") as f:
        f.write('"region";"år";"statistikkvariabel";"%s"\n' % TITLE)
        for (m, y, v), x in sorted(table.items()):
            f.write('"%s %s";"%s";"%s";%s\n' % (m[0], m[1], y, v[1], text(x, True)))


def write_px(path, table):
    regions, vals = cells(table)
    q = lambda l: ",".join('"%s"' % x for x in l)
    lines = ['CHARSET="ANSI";', 'AXIS-VERSION="2013";', 'TITLE="%s";' % TITLE,
             'STUB="region","år";', 'HEADING="statistikkvariabel";',
             'VALUES("region")=' + q(n for c, n in regions) + ';',
             'VALUES("år")=' + q(years) + ';',
             'VALUES("statistikkvariabel")=' + q(n for c, n in vars_) + ';',
             'CODES("region")=' + q(c for c, n in regions) + ';',
             'CODES("statistikkvariabel")=' + q(c for c, n in vars_) + ';', 'DATA=']
    lines += [" ".join('"%s"' % x if isinstance(x, str) else str(x)
                       for x in vals[i:i + 4]) for i in range(0, len(vals), 4)]
    lines[-1] += ";"
    open(path, "wb").write(("\n".join(lines) + "\n").encode("latin-1"))


def write_json(path, table):
    regions, vals = cells(table)
    d = {"version": "2.0", "class": "dataset", "label": TITLE,
         "id": ["Region", "Tid", "ContentsCode"],
         "size": [len(regions), len(years), len(vars_)],
         "dimension": {
             "Region": {"label": "region", "category": {
                 "index": [c for c, n in regions], "label": dict(regions)}},
             "Tid": {"label": "år", "category": {"index": years}},
             "ContentsCode": {"label": "statistikkvariabel", "category": {
                 "index": {c: i for i, (c, n) in enumerate(vars_)},
                 "label": dict(vars_)}}},
         "value": [None if isinstance(x, str) else float(x) if x != x.to_integral()
                   else int(x) for x in vals],
         "status": {str(i): x for i, x in enumerate(vals) if isinstance(x, str)}}
    open(path, "w", encoding="utf-8").write(json.dumps(d, ensure_ascii=False))


def write_xlsx(path, table):
    def cell(x):
        if isinstance(x, Decimal):
            return "<c><v>%s</v></c>" % x
        return '<c t="inlineStr"><is><t>%s</t></is></c>' % escape(x)
    rows = [["region", "år", "statistikkvariabel", TITLE]]
    rows += [["%s %s" % m, y, v[1], x] for (m, y, v), x in sorted(table.items())]
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
             'openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
             "".join("<row>" + "".join(cell(x) for x in r) + "</row>" for r in rows) +
             "</sheetData></worksheet>")
    ns = "http://schemas.openxmlformats.org/"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="%s'
                   'package/2006/content-types"><Default Extension="xml" ContentType='
                   '"application/xml"/></Types>' % ns)
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="%s'
                   'spreadsheetml/2006/main" xmlns:r="%sofficeDocument/2006/'
                   'relationships"><sheets><sheet name="Tabell" sheetId="1" '
                   'r:id="rId1"/></sheets></workbook>' % (ns, ns))
        z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships '
                   'xmlns="%spackage/2006/relationships"><Relationship Id="rId1" '
                   'Type="%sofficeDocument/2006/relationships/worksheet" '
                   'Target="worksheets/sheet1.xml"/></Relationships>' % (ns, ns))
        z.writestr("xl/worksheets/sheet1.xml", sheet)


def norm(s):
    if s in ("", ":", "..", ".", "...", "-"):
        return s
    return Decimal(s.replace("\u00a0", "").replace(" ", "").replace(",", "."))


want = {((k[0][0] + " " + k[0][1], k[1], k[2][1]), st, norm(text(o, False)),
         norm(text(n, False))) for k, st, o, n in truth}
writers = {"csv": write_csv, "px": write_px, "json": write_json,
           "xlsx": write_xlsx}
for fmt, w in writers.items():
    w("old." + fmt, old)
    w("new." + fmt, new)
bad = 0
for a, b in itertools.product(writers, writers):
    p = subprocess.run(["samling-compare", "old." + a, "new." + b], capture_output=True)
    got = set()
    for r in list(csv.reader(p.stdout.decode().splitlines()))[1:]:
        got.add(((r[0], r[1], r[2]), r[8], norm(r[4]), norm(r[5])))
    if p.returncode != 1 or got != want:
        bad += 1
        print("%s -> %s: status %d, %d rows (want %d), %d missing, %d extra"
              % (a, b, p.returncode, len(got), len(want), len(want - got),
                 len(got - want)))
        for x in sorted(map(str, want - got))[:5]:
            print("  missing", x)
        for x in sorted(map(str, got - want))[:5]:
            print("  extra", x)
print("%d changes, %d pairs of formats, %d wrong" % (len(want), len(writers) ** 2, bad))

# The reform of 2020: 0104 Moss and 0136 Rygge became one Moss (3103 since
# 2024).  Moved to 2024, the counts of 2019 are summed; the rates of the
# merged municipality cannot be given.
old = {}
new = {}
for y in years:
    for m in (("0301", "Oslo"), ("0104", "Moss"), ("0136", "Rygge")):
        for v in vars_:
            old[(m, y, v)] = value(v[0])
    for m in (("0301", "Oslo"), ("3103", "Moss")):
        for v in vars_:
            new[(m, y, v)] = old.get((m, y, v), value(v[0]))
want = set()
for y in years:
    b, a = vars_
    total = old[(("0104", "Moss"), y, b)] + old[(("0136", "Rygge"), y, b)]
    want.add((("3103 Moss", y, b[1]), "changed" if total != new[(("3103", "Moss"), y, b)]
              else "same", total, new[(("3103", "Moss"), y, b)]))
    want.add((("3103 Moss", y, a[1]), "not_comparable", "", new[(("3103", "Moss"), y, a)]))
bad = 0
for fmt, w in writers.items():
    w("old." + fmt, old)
    w("new." + fmt, new)
for a, b in itertools.product(writers, writers):
    p = subprocess.run(["samling-compare", "-r", "2024", "old." + a, "new." + b],
                       capture_output=True)
    got = set()
    for r in list(csv.reader(p.stdout.decode().splitlines()))[1:]:
        got.add(((r[0], r[1], r[2]), r[8], norm(r[4]), norm(r[5])))
    if p.returncode != 1 or got != want:
        bad += 1
        print("%s -> %s with -r 2024: status %d, %s" % (a, b, p.returncode,
                                                       p.stderr.decode()))
        for x in sorted(map(str, want ^ got))[:6]:
            print("  differs", x)
print("%d changes of a reform, %d pairs of formats, %d wrong" % (len(want),
                                                                len(writers) ** 2, bad))
