/*
 * A bag in an archive, checked in one read pass: each entry's name is
 * judged before anything else is done with it, payload files are
 * digested as they stream by (and written out under --extract), tag
 * files that say what to expect are kept.  A second pass is needed only
 * when a manifest that follows the payload asks for an algorithm the
 * first pass did not compute.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "progress.h"
#include "bagit.h"
#include "err.h"
#include "io.h"
#include "verify.h"
#include "xalloc.h"

/* An entry's handler: 0 go on, -1 the archive is damaged, STOP stop (said). */
enum { STOP = -2 };

struct pass {
	struct vbag *b;
	const char *archive;
	char *base;		/* the bag's base directory in the archive */
	struct extractor *ex;	/* --extract, while it goes well */
	int second;		/* the second pass: digest what is needed */
	int fatal;		/* not a bag at all: stop reading */
	struct digest_set *ds;	/* last set used, kept for its mask */
	struct buf nfc, text;
};

/* The entry's name without "./" in front or "/" behind. */
static const char *
trim_name(const char *s, size_t *len)
{
	size_t n;

	while (s[0] == '.' && s[1] == '/') {
		s += 2;
		while (*s == '/')
			s++;
	}
	n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		n--;
	*len = n;
	return s;
}

/*
 * The entry's path relative to the base, NFC; NULL after a problem or
 * for the base itself (*is_base set).
 */
static const char *
entry_path(struct pass *p, const struct arc_entry *e, int *is_base)
{
	size_t len, toplen;
	const char *s = trim_name(e->path, &len), *why, *slash;

	*is_base = 0;
	if (len == 0 || (len == 1 && s[0] == '.'))
		return NULL;
	if ((why = bag_path_problem(s, len)) != NULL) {
		if (!p->second)
			vbag_problem(p->b, e->path, "unsafe path (%s)", why);
		return NULL;
	}
	if (vbag_nfc(&p->nfc, s, len) != 0) {
		if (!p->second)
			vbag_problem(p->b, e->path, "name is not valid UTF-8");
		return NULL;
	}
	slash = strchr(p->nfc.data, '/');
	toplen = slash ? (size_t)(slash - p->nfc.data) : p->nfc.len;
	if (p->base == NULL && slash == NULL && e->type != ARC_DIR) {
		vbag_problem(p->b, e->path, "not in a directory: a bag in an "
		    "archive has one base directory");
		p->fatal = 1;
		return NULL;
	}
	if (p->base == NULL) {
		p->base = xstrndup(p->nfc.data, toplen);
	} else if (strlen(p->base) != toplen ||
	    memcmp(p->base, p->nfc.data, toplen) != 0) {
		if (!p->second)
			vbag_problem(p->b, e->path, "outside the bag's base "
			    "directory %s", err_name(p->base));
		return NULL;
	}
	if (slash == NULL) {
		*is_base = 1;
		return NULL;
	}
	return slash + 1;
}

static int
refuse_type(struct pass *p, const char *rel, enum arc_type t)
{
	const char *what = t == ARC_SYMLINK ? "symbolic link" :
	    t == ARC_HARDLINK ? "hard link" :
	    t == ARC_OTHER ? "device or special file" : NULL;

	if (what == NULL)
		return 0;
	if (!p->second) {
		vbag_problem(p->b, rel, "%s refused", what);
		vbag_refuse(p->b, rel);
	}
	return 1;
}

static void
stop_extracting(struct pass *p)
{
	p->b->trouble = 1;
	ex_abort(p->ex);
	p->ex = NULL;
}

static int
write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

static struct digest_set *
set_for(struct pass *p, unsigned mask)
{
	if (p->ds != NULL && digest_set_mask(p->ds) == mask) {
		digest_set_reset(p->ds);
		return p->ds;
	}
	digest_set_free(p->ds);
	p->ds = digest_set_new(mask);
	return p->ds;
}

/* Stream a file's data: digest, keep its text, write it out. */
static int
take_file(struct pass *p, struct arc *in, struct vfile *f,
    const struct arc_entry *e, unsigned mask, int keep_text)
{
	unsigned char md[DIGEST_NALG][DIGEST_MAXSIZE];
	struct digest_set *ds = set_for(p, mask);
	int fd = -1, r;
	uint64_t size = 0;
	const void *data;
	size_t n;

	if (mask == 0 && !keep_text && p->ex == NULL) {
		/* --fast, --completeness-only: its size is all it takes. */
		if (!p->second)
			f->size = (uint64_t)e->size;
		return 0;
	}
	if (ds == NULL) {
		p->b->trouble = 1;
		return 0;
	}
	if (p->ex != NULL && (fd = ex_create(p->ex, f->path, e->exec)) < 0)
		stop_extracting(p);
	buf_clear(&p->text);
	while ((r = arc_data(in, &data, &n)) == 1) {
		io_check_signal();	/* each block: an interruption ends it */
		digest_set_update(ds, data, n);
		size += n;
		progress_step(p->b->pr, 0, n);
		if (keep_text && p->text.len + n <= TAGFILE_MAX)
			buf_add(&p->text, data, n);
		if (fd >= 0 && p->ex != NULL && write_all(fd, data, n) != 0) {
			warnsys("%s: %s", err_name(ex_final(p->ex)),
			    err_name(f->path));
			stop_extracting(p);
		}
	}
	if (fd >= 0 && p->ex != NULL && ex_close(p->ex, fd, e->mtime) != 0)
		stop_extracting(p);
	else if (fd >= 0 && p->ex == NULL)
		close(fd);
	if (r < 0)
		return -1;
	if (digest_set_final(ds, md) == 0)
		vbag_digested(p->b, f, mask, md);
	progress_step(p->b->pr, 1, 0);
	if (p->second)
		return 0;
	if (p->b->o->verbose)
		progress_list(p->b->pr, "%s", err_name(f->path));
	f->size = size;
	if (keep_text && size > TAGFILE_MAX)
		vbag_problem(p->b, f->path, "larger than %zu bytes",
		    (size_t)TAGFILE_MAX);
	else if (keep_text)
		vbag_text(p->b, f->path, p->text.data ? p->text.data : "",
		    p->text.len);
	return 0;
}

static int
first_pass_entry(struct pass *p, struct arc *in, const struct arc_entry *e)
{
	const char *rel;
	struct vfile *f;
	int is_base;

	rel = entry_path(p, e, &is_base);
	if (p->fatal)
		return STOP;
	if (is_base && p->ex == NULL && p->b->o->extract != NULL &&
	    !p->b->trouble) {
		p->ex = ex_begin(p->b->o->extract, p->base, p->b->o->force);
		if (p->ex == NULL) {
			p->b->trouble = 1;
			return STOP;
		}
	}
	if (is_base && e->type != ARC_DIR)
		vbag_problem(p->b, e->path, "the bag's base is not a directory");
	if (rel == NULL || refuse_type(p, rel, e->type))
		return 0;
	if (p->ex == NULL && p->b->o->extract != NULL && !p->b->trouble) {
		/* An archive without an entry for the base directory. */
		p->ex = ex_begin(p->b->o->extract, p->base, p->b->o->force);
		if (p->ex == NULL) {
			p->b->trouble = 1;
			return STOP;
		}
	}
	if (e->type == ARC_DIR) {
		if (vbag_add(p->b, rel, 1, 0) != NULL && p->ex != NULL &&
		    ex_mkdir(p->ex, rel) != 0)
			stop_extracting(p);
		return 0;
	}
	if ((f = vbag_add(p->b, rel, 0, (uint64_t)e->size)) == NULL)
		return 0;
	return take_file(p, in, f, e, vbag_algs_for(p->b, rel),
	    vbag_wants_text(rel));
}

static int
second_pass_entry(struct pass *p, struct arc *in, const struct arc_entry *e)
{
	const char *rel;
	struct vfile *f;
	int is_base;

	rel = entry_path(p, e, &is_base);
	if (rel == NULL || e->type != ARC_FILE ||
	    (f = strmap_get(p->b->files, rel)) == NULL || f->need == 0)
		return 0;
	return take_file(p, in, f, e, f->need, 0);
}

/* The option that raises a limit. */
static const char *
limit_option(int which)
{
	switch (which) {
	case ARC_LIMIT_SIZE: return "--max-size";
	case ARC_LIMIT_RATIO: return "--max-ratio";
	default: return "--max-entries";
	}
}

/* One pass over the archive; 0, or -1 if it could not be read through. */
static int
read_pass(struct pass *p, const char *path)
{
	struct arc *in = arc_open(path, &p->b->o->lim, ARC_QUIET);
	int r;

	if (in == NULL) {
		vbag_trouble(p->b, NULL, "%s", strerror(errno));
		return -1;
	}
	while ((r = arc_next(in)) == 1) {
		io_check_signal();
		r = p->second ? second_pass_entry(p, in, arc_entry(in)) :
		    first_pass_entry(p, in, arc_entry(in));
		if (r != 0)
			break;
	}
	if (r == -1 && arc_not_archive(in)) {
		/* Nothing to judge: not a bag, and not an invalid one. */
		vbag_trouble(p->b, NULL, "could not check: %s",
		    arc_not_archive(in) == 1 ? "empty input" :
		    "not an archive");
	} else if (r == -1 && arc_limit_hit(in)) {
		/* Says nothing of the bag: it could not be checked. */
		vbag_trouble(p->b, NULL, "could not check: %s; %s raises "
		    "the limit",
		    arc_error(in), limit_option(arc_limit_hit(in)));
	} else if (r == -1 && arc_needs_seek(in)) {
		vbag_trouble(p->b, NULL, "%s", arc_error(in));
	} else if (r == -1) {
		/* A damaged archive is an invalid bag, whatever else it said. */
		vbag_problem(p->b, arc_error_member(in), "%s", arc_error(in));
		p->b->damaged = 1;
	} else if (r == 0 && arc_entries(in) == 0) {
		/* A stream of zeros reads as a tar archive of nothing. */
		vbag_trouble(p->b, NULL, "could not check: not a bag (an "
		    "archive without entries)");
		r = -1;
	}
	if (!p->second)
		p->b->format = arc_format(in);
	if (r == 0 && arc_at_end(in) && p->b->once)
		p->b->drain = 1;
	arc_close(in);
	return r == 0 ? 0 : -1;
}

/* Standard input cannot be read twice: say what went by undigested. */
static void
cannot_reread(struct vbag *b)
{
	size_t pos = 0;
	const char *key;
	void *v;
	unsigned need = 0;
	char names[128] = "";
	int i;

	while (strmap_next(b->files, &pos, &key, &v))
		need |= ((struct vfile *)v)->need;
	for (i = 0; i < DIGEST_NALG; i++)
		if (need & DIGEST_BIT(i))
			snprintf(names + strlen(names), sizeof names -
			    strlen(names), "%s%s", names[0] ? "," : "",
			    digest_alg_name(i));
	vbag_trouble(b, NULL, "files came before their %s manifest, and "
	    "standard input cannot be read a second time", names);
}

void
verify_archive(struct vbag *b, const char *path)
{
	struct pass p;

	memset(&p, 0, sizeof p);
	p.b = b;
	p.archive = path;
	if (read_pass(&p, path) == 0) {
		size_t again = vbag_plan_second_pass(b);

		if (again > 0 && b->once) {
			cannot_reread(b);
		} else if (again > 0) {
			p.second = 1;
			free(p.base);
			p.base = NULL;
			read_pass(&p, path);
		}
		vbag_finish(b);
	}
	if (p.ex != NULL && b->problems == 0 && !b->trouble) {
		if (ex_commit(p.ex) == 0)
			b->extracted = xstrdup(ex_final(p.ex));
		else
			b->trouble = 1;
	}
	ex_abort(p.ex);	/* removes the temporary tree unless committed */
	digest_set_free(p.ds);
	free(p.base);
	buf_free(&p.nfc);
	buf_free(&p.text);
}
