/*
 * Office documents: .pptx, .odp, .docx, .odt (zip containers of XML),
 * read through libarchive and expat.  Also plain .zip archives whose
 * members are documents: each member is ingested as its own document,
 * named "ARCHIVE:MEMBER".
 */
#ifndef SAMLING_INGEST_OFFICE_H
#define SAMLING_INGEST_OFFICE_H

#include <stddef.h>
#include "doc.h"

enum office_kind { OFFICE_NONE, OFFICE_PPTX, OFFICE_DOCX, OFFICE_ODP,
	OFFICE_ODT, OFFICE_ZIP };

/*
 * Which kind of container data is (by its members, not its name);
 * OFFICE_ZIP for a zip that is no office document, OFFICE_NONE for
 * something that is not a readable zip at all.  *package is set when the
 * zip is some office package at all (OOXML content types, an
 * OpenDocument mimetype), even one of a kind not read here (an .xlsx).
 */
enum office_kind office_detect(const char *data, size_t len, int *package);

/*
 * Ingest an office document held in memory into d (already begun by the
 * caller).  name is used in messages.  Returns 0 on success, -1 after a
 * message "samling-ingest: NAME: what is wrong" (corrupt zip, encrypted
 * member, missing part, XML error at NAME:member:LINE).
 * kind OFFICE_NONE (or OFFICE_ZIP): detect it first; when data is no
 * readable zip, or no document of the four kinds, the message says why.
 */
int office_ingest(struct doc *d, const char *name, const char *data,
    size_t len, enum office_kind kind);

/*
 * For OFFICE_ZIP: call fn for every regular member, in archive order,
 * with its name and contents.  Returns 0, or -1 after a message.  fn
 * returns 0, -1 (a failed member), or -2 to stop (no more members).
 */
typedef int (*member_fn)(void *ctx, const char *member, const char *data,
    size_t len);
int zip_each_member(const char *name, const char *data, size_t len,
    member_fn fn, void *ctx);

#endif
