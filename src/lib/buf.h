/* A growable byte buffer, always NUL-terminated after data[len]. */
#ifndef SAMLING_BUF_H
#define SAMLING_BUF_H

#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_reserve(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_addc(struct buf *b, int c);
void buf_adds(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_clear(struct buf *b);		/* len = 0, keeps memory */
void buf_free(struct buf *b);
/* Hand the data to the caller (NUL-terminated) and reset the buffer. */
char *buf_detach(struct buf *b, size_t *len);

#endif
