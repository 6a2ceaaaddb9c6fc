/*
 * Records written as an .xlsx workbook (-F xlsx), through libxlsxwriter:
 * one sheet, the header row bold and frozen, numbers and dates as typed
 * cells, columns as wide as what they hold (up to a limit).  The only
 * file that knows libxlsxwriter.
 */
#ifndef SAMLING_XLSXOUT_H
#define SAMLING_XLSXOUT_H

#include <stdio.h>
#include <stddef.h>

struct xlsxout;

/* A workbook with the header row written; dies when none can be made. */
struct xlsxout *xlsxout_new(const char *const *cols, int ncols);
void xlsxout_string(struct xlsxout *x, int col, const char *s, size_t len);
void xlsxout_number(struct xlsxout *x, int col, double v);
/* A date cell; y-m-d must be a valid date. */
void xlsxout_date(struct xlsxout *x, int col, int y, int m, int d);
void xlsxout_end_row(struct xlsxout *x);
/*
 * Write the workbook to fp and free it: 0, or -1 after a message (a
 * sheet too short for the rows, a write error).
 */
int xlsxout_finish(struct xlsxout *x, FILE *fp);

#endif
