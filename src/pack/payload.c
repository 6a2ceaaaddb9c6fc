/*
 * Gathering the payload: walk each PATH, leave out what is excluded,
 * refuse what a bag cannot hold (devices, sockets, FIFOs; symbolic links
 * unless followed or skipped), normalise names to NFC.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bag_match.h"
#include "buf.h"
#include "dirlist.h"
#include "err.h"
#include "pack.h"
#include "text.h"
#include "xalloc.h"

/* Directories above the one being walked, to catch loops under -L. */
struct ancestor {
	dev_t dev;
	ino_t ino;
	const struct ancestor *up;
};

static int walk(struct payload *p, const char *src, const char *rel,
    const struct pack_opts *o, const struct ancestor *up);

static struct item *
new_item(struct payload *p)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->items = xreallocarray(p->items, p->cap, sizeof *p->items);
	}
	memset(&p->items[p->n], 0, sizeof p->items[0]);
	return &p->items[p->n++];
}

/* rel + "/" + NFC(name) into out; -1 if name is not UTF-8. */
static int
child_rel(struct buf *out, const char *rel, const char *name)
{
	size_t n = strlen(name);

	if (!utf8_valid(name, n))
		return -1;
	buf_clear(out);
	buf_adds(out, rel);
	buf_addc(out, '/');
	text_nfc(out, name, n);
	return 0;
}

static int
add_entry(struct payload *p, const char *src, const char *rel,
    const struct stat *st, const struct pack_opts *o,
    const struct ancestor *up)
{
	struct item *it;

	if (S_ISDIR(st->st_mode)) {
		struct ancestor me = { st->st_dev, st->st_ino, up };
		const struct ancestor *a;

		for (a = up; a != NULL; a = a->up)
			if (a->dev == st->st_dev && a->ino == st->st_ino) {
				warnmsg("%s: directory loop through a "
				    "symbolic link", err_name(src));
				return -1;
			}
		it = new_item(p);
		it->src = xstrdup(src);
		it->rel = xstrdup(rel);
		it->dir = 1;
		it->mtime = o->have_epoch ? o->epoch : (int64_t)st->st_mtime;
		return walk(p, src, rel, o, &me);
	}
	if (!S_ISREG(st->st_mode)) {
		warnmsg("%s: %s refused: a bag holds only files and "
		    "directories", err_name(src),
		    S_ISLNK(st->st_mode) ? "symbolic link" :
		    S_ISSOCK(st->st_mode) ? "socket" :
		    S_ISFIFO(st->st_mode) ? "FIFO" : "device");
		return -1;
	}
	it = new_item(p);
	it->src = xstrdup(src);
	it->rel = xstrdup(rel);
	it->size = (uint64_t)st->st_size;
	it->exec = (st->st_mode & 0111) != 0;
	it->mtime = o->have_epoch ? o->epoch : (int64_t)st->st_mtime;
	p->octets += it->size;
	p->files++;
	return 0;
}

/* 0 to take src, 1 to leave it out, -1 after a message. */
static int
stat_source(const char *src, struct stat *st, const struct pack_opts *o)
{
	if (bag_match_excluded(o->match, src))
		return 1;
	if (outfile_id_is(&o->outid, src)) {
		/* Last run's bag, in the folder it was made of. */
		warnmsg("%s: the output file (-o), left out", err_name(src));
		return 1;
	}
	if (lstat(src, st) != 0) {
		warnsys("%s", err_name(src));
		return -1;
	}
	if (S_ISLNK(st->st_mode)) {
		if (o->skip_links) {
			warnmsg("%s: symbolic link skipped", err_name(src));
			return 1;
		}
		if (!o->follow) {
			warnmsg("%s: symbolic link refused (-L follows links)",
			    err_name(src));
			return -1;
		}
		if (stat(src, st) != 0) {
			warnsys("%s", err_name(src));
			return -1;
		}
	}
	return 0;
}

/* The entries of directory src, sorted; NULL after a message. */
static char **
list_dir(const char *src, size_t *count)
{
	char **names;

	if (dirlist(src, &names, count) != 0) {
		warnsys("%s", err_name(src));
		return NULL;
	}
	return names;
}

static int
walk(struct payload *p, const char *src, const char *rel,
    const struct pack_opts *o, const struct ancestor *up)
{
	struct buf csrc = BUF_INIT, crel = BUF_INIT;
	size_t i, n;
	char **names = list_dir(src, &n);
	int r = 0;

	if (names == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		struct stat st;
		int took;

		buf_clear(&csrc);
		buf_printf(&csrc, "%s%s%s", src,
		    src[strlen(src) - 1] == '/' ? "" : "/", names[i]);
		if (child_rel(&crel, rel, names[i]) != 0) {
			warnmsg("%s: name is not valid UTF-8",
			    err_name(csrc.data));
			r = -1;
		} else if ((took = stat_source(csrc.data, &st, o)) < 0 ||
		    (took == 0 &&
		    add_entry(p, csrc.data, crel.data, &st, o, up) != 0)) {
			r = -1;
		}
		free(names[i]);
	}
	free(names);
	buf_free(&csrc);
	buf_free(&crel);
	return r;
}

/* The last component of path, ignoring trailing slashes. */
static char *
last_name(const char *path)
{
	size_t end = strlen(path), start;

	while (end > 1 && path[end - 1] == '/')
		end--;
	start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	return xstrndup(path + start, end - start);
}

int
payload_add(struct payload *p, const char *path, const struct pack_opts *o)
{
	size_t len = strlen(path);
	char *name;
	struct buf rel = BUF_INIT;
	struct stat st;
	int r;

	if (outfile_id_is(&o->outid, path)) {
		warnmsg("%s: is the output file too (-o would replace it)",
		    err_name(path));
		return -1;
	}
	if ((r = stat_source(path, &st, o)) != 0)
		return r < 0 ? -1 : 0;
	name = last_name(path);
	/* "DIR/" and "." put DIR's contents straight into data/. */
	if (S_ISDIR(st.st_mode) && (path[len - 1] == '/' ||
	    strcmp(name, ".") == 0 || strcmp(name, "..") == 0)) {
		free(name);
		return walk(p, path, "data", o, NULL);
	}
	if (child_rel(&rel, "data", name) != 0) {
		warnmsg("%s: name is not valid UTF-8", err_name(path));
		r = -1;
	} else {
		r = add_entry(p, path, rel.data, &st, o, NULL);
	}
	free(name);
	buf_free(&rel);
	return r;
}

static int
item_cmp(const void *a, const void *b)
{
	return strcmp(((const struct item *)a)->rel,
	    ((const struct item *)b)->rel);
}

int
payload_sort(struct payload *p)
{
	size_t i;
	int r = 0;

	if (p->n > 0)
		qsort(p->items, p->n, sizeof *p->items, item_cmp);
	for (i = 1; i < p->n; i++)
		if (strcmp(p->items[i - 1].rel, p->items[i].rel) == 0) {
			warnmsg("%s: same payload name as %s", 
			    err_name(p->items[i].src),
			    err_name(p->items[i - 1].src));
			r = -1;
		}
	return r;
}

void
payload_free(struct payload *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->items[i].src);
		free(p->items[i].rel);
		free(p->items[i].md);
	}
	free(p->items);
	memset(p, 0, sizeof *p);
}
