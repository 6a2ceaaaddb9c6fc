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

struct px_cube;

/*
 * Read a PX file (its text, converted to UTF-8, taken over and cut in
 * place; text is left empty) or a JSON-stat document; NULL after a
 * message naming name.
 */
struct px_cube *px_read(struct buf *text, const char *name);
struct px_cube *jsonstat_read(const char *data, size_t len, const char *name);
void px_cube_free(struct px_cube *c);

/* Its cells (rows of the long table), and the row handed out next. */
size_t px_cube_cells(const struct px_cube *c);
size_t px_cube_tell(const struct px_cube *c);

/*
 * The table as it stands: its variables (the columns of a row but the
 * last), the categories of variable v as the cells of that column, and
 * cell k's value (k counts the rows, the last variable fastest) as the
 * last column's cell, "" for none.
 */
int px_cube_nvar(const struct px_cube *c);
size_t px_cube_ncat(const struct px_cube *c, int v);
const char *px_cube_category(const struct px_cube *c, int v, size_t j,
    size_t *len);
const char *px_cube_value(const struct px_cube *c, size_t k);

/*
 * Do the names of the variables and the title make a header row of two
 * or more cells?  (A table reader that finds its header itself may look
 * past a first row that is not one.)
 */
int px_cube_header_filled(const struct px_cube *c);

/*
 * The next row, as the CSV of px_cube_csv() reads back: the cells
 * (NUL-terminated, line ends made spaces), their number returned; 0 at
 * the end.  Valid until the next call.
 */
int px_cube_next(struct px_cube *c, const char *const **cells,
    const size_t **lens);

/*
 * Append CSV to out: the header row, when no row has been handed out
 * yet, then rows until out holds more than upto bytes or none is left.
 * 0, or -1 after a message naming name when out passes limit.
 */
int px_cube_csv(struct px_cube *c, size_t upto, size_t limit,
    const char *name, struct buf *out);

/*
 * The whole table as CSV, appended to out; 0, or -1 after a message
 * naming name.  limit bounds the length of the text.
 */
int px_to_csv(const char *data, size_t len, const char *name, size_t limit,
    struct buf *out);
int jsonstat_to_csv(const char *data, size_t len, const char *name,
    size_t limit, struct buf *out);

#endif
