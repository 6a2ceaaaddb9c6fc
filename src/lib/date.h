/*
 * Dates as Norwegian (bokmål, nynorsk) and English documents write them,
 * found in running text and turned into ISO 8601:
 *   15. februar 2006, 15 June 2020, June 15, 2020   -> 2006-02-15
 *   01.08.2021, 22.11.17, 2021-08-01                 -> 2021-08-01
 *   2/11-09, 26/11-2008 (minutes)                    -> 2009-11-02
 *   8.-9. november 2004, 28. og 29. april            -> a range of days
 *   Mandag 30.01, 31.01.                             -> a day without a year
 *   juni 2015                                        -> 2015-06
 *   våren 2021 (also vår, høsten, hausten, sommeren, vinteren, spring...)
 *                                                    -> 2021-03/2021-05
 *   1. kvartal 2021, Q1 2021                         -> 2021-01/2021-03
 *   innen utgangen av 2017 (innan, by the end of)    -> 2017-12-31
 *   2018-2020, 2005-08, 2018/2019                    -> 2018/2020
 *   2004                                             -> 2004
 *   uke 36 2026, veke 36/2026                        -> 2026-08-31/2026-09-06
 *   i løpet av uke 36                                -> a week without a year
 * Years are 1900-2099; two-digit years (22.11.17) are 20yy below 70 and
 * 19yy from 70.  A day without a year takes a year only when the caller
 * gives one (the document's own date); it is never guessed.
 */
#ifndef SAMLING_DATE_H
#define SAMLING_DATE_H

#include <stddef.h>
#include "buf.h"

enum date_kind {
	DATE_DAY,	/* one day, maybe without a year */
	DATE_DAYS,	/* a range of days */
	DATE_MONTH,	/* a month of a year */
	DATE_SEASON,	/* a season of a year */
	DATE_QUARTER,	/* a quarter of a year */
	DATE_END,	/* "by the end of": the last day of a year or month */
	DATE_YEARS,	/* a range of years */
	DATE_YEAR,	/* a year alone */
	DATE_WEEK	/* a calendar week, maybe without a year */
};

struct date {
	enum date_kind kind;
	int y1, m1, d1;		/* start; 0 = not given (y1 0: no year) */
	int y2, m2, d2;		/* end; equal to start for a point */
	size_t start, end;	/* where the date stands in the text */
};

/*
 * Find the first date in s[0..len) at or after offset from (s valid
 * UTF-8).  Returns 1 and fills d, or 0 when there is none.
 */
int date_find(const char *s, size_t len, size_t from, struct date *d);

/*
 * The first offset at or after from where a date may begin in s[0..len)
 * (a digit, or a word such as "mars", "Våren", "innen" with no letter or
 * digit before it), or len.  date_find tries its pattern only there; an
 * offset passed over is one where no date begins.
 */
size_t date_next_start(const char *s, size_t len, size_t from);

/*
 * The searches made lately and what they found, by text: the same text
 * asked again (an item its features looked at, then written out) costs a
 * comparison, not a search.  Zeroed to start; date_memo_free at the end.
 */
#define DATE_MEMO 8

struct date_memo {
	struct date_asked {
		struct buf text;
		size_t from;
		int found;
		struct date d;
	} asked[DATE_MEMO];
	int next;
};

/* date_find, through the memo. */
int date_find_memo(struct date_memo *dm, const char *s, size_t len,
    size_t from, struct date *d);
void date_memo_free(struct date_memo *dm);

/* The month a word names ("mars", "Oct"), 1-12, or 0. */
int date_month_name(const char *s, size_t n);

/* Whether a word names a season ("Vår", "hausten", "autumn"). */
int date_season_name(const char *s, size_t n);

/* Make d a period that ends where e ends ("haust 2017 – haust 2019"). */
void date_join(struct date *d, const struct date *e);

/* Whether a date has no year of its own (a day such as "Mandag 30.01"). */
int date_yearless(const struct date *d);

/*
 * Write d as ISO 8601 (YYYY-MM-DD, YYYY-MM, YYYY, or START/END) into out.
 * A yearless date takes year when year > 0; otherwise out is "" (the date
 * is unknown).  Returns the length written.
 */
size_t date_iso(const struct date *d, int year, char *out, size_t size);

/* Whether a and b name the same first day (month and day; years if both have one). */
int date_same(const struct date *a, const struct date *b);

/*
 * Read back a date as date_iso() writes it (YYYY-MM-DD, YYYY-MM, YYYY, or
 * START/END of those) from s[0..len).  The first and last days it covers
 * go to *first and *last as day numbers (date_daynum).  Returns 0, or -1
 * when s is no such date, names an impossible day (31 November) or ends
 * before it starts.
 */
int date_iso_range(const char *s, size_t len, long *first, long *last);

/* Days since 1970-01-01 of a valid day (negative before it). */
long date_daynum(int y, int m, int d);
/* The day of a day number. */
void date_from_daynum(long n, int *y, int *m, int *d);

/*
 * Pattern text (PCRE2, no capturing groups) for the placeholders a
 * lexicon may use: "day", "month", "season", "quarter", "week", "endof",
 * "years", "year", "date" (any of them) and "weekday".  NULL for an unknown name.
 */
const char *date_placeholder(const char *name);

/*
 * The date kinds a placeholder stands for, as bits (1 << DATE_DAY ...);
 * 0 for a name that is no date form.
 */
int date_placeholder_kinds(const char *name);

/* Release the compiled patterns (for leak checkers). */
void date_cleanup(void);

#endif
