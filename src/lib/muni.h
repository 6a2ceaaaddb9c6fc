/*
 * Norwegian municipalities (kommuner): the official lists per year, names
 * (with their Sami and Kven forms) and the crosswalk between years, from
 * share/samling/municipalities/ (see the README there).
 *
 * Codes are handled as numbers 0..9999 and printed "%04d".  The lists
 * cover 2017, 2018, 2019, 2020 (valid through 2021), 2022, 2023 and 2024
 * (valid until a newer list is shipped); muni_table_year() says which
 * list a year uses.
 */
#ifndef SAMLING_MUNI_H
#define SAMLING_MUNI_H

#include <stddef.h>

#define MUNI_CODES 10000

struct muni_db;

/*
 * The level of a table: municipalities (four-digit codes), or counties
 * (fylker: two-digit codes, from fylker_YEAR.csv and fylker_crosswalk.csv,
 * the same functions below serving both).
 */
enum muni_level { MUNI_KOMMUNE, MUNI_FYLKE };

/* Load the tables; NULL after a message. */
struct muni_db *muni_load(void);
struct muni_db *muni_load_level(enum muni_level level);
/* Digits of a code of this table: 4, or 2. */
int muni_code_digits(const struct muni_db *db);
void muni_free(struct muni_db *db);

/*
 * The year of the list that holds a year's municipalities (2021 -> 2020,
 * 2025 -> 2024), or 0 when no list covers it (before 2017).
 */
int muni_table_year(const struct muni_db *db, int year);
/* Years with a list, ascending; returns how many. */
int muni_years(const struct muni_db *db, const int **years);

/* The official name of code in year's list, NULL if it has none. */
const char *muni_name(const struct muni_db *db, int year, int code);
/* The newest year whose list holds code, 0 if none does. */
int muni_newest_year(const struct muni_db *db, int code);

/*
 * Look a municipality up by name: case-insensitive, white space and
 * dashes normalised, "X kommune" and "Kommune X" accepted; a
 * name may be the official one ("Guovdageaidnu - Kautokeino"), any one of
 * its language forms ("Kautokeino"), or the forms in another order or
 * with other dashes ("Kautokeino – Guovdageaidnu").  year 0 searches the
 * newest list holding the name.  Returns the code, -1 when no list has
 * the name, -2 when it is ambiguous in that year ("Våler" without the
 * county).  *found_year (may be NULL) is set to the list's year.
 */
int muni_lookup_name(const struct muni_db *db, const char *name, size_t len,
    int year, int *found_year);

/*
 * Every code a name has, where muni_lookup_name would say it is ambiguous
 * ("Herøy": 1515 and 1818 in 2024): the same look-up, the codes ascending,
 * at most max of them into codes.  Returns how many (0 when no list has
 * the name, or when its language forms name different ones);
 * *found_year (may be NULL) is set to the list's year.
 */
int muni_lookup_codes(const struct muni_db *db, const char *name, size_t len,
    int year, int *codes, int max, int *found_year);

/*
 * A region cell as statistics files write it: "0301", "0301 Oslo",
 * "K-0301 Oslo", "0301 - Oslo", "0301\u00a0-\u00a0Oslo".  Returns the
 * four-digit code (and the name part, possibly empty, in name and namelen),
 * or -1 when the cell does not start with a municipality code.
 */
int muni_parse_region(const char *s, size_t len, const char **name,
    size_t *namelen);

/*
 * A city district (bydel): six digits, the four of a municipality SSB
 * divides into districts, then the district's two ("030101",
 * "030101 Gamle Oslo").  Returns the code (30101), or -1; *name as for
 * muni_parse_region().
 */
int muni_parse_district(const char *s, size_t len, const char **name,
    size_t *namelen);
/*
 * A county cell: "11", "11 Rogaland", "F-11 Rogaland".  Returns the
 * two-digit code and the name part, or -1.
 */
int muni_parse_county(const char *s, size_t len, const char **name,
    size_t *namelen);

/*
 * The crosswalk from the municipalities of one year to those of another
 * (either direction), composed of the yearly steps.
 */
struct muni_xwalk;

struct muni_xwalk *muni_xwalk_new(const struct muni_db *db, int from_year,
    int to_year);
void muni_xwalk_free(struct muni_xwalk *x);
/*
 * The codes of to_year that code of from_year went into (ascending);
 * returns how many (0 when from_year's list lacks code).  More than one
 * means the municipality was split.
 */
int muni_xwalk_targets(const struct muni_xwalk *x, int code, const int **out);
/* The codes of from_year that went (wholly or partly) into code. */
int muni_xwalk_sources(const struct muni_xwalk *x, int code, const int **out);

#endif
