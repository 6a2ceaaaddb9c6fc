/*
 * Excel workbooks (.xlsx, Office Open XML), read through libarchive
 * (arc.h) and expat (xml.h): one sheet's cells as CSV text, one line per
 * spreadsheet row, so that line N of the result is row N of the sheet
 * (rows the sheet leaves out come out as blank lines).  Shared strings,
 * inline strings, numbers, booleans and cached formula results are read.
 * Numbers are written as the cell's number format shows them
 * (xl/styles.xml): a percentage as "4.1%", a date as "2024-01-01" (and a
 * time of day as "2024-01-01 10:30:00"), a fixed number of decimals
 * rounded to them, General to Excel's fifteen significant digits; always
 * with a decimal point and no grouping.  With XLSX_EXACT numbers are
 * written as stored.
 */
#ifndef SAMLING_XLSX_H
#define SAMLING_XLSX_H

#include <stddef.h>
#include "buf.h"

/* Does data start like a zip archive (and so maybe a workbook)? */
int xlsx_is_zip(const char *data, size_t len);

/*
 * Append the sheet named sheet (NULL: the first in the workbook) of the
 * workbook data[0..len) to out as comma-separated CSV.  name is used in
 * messages.  0, or -1 after a message.
 */
#define XLSX_EXACT 1

int xlsx_to_csv(const char *data, size_t len, const char *name,
    const char *sheet, int flags, struct buf *out);

#endif
