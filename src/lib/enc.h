/*
 * Character encodings of incoming documents.
 *
 * to_utf8() turns a document of unknown encoding into clean UTF-8:
 *   - a UTF-8 byte order mark is dropped;
 *   - UTF-16 with a BOM is converted;
 *   - text that is not valid UTF-8 is read as Windows-1252 (which covers
 *     Latin-1's printable range; WHATWG reads "latin1" the same way);
 *   - double-encoded UTF-8 ("Ã¸" for "ø", "â€“" for "–") is repaired;
 *   - CRLF and lone CR become LF.
 * The same document in any of these forms gives identical bytes.
 */
#ifndef SAMLING_ENC_H
#define SAMLING_ENC_H

#include <stddef.h>
#include "buf.h"

enum encoding {
	ENC_UTF8, ENC_UTF8_BOM, ENC_UTF16LE, ENC_UTF16BE, ENC_CP1252
};

struct enc_report {
	enum encoding detected;
	size_t repaired;	/* mojibake sequences repaired */
};

/* Convert in[0..len) into out (appending).  0 ok, -1 (errno) on failure. */
int to_utf8(struct buf *out, const char *in, size_t len,
    struct enc_report *rep);

/*
 * Whether to_utf8() gives in[0..len) unchanged (clean UTF-8 with Unix line
 * ends, no byte order mark, nothing to repair): then the caller can read
 * it where it is, without the copy.
 */
int utf8_as_is(const char *in, size_t len);

/*
 * The same without the repair of double-encoded UTF-8: for tables, whose
 * cells are kept as their bytes say ("Evenášši" looks double-encoded).
 */
int to_utf8_exact(struct buf *out, const char *in, size_t len,
    struct enc_report *rep);

/* The same, b's text converted where it stands (kept when it is clean). */
int to_utf8_exact_buf(struct buf *b, struct enc_report *rep);

/* Repair double-encoded UTF-8 in valid UTF-8 text; returns repairs made. */
size_t repair_mojibake(struct buf *out, const char *s, size_t len);

/* Convert line ends to LF in place; returns the new length. */
size_t normalize_newlines(char *s, size_t len);

const char *encoding_name(enum encoding e);

#endif
