/*
 * Finding dates with one PCRE2 pattern of named alternatives, most
 * specific first, and turning the groups that matched into numbers.
 * The same alternatives, with their names taken out, are the lexicon
 * placeholders ({day}, {month}, ...), so rules and the parser agree on
 * what a date is.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "err.h"
#include "rx.h"
#include "text.h"
#include "xalloc.h"

#define B "(?<![\\p{L}\\p{N}])"
#define YEAR4 "(?:19|20)[0-9]{2}"
#define DAYNUM "(?:0?[1-9]|[12][0-9]|3[01])"
#define MON "(?:januar|january|februar|february|mars|march|april|mai|may|" \
	"juni|june|juli|july|august|september|oktober|october|november|" \
	"desember|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|oct|" \
	"nov|des|dec)\\.?(?!\\p{L})"
#define DASH "(?:-|\\x{2013}|\\x{2014})"

/* Each alternative with the named groups the parser reads. */
#define ALT_ENDOF "(?:innen|innan|by)\\s+(?:utgangen|utgongen|slutten|enden|" \
	"the\\s+end)\\s+(?:av|of)\\s+(?:(?<em>" MON ")\\s+)?(?<ey>" YEAR4 ")(?![0-9])"
#define ALT_DAYRANGE "(?<rd1>" DAYNUM ")\\.?\\s*(?:" DASH "|og|and|to|til)\\s*" \
	"(?<rd2>" DAYNUM ")\\.?\\s+(?<rm>" MON ")(?:\\s+(?<ry>" YEAR4 ")(?![0-9]))?"
#define ALT_DAYTEXT "(?<td>" DAYNUM ")(?:\\.\\s*|\\s+)(?<tm>" MON ")" \
	"(?:,?\\s+(?<ty>" YEAR4 ")(?![0-9]))?"
/* "March 12, 2026", "March 12-13, 2026"; "May 25th" without a year. */
#define ALT_MONTHDAY "(?<fm>" MON ")\\s+(?<fd>" DAYNUM ")(?:st|nd|rd|th)?" \
	"(?:\\s*" DASH "\\s*(?<fd2>" DAYNUM ")(?:st|nd|rd|th)?)?" \
	"(?:,?\\s+(?<fy>" YEAR4 ")(?![0-9])|(?<=st|nd|rd|th)(?![\\p{L}\\p{N}]))"
#define ALT_ISO "(?<iy>" YEAR4 ")-(?<im>0[1-9]|1[0-2])-(?<id>0[1-9]|[12][0-9]|3[01])(?![0-9])"
#define ALT_NUMERIC "(?<nd>" DAYNUM ")\\.(?<nm>0?[1-9]|1[0-2])\\.(?<ny>" YEAR4 \
	"|[0-9]{2})(?![0-9])"
/* Minutes write "2/11-09" and "26/11-2008": day/month-year. */
#define ALT_SLASHED "(?<dd>" DAYNUM ")/(?<dm>0?[1-9]|1[0-2])-(?<dy>" YEAR4 \
	"|[0-9]{2})(?![0-9])"
#define ALT_NOYEAR "(?<!kl\\.\\s)(?<!kl\\s)(?<ud>" DAYNUM ")\\.(?<um>0[1-9]|1[0-2])" \
	"(?:\\.(?![0-9]))?(?![0-9])"
#define ALT_SEASON "(?<sn>våren|vår|høsten|høst|hausten|haust|sommeren|sommaren|" \
	"sommer|vinteren|vinter|spring|summer|autumn|fall|winter)(?:\\s+of)?\\s+" \
	"(?<sy>" YEAR4 ")(?![0-9])"
#define ALT_QUARTER "(?:(?<q>[1-4])\\.\\s*kvartal|Q(?<q2>[1-4]))\\s+(?<qy>" YEAR4 ")(?![0-9])"
/* Calendar weeks as Norwegian plans count them: "uke 36", "veke 12 2026". */
#define ALT_WEEK "(?:uke|veke)\\s*(?<wn>0?[1-9]|[1-4][0-9]|5[0-3])(?![0-9])" \
	"(?:(?:\\s*,\\s*|\\s+|\\s*/\\s*)(?<wy>" YEAR4 ")(?![0-9]))?"
/* "juni 2026"; "mai–juni 2026", "May to June 2026": the months the year takes. */
#define ALT_MONTH "(?:(?<mr>" MON ")\\s*(?:" DASH "|til|to)\\s*)?(?<mm>" MON \
	")\\s+(?<my>" YEAR4 ")(?![0-9])"
#define ALT_YEARS "(?<ya>" YEAR4 ")\\s*(?:" DASH "|/|til|to)\\s*(?<yb>" YEAR4 \
	"|[0-9]{2})(?![0-9])"
#define ALT_YEAR "(?<yy>" YEAR4 ")(?![0-9])"
#define WEEKDAY "(?:mandag|måndag|tirsdag|tysdag|onsdag|torsdag|fredag|lørdag|" \
	"laurdag|søndag|sundag|monday|tuesday|wednesday|thursday|friday|" \
	"saturday|sunday)"

#define DAY_ALTS ALT_DAYRANGE "|" ALT_DAYTEXT "|" ALT_MONTHDAY "|" ALT_ISO "|" \
	ALT_NUMERIC "|" ALT_SLASHED "|" ALT_NOYEAR

static const char all_pattern[] = B "(?:" ALT_ENDOF "|" DAY_ALTS "|"
    ALT_SEASON "|" ALT_QUARTER "|" ALT_WEEK "|" ALT_MONTH "|" ALT_YEARS "|"
    ALT_YEAR ")";

/*
 * The same, tried at one offset only (\\G: where the search starts):
 * date_find chooses the offsets, date_next_start below, so the pattern
 * is not run over every byte of the text between them.
 */
static const char at_start_pattern[] = "\\G" B "(?:" ALT_ENDOF "|" DAY_ALTS "|"
    ALT_SEASON "|" ALT_QUARTER "|" ALT_WEEK "|" ALT_MONTH "|" ALT_YEARS "|"
    ALT_YEAR ")";

static const struct {
	const char *name;
	const char *named;	/* with group names, taken out for lexicons */
} placeholders[] = {
	{ "day", B "(?:" DAY_ALTS ")" },
	{ "month", B ALT_MONTH },
	{ "season", B ALT_SEASON },
	{ "quarter", B ALT_QUARTER },
	{ "week", B ALT_WEEK },
	{ "endof", B ALT_ENDOF },
	{ "years", B ALT_YEARS },
	{ "year", B ALT_YEAR },
	{ "date", all_pattern },
	{ "weekday", B WEEKDAY },
};
#define NPLACEHOLDERS (sizeof placeholders / sizeof placeholders[0])

/* The most bytes a date can hold before its first digit. */
#define LEAD_MAX 48

static struct rx *date_rx;
static void resolve_groups(void);
static char *unnamed[NPLACEHOLDERS];

static const struct {
	const char *name;
	int month;
} months[] = {
	{ "januar", 1 }, { "january", 1 }, { "jan", 1 },
	{ "februar", 2 }, { "february", 2 }, { "feb", 2 },
	{ "mars", 3 }, { "march", 3 }, { "mar", 3 },
	{ "april", 4 }, { "apr", 4 },
	{ "mai", 5 }, { "may", 5 },
	{ "juni", 6 }, { "june", 6 }, { "jun", 6 },
	{ "juli", 7 }, { "july", 7 }, { "jul", 7 },
	{ "august", 8 }, { "aug", 8 },
	{ "september", 9 }, { "sept", 9 }, { "sep", 9 },
	{ "oktober", 10 }, { "october", 10 }, { "okt", 10 }, { "oct", 10 },
	{ "november", 11 }, { "nov", 11 },
	{ "desember", 12 }, { "december", 12 }, { "des", 12 }, { "dec", 12 },
};

/*
 * Season name -> first and last month (meteorological seasons); a
 * Norwegian one also in its definite form ("våren", "hausten").
 */
static const struct {
	const char *stem;
	int first, last;
	int definite;
} seasons[] = {
	{ "vår", 3, 5, 1 }, { "spring", 3, 5, 0 },
	{ "sommer", 6, 8, 1 }, { "sommar", 6, 8, 1 }, { "summer", 6, 8, 0 },
	{ "høst", 9, 11, 1 }, { "haust", 9, 11, 1 }, { "autumn", 9, 11, 0 },
	{ "fall", 9, 11, 0 },
	{ "vinter", 1, 2, 1 }, { "winter", 1, 2, 0 },
};

static void
compile_once(void)
{
	char err[256];

	if (date_rx != NULL)
		return;
	date_rx = rx_compile(at_start_pattern, sizeof at_start_pattern - 1,
	    RX_CASELESS, err, sizeof err);
	if (date_rx == NULL)
		die(2, "internal error in the date pattern: %s", err);
	resolve_groups();
}

void
date_cleanup(void)
{
	size_t i;

	rx_free(date_rx);
	date_rx = NULL;
	for (i = 0; i < NPLACEHOLDERS; i++) {
		free(unnamed[i]);
		unnamed[i] = NULL;
	}
}

/* "(?<name>" -> "(?:" so the text can sit inside any pattern. */
static char *
strip_names(const char *p)
{
	struct buf b = BUF_INIT;

	while (*p != '\0') {
		if (strncmp(p, "(?<", 3) == 0 && p[3] != '!' && p[3] != '=') {
			buf_adds(&b, "(?:");
			p = strchr(p, '>') + 1;
		} else
			buf_addc(&b, *p++);
	}
	return buf_detach(&b, NULL);
}

const char *
date_placeholder(const char *name)
{
	size_t i;

	for (i = 0; i < NPLACEHOLDERS; i++) {
		if (strcmp(placeholders[i].name, name) != 0)
			continue;
		if (unnamed[i] == NULL)
			unnamed[i] = strip_names(placeholders[i].named);
		return unnamed[i];
	}
	return NULL;
}

/*
 * Group numbers by name, looked up once: reading a match then costs a
 * few array reads instead of a name-table scan per group.
 */
#define MAX_DUP 2
/* The groups, in the order of group_names. */
enum group {
	G_EM, G_EY, G_RD1, G_RD2, G_RM, G_RY, G_TD, G_TM, G_TY, G_FM, G_FD,
	G_FD2, G_FY, G_IY, G_IM, G_ID, G_ND, G_NM, G_NY, G_DD, G_DM, G_DY, G_UD,
	G_UM, G_SN, G_SY, G_Q, G_Q2, G_QY, G_WN, G_WY, G_MR, G_MM, G_MY, G_YA, G_YB,
	G_YY, NGROUPS
};
static const char *const group_names[NGROUPS] = {
	"em", "ey", "rd1", "rd2", "rm", "ry", "td", "tm", "ty", "fm", "fd", "fd2",
	"fy", "iy", "im", "id", "nd", "nm", "ny", "dd", "dm", "dy", "ud", "um",
	"sn", "sy", "q", "q2",
	"qy", "wn", "wy", "mr", "mm", "my", "ya", "yb", "yy"
};
static int group_num_of[NGROUPS][MAX_DUP], group_count[NGROUPS];

static void
resolve_groups(void)
{
	int i;

	for (i = 0; i < NGROUPS; i++)
		group_count[i] = rx_group_numbers(date_rx, group_names[i],
		    group_num_of[i], MAX_DUP);
}

/*
 * The groups of a match: those of the pattern's last match, or set by
 * read_common where it read a date without the pattern.
 */
struct found {
	int by_hand;
	uint64_t set;		/* bit g: group g took part */
	size_t a[NGROUPS], b[NGROUPS];
};

/* The group's span in the match; 0 if it did not take part. */
static int
span(const struct found *f, enum group g, size_t *a, size_t *b)
{
	int k;

	if (f->by_hand) {
		if (!(f->set >> g & 1))
			return 0;
		*a = f->a[g];
		*b = f->b[g];
		return 1;
	}
	for (k = 0; k < group_count[g]; k++)
		if (rx_group_at(date_rx, group_num_of[g][k], a, b) == 0)
			return 1;
	return 0;
}

/*
 * The text of a group in lower case (ASCII and Latin-1 capitals in
 * UTF-8, all that month and season names hold), into out; 0 if unset.
 */
static int
group(const struct found *f, const char *s, enum group name, char *out, size_t size)
{
	size_t a, b, i, n = 0;
	unsigned prev = 0;

	if (!span(f, name, &a, &b))
		return 0;
	for (i = a; i < b && n + 1 < size; i++) {
		unsigned c = (unsigned char)s[i];

		if (c - 'A' < 26u)
			c |= 0x20;
		else if (prev == 0xC3 && c - 0x80u < 0x1Fu && c != 0x97)
			c += 0x20;
		prev = (unsigned char)s[i];
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return 1;
}

static int
group_num(const struct found *f, const char *s, enum group name, int *v)
{
	size_t a, b;
	int n = 0;

	if (!span(f, name, &a, &b))
		return 0;
	for (; a < b && s[a] >= '0' && s[a] <= '9'; a++)
		n = n * 10 + (s[a] - '0');
	*v = n;
	return 1;
}

/* The month the lower-case word t names, or 0 (its first letter rules most out). */
static int
month_of(const char *t)
{
	size_t i;

	for (i = 0; i < sizeof months / sizeof months[0]; i++)
		if (months[i].name[0] == t[0] && strcmp(months[i].name, t) == 0)
			return months[i].month;
	return 0;
}

static int
month_number(const struct found *f, const char *s, enum group name)
{
	char t[32];
	size_t n;

	if (!group(f, s, name, t, sizeof t))
		return 0;
	n = strcspn(t, ".");
	t[n] = '\0';
	return month_of(t);
}

int
date_month_name(const char *s, size_t n)
{
	char t[16];
	size_t i;

	if (n == 0 || n >= sizeof t)
		return 0;
	for (i = 0; i < n; i++)
		t[i] = (char)tolower((unsigned char)s[i]);
	t[n] = '\0';
	return month_of(t);
}

int
date_season_name(const char *s, size_t n)
{
	char t[16];
	size_t i, sl;

	if (n == 0 || n >= sizeof t)
		return 0;
	for (i = 0; i < n; i++)
		t[i] = (char)tolower((unsigned char)s[i]);
	t[n] = '\0';
	for (i = 0; i < sizeof seasons / sizeof seasons[0]; i++) {
		sl = strlen(seasons[i].stem);
		if (strncmp(t, seasons[i].stem, sl) == 0 && (t[sl] == '\0' ||
		    (seasons[i].definite && strcmp(t + sl, "en") == 0)))
			return 1;
	}
	return 0;
}

static int
full_year(int y)
{
	if (y >= 100)
		return y;
	return y < 70 ? 2000 + y : 1900 + y;
}

static int
days_in_month(int y, int m)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && y > 0)
		return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
	return days[m - 1];
}

static int
valid_day(int y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

static void
set_point(struct date *d, enum date_kind k, int y, int m, int day)
{
	d->kind = k;
	d->y1 = d->y2 = y;
	d->m1 = d->m2 = m;
	d->d1 = d->d2 = day;
}

/* Day-precision alternatives; 1 when one of them matched and is valid. */
static int
read_day(const struct found *f, const char *s, struct date *d)
{
	int y = 0, m = 0, a = 0, b = 0;

	if (group_num(f, s, G_RD1, &a)) {
		group_num(f, s, G_RD2, &b);
		m = month_number(f, s, G_RM);
		if (group_num(f, s, G_RY, &y))
			y = full_year(y);
		if (!valid_day(y, m, a) || !valid_day(y, m, b) || b <= a)
			return -1;
		set_point(d, DATE_DAYS, y, m, a);
		d->d2 = b;
		return 1;
	}
	if (group_num(f, s, G_TD, &a)) {
		m = month_number(f, s, G_TM);
		group_num(f, s, G_TY, &y);
	} else if (group_num(f, s, G_FD, &a)) {
		m = month_number(f, s, G_FM);
		group_num(f, s, G_FY, &y);
		/* "March 12-13, 2026" */
		if (group_num(f, s, G_FD2, &b)) {
			if (!valid_day(y, m, a) || !valid_day(y, m, b) || b <= a)
				return -1;
			set_point(d, DATE_DAYS, y, m, a);
			d->d2 = b;
			return 1;
		}
	} else if (group_num(f, s, G_ID, &a)) {
		group_num(f, s, G_IY, &y);
		group_num(f, s, G_IM, &m);
	} else if (group_num(f, s, G_ND, &a)) {
		group_num(f, s, G_NM, &m);
		group_num(f, s, G_NY, &y);
		y = full_year(y);
	} else if (group_num(f, s, G_DD, &a)) {
		group_num(f, s, G_DM, &m);
		group_num(f, s, G_DY, &y);
		y = full_year(y);
	} else if (group_num(f, s, G_UD, &a)) {
		group_num(f, s, G_UM, &m);
	} else
		return 0;
	if (!valid_day(y, m, a))
		return -1;
	set_point(d, DATE_DAY, y, m, a);
	return 1;
}

static int
read_season(const struct found *f, const char *s, struct date *d)
{
	char t[32];
	size_t i;
	int y = 0;

	if (!group(f, s, G_SN, t, sizeof t))
		return 0;
	group_num(f, s, G_SY, &y);
	for (i = 0; i < sizeof seasons / sizeof seasons[0]; i++) {
		if (strncmp(t, seasons[i].stem, strlen(seasons[i].stem)) == 0) {
			set_point(d, DATE_SEASON, y, seasons[i].first, 0);
			d->m2 = seasons[i].last;
			return 1;
		}
	}
	return -1;
}

/*
 * ISO 8601 week w of the year in group wy: Monday to Sunday, week 1 the
 * one with the year's first Thursday.  Without a year the week is kept
 * (in d1) but has no days: a week is never given a guessed year.
 */
static int
read_week(const struct found *f, const char *s, int w, struct date *d)
{
	long jan4, monday;
	int y, wd;

	if (!group_num(f, s, G_WY, &y)) {
		set_point(d, DATE_WEEK, 0, 0, w);
		return 1;
	}
	jan4 = date_daynum(y, 1, 4);
	wd = (int)(((jan4 + 3) % 7 + 7) % 7);	/* 1970-01-01 was a Thursday; Monday 0 */
	monday = jan4 - wd + 7L * (w - 1);
	if (w == 53) {
		int ty, tm, td;

		date_from_daynum(monday + 3, &ty, &tm, &td);
		if (ty != y)
			return -1;	/* no week 53 that year */
	}
	d->kind = DATE_WEEK;
	date_from_daynum(monday, &d->y1, &d->m1, &d->d1);
	date_from_daynum(monday + 6, &d->y2, &d->m2, &d->d2);
	return 1;
}

/* The rest: 1 read, -1 matched but not a date, 0 nothing known. */
static int
read_other(const struct found *f, const char *s, struct date *d)
{
	int y = 0, m, q = 1, y2;

	if (group_num(f, s, G_EY, &y)) {
		m = month_number(f, s, G_EM);
		set_point(d, DATE_END, y, m ? m : 12, days_in_month(y, m ? m : 12));
		return 1;
	}
	if (group_num(f, s, G_QY, &y)) {
		if (!group_num(f, s, G_Q, &q))
			group_num(f, s, G_Q2, &q);
		set_point(d, DATE_QUARTER, y, 3 * q - 2, 0);
		d->m2 = 3 * q;
		return 1;
	}
	if (group_num(f, s, G_WN, &q))
		return read_week(f, s, q, d);
	if (group_num(f, s, G_MY, &y)) {
		set_point(d, DATE_MONTH, y, month_number(f, s, G_MM), 0);
		/* "mai–juni 2026": from the first month; "desember–januar" is no range. */
		if ((m = month_number(f, s, G_MR)) > 0 && m < d->m1)
			d->m1 = m;
		return 1;
	}
	if (group_num(f, s, G_YA, &y)) {
		char t[8];

		group(f, s, G_YB, t, sizeof t);
		y2 = atoi(t);
		if (strlen(t) == 2)
			y2 += y / 100 * 100;
		if (y2 <= y)
			return -1;
		set_point(d, DATE_YEARS, y, 0, 0);
		d->y2 = y2;
		return 1;
	}
	if (group_num(f, s, G_YY, &y)) {
		set_point(d, DATE_YEAR, y, 0, 0);
		return 1;
	}
	return 0;
}

/*
 * The words a date can begin with, in lower case: the pattern's
 * alternatives that do not begin with a digit begin with one of these,
 * whole (followed by no letter).  Kept in step with the pattern; the
 * unit test tries every one.
 */
static const char *const lead_words[] = {
	"innen", "innan", "by",
	"januar", "january", "februar", "february", "mars", "march", "april",
	"mai", "may", "juni", "june", "juli", "july", "august", "september",
	"oktober", "october", "november", "desember", "december", "jan", "feb",
	"mar", "apr", "jun", "jul", "aug", "sept", "sep", "okt", "oct", "nov",
	"des", "dec",
	"våren", "vår", "høsten", "høst", "hausten", "haust", "sommeren",
	"sommaren", "sommer", "vinteren", "vinter", "spring", "summer",
	"autumn", "fall", "winter",
	"q", "uke", "veke",
};
/* The longest of them in bytes ("september"). */
#define LEAD_WORD_MAX 9

static int
is_alnum_ascii(unsigned c)
{
	return c - '0' < 10u || (c | 0x20) - 'a' < 26u;
}

/*
 * The letter at s[i] in lower case as the caseless pattern sees it, into
 * out (1 or 2 bytes), or 0 when it is no letter of a lead word's alphabet.
 * Besides ASCII that is å, ø and the three characters PCRE2 holds equal
 * to one of their letters without regard to case: U+017F (s), U+212A (k)
 * and U+212B (å).  *size is the bytes read.
 */
static size_t
lead_letter(const char *s, size_t len, size_t i, char *out, size_t *size)
{
	unsigned c = (unsigned char)s[i], c1, c2;

	*size = 1;
	if ((c | 0x20) - 'a' < 26u) {
		out[0] = (char)(c | 0x20);
		return 1;
	}
	if (i + 1 >= len)
		return 0;
	c1 = (unsigned char)s[i + 1];
	*size = 2;
	if (c == 0xC3 && (c1 == 0x85 || c1 == 0xA5 || c1 == 0x98 ||
	    c1 == 0xB8)) {
		out[0] = (char)0xC3;
		out[1] = (char)(c1 | 0x20);
		return 2;
	}
	if (c == 0xC5 && c1 == 0xBF) {
		out[0] = 's';
		return 1;
	}
	if (i + 2 >= len)
		return 0;
	c2 = (unsigned char)s[i + 2];
	*size = 3;
	if (c == 0xE2 && c1 == 0x84 && c2 == 0xAA) {
		out[0] = 'k';
		return 1;
	}
	if (c == 0xE2 && c1 == 0x84 && c2 == 0xAB) {
		out[0] = (char)0xC3;
		out[1] = (char)0xA5;
		return 2;
	}
	return 0;
}

/* Whether w[0..n) (lower case) is one of the lead words. */
static int
is_lead_word(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof lead_words / sizeof lead_words[0]; i++)
		if (lead_words[i][0] == w[0] && strlen(lead_words[i]) == n &&
		    memcmp(lead_words[i], w, n) == 0)
			return 1;
	return 0;
}

/*
 * A date begins where no letter or digit stands before it (the pattern's
 * lookbehind), with a digit or with a lead word.  Every offset ruled out
 * here is one where the pattern cannot match; the pattern decides the
 * rest.  Where the character before is not ASCII it is taken as no
 * letter, which may keep an offset the pattern then refuses.
 */
/*
 * Whether an ASCII letter may begin a lead word (as the caseless pattern
 * sees it): the first letters of lead_words.  A word that begins with
 * another is passed over whole.
 */
static int
may_lead(unsigned c)
{
	static const unsigned char first[26] = {
		['a' - 'a'] = 1, ['b' - 'a'] = 1, ['d' - 'a'] = 1, ['f' - 'a'] = 1,
		['h' - 'a'] = 1, ['i' - 'a'] = 1, ['j' - 'a'] = 1, ['m' - 'a'] = 1,
		['n' - 'a'] = 1, ['o' - 'a'] = 1, ['q' - 'a'] = 1, ['s' - 'a'] = 1,
		['u' - 'a'] = 1, ['v' - 'a'] = 1, ['w' - 'a'] = 1,
	};

	return first[(c | 0x20) - 'a'];
}

/*
 * The lead words of ASCII letters by length: bit c - 'a' of
 * lead_shapes[n] is set when one of n letters begins with c.
 */
static uint32_t lead_shapes[LEAD_WORD_MAX + 1];

static void
shapes_once(void)
{
	size_t i, n;
	const char *w;

	if (lead_shapes[1] != 0)
		return;
	for (i = 0; i < sizeof lead_words / sizeof lead_words[0]; i++) {
		w = lead_words[i];
		for (n = 0; w[n] != '\0' && (unsigned char)w[n] < 0x80; n++)
			;
		if (w[n] == '\0')
			lead_shapes[n] |= (uint32_t)1 << (w[0] - 'a');
	}
}

size_t
date_next_start(const char *s, size_t len, size_t from)
{
	char w[LEAD_WORD_MAX + 2];
	size_t p = from, n, k, size, start;

	shapes_once();
	/* Inside a word or number that from cuts: no date begins there. */
	if (p > 0)
		while (p < len && is_alnum_ascii((unsigned char)s[p - 1]) &&
		    is_alnum_ascii((unsigned char)s[p]))
			p++;
	while (p < len) {
		unsigned c = (unsigned char)s[p];

		if (c - '0' < 10u)
			return p;
		if (c < 0x80) {
			if ((c | 0x20) - 'a' >= 26u) {
				p++;
				continue;
			}
			if (!may_lead(c)) {
				/* And the digits glued to it: a letter before them. */
				while (++p < len &&
				    is_alnum_ascii((unsigned char)s[p]))
					;
				continue;
			}
		} else if (!(c == 0xC5 && p + 1 < len &&
		    (unsigned char)s[p + 1] == 0xBF)) {
			/* No lead word begins with another character. */
			p++;
			while (p < len && ((unsigned char)s[p] & 0xC0) == 0x80)
				p++;
			continue;
		}
		start = p;
		/* A word of ASCII letters: told by its first letter and length. */
		while (p < len && ((unsigned)(unsigned char)s[p] | 0x20u) - 'a' <
		    26u)
			p++;
		if (p == len || (unsigned char)s[p] < 0x80) {
			n = p - start;
			if (n <= LEAD_WORD_MAX && (lead_shapes[n] >>
			    (((unsigned char)s[start] | 0x20u) - 'a') & 1)) {
				for (k = 0; k < n; k++)
					w[k] = (char)(s[start + k] | 0x20);
				if (is_lead_word(w, n))
					return start;
			}
			while (p < len && is_alnum_ascii((unsigned char)s[p]))
				p++;
			continue;
		}
		/* Else fold its letters while they could spell a lead word. */
		p = start;
		n = 0;
		while (p < len && (k = lead_letter(s, len, p, w + n, &size)) > 0) {
			if (n + k > LEAD_WORD_MAX) {
				n = 0;
				p += size;
				break;
			}
			n += k;
			p += size;
		}
		if (n > 0 && is_lead_word(w, n))
			return start;
		/* Digits glued to the word follow a letter: no date there. */
		while (p < len && is_alnum_ascii((unsigned char)s[p]))
			p++;
	}
	return len;
}

/*
 * Reading the commonest dates without the pattern: "15. september 2026",
 * "juni 2026", "våren 2026", "2026", "2024–2025".  read_common gives the
 * match the pattern would give at that offset, with the same groups, or
 * leaves it to the pattern whenever the text is anything else: a
 * character that is not ASCII where \s or a dash could stand, a word of
 * another form, a number of another length.  The pattern stays what
 * defines a date; the unit test holds the two to the same answers.
 */

/* The ASCII characters \s matches (the others are not ASCII). */
static int
is_space_ascii(unsigned c)
{
	return c == ' ' || c - '\t' < 5u;
}

static size_t
digits_at(const char *s, size_t len, size_t i)
{
	size_t j = i;

	while (j < len && (unsigned)(s[j] - '0') < 10u)
		j++;
	return j - i;
}

static size_t
spaces_at(const char *s, size_t len, size_t i)
{
	size_t j = i;

	while (j < len && is_space_ascii((unsigned char)s[j]))
		j++;
	return j - i;
}

/* A year of YEAR4 and no digit after it, at s[i]. */
static int
year_at(const char *s, size_t len, size_t i)
{
	return digits_at(s, len, i) == 4 && (s[i] == '2' ? s[i + 1] == '0' :
	    s[i] == '1' && s[i + 1] == '9');
}

/*
 * The word at s[i] in lower case into w (NUL-terminated); its end into
 * *end.  0 when it holds a character that is no letter of a lead word
 * (then the word may go on where the pattern sees it otherwise).
 */
static int
word_at(const char *s, size_t len, size_t i, char *w, size_t size,
    size_t *end)
{
	size_t n = 0, k, step;

	while (i < len) {
		/* Room for a letter of two bytes and the NUL, before writing. */
		if (n + 3 > size)
			return 0;
		if ((k = lead_letter(s, len, i, w + n, &step)) == 0)
			break;
		n += k;
		i += step;
	}
	if (i < len && (unsigned char)s[i] >= 0x80)
		return 0;
	w[n] = '\0';
	*end = i;
	return n > 0;
}

static void
set_group(struct found *f, enum group g, size_t a, size_t b)
{
	f->set |= (uint64_t)1 << g;
	f->a[g] = a;
	f->b[g] = b;
}

static const char *const season_words[] = {
	"våren", "vår", "høsten", "høst", "hausten", "haust", "sommeren",
	"sommaren", "sommer", "vinteren", "vinter", "spring", "summer",
	"autumn", "fall", "winter",
};

static int
is_season_word(const char *w)
{
	size_t i;

	for (i = 0; i < sizeof season_words / sizeof season_words[0]; i++)
		if (strcmp(season_words[i], w) == 0)
			return 1;
	return 0;
}

/*
 * After a month word ending at i: the end of MON (with its "." when no
 * letter follows), or 0 when the text there is not plain ASCII.
 */
static size_t
month_end(const char *s, size_t len, size_t i)
{
	unsigned c;

	if (i < len && s[i] == '.')
		i++;
	if (i == len)
		return i;
	c = (unsigned char)s[i];
	if (c >= 0x80 || (c | 0x20) - 'a' < 26u)
		return 0;
	return i;
}

/*
 * The word s[p..e) into group gw when spaces and a year (into gy) follow:
 * the end of the year, or 0.
 */
static size_t
then_year(const char *s, size_t len, size_t p, size_t e, struct found *f,
    enum group gw, enum group gy)
{
	size_t r = e + spaces_at(s, len, e);

	if (r == e || !year_at(s, len, r))
		return 0;
	set_group(f, gw, p, e);
	set_group(f, gy, r, r + 4);
	return r + 4;
}

/* "juni 2026", "sommeren 2026": a word, spaces, a year. */
static size_t
read_common_word(const char *s, size_t len, size_t p, struct found *f)
{
	char w[16];
	size_t q, e;

	if (!word_at(s, len, p, w, sizeof w, &q))
		return 0;
	/*
	 * MON, spaces, four digits: MONTHDAY wants one or two digits and no
	 * digit after them, so only MONTH matches.
	 */
	if (month_of(w) > 0)
		return (e = month_end(s, len, q)) == 0 ? 0 :
		    then_year(s, len, p, e, f, G_MM, G_MY);
	if (is_season_word(w))
		return then_year(s, len, p, q, f, G_SN, G_SY);
	return 0;
}

/* "2026", "2024–2025", "2024-25": YEARS if it matches, else YEAR. */
static size_t
read_common_year(const char *s, size_t len, size_t p, struct found *f)
{
	size_t q = p + 4, r, n;
	unsigned c;

	set_group(f, G_YY, p, q);
	if (q == len)
		return q;
	r = q + spaces_at(s, len, q);
	if (r == len)
		return q;
	c = (unsigned char)s[r];
	if (c == '-') {
		/* ISO first: "2021-08-01". */
		if (r == q && r + 2 < len && ((s[r + 1] == '0' &&
		    s[r + 2] >= '1' && s[r + 2] <= '9') || (s[r + 1] == '1' &&
		    s[r + 2] >= '0' && s[r + 2] <= '2')))
			return 0;
		r++;
	} else if (c == 0xE2 && r + 2 < len && (unsigned char)s[r + 1] == 0x80 &&
	    ((unsigned char)s[r + 2] == 0x93 || (unsigned char)s[r + 2] == 0x94))
		r += 3;
	else if (c >= 0x80 || c == '/' || (c | 0x20) == 't')
		return 0;
	else
		return q;
	/* After the dash: spaces, then four digits of a year or two. */
	r += spaces_at(s, len, r);
	if (r < len && (unsigned char)s[r] >= 0x80)
		return 0;
	n = digits_at(s, len, r);
	if (!(n == 2 || year_at(s, len, r)))
		return q;
	f->set = 0;
	set_group(f, G_YA, p, q);
	set_group(f, G_YB, r, r + n);
	return r + n;
}

/* "15. september 2026", "3 mai": DAYTEXT. */
static size_t
read_common_day(const char *s, size_t len, size_t p, size_t nd,
    struct found *f)
{
	char w[16];
	size_t r, q, e, t, y;

	/* DAYNUM, whole: 1-9, 01-09, 10-29, 30, 31. */
	if (nd == 1 ? s[p] == '0' : !((s[p] == '0' && s[p + 1] != '0') ||
	    s[p] == '1' || s[p] == '2' || (s[p] == '3' && s[p + 1] <= '1')))
		return 0;
	r = p + nd;
	if (r < len && s[r] == '.')
		r++;
	q = r + spaces_at(s, len, r);
	if (q == p + nd || q == len)
		return 0;
	/*
	 * A month word there: DAYRANGE wants a dash, "og", "and", "to" or
	 * "til" there instead, and no month begins so.
	 */
	if (!word_at(s, len, q, w, sizeof w, &e) || month_of(w) == 0)
		return 0;
	if ((e = month_end(s, len, e)) == 0)
		return 0;
	set_group(f, G_TD, p, p + nd);
	set_group(f, G_TM, q, e);
	/* The year, if ",? \s+ YEAR4" follows. */
	t = e;
	if (t < len && s[t] == ',')
		t++;
	y = t + spaces_at(s, len, t);
	if (y < len && (unsigned char)s[y] >= 0x80)
		return 0;
	if (y > t && year_at(s, len, y)) {
		set_group(f, G_TY, y, y + 4);
		return y + 4;
	}
	return e;
}

/*
 * The end of the date at p read without the pattern, its groups in f;
 * 0 to leave it to the pattern.
 */
static size_t
read_common(const char *s, size_t len, size_t p, struct found *f)
{
	size_t nd;

	f->set = 0;
	/* No letter or digit before (the lookbehind): ASCII only here. */
	if (p > 0 && ((unsigned char)s[p - 1] >= 0x80 ||
	    is_alnum_ascii((unsigned char)s[p - 1])))
		return 0;
	if ((nd = digits_at(s, len, p)) == 0)
		return read_common_word(s, len, p, f);
	if (nd == 4 && year_at(s, len, p))
		return read_common_year(s, len, p, f);
	if (nd <= 2)
		return read_common_day(s, len, p, nd, f);
	return 0;
}

#define CITE_BYTES 80	/* from a source's opening parenthesis to its year */

/* Words that join a citation's names: "Berg og Dahl", "Hodges et al.". */
static const char *const cite_joins[] = { "al", "al.", "&", "and", "og" };

/*
 * Whether the year alone at s[a..b) is a source's in a citation:
 * "(Hodges et al., 1999)", "(Berg og Dahl 2019; Nilsen, 2020a)".  Inside
 * parentheses, after names (words with a capital, "et al.", "&", "and",
 * "og") and before ")", ";" or ",": no date of the text's own.  (Written
 * here: no library tells a citation, and the date grammar's patterns
 * see one year at a time.)
 */
static int
citation_year(const char *s, size_t len, size_t a, size_t b)
{
	size_t i, w, k, open;
	int names = 0, etal = 0, list;

	while (b < len && isalpha((unsigned char)s[b]))
		b++;	/* "2020a" */
	if (b >= len || (s[b] != ')' && s[b] != ';' && s[b] != ','))
		return 0;
	list = s[b] == ';';
	for (open = a; open > 0 && a - open < CITE_BYTES; open--)
		if (s[open - 1] == '(' || s[open - 1] == ';' || s[open - 1] == ')')
			break;
	if (open == 0 || s[open - 1] == ')' || a - open >= CITE_BYTES)
		return 0;
	list |= s[open - 1] == ';';
	for (i = open; i < a; i = w) {
		while (i < a && (s[i] == ' ' || s[i] == ','))
			i++;
		for (w = i; w < a && s[w] != ' ' && s[w] != ','; w++)
			;
		if (w == i)
			break;
		if (isupper((unsigned char)s[i]) || (unsigned char)s[i] >= 0xC3) {
			names++;
			continue;
		}
		if (w - i == 2 && memcmp(s + i, "et", 2) == 0) {
			etal = 1;
			continue;
		}
		for (k = 0; k < sizeof cite_joins / sizeof cite_joins[0]; k++)
			if (strlen(cite_joins[k]) == w - i &&
			    memcmp(s + i, cite_joins[k], w - i) == 0)
				break;
		if (k == sizeof cite_joins / sizeof cite_joins[0])
			return 0;
	}
	/*
	 * One name and a year may be a place's ("Samlinga (Bergen, 2027)"):
	 * a source is told by "et al.", two names or a list of sources.
	 */
	return names > 0 && (etal || names > 1 || list);
}

int
date_find(const char *s, size_t len, size_t from, struct date *d)
{
	struct rx_match m;
	struct found f;
	int r;

	compile_once();
	while (from < len) {
		size_t digit = from, back;

		/*
		 * Every date has a digit, and no date begins more than
		 * LEAD_MAX bytes before its first digit ("innen utgangen av
		 * desember 2017"): start the search near the first digit.
		 */
		while (digit < len && (unsigned)(s[digit] - '0') > 9u) {
			uint64_t w, x;

			/* Eight bytes at a time while none is a digit. */
			while (digit + 8 <= len) {
				memcpy(&w, s + digit, 8);
				x = w & 0x7F7F7F7F7F7F7F7FULL;
				if ((x + 0x5050505050505050ULL) &
				    ~(x + 0x4646464646464646ULL) & ~w &
				    0x8080808080808080ULL)
					break;
				digit += 8;
			}
			if (digit < len && (unsigned)(s[digit] - '0') > 9u)
				digit++;
		}
		if (digit == len)
			return 0;
		back = digit - from > LEAD_MAX ? digit - LEAD_MAX : from;
		while (back > from && ((unsigned char)s[back] & 0xC0) == 0x80)
			back--;
		for (;;) {
			if ((back = date_next_start(s, len, back)) == len)
				return 0;
			if ((m.end = read_common(s, len, back, &f)) > 0) {
				f.by_hand = 1;
				m.start = back;
				break;
			}
			f.by_hand = 0;
			if ((r = rx_search(date_rx, s, len, back, &m)) == 1)
				break;
			if (r < 0)
				return 0;
			back++;
			while (back < len &&
			    ((unsigned char)s[back] & 0xC0) == 0x80)
				back++;
		}
		memset(d, 0, sizeof *d);
		/* read_common sets no day group but "td": ask no other. */
		if (f.by_hand && !(f.set >> G_TD & 1))
			r = f.set >> G_SN & 1 ? read_season(&f, s, d) :
			    read_other(&f, s, d);
		else if ((r = read_day(&f, s, d)) == 0 &&
		    (r = read_season(&f, s, d)) == 0)
			r = read_other(&f, s, d);
		if (r == 1 && !(d->kind == DATE_YEAR &&
		    citation_year(s, len, m.start, m.end))) {
			d->start = m.start;
			d->end = m.end;
			return 1;
		}
		/* Not a real date (31.02, 2020-2019): look further on. */
		from = m.start + 1;
		while (from < len && ((unsigned char)s[from] & 0xC0) == 0x80)
			from++;
	}
	return 0;
}

int
date_find_memo(struct date_memo *dm, const char *s, size_t len, size_t from,
    struct date *d)
{
	struct date_asked *a;
	int i;

	for (i = 0; i < DATE_MEMO; i++) {
		a = &dm->asked[i];
		if (a->text.data != NULL && a->text.len == len && a->from == from &&
		    memcmp(a->text.data, s, len) == 0) {
			if (a->found)
				*d = a->d;
			return a->found;
		}
	}
	a = &dm->asked[dm->next];
	dm->next = (dm->next + 1) % DATE_MEMO;
	buf_clear(&a->text);
	buf_add(&a->text, s, len);
	a->from = from;
	if ((a->found = date_find(s, len, from, &a->d)))
		*d = a->d;
	return a->found;
}

void
date_memo_free(struct date_memo *dm)
{
	int i;

	for (i = 0; i < DATE_MEMO; i++)
		buf_free(&dm->asked[i].text);
}

int
date_placeholder_kinds(const char *name)
{
	static const struct {
		const char *name;
		int kinds;
	} forms[] = {
		{ "day", 1 << DATE_DAY | 1 << DATE_DAYS },
		{ "month", 1 << DATE_MONTH },
		{ "season", 1 << DATE_SEASON },
		{ "quarter", 1 << DATE_QUARTER },
		{ "endof", 1 << DATE_END },
		{ "years", 1 << DATE_YEARS },
		{ "year", 1 << DATE_YEAR },
		{ "week", 1 << DATE_WEEK },
		{ "date", (1 << (DATE_WEEK + 1)) - 1 },
	};
	size_t i;

	for (i = 0; i < sizeof forms / sizeof forms[0]; i++)
		if (strcmp(forms[i].name, name) == 0)
			return forms[i].kinds;
	return 0;
}

void
date_join(struct date *d, const struct date *e)
{
	d->y2 = e->y2;
	d->m2 = e->m2;
	d->d2 = e->d2;
	d->end = e->end;
}

int
date_yearless(const struct date *d)
{
	return d->y1 == 0;
}

/* v (0 <= v < 10^width) in width digits, zeros first. */
static int
put_digits(char *out, int v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return width;
}

static size_t
put_point(char *out, size_t size, int y, int m, int d)
{
	int n;

	/* Written out by hand where it fits: snprintf cost more than the rest. */
	if (y >= 0 && y <= 9999 && m >= 0 && m <= 99 && d >= 0 && d <= 99 &&
	    size > sizeof "YYYY-MM-DD") {
		n = put_digits(out, y, 4);
		if (m != 0) {
			out[n++] = '-';
			n += put_digits(out + n, m, 2);
			if (d != 0) {
				out[n++] = '-';
				n += put_digits(out + n, d, 2);
			}
		}
		out[n] = '\0';
		return (size_t)n;
	}
	if (m == 0)
		n = snprintf(out, size, "%04d", y);
	else if (d == 0)
		n = snprintf(out, size, "%04d-%02d", y, m);
	else
		n = snprintf(out, size, "%04d-%02d-%02d", y, m, d);
	return n < 0 ? 0 : (size_t)n;
}

size_t
date_iso(const struct date *d, int year, char *out, size_t size)
{
	int y1 = d->y1, y2 = d->y2;
	size_t n;

	if (size == 0)
		return 0;
	out[0] = '\0';
	if (y1 == 0) {
		if (year <= 0 || d->kind == DATE_WEEK)
			return 0;
		y1 = y2 = year;
		if (((d->m1 == 2 && d->d1 == 29) || (d->m2 == 2 && d->d2 == 29)) &&
		    !valid_day(year, 2, 29))
			return 0;
	}
	n = put_point(out, size, y1, d->m1, d->d1);
	if (y2 == y1 && d->m2 == d->m1 && d->d2 == d->d1)
		return n;
	if (n + 1 >= size)
		return n;
	out[n++] = '/';
	return n + put_point(out + n, size - n, y2, d->m2, d->d2);
}

int
date_same(const struct date *a, const struct date *b)
{
	if (a->m1 != b->m1 || a->d1 != b->d1)
		return 0;
	if (a->y1 != 0 && b->y1 != 0 && a->y1 != b->y1)
		return 0;
	return 1;
}

/* Days from civil (H. Hinnant's algorithm), proleptic Gregorian. */
long
date_daynum(int y, int m, int d)
{
	long yy = m <= 2 ? y - 1 : y;
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
date_from_daynum(long n, int *y, int *m, int *d)
{
	long z = n + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* n digits at s as a number; -1 unless they are all digits. */
static int
digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

/* One point: YYYY, YYYY-MM or YYYY-MM-DD; its first and last day. */
static int
iso_point(const char *s, size_t len, long *first, long *last)
{
	int y, m = 0, d = 0;

	if ((len != 4 && len != 7 && len != 10) || (y = digits(s, 4)) < 0)
		return -1;
	if (len >= 7 && (s[4] != '-' || (m = digits(s + 5, 2)) < 1 || m > 12))
		return -1;
	if (len == 10 && (s[7] != '-' || (d = digits(s + 8, 2)) < 1 ||
	    !valid_day(y, m, d)))
		return -1;
	*first = date_daynum(y, m ? m : 1, d ? d : 1);
	*last = date_daynum(y, m ? m : 12, d ? d : days_in_month(y, m ? m : 12));
	return 0;
}

int
date_iso_range(const char *s, size_t len, long *first, long *last)
{
	const char *slash = memchr(s, '/', len);
	long f2, l2;

	if (slash == NULL)
		return iso_point(s, len, first, last);
	if (iso_point(s, (size_t)(slash - s), first, last) != 0 ||
	    iso_point(slash + 1, len - (size_t)(slash - s) - 1, &f2, &l2) != 0 ||
	    l2 < *first)
		return -1;
	*last = l2;
	return 0;
}
