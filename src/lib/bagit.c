/* BagIt tag files, manifest lines and paths (RFC 8493). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bagit.h"
#include "buf.h"
#include "text.h"
#include "xalloc.h"

void
bag_path_encode(struct buf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '\r')
			buf_adds(out, "%0D");
		else if (s[i] == '\n')
			buf_adds(out, "%0A");
		else if (s[i] == '%')
			buf_adds(out, "%25");
		else
			buf_addc(out, s[i]);
	}
}

size_t
bag_path_decode(char *s, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len) {
			char a = s[i + 1], b = s[i + 2];

			if (a == '0' && (b == 'A' || b == 'a')) {
				s[o++] = '\n';
				i += 2;
				continue;
			}
			if (a == '0' && (b == 'D' || b == 'd')) {
				s[o++] = '\r';
				i += 2;
				continue;
			}
			if (a == '2' && b == '5') {
				s[o++] = '%';
				i += 2;
				continue;
			}
		}
		s[o++] = s[i];
	}
	if (o < len)
		s[o] = '\0';
	return o;
}

const char *
bag_path_problem(const char *p, size_t len)
{
	size_t i, start;

	if (len == 0)
		return "empty path";
	if (memchr(p, '\0', len) != NULL)
		return "NUL byte in path";
	if (p[0] == '/')
		return "absolute path";
	for (start = 0; start <= len; start = i + 1) {
		const char *slash = memchr(p + start, '/', len - start);
		size_t n;

		i = slash != NULL ? (size_t)(slash - p) : len;
		n = i - start;
		if (n == 0)
			return "empty path component";
		if (n == 1 && p[start] == '.')
			return "'.' in path";
		if (n == 2 && p[start] == '.' && p[start + 1] == '.')
			return "'..' in path";
	}
	return NULL;
}

int
bag_next_line(const char *s, size_t len, size_t *pos, const char **line,
    size_t *linelen)
{
	size_t i = *pos;

	if (i >= len)
		return 0;
	*line = s + i;
	while (i < len && s[i] != '\n' && s[i] != '\r')
		i++;
	*linelen = (size_t)(s + i - *line);
	if (i < len && s[i] == '\r') {
		i++;
		if (i < len && s[i] == '\n')
			i++;
	} else if (i < len) {
		i++;
	}
	*pos = i;
	return 1;
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

int
bag_manifest_split(const char *line, size_t len, const char **sum,
    size_t *sumlen, const char **path, size_t *pathlen)
{
	size_t i = 0, j;

	while (i < len && !is_blank((unsigned char)line[i]))
		i++;
	if (i == 0 || i == len)
		return -1;
	j = i;
	while (j < len && is_blank((unsigned char)line[j]))
		j++;
	if (j == len)
		return -1;
	*sum = line;
	*sumlen = i;
	*path = line + j;
	*pathlen = len - j;
	return 0;
}

int
bag_manifest_name(const char *name, int *is_tag, const char **alg,
    size_t *alglen)
{
	size_t n = strlen(name), skip;

	if (strncmp(name, "manifest-", 9) == 0)
		*is_tag = 0, skip = 9;
	else if (strncmp(name, "tagmanifest-", 12) == 0)
		*is_tag = 1, skip = 12;
	else
		return 0;
	if (n < skip + 5 || strcmp(name + n - 4, ".txt") != 0 ||
	    strchr(name, '/') != NULL)
		return 0;
	*alg = name + skip;
	*alglen = n - skip - 4;
	return 1;
}

void
bag_bagit_txt(struct buf *out)
{
	buf_adds(out, "BagIt-Version: " BAGIT_VERSION "\n"
	    "Tag-File-Character-Encoding: UTF-8\n");
}

/* The value of "Label: value" when line starts with label, else NULL. */
static const char *
label_value(const char *line, size_t len, const char *label, size_t *vlen)
{
	size_t n = strlen(label), i;

	if (len < n + 1 || memcmp(line, label, n) != 0 || line[n] != ':')
		return NULL;
	i = n + 1;
	while (i < len && is_blank((unsigned char)line[i]))
		i++;
	*vlen = len - i;
	while (*vlen > 0 && is_blank((unsigned char)line[i + *vlen - 1]))
		(*vlen)--;
	return line + i;
}

const char *
bag_bagit_check(const char *s, size_t len, int *unsupported, char *why,
    size_t whysize)
{
	const char *line, *v;
	size_t pos = 0, linelen, vlen;

	*unsupported = 0;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		return "bagit.txt begins with a byte order mark";
	if (!bag_next_line(s, len, &pos, &line, &linelen) ||
	    (v = label_value(line, linelen, "BagIt-Version", &vlen)) == NULL)
		return "bagit.txt: first line is not BagIt-Version";
	if (!((vlen == 3 && memcmp(v, "1.0", 3) == 0) ||
	    (vlen == 4 && memcmp(v, "0.97", 4) == 0))) {
		*unsupported = 1;
		snprintf(why, whysize, "bagit.txt: BagIt-Version %.*s not supported",
		    (int)(vlen > 32 ? 32 : vlen), v);
		return why;
	}
	if (!bag_next_line(s, len, &pos, &line, &linelen) ||
	    (v = label_value(line, linelen, "Tag-File-Character-Encoding",
	    &vlen)) == NULL)
		return "bagit.txt: second line is not Tag-File-Character-Encoding";
	if (!(vlen == 5 && (memcmp(v, "UTF-8", 5) == 0 ||
	    memcmp(v, "utf-8", 5) == 0))) {
		*unsupported = 1;
		snprintf(why, whysize,
		    "bagit.txt: Tag-File-Character-Encoding %.*s not supported",
		    (int)(vlen > 32 ? 32 : vlen), v);
		return why;
	}
	while (bag_next_line(s, len, &pos, &line, &linelen))
		if (linelen > 0)
			return "bagit.txt: more than two lines";
	return NULL;
}

static char *
trimmed_dup(const char *s, size_t n)
{
	while (n > 0 && is_blank((unsigned char)*s))
		s++, n--;
	while (n > 0 && is_blank((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

int
bag_info_parse(const char *s, size_t len, struct bag_tag **tags,
    size_t *ntags, unsigned long *badline)
{
	const char *line, *colon;
	size_t pos = 0, linelen, n = 0, cap = 0;
	unsigned long lineno = 0;
	struct bag_tag *t = NULL;

	*tags = NULL;
	*ntags = 0;
	if (!utf8_valid(s, len)) {
		*badline = 1;
		return -1;
	}
	while (bag_next_line(s, len, &pos, &line, &linelen)) {
		lineno++;
		if (linelen == 0)
			continue;
		if (is_blank((unsigned char)line[0])) {
			char *v, *joined;

			if (n == 0)
				goto bad;
			v = trimmed_dup(line, linelen);
			joined = xmalloc(strlen(t[n - 1].value) + strlen(v) + 2);
			sprintf(joined, "%s %s", t[n - 1].value, v);
			free(t[n - 1].value);
			free(v);
			t[n - 1].value = joined;
			continue;
		}
		colon = memchr(line, ':', linelen);
		if (colon == NULL || colon == line)
			goto bad;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			t = xreallocarray(t, cap, sizeof *t);
		}
		t[n].label = trimmed_dup(line, (size_t)(colon - line));
		t[n].value = trimmed_dup(colon + 1,
		    linelen - (size_t)(colon - line) - 1);
		t[n].line = lineno;
		n++;
	}
	*tags = t;
	*ntags = n;
	return 0;
bad:
	*tags = t;
	*ntags = n;
	*badline = lineno;
	return -1;
}

void
bag_tags_free(struct bag_tag *tags, size_t ntags)
{
	size_t i;

	for (i = 0; i < ntags; i++) {
		free(tags[i].label);
		free(tags[i].value);
	}
	free(tags);
}

const char *
bag_label_problem(const char *label)
{
	size_t n = strlen(label);

	if (n == 0)
		return "empty label";
	if (strpbrk(label, ":\r\n") != NULL)
		return "label contains ':' or a line break";
	if (is_blank((unsigned char)label[0]) ||
	    is_blank((unsigned char)label[n - 1]))
		return "label begins or ends with white space";
	if (!utf8_valid(label, n))
		return "label is not valid UTF-8";
	return NULL;
}

const char *
bag_value_problem(const char *value)
{
	if (strpbrk(value, "\r\n") != NULL)
		return "value contains a line break";
	if (!utf8_valid(value, strlen(value)))
		return "value is not valid UTF-8";
	return NULL;
}

int
bag_oxum_parse(const char *s, uint64_t *octets, uint64_t *files)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*octets = strtoull(s, &end, 10);
	if (errno != 0 || *end != '.' || end[1] < '0' || end[1] > '9')
		return -1;
	*files = strtoull(end + 1, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	return 0;
}
