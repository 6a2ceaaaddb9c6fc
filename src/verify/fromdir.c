/*
 * A bag as a directory: read the tag files that say what to expect,
 * walk the tree without following links, then digest in parallel.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dirlist.h"
#include "progress.h"
#include "bagit.h"
#include "err.h"
#include "io.h"
#include "verify.h"
#include "xalloc.h"

struct walk {
	struct vbag *b;
	const char *root;
	struct hashjob *jobs;
	size_t njobs, cap;
};

static void
read_tag_texts(struct vbag *b, const char *root)
{
	char **names;
	size_t n, i;

	if (dirlist(root, &names, &n) != 0) {
		vbag_trouble(b, NULL, "%s", strerror(errno));
		return;
	}
	for (i = 0; i < n; i++) {
		struct buf path = BUF_INIT, text = BUF_INIT;
		struct stat st;

		if (!vbag_wants_text(names[i]))
			continue;
		buf_printf(&path, "%s/%s", root, names[i]);
		if (lstat(path.data, &st) != 0 || !S_ISREG(st.st_mode)) {
			/* The walk reports what it is. */
		} else if (read_whole(path.data, &text, TAGFILE_MAX) != 0) {
			vbag_trouble(b, names[i], "%s", strerror(errno));
		} else {
			vbag_text(b, names[i], text.data ? text.data : "",
			    text.len);
		}
		buf_free(&path);
		buf_free(&text);
	}
	dirlist_free(names, n);
}

static void walk_dir(struct walk *w, const char *dir, const char *rel);

static void
add_job(struct walk *w, struct vfile *f, const char *src)
{
	struct hashjob *j;

	if (!f->listed || w->b->o->mode != VERIFY_FULL)
		return;
	if (w->njobs == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 256;
		w->jobs = xreallocarray(w->jobs, w->cap, sizeof *w->jobs);
	}
	j = &w->jobs[w->njobs++];
	j->f = f;
	j->mask = f->listed;
	j->error = 0;
	j->src = xstrdup(src);
}

static void
visit(struct walk *w, const char *rel, const char *src)
{
	struct stat st;
	struct vfile *f;

	if (lstat(src, &st) != 0) {
		vbag_trouble(w->b, rel, "%s", strerror(errno));
		return;
	}
	if (S_ISLNK(st.st_mode)) {
		vbag_problem(w->b, rel, "symbolic link refused");
		vbag_refuse(w->b, rel);
	} else if (S_ISDIR(st.st_mode)) {
		if (vbag_add(w->b, rel, 1, 0) != NULL)
			walk_dir(w, src, rel);
	} else if (S_ISREG(st.st_mode)) {
		if ((f = vbag_add(w->b, rel, 0, (uint64_t)st.st_size)) != NULL)
			add_job(w, f, src);
	} else {
		vbag_problem(w->b, rel, "device or special file refused");
		vbag_refuse(w->b, rel);
	}
}

static void
walk_dir(struct walk *w, const char *dir, const char *rel)
{
	struct buf src = BUF_INIT, crel = BUF_INIT, nfc = BUF_INIT;
	char **names;
	size_t n, i;

	if (dirlist(dir, &names, &n) != 0) {
		vbag_trouble(w->b, *rel ? rel : NULL, "%s", strerror(errno));
		return;
	}
	for (i = 0; i < n; i++) {
		buf_clear(&src);
		buf_printf(&src, "%s/%s", dir, names[i]);
		buf_clear(&crel);
		buf_printf(&crel, "%s%s%s", rel, *rel ? "/" : "", names[i]);
		if (vbag_nfc(&nfc, crel.data, crel.len) != 0)
			vbag_problem(w->b, crel.data, "name is not valid UTF-8");
		else
			visit(w, nfc.data, src.data);
	}
	dirlist_free(names, n);
	buf_free(&src);
	buf_free(&crel);
	buf_free(&nfc);
}

void
verify_dir(struct vbag *b, const char *root)
{
	struct walk w;
	uint64_t total = 0;
	size_t i;

	memset(&w, 0, sizeof w);
	w.b = b;
	w.root = root;
	read_tag_texts(b, root);
	walk_dir(&w, root, "");
	for (i = 0; i < w.njobs; i++)
		total += w.jobs[i].f->size;
	progress_total(b->pr, w.njobs, total);
	hash_files(w.jobs, w.njobs, b->o->threads, b->pr);
	for (i = 0; i < w.njobs; i++) {
		if (w.jobs[i].error != 0)
			vbag_trouble(b, w.jobs[i].f->path, "%s",
			    strerror(w.jobs[i].error));
		else if (b->o->verbose)
			progress_list(b->pr, "%s", err_name(w.jobs[i].f->path));
		free(w.jobs[i].src);
	}
	free(w.jobs);
}
