/*
 * Statistics tables in SSB's own download formats, turned into the long
 * CSV a statbank download in CSV form is: one row per cell of the table,
 * a column per variable (the stub's, then the heading's), the cell's
 * value last, in a column named by the table's title.
 *
 * PX (PC-Axis): STUB, HEADING, VALUES and CODES of each variable, TITLE
 * and DATA, in the file's own encoding (Latin-1 or UTF-8, converted by
 * the caller); keywords in another language ("VALUES[en]") are left out.
 * JSON-stat 2.0 (the statbank API's answer): its dimensions in "id"
 * order, "value" as an array or an object, "status" for missing values.
 *
 * A category is written as its label, or, where its code is a number
 * the label does not start with (a region: "11" and "Rogaland"), as
 * "11 Rogaland", the way SSB's CSV writes it.  A missing value is
 * written as the marker the table gives (".."), else empty.
 */
#ifndef SAMLING_PX_H
#define SAMLING_PX_H

#include <stddef.h>
#include "buf.h"

/* Does data start like a PX file?  Like a JSON document? */
int px_is_px(const char *data, size_t len);
int px_is_json(const char *data, size_t len);

/*
 * Append the table as CSV to out; 0, or -1 after a message naming
 * name.  limit bounds the length of the text.
 */
int px_to_csv(const char *data, size_t len, const char *name, size_t limit,
    struct buf *out);
int jsonstat_to_csv(const char *data, size_t len, const char *name,
    size_t limit, struct buf *out);

#endif
