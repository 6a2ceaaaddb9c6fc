#!/usr/bin/env python3
"""Build small office documents for the samling-ingest tests.

usage: mkoffice.py [options] OUT.{pptx,odp,docx,odt,zip} < DESCRIPTION

The kind follows OUT's extension; any other extension makes a zip of the
--raw members only.  The output is deterministic (fixed dates, fixed
member order).  The description has one line per thing, "#" lines and
blank lines ignored:

  title TEXT        the document's title (docProps/core.xml, meta.xml)

presentations (.pptx .odp):
  slide [TEXT]      a new slide, with TEXT in its title placeholder
                    ("A || B": a title of two paragraphs)
  ctrslide TEXT     a new slide with a centred title (pptx ctrTitle)
  - TEXT            a bullet in the body placeholder; "--" level 1,
                    "---" level 2
  . TEXT            a body paragraph without a bullet
  sub TEXT          a subtitle placeholder
  box TEXT          a text box that is no placeholder
  footer TEXT       a footer placeholder (to be ignored)
  note TEXT         a paragraph of the slide's speaker notes

text documents (.docx .odt):
  T TEXT            a paragraph in the Title style
  h1 TEXT .. h3     headings
  - TEXT            list paragraphs ("--" level 1, "---" level 2)
  p TEXT            a plain paragraph
  table A | B       a table of one row
  ~~TEXT~~ inside a p line is a tracked deletion (docx)

options:
  --shuffle          pptx: slide k of N is stored as slide(N+1-k).xml, so
                     only ppt/presentation.xml tells the order
  --no-presentation  pptx: leave out ppt/presentation.xml
  --nb-styles        docx: Norwegian style ids (Overskrift1, Tittel,
                     Listeavsnitt) as Word writes them, English w:name
  --slides N         pptx/odp: N generated slides ("Lysbilde K", a bullet)
  --bomb MIB         pptx: pad slide 1 with MIB MiB of white space
  --drop MEMBER      leave MEMBER out
  --raw MEMBER FILE  store FILE's bytes as MEMBER (replacing any)
"""

import sys
import zipfile
from xml.sax.saxutils import escape

DATE = (2024, 3, 1, 12, 0, 0)

NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:'
    'presentation:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'office:version="1.3"')


def esc(s):
    return escape(s)


class Doc:
    def __init__(self):
        self.title = None
        self.slides = []    # dicts: title, ctr, items [(kind, level, text)]
        self.items = []     # text documents: (kind, level, text)


def parse(lines):
    d = Doc()
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        word, _, rest = line.partition(" ")
        if word == "title":
            d.title = rest
        elif word in ("slide", "ctrslide"):
            d.slides.append({"title": rest, "ctr": word == "ctrslide",
                             "items": []})
        elif word and set(word) == {"-"}:
            add(d, ("bullet", len(word) - 1, rest))
        elif word in (".", "sub", "box", "footer", "note", "T", "p",
                      "table"):
            add(d, (word, 0, rest))
        elif word in ("h1", "h2", "h3"):
            add(d, ("h", int(word[1]), rest))
        else:
            sys.exit("mkoffice: bad description line: " + line)
    return d


def add(d, item):
    if d.slides:
        d.slides[-1]["items"].append(item)
    else:
        d.items.append(item)


# ---- zip writing ----

class Out:
    def __init__(self, path, drop, raw):
        self.z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
        self.drop = set(drop)
        self.raw = dict(raw)

    def add(self, name, data, stored=False):
        if name in self.drop or name in self.raw:
            return
        info = zipfile.ZipInfo(name, DATE)
        info.compress_type = zipfile.ZIP_STORED if stored \
            else zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        if isinstance(data, str):
            data = data.encode("utf-8")
        self.z.writestr(info, data)

    def add_stream(self, name, pieces):
        info = zipfile.ZipInfo(name, DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with self.z.open(info, "w", force_zip64=True) as f:
            for p in pieces:
                f.write(p.encode("utf-8"))

    def close(self):
        for name in sorted(self.raw):
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(self.raw[name], "rb") as f:
                self.z.writestr(info, f.read())
        self.z.close()


def core_xml(title):
    t = "<dc:title>%s</dc:title>" % esc(title) if title is not None else ""
    return (XML_DECL +
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/">' + t +
            '<dc:creator>samling tests</dc:creator></cp:coreProperties>')


def rels_xml(rels):
    body = "".join('<Relationship Id="%s" Type="%s/%s" Target="%s"/>' %
                   (i, REL, t, target) for i, t, target in rels)
    return XML_DECL + '<Relationships xmlns="%s">%s</Relationships>' % (
        NS_RELS, body)


def content_types(overrides):
    body = "".join('<Override PartName="/%s" ContentType="%s"/>' % o
                   for o in overrides)
    return (XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.'
            'openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' +
            body + '</Types>')


# ---- pptx ----

def a_para(text, lvl=None, bullet=None):
    ppr = ""
    attrs = ' lvl="%d"' % lvl if lvl else ""
    if bullet is False:
        ppr = '<a:pPr%s><a:buNone/></a:pPr>' % attrs
    elif bullet is True:
        ppr = '<a:pPr%s><a:buChar char="&#8226;"/></a:pPr>' % attrs
    elif attrs:
        ppr = '<a:pPr%s/>' % attrs
    return ('<a:p>%s<a:r><a:rPr lang="nb-NO" dirty="0"/><a:t>%s</a:t>'
            '</a:r></a:p>' % (ppr, esc(text)))


def sp(shape_id, name, ph, paras):
    ph_xml = "<p:ph%s/>" % ph if ph is not None else ""
    return ('<p:sp><p:nvSpPr><p:cNvPr id="%d" name="%s"/><p:cNvSpPr/>'
            '<p:nvPr>%s</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>'
            '<a:lstStyle/>%s</p:txBody></p:sp>' %
            (shape_id, name, ph_xml, "".join(paras)))


def pptx_slide(slide, number, root="p:sld"):
    shapes = []
    if slide["title"]:
        kind = "ctrTitle" if slide["ctr"] else "title"
        paras = [a_para(t) for t in slide["title"].split(" || ")]
        shapes.append(sp(2, "Title 1", ' type="%s"' % kind, paras))
    body = []
    for kind, level, text in slide["items"]:
        if kind == "bullet":
            body.append(a_para(text, level))
        elif kind == ".":
            body.append(a_para(text, None, False))
    if body:
        shapes.append(sp(3, "Content 2", ' idx="1"', body))
    for kind, level, text in slide["items"]:
        if kind == "sub":
            shapes.append(sp(4, "Subtitle 3", ' type="subTitle" idx="1"',
                             [a_para(text)]))
        elif kind == "box":
            shapes.append(sp(5, "TextBox 4", None, [a_para(text)]))
        elif kind == "footer":
            shapes.append(sp(6, "Footer 5", ' type="ftr" idx="11"',
                             [a_para(text)]))
    # every slide shows its number, which is no text of the slide
    shapes.append(sp(7, "Slide Number 6", ' type="sldNum" idx="12"',
                     ['<a:p><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"'
                      ' type="slidenum"><a:t>%d</a:t></a:fld></a:p>'
                      % number]))
    return (XML_DECL + '<%s xmlns:a="%s" xmlns:r="%s" xmlns:p="%s">'
            '<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/>'
            '<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>%s'
            '</p:spTree></p:cSld></%s>' %
            (root, NS_A, NS_R, NS_P, "".join(shapes), root))


def pptx_notes(notes):
    shapes = [sp(2, "Slide Image 1", ' type="sldImg"', []),
              sp(3, "Notes 2", ' type="body" idx="1"',
                 [a_para(t) for t in notes])]
    return (XML_DECL + '<p:notes xmlns:a="%s" xmlns:r="%s" xmlns:p="%s">'
            '<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/>'
            '<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>%s'
            '</p:spTree></p:cSld></p:notes>' %
            (NS_A, NS_R, NS_P, "".join(shapes)))


def write_pptx(d, out, opts):
    n = len(d.slides)
    files = {}          # member name -> content, written sorted by name
    over = [("ppt/presentation.xml", "application/vnd.openxmlformats-"
             "officedocument.presentationml.presentation.main+xml")]
    pres_rels = []
    ids = []
    for k, slide in enumerate(d.slides, 1):
        num = n + 1 - k if opts["shuffle"] else k
        name = "ppt/slides/slide%d.xml" % num
        files[name] = pptx_slide(slide, k)
        over.append((name, "application/vnd.openxmlformats-officedocument."
                     "presentationml.slide+xml"))
        pres_rels.append(("rId%d" % (k + 1), "slide",
                          "slides/slide%d.xml" % num))
        ids.append('<p:sldId id="%d" r:id="rId%d"/>' % (255 + k, k + 1))
        notes = [t for kind, _, t in slide["items"] if kind == "note"]
        srels = [("rId1", "slideLayout",
                  "../slideLayouts/slideLayout1.xml")]
        if notes:
            nname = "ppt/notesSlides/notesSlide%d.xml" % num
            files[nname] = pptx_notes(notes)
            files["ppt/notesSlides/_rels/notesSlide%d.xml.rels" % num] = \
                rels_xml([("rId1", "slide", "../slides/slide%d.xml" % num)])
            srels.append(("rId2", "notesSlide",
                          "../notesSlides/notesSlide%d.xml" % num))
        files["ppt/slides/_rels/slide%d.xml.rels" % num] = rels_xml(srels)
    out.add("[Content_Types].xml", content_types(over))
    out.add("_rels/.rels", rels_xml([
        ("rId1", "officeDocument", "ppt/presentation.xml"),
        ("rId2", "metadata/core-properties", "docProps/core.xml")]))
    out.add("docProps/core.xml", core_xml(d.title))
    if not opts["no_presentation"]:
        out.add("ppt/presentation.xml", XML_DECL +
                '<p:presentation xmlns:a="%s" xmlns:r="%s" xmlns:p="%s">'
                '<p:sldIdLst>%s</p:sldIdLst><p:sldSz cx="9144000" '
                'cy="6858000"/></p:presentation>' %
                (NS_A, NS_R, NS_P, "".join(ids)))
    out.add("ppt/_rels/presentation.xml.rels", rels_xml(pres_rels))
    if opts["bomb"]:
        first = "ppt/slides/slide1.xml"
        head, tail = files.pop(first).split("<p:cSld>", 1)
        mib = " " * (1 << 20)
        out.add_stream(first, [head] +
                       [mib for _ in range(opts["bomb"])] +
                       ["<p:cSld>" + tail])
    for name in sorted(files):      # zip tools order slide10 before slide2
        out.add(name, files[name])


# ---- odp ----

def odf_list(items):
    """text:list markup for [(level, paragraph xml)], levels nested."""
    out = []
    depth = 0           # lists open
    for level, p in items:
        while depth > level + 1:
            out.append("</text:list-item></text:list>")
            depth -= 1
        if depth == level + 1:
            out.append("</text:list-item><text:list-item>")
        while depth < level + 1:
            out.append("<text:list><text:list-item>")
            depth += 1
        out.append(p)
    out.append("</text:list-item></text:list>" * depth)
    return "".join(out)


def odf_runs(items, para):
    """Paragraphs and lists, in order, for [(kind, level, text)]."""
    out, pending = [], []
    for kind, level, text in items:
        if kind == "bullet":
            pending.append((level, para(text)))
            continue
        if pending:
            out.append(odf_list(pending))
            pending = []
        out.append(para(text, kind))
    if pending:
        out.append(odf_list(pending))
    return "".join(out)


def odp_frame(cls, inner):
    attr = ' presentation:class="%s"' % cls if cls else ""
    return ('<draw:frame presentation:style-name="pr1"%s svg:width="25cm" '
            'svg:height="3cm" svg:x="1cm" svg:y="1cm"><draw:text-box>%s'
            '</draw:text-box></draw:frame>' % (attr, inner))


def odp_p(text, kind=None):
    return "<text:p>%s</text:p>" % esc(text)


def odp_page(slide, k):
    frames = []
    if slide["title"]:
        frames.append(odp_frame("title", "".join(
            odp_p(t) for t in slide["title"].split(" || "))))
    body = [i for i in slide["items"] if i[0] in ("bullet", ".")]
    if body:
        frames.append(odp_frame("outline", odf_runs(body, odp_p)))
    for kind, _, text in slide["items"]:
        if kind == "sub":
            frames.append(odp_frame("subtitle", odp_p(text)))
        elif kind == "box":
            frames.append(odp_frame(None, odp_p(text)))
        elif kind == "footer":
            frames.append(odp_frame("footer", odp_p(text)))
    frames.append(odp_frame("page-number", odp_p(str(k))))
    notes = [t for kind, _, t in slide["items"] if kind == "note"]
    if notes:
        frames.append('<presentation:notes><draw:page-thumbnail '
                      'draw:page-number="%d" presentation:class="page"/>%s'
                      '</presentation:notes>' %
                      (k, odp_frame("notes", "".join(map(odp_p, notes)))))
    return ('<draw:page draw:name="page%d" draw:master-page-name="Default">'
            '%s</draw:page>' % (k, "".join(frames)))


def odf_common(out, d, mime, body, styles=""):
    out.add("mimetype", mime, stored=True)
    out.add("content.xml", XML_DECL.replace(' standalone="yes"', "") +
            '<office:document-content %s><office:automatic-styles>'
            '<style:style style:name="P1" style:family="paragraph" '
            'style:parent-style-name="Title"/></office:automatic-styles>'
            '<office:body>%s</office:body></office:document-content>' %
            (ODF_NS, body))
    title = "<dc:title>%s</dc:title>" % esc(d.title) if d.title else ""
    out.add("meta.xml", XML_DECL.replace(' standalone="yes"', "") +
            '<office:document-meta %s><office:meta>%s'
            '<meta:generator>samling tests</meta:generator></office:meta>'
            '</office:document-meta>' % (ODF_NS, title))
    out.add("styles.xml", XML_DECL.replace(' standalone="yes"', "") +
            '<office:document-styles %s><office:styles>'
            '<style:style style:name="Heading" style:family="paragraph"/>'
            '<style:style style:name="Title" style:family="paragraph" '
            'style:parent-style-name="Heading"/>%s</office:styles>'
            '</office:document-styles>' % (ODF_NS, styles))
    out.add("META-INF/manifest.xml", XML_DECL.replace(' standalone="yes"', "")
            + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            '<manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="%s"/>'
            '<manifest:file-entry manifest:full-path="content.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>' % mime)


def write_odp(d, out, opts):
    pages = "".join(odp_page(s, k) for k, s in enumerate(d.slides, 1))
    odf_common(out, d, "application/vnd.oasis.opendocument.presentation",
               "<office:presentation>%s</office:presentation>" % pages)


# ---- odt ----

def odt_p(text, kind=None):
    if kind == "T":
        return '<text:p text:style-name="P1">%s</text:p>' % esc(text)
    if kind == "h":
        raise AssertionError
    if kind == "table":
        cells = "".join('<table:table-cell office:value-type="string">'
                        '<text:p>%s</text:p></table:table-cell>' %
                        esc(c.strip()) for c in text.split("|"))
        return ('<table:table table:name="Tabell1"><table:table-column '
                'table:number-columns-repeated="%d"/><table:table-row>%s'
                '</table:table-row></table:table>' %
                (len(text.split("|")), cells))
    pieces = text.split("~~")
    body = "".join(esc(x) if k % 2 == 0 else
                   '<text:change text:change-id="ct%d"/>' % k
                   for k, x in enumerate(pieces))
    return '<text:p text:style-name="Standard">%s</text:p>' % body


def odt_changes(items):
    """The tracked deletions (~~TEXT~~) of p lines, as ODF keeps them."""
    out = []
    for kind, _, text in items:
        pieces = text.split("~~") if kind == "p" else []
        for k in range(1, len(pieces), 2):
            out.append('<text:changed-region text:id="ct%d"><text:deletion>'
                       '<office:change-info><dc:creator>x</dc:creator>'
                       '<dc:date>2024-03-01T12:00:00</dc:date>'
                       '</office:change-info><text:p>%s</text:p>'
                       '</text:deletion></text:changed-region>' %
                       (k, esc(pieces[k])))
    return "<text:tracked-changes>%s</text:tracked-changes>" % "".join(out) \
        if out else ""


def write_odt(d, out, opts):
    parts, run = [odt_changes(d.items)], []
    for item in d.items:
        if item[0] == "h":
            if run:
                parts.append(odf_runs(run, odt_p))
                run = []
            parts.append('<text:h text:style-name="Heading_20_%d" '
                         'text:outline-level="%d">%s</text:h>' %
                         (item[1], item[1], esc(item[2])))
        else:
            run.append(item)
    if run:
        parts.append(odf_runs(run, odt_p))
    odf_common(out, d, "application/vnd.oasis.opendocument.text",
               "<office:text>%s</office:text>" % "".join(parts))


# ---- docx ----

STYLES_EN = {"title": "Title", "h": "Heading%d", "list": "ListParagraph"}
STYLES_NB = {"title": "Tittel", "h": "Overskrift%d", "list": "Listeavsnitt"}


def w_runs(text):
    out = []
    for k, piece in enumerate(text.split("~~")):
        if not piece:
            continue
        if k % 2:
            out.append('<w:del w:id="%d" w:author="x" w:date="2024-03-01T'
                       '12:00:00Z"><w:r><w:delText xml:space="preserve">%s'
                       '</w:delText></w:r></w:del>' % (k, esc(piece)))
        else:
            out.append('<w:r><w:t xml:space="preserve">%s</w:t></w:r>' %
                       esc(piece))
    return "".join(out)


def w_p(text, style=None, ilvl=None):
    ppr = ""
    if style or ilvl is not None:
        ppr = "<w:pPr>"
        if style:
            ppr += '<w:pStyle w:val="%s"/>' % style
        if ilvl is not None:
            ppr += ('<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/>'
                    '</w:numPr>' % ilvl)
        ppr += "</w:pPr>"
    return "<w:p>%s%s</w:p>" % (ppr, w_runs(text))


def docx_styles(names):
    def style(sid, name, extra=""):
        return ('<w:style w:type="paragraph" w:styleId="%s"><w:name '
                'w:val="%s"/>%s</w:style>' % (sid, name, extra))
    body = [style("Normal", "Normal"),
            style(names["title"], "Title",
                  '<w:basedOn w:val="Normal"/>'),
            style(names["list"], "List Paragraph",
                  '<w:basedOn w:val="Normal"/>')]
    for k in (1, 2, 3):
        body.append(style(names["h"] % k, "heading %d" % k,
                          '<w:basedOn w:val="Normal"/><w:pPr>'
                          '<w:outlineLvl w:val="%d"/></w:pPr>' % (k - 1)))
    return (XML_DECL + '<w:styles xmlns:w="%s">%s</w:styles>' %
            (NS_W, "".join(body)))


def write_docx(d, out, opts):
    names = STYLES_NB if opts["nb_styles"] else STYLES_EN
    body = []
    for kind, level, text in d.items:
        if kind == "T":
            body.append(w_p(text, names["title"]))
        elif kind == "h":
            body.append(w_p(text, names["h"] % level))
        elif kind == "bullet":
            body.append(w_p(text, names["list"], level))
        elif kind == "table":
            cells = "".join('<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/>'
                            '</w:tcPr>%s</w:tc>' % w_p(c.strip())
                            for c in text.split("|"))
            body.append('<w:tbl><w:tblPr/><w:tblGrid/><w:tr>%s</w:tr>'
                        '</w:tbl>' % cells)
        else:
            body.append(w_p(text))
    out.add("[Content_Types].xml", content_types([
        ("word/document.xml", "application/vnd.openxmlformats-"
         "officedocument.wordprocessingml.document.main+xml"),
        ("word/styles.xml", "application/vnd.openxmlformats-"
         "officedocument.wordprocessingml.styles+xml")]))
    out.add("_rels/.rels", rels_xml([
        ("rId1", "officeDocument", "word/document.xml"),
        ("rId2", "metadata/core-properties", "docProps/core.xml")]))
    out.add("docProps/core.xml", core_xml(d.title))
    out.add("word/_rels/document.xml.rels", rels_xml([
        ("rId1", "styles", "styles.xml"),
        ("rId2", "numbering", "numbering.xml")]))
    out.add("word/document.xml", XML_DECL +
            '<w:document xmlns:w="%s" xmlns:r="%s"><w:body>%s<w:sectPr/>'
            '</w:body></w:document>' % (NS_W, NS_R, "".join(body)))
    out.add("word/styles.xml", docx_styles(names))
    out.add("word/numbering.xml", XML_DECL +
            '<w:numbering xmlns:w="%s"><w:abstractNum w:abstractNumId="0">'
            '<w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText '
            'w:val="&#8226;"/></w:lvl></w:abstractNum><w:num w:numId="1">'
            '<w:abstractNumId w:val="0"/></w:num></w:numbering>' % NS_W)


# ---- main ----

def main(argv):
    opts = {"shuffle": False, "no_presentation": False, "nb_styles": False,
            "slides": 0, "bomb": 0}
    drop, raw = [], []
    args = argv[1:]
    while args and args[0].startswith("--"):
        a = args.pop(0)
        if a == "--shuffle":
            opts["shuffle"] = True
        elif a == "--no-presentation":
            opts["no_presentation"] = True
        elif a == "--nb-styles":
            opts["nb_styles"] = True
        elif a == "--slides":
            opts["slides"] = int(args.pop(0))
        elif a == "--bomb":
            opts["bomb"] = int(args.pop(0))
        elif a == "--drop":
            drop.append(args.pop(0))
        elif a == "--raw":
            raw.append((args.pop(0), args.pop(0)))
        else:
            sys.exit("mkoffice: unknown option " + a)
    if len(args) != 1:
        sys.exit(__doc__.split("\n\n")[1])
    path = args[0]
    ext = path.rsplit(".", 1)[-1]
    d = parse([] if opts["slides"] or ext not in
              ("pptx", "odp", "docx", "odt") else sys.stdin)
    for k in range(1, opts["slides"] + 1):
        d.slides.append({"title": "Lysbilde %d" % k, "ctr": False,
                         "items": [("bullet", 0, "Punkt %d" % k)]})
    out = Out(path, drop, raw)
    writer = {"pptx": write_pptx, "odp": write_odp, "docx": write_docx,
              "odt": write_odt}.get(ext)
    if writer:
        writer(d, out, opts)
    out.close()


if __name__ == "__main__":
    main(sys.argv)
