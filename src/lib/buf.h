/* A growable byte buffer, always NUL-terminated after data[len]. */
#ifndef SAMLING_BUF_H
#define SAMLING_BUF_H

#include <stddef.h>
#include <string.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_reserve(struct buf *b, size_t extra);

/*
 * The appends are inline: writers and scanners call them a field or a
 * byte at a time, and a call with its checks cost more than the copy.
 */
static inline void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->cap - b->len <= n)
		buf_reserve(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static inline void
buf_addc(struct buf *b, int c)
{
	if (b->cap - b->len <= 1)
		buf_reserve(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}

static inline void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_clear(struct buf *b);		/* len = 0, keeps memory */
void buf_free(struct buf *b);
/* Hand the data to the caller (NUL-terminated) and reset the buffer. */
char *buf_detach(struct buf *b, size_t *len);

#endif
