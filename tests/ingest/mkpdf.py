#!/usr/bin/env python3
"""Write a minimal PDF for the tests: mkpdf.py OUT PAGE [PAGE ...].

Each PAGE is text whose lines become lines of that page, set in
Helvetica (WinAnsiEncoding, so Norwegian letters work).  Written by
hand, object by object, with a correct cross-reference table."""
import sys


def pdf_string(s):
    b = s.encode("cp1252")
    b = b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + b + b")"


def main():
    out, pages = sys.argv[1], sys.argv[2:]
    objs = []
    npages = len(pages)
    # 1 catalog, 2 pages, 3 font, then per page: page object, content
    kids = " ".join("%d 0 R" % (4 + 2 * i) for i in range(npages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(("<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, npages)).encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                b"/Encoding /WinAnsiEncoding >>")
    for i, text in enumerate(pages):
        body = b"BT /F1 12 Tf 14 TL 72 770 Td\n"
        for line in text.split("\n"):
            body += pdf_string(line) + b" Tj T*\n"
        body += b"ET\n"
        objs.append(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                     "/Resources << /Font << /F1 3 0 R >> >> "
                     "/Contents %d 0 R >>" % (5 + 2 * i)).encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(body) + body +
                    b"endstream")
    data = b"%PDF-1.4\n"
    offsets = []
    for n, o in enumerate(objs, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % n + o + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        data += b"%010d 00000 n \n" % off
    data += (b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
             % (len(objs) + 1, xref))
    with open(out, "wb") as f:
        f.write(data)


main()
