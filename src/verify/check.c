/*
 * The rules of RFC 8493 over what a bag holds: bagit.txt, manifests
 * (every entry present with the right digest; every payload file in
 * every payload manifest), Payload-Oxum, tag manifests, safe paths,
 * fetch.txt (what it names may be absent: a holey bag).
 * Paths named by manifests are only ever looked up, never opened.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "progress.h"
#include "bagit.h"
#include "err.h"
#include "io.h"
#include "text.h"
#include "verify.h"
#include "xalloc.h"

/* Digested by default before any manifest says which (see the man page). */
#define PAYLOAD_DEFAULT DIGEST_BIT(DIGEST_SHA256)
#define TAG_DEFAULT (DIGEST_BIT(DIGEST_MD5) | DIGEST_BIT(DIGEST_SHA1) | \
	DIGEST_BIT(DIGEST_SHA256) | DIGEST_BIT(DIGEST_SHA512))
/*
 * Read once (standard input), there is no second pass for a manifest
 * that follows the files it names, as samling-pack's do: payload files
 * get the algorithms bags use besides those of the manifests seen (one
 * more may come), tag files (small) every one.
 */
#define PAYLOAD_ONCE TAG_DEFAULT
#define TAG_ONCE ((1u << DIGEST_NALG) - 1)

void
vbag_init(struct vbag *b, const char *label, const struct verify_opts *o)
{
	memset(b, 0, sizeof *b);
	b->label = label;
	b->o = o;
	b->files = strmap_new();
	b->pr = progress_start(!o->quiet);
}

static void
vfile_free(struct vfile *f)
{
	int i;

	for (i = 0; i < DIGEST_NALG; i++) {
		free(f->got[i]);
		free(f->want[i]);
	}
	free(f);
}

void
vbag_free(struct vbag *b)
{
	size_t pos = 0;
	const char *key;
	void *v;

	while (strmap_next(b->files, &pos, &key, &v))
		vfile_free(v);
	bag_tags_free(b->info, b->ninfo);
	free(b->version);
	strmap_free(b->files);
	free(b->extracted);
	progress_end(b->pr);
}

void
vbag_row(const struct vbag *b, const char *kind, const char *path,
    const char *msg)
{
	struct csvwriter *w = b->o->rows;

	csvw_str(w, is_stdin_name(b->label) ? "<stdin>" : b->label);
	csvw_plain(w, kind);
	csvw_str(w, path != NULL ? path : "");
	csvw_str(w, msg);
	csvw_end(w);
}

static void
vreport(struct vbag *b, const char *kind, const char *path, const char *fmt,
    va_list ap)
{
	char msg[1024];

	vsnprintf(msg, sizeof msg, fmt, ap);
	if (b->o->rows != NULL)
		vbag_row(b, kind, path, msg);
	else if (path != NULL)
		warnmsg("%s: %s: %s", err_name(b->label), err_name(path), msg);
	else
		warnmsg("%s: %s", err_name(b->label), msg);
}

void
vbag_problem(struct vbag *b, const char *path, const char *fmt, ...)
{
	va_list ap;

	b->problems++;
	va_start(ap, fmt);
	vreport(b, "problem", path, fmt, ap);
	va_end(ap);
}

void
vbag_trouble(struct vbag *b, const char *path, const char *fmt, ...)
{
	va_list ap;

	b->trouble = 1;
	va_start(ap, fmt);
	vreport(b, "trouble", path, fmt, ap);
	va_end(ap);
}

int
vbag_nfc(struct buf *out, const char *s, size_t len)
{
	buf_clear(out);
	if (!utf8_valid(s, len))
		return -1;
	text_nfc(out, s, len);
	return 0;
}

struct vfile *
vbag_file(struct vbag *b, const char *path)
{
	struct vfile *f = strmap_get(b->files, path);

	if (f == NULL) {
		f = xcalloc(1, sizeof *f);
		f->path = strmap_put(b->files, path, f);
	}
	return f;
}

static int
is_payload(const char *path)
{
	return strncmp(path, "data/", 5) == 0;
}

/* Mark the parents of path as directories; -1 if one is a file. */
static int
imply_parents(struct vbag *b, const char *path)
{
	struct buf p = BUF_INIT;
	const char *slash;
	int r = 0;

	for (slash = strchr(path, '/'); slash != NULL;
	    slash = strchr(slash + 1, '/')) {
		struct vfile *f;

		buf_clear(&p);
		buf_add(&p, path, (size_t)(slash - path));
		f = vbag_file(b, p.data);
		if (f->present || f->refused) {
			vbag_problem(b, path, "inside %s, which is %s",
			    err_name(f->path), f->present ? "a file" :
			    "refused");
			r = -1;
			break;
		}
		f->isdir = 1;
	}
	buf_free(&p);
	return r;
}

struct vfile *
vbag_add(struct vbag *b, const char *path, int dir, uint64_t size)
{
	struct vfile *f = strmap_get(b->files, path);

	if (f != NULL && f->present) {
		vbag_problem(b, path, dir ? "both a file and a directory" :
		    "duplicate entry");
		return NULL;
	}
	if (f != NULL && f->isdir && !dir) {
		vbag_problem(b, path, "both a file and a directory");
		return NULL;
	}
	if (imply_parents(b, path) != 0)
		return NULL;
	f = vbag_file(b, path);
	if (dir) {
		f->isdir = 1;
	} else {
		f->present = 1;
		f->size = size;
	}
	return f;
}

void
vbag_refuse(struct vbag *b, const char *path)
{
	vbag_file(b, path)->refused = 1;
}

unsigned
vbag_algs_for(const struct vbag *b, const char *path)
{
	if (b->o->mode != VERIFY_FULL)
		return 0;
	if (is_payload(path))
		return b->once ? b->payload_algs | PAYLOAD_ONCE :
		    b->payload_algs ? b->payload_algs : PAYLOAD_DEFAULT;
	if (b->once)
		return TAG_ONCE;
	return b->tag_algs ? (b->tag_algs | TAG_DEFAULT) : TAG_DEFAULT;
}

void
vbag_digested(struct vbag *b, struct vfile *f, unsigned mask,
    unsigned char md[DIGEST_NALG][DIGEST_MAXSIZE])
{
	int i;

	(void)b;
	for (i = 0; i < DIGEST_NALG; i++) {
		if (!(mask & DIGEST_BIT(i)))
			continue;
		if (f->got[i] == NULL)
			f->got[i] = xmalloc(digest_alg_size(i));
		memcpy(f->got[i], md[i], digest_alg_size(i));
		f->computed |= DIGEST_BIT(i);
	}
	f->need &= ~mask;
}

int
vbag_wants_text(const char *path)
{
	int is_tag;
	const char *alg;
	size_t alglen;

	return strcmp(path, "bagit.txt") == 0 ||
	    strcmp(path, "bag-info.txt") == 0 ||
	    strcmp(path, "fetch.txt") == 0 ||
	    bag_manifest_name(path, &is_tag, &alg, &alglen);
}

static void
take_bag_info(struct vbag *b, const char *s, size_t len)
{
	struct bag_tag *tags;
	size_t n, i;
	unsigned long bad;

	if (len > BAGINFO_MAX) {
		vbag_problem(b, "bag-info.txt", "larger than %zu bytes",
		    (size_t)BAGINFO_MAX);
		return;
	}
	if (bag_info_parse(s, len, &tags, &n, &bad) != 0)
		vbag_problem(b, "bag-info.txt", "line %lu: not a \"Label: "
		    "value\" line", bad);
	bag_tags_free(b->info, b->ninfo);
	b->info = tags;
	b->ninfo = n;
	for (i = 0; i < n; i++) {
		if (strcmp(tags[i].label, "Payload-Oxum") != 0)
			continue;
		if (bag_oxum_parse(tags[i].value, &b->oxum_octets,
		    &b->oxum_files) != 0) {
			char v[64];

			err_escape(v, sizeof v, tags[i].value,
			    strlen(tags[i].value));
			vbag_problem(b, "bag-info.txt", "Payload-Oxum '%s' is "
			    "not OCTETS.FILES", v);
		} else {
			b->have_oxum = 1;
		}
	}
}

/* One manifest line; problems name the manifest and the line. */
static void
manifest_line(struct vbag *b, const char *mname, unsigned long lineno,
    int alg, int is_tag, const char *line, size_t len, struct strmap *seen)
{
	const char *sum, *rawpath, *why;
	size_t sumlen, pathlen;
	struct buf path = BUF_INIT;
	char *decoded;
	struct vfile *f;
	char where[300];

	snprintf(where, sizeof where, "%s:%lu", mname, lineno);
	if (bag_manifest_split(line, len, &sum, &sumlen, &rawpath,
	    &pathlen) != 0) {
		vbag_problem(b, where, "not CHECKSUM PATH");
		return;
	}
	decoded = xstrndup(rawpath, pathlen);
	pathlen = bag_path_decode(decoded, pathlen);
	if (vbag_nfc(&path, decoded, pathlen) != 0) {
		vbag_problem(b, where, "path is not valid UTF-8");
		goto done;
	}
	if ((why = bag_path_problem(path.data, path.len)) != NULL) {
		char shown[256];

		err_escape(shown, sizeof shown, path.data, path.len);
		vbag_problem(b, where, "unsafe path '%s' (%s)", shown, why);
		goto done;
	}
	if (is_tag == is_payload(path.data)) {
		vbag_problem(b, where, is_tag ? "payload path %s in a tag "
		    "manifest" : "path %s outside data/", err_name(path.data));
		goto done;
	}
	if (strmap_get(seen, path.data) != NULL) {
		vbag_problem(b, where, "%s listed twice", err_name(path.data));
		goto done;
	}
	strmap_put(seen, path.data, (void *)1);
	f = vbag_file(b, path.data);
	f->want[alg] = xmalloc(digest_alg_size(alg));
	if (digest_unhex(sum, sumlen, f->want[alg],
	    digest_alg_size(alg)) != 0) {
		vbag_problem(b, where, "malformed %s checksum",
		    digest_alg_name(alg));
		free(f->want[alg]);
		f->want[alg] = NULL;
		goto done;
	}
	f->listed |= DIGEST_BIT(alg);
done:
	free(decoded);
	buf_free(&path);
}

static void
take_manifest(struct vbag *b, const char *mname, const char *s, size_t len)
{
	const char *alg, *line;
	size_t alglen, pos = 0, linelen;
	int is_tag, a;
	unsigned long lineno = 0;
	struct strmap *seen;

	bag_manifest_name(mname, &is_tag, &alg, &alglen);
	if ((a = digest_alg_lookup(alg, alglen)) < 0) {
		vbag_trouble(b, mname, "algorithm not supported");
		return;
	}
	if ((is_tag ? b->tag_algs : b->payload_algs) & DIGEST_BIT(a)) {
		vbag_problem(b, mname, "a second %smanifest for %s",
		    is_tag ? "tag " : "", digest_alg_name(a));
		return;
	}
	if (is_tag)
		b->tag_algs |= DIGEST_BIT(a);
	else
		b->payload_algs |= DIGEST_BIT(a);
	seen = strmap_new();
	while (bag_next_line(s, len, &pos, &line, &linelen)) {
		lineno++;
		/* Paths a manifest names cost memory: bound them like entries. */
		if (b->o->lim.max_entries != 0 &&
		    strmap_count(b->files) > 2 * b->o->lim.max_entries) {
			vbag_problem(b, mname, "more than %llu paths",
			    (unsigned long long)b->o->lim.max_entries);
			break;
		}
		if (linelen > 0)
			manifest_line(b, mname, lineno, a, is_tag, line,
			    linelen, seen);
	}
	strmap_free(seen);
}

/* A URL as fetch.txt needs one: absolute, a scheme before a colon. */
static int
url_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') ||
	    (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (i = 1; i < n && s[i] != ':'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '+' ||
		    s[i] == '-' || s[i] == '.'))
			return 0;
	return i < n - 1;
}

/* The next field of a fetch.txt line, up to a space or tab. */
static size_t
field(const char *s, size_t len, size_t *pos, const char **start)
{
	size_t n;

	while (*pos < len && (s[*pos] == ' ' || s[*pos] == '\t'))
		(*pos)++;
	*start = s + *pos;
	for (n = 0; *pos < len && s[*pos] != ' ' && s[*pos] != '\t'; n++)
		(*pos)++;
	return n;
}

/* One line of fetch.txt: URL LENGTH FILEPATH. */
static void
fetch_line(struct vbag *b, unsigned long lineno, const char *line,
    size_t len)
{
	const char *url, *size, *rawpath, *why;
	size_t urllen, sizelen, pos = 0, i;
	struct buf path = BUF_INIT;
	char where[64], *decoded = NULL;
	int64_t n = -1;
	struct vfile *f;

	snprintf(where, sizeof where, "fetch.txt:%lu", lineno);
	urllen = field(line, len, &pos, &url);
	sizelen = field(line, len, &pos, &size);
	while (pos < len && (line[pos] == ' ' || line[pos] == '\t'))
		pos++;
	rawpath = line + pos;
	if (urllen == 0 || sizelen == 0 || pos == len) {
		vbag_problem(b, where, "not URL LENGTH FILEPATH");
		return;
	}
	if (!url_ok(url, urllen)) {
		vbag_problem(b, where, "not an absolute URL");
		return;
	}
	if (sizelen != 1 || size[0] != '-') {
		for (n = 0, i = 0; i < sizelen; i++) {
			if (size[i] < '0' || size[i] > '9' ||
			    n > (INT64_MAX - 9) / 10) {
				vbag_problem(b, where, "length is not a number "
				    "of octets or '-'");
				return;
			}
			n = n * 10 + (size[i] - '0');
		}
	}
	decoded = xstrndup(rawpath, len - pos);
	len = bag_path_decode(decoded, len - pos);
	if (vbag_nfc(&path, decoded, len) != 0) {
		vbag_problem(b, where, "path is not valid UTF-8");
	} else if ((why = bag_path_problem(path.data, path.len)) != NULL) {
		char shown[256];

		err_escape(shown, sizeof shown, path.data, path.len);
		vbag_problem(b, where, "unsafe path '%s' (%s)", shown, why);
	} else if (!is_payload(path.data)) {
		vbag_problem(b, where, "path %s outside data/",
		    err_name(path.data));
	} else if ((f = vbag_file(b, path.data))->fetch) {
		vbag_problem(b, where, "%s listed twice", err_name(path.data));
	} else {
		f->fetch = 1;
		f->fetch_size = n;
	}
	free(decoded);
	buf_free(&path);
}

static void
take_fetch(struct vbag *b, const char *s, size_t len)
{
	const char *line;
	size_t pos = 0, linelen;
	unsigned long lineno = 0;

	while (bag_next_line(s, len, &pos, &line, &linelen)) {
		lineno++;
		if (b->o->lim.max_entries != 0 &&
		    strmap_count(b->files) > 2 * b->o->lim.max_entries) {
			vbag_problem(b, "fetch.txt", "more than %llu paths",
			    (unsigned long long)b->o->lim.max_entries);
			break;
		}
		if (linelen > 0)
			fetch_line(b, lineno, line, linelen);
	}
}

void
vbag_text(struct vbag *b, const char *path, const char *s, size_t len)
{
	char why[128];
	const char *problem;
	int unsupported;

	if (strcmp(path, "bagit.txt") == 0) {
		struct bag_tag *tags;
		size_t n, i;
		unsigned long badline;

		b->have_bagit = 1;
		if (bag_info_parse(s, len, &tags, &n, &badline) == 0) {
			for (i = 0; i < n && b->version == NULL; i++)
				if (strcmp(tags[i].label, "BagIt-Version") == 0)
					b->version = xstrdup(tags[i].value);
			bag_tags_free(tags, n);
		}
		problem = bag_bagit_check(s, len, &unsupported, why,
		    sizeof why);
		if (problem != NULL && unsupported)
			vbag_trouble(b, NULL, "%s", problem);
		else if (problem != NULL)
			vbag_problem(b, NULL, "%s", problem);
	} else if (strcmp(path, "bag-info.txt") == 0) {
		take_bag_info(b, s, len);
	} else if (strcmp(path, "fetch.txt") == 0) {
		b->have_fetch = 1;
		take_fetch(b, s, len);
	} else {
		take_manifest(b, path, s, len);
	}
}

static int
vfile_cmp(const void *a, const void *c)
{
	return strcmp((*(struct vfile *const *)a)->path,
	    (*(struct vfile *const *)c)->path);
}

/* The bag's paths in sorted order (for deterministic reports). */
static struct vfile **
sorted_files(struct vbag *b, size_t *n)
{
	struct vfile **v = xreallocarray(NULL, strmap_count(b->files) + 1,
	    sizeof *v);
	size_t pos = 0, k = 0;
	const char *key;
	void *val;

	while (strmap_next(b->files, &pos, &key, &val))
		v[k++] = val;
	qsort(v, k, sizeof *v, vfile_cmp);
	*n = k;
	return v;
}

size_t
vbag_plan_second_pass(struct vbag *b)
{
	size_t pos = 0, n = 0;
	const char *key;
	void *val;

	while (strmap_next(b->files, &pos, &key, &val)) {
		struct vfile *f = val;

		f->need = f->present && b->o->mode == VERIFY_FULL ?
		    f->listed & ~f->computed : 0;
		if (f->need)
			n++;
	}
	return n;
}

static const char *
manifest_of(const struct vfile *f, int alg, char *buf, size_t size)
{
	snprintf(buf, size, "%smanifest-%s.txt", is_payload(f->path) ?
	    "" : "tag", digest_alg_name(alg));
	return buf;
}

/* What fetch.txt says of a file; 1 if it is to be fetched. */
static int
check_fetch(struct vbag *b, const struct vfile *f, uint64_t *fetch_octets,
    int *sizes_known)
{
	char mname[64];
	int i;

	if (!f->fetch)
		return 0;
	for (i = 0; i < DIGEST_NALG; i++)
		if ((b->payload_algs & DIGEST_BIT(i)) &&
		    !(f->listed & DIGEST_BIT(i)))
			vbag_problem(b, f->path, "in fetch.txt but not in %s",
			    manifest_of(f, i, mname, sizeof mname));
	if (f->present) {
		if (f->fetch_size >= 0 && (uint64_t)f->fetch_size != f->size)
			vbag_problem(b, f->path, "%llu bytes, fetch.txt says "
			    "%lld", (unsigned long long)f->size,
			    (long long)f->fetch_size);
		return 0;
	}
	if (f->isdir) {
		vbag_problem(b, f->path, "in fetch.txt but a directory");
		return 0;
	}
	b->to_fetch++;
	if (f->fetch_size < 0)
		*sizes_known = 0;
	else
		*fetch_octets += (uint64_t)f->fetch_size;
	return 1;
}

static void
check_file(struct vbag *b, const struct vfile *f, uint64_t *octets,
    uint64_t *count)
{
	char mname[64];
	int i;

	if (b->o->mode == VERIFY_FAST) {
		if (f->present && is_payload(f->path)) {
			*octets += f->size;
			(*count)++;
		}
		return;
	}
	if (f->present && is_payload(f->path)) {
		*octets += f->size;
		(*count)++;
		for (i = 0; i < DIGEST_NALG; i++)
			if ((b->payload_algs & DIGEST_BIT(i)) &&
			    !(f->listed & DIGEST_BIT(i)))
				vbag_problem(b, f->path, "not in %s",
				    manifest_of(f, i, mname, sizeof mname));
	}
	for (i = 0; i < DIGEST_NALG; i++) {
		if (!(f->listed & DIGEST_BIT(i)))
			continue;
		manifest_of(f, i, mname, sizeof mname);
		if (!f->present && f->fetch && !f->isdir)
			break;	/* to fetch: counted by check_fetch */
		if (!f->present)
			vbag_problem(b, f->path, f->isdir ? "listed in %s but "
			    "a directory" : "listed in %s but missing", mname);
		else if (b->o->mode == VERIFY_COMPLETE)
			continue;
		else if (!(f->computed & DIGEST_BIT(i))) {
			/* Already trouble: it said why (cannot_reread, ...). */
			if (!b->trouble)
				vbag_trouble(b, f->path, "%s not computed",
				    digest_alg_name(i));
		} else if (memcmp(f->got[i], f->want[i],
		    digest_alg_size(i)) != 0)
			vbag_problem(b, f->path, "%s mismatch",
			    digest_alg_name(i));
	}
}

/*
 * Whether Payload-Oxum fits the payload found; a holey bag's may count
 * what is to be fetched too, its files at least where fetch.txt gives
 * no length.
 */
static int
oxum_fits(const struct vbag *b, uint64_t octets, uint64_t count,
    uint64_t fetch_octets, int sizes_known)
{
	if (octets == b->oxum_octets && count == b->oxum_files)
		return 1;
	if (b->to_fetch == 0 || count + b->to_fetch != b->oxum_files)
		return 0;
	return !sizes_known || octets + fetch_octets == b->oxum_octets;
}

void
vbag_finish(struct vbag *b)
{
	struct vfile **v, *data;
	size_t n, i;
	uint64_t octets = 0, count = 0, fetch_octets = 0;
	int sizes_known = 1;

	if (!b->have_bagit)
		vbag_problem(b, "bagit.txt", "missing");
	if (b->payload_algs == 0)
		vbag_problem(b, NULL, "no payload manifest");
	data = strmap_get(b->files, "data");
	if (data == NULL || !data->isdir)
		vbag_problem(b, "data", "missing payload directory");
	v = sorted_files(b, &n);
	for (i = 0; i < n; i++) {
		check_file(b, v[i], &octets, &count);
		check_fetch(b, v[i], &fetch_octets, &sizes_known);
	}
	free(v);
	b->octets = octets;
	b->count = count;
	if (b->o->mode == VERIFY_FAST && !b->have_oxum)
		vbag_trouble(b, "bag-info.txt", "no Payload-Oxum: --fast "
		    "cannot check this bag");
	if (b->have_oxum && !oxum_fits(b, octets, count, fetch_octets,
	    sizes_known))
		vbag_problem(b, "bag-info.txt", "Payload-Oxum %llu.%llu does "
		    "not match the payload (%llu.%llu)",
		    (unsigned long long)b->oxum_octets,
		    (unsigned long long)b->oxum_files,
		    (unsigned long long)octets, (unsigned long long)count);
}

void
vbag_list(struct vbag *b)
{
	struct vfile **v;
	size_t n, i, k;
	char hex[2 * DIGEST_MAXSIZE + 1];
	int a;

	printf("# %s\n", err_name(b->label));
	for (i = 0; i < b->ninfo; i++)
		printf("%s: %s\n", err_name(b->info[i].label),
		    err_name(b->info[i].value));
	printf("\nsize");
	for (a = 0; a < DIGEST_NALG; a++)
		if (b->payload_algs & DIGEST_BIT(a))
			printf("\t%s", digest_alg_name(a));
	printf("\tpath\n");
	v = sorted_files(b, &n);
	for (k = 0; k < n; k++) {
		const struct vfile *f = v[k];

		if (!is_payload(f->path) || f->isdir ||
		    (!f->present && !f->listed))
			continue;
		if (f->present)
			printf("%llu", (unsigned long long)f->size);
		else
			printf("-");
		for (a = 0; a < DIGEST_NALG; a++) {
			if (!(b->payload_algs & DIGEST_BIT(a)))
				continue;
			if (f->want[a] != NULL) {
				digest_hex(f->want[a], digest_alg_size(a), hex);
				printf("\t%s", hex);
			} else {
				printf("\t-");
			}
		}
		printf("\t%s\n", err_name(f->path));
	}
	free(v);
}

static void
profile_failure(void *ctx, const char *path, const char *msg)
{
	vbag_problem(ctx, path, "%s", msg);
}

void
vbag_check_profile(struct vbag *b, const struct bag_profile *p)
{
	struct bag_facts f;
	struct vfile **v;
	const char **tags, **payload;
	unsigned long long *sizes;
	size_t n, i;

	memset(&f, 0, sizeof f);
	v = sorted_files(b, &n);
	tags = xreallocarray(NULL, n + 1, sizeof *tags);
	payload = xreallocarray(NULL, n + 1, sizeof *payload);
	sizes = xreallocarray(NULL, n + 1, sizeof *sizes);
	for (i = 0; i < n; i++) {
		if (!v[i]->present || v[i]->isdir)
			continue;
		if (is_payload(v[i]->path)) {
			sizes[f.npayload] = v[i]->size;
			payload[f.npayload++] = v[i]->path;
		} else if (!vbag_wants_text(v[i]->path)) {
			/* Tag-Files rules judge none of RFC 8493's own. */
			tags[f.ntag_files++] = v[i]->path;
		}
	}
	f.version = b->version;
	f.info = b->info;
	f.ninfo = b->ninfo;
	f.payload_algs = b->payload_algs;
	f.tag_algs = b->tag_algs;
	f.fetch = b->have_fetch;
	f.format = b->format;
	f.tag_files = tags;
	f.payload = payload;
	f.payload_sizes = sizes;
	bag_profile_check(p, &f, profile_failure, b);
	free(tags);
	free(payload);
	free(sizes);
	free(v);
}
