/* BagIt Profiles: reading one with jansson, checking a bag against it. */
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <jansson.h>

#include "bag_out.h"
#include "bag_profile.h"
#include "digest.h"
#include "err.h"
#include "xalloc.h"

enum serialization { SER_OPTIONAL, SER_FORBIDDEN, SER_REQUIRED };

/* A JSON list of strings, NULL-terminated; absent: NULL. */
typedef const char **strlist;

struct bag_profile {
	json_t *root;			/* owns every string below */
	const char *path;
	const char *identifier;
	struct bag_profile_tag *tags;
	size_t ntags;
	strlist manifests_required, manifests_allowed;
	strlist tag_manifests_required, tag_manifests_allowed;
	strlist tag_files_required, tag_files_allowed;
	strlist payload_files_required, payload_files_allowed;
	strlist accept_serialization, accept_version;
	int allow_fetch, fetch_required, data_empty;
	enum serialization serialization;
	int bad;			/* a message was given */
};

static void
bad(struct bag_profile *p, const char *key, const char *what)
{
	warnmsg("%s: %s: %s", err_name(p->path), key, what);
	p->bad = 1;
}

/* The list obj[key]; shown names it in messages (NULL: key). */
static strlist
get_list_as(struct bag_profile *p, json_t *obj, const char *key,
    const char *shown)
{
	json_t *a = json_object_get(obj, key), *v;
	strlist l;
	size_t i;

	if (a == NULL)
		return NULL;
	if (shown == NULL)
		shown = key;
	if (!json_is_array(a)) {
		bad(p, shown, "not a list");
		return NULL;
	}
	l = xcalloc(json_array_size(a) + 1, sizeof *l);
	json_array_foreach(a, i, v) {
		if (!json_is_string(v)) {
			bad(p, shown, "not a list of strings");
			free(l);
			return NULL;
		}
		l[i] = json_string_value(v);
	}
	return l;
}

static strlist
get_list(struct bag_profile *p, json_t *obj, const char *key)
{
	return get_list_as(p, obj, key, NULL);
}

static int
get_bool(struct bag_profile *p, json_t *obj, const char *key, int dflt)
{
	json_t *v = json_object_get(obj, key);

	if (v == NULL)
		return dflt;
	if (!json_is_boolean(v)) {
		bad(p, key, "not true or false");
		return dflt;
	}
	return json_is_true(v);
}

static int
in_list(const char *const *l, const char *s)
{
	for (; l != NULL && *l != NULL; l++)
		if (strcmp(*l, s) == 0)
			return 1;
	return 0;
}

static int
matches_any(const char *const *l, const char *s)
{
	for (; l != NULL && *l != NULL; l++)
		if (fnmatch(*l, s, 0) == 0)
			return 1;
	return 0;
}

static void
read_info(struct bag_profile *p)
{
	static const char *const need[] = { "Source-Organization",
	    "External-Description", "Version", "BagIt-Profile-Identifier" };
	json_t *info = json_object_get(p->root, "BagIt-Profile-Info"), *v;
	size_t i;
	char what[128];

	if (!json_is_object(info)) {
		bad(p, "BagIt-Profile-Info", info == NULL ? "missing" :
		    "not an object");
		return;
	}
	for (i = 0; i < sizeof need / sizeof need[0]; i++) {
		v = json_object_get(info, need[i]);
		if (!json_is_string(v)) {
			snprintf(what, sizeof what, "%s %s", need[i], v == NULL ?
			    "missing" : "not a string");
			bad(p, "BagIt-Profile-Info", what);
		}
	}
	v = json_object_get(info, "BagIt-Profile-Identifier");
	if (json_is_string(v))
		p->identifier = json_string_value(v);
}

static void
read_tag(struct bag_profile *p, const char *label, json_t *def)
{
	struct bag_profile_tag *t;
	json_t *v;
	char key[300];

	snprintf(key, sizeof key, "Bag-Info: %s", label);
	if (!json_is_object(def)) {
		bad(p, key, "not an object");
		return;
	}
	t = &p->tags[p->ntags++];
	t->label = label;
	if ((v = json_object_get(def, "required")) != NULL &&
	    !json_is_boolean(v))
		bad(p, key, "required: not true or false");
	t->required = json_is_true(v);
	if ((v = json_object_get(def, "repeatable")) != NULL &&
	    !json_is_boolean(v))
		bad(p, key, "repeatable: not true or false");
	t->repeatable = v == NULL || json_is_true(v);
	snprintf(key, sizeof key, "Bag-Info: %s: values", label);
	t->values = get_list_as(p, def, "values", key);
	if (t->values != NULL && t->values[0] == NULL) {
		free((void *)t->values);
		t->values = NULL;	/* an empty list: any value */
	}
}

struct bag_profile *
bag_profile_load(const char *path)
{
	struct bag_profile *p;
	json_error_t e;
	json_t *root, *bi, *v;
	const char *label;
	strlist s;
	struct stat st;
	FILE *f;

	/*
	 * Opened here, not by jansson: its message for a file it cannot
	 * open names the file twice, and a directory reads as bad JSON.
	 */
	if ((f = fopen(path, "r")) == NULL) {
		warnsys("%s", err_name(path));
		return NULL;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		warnmsg("%s: %s", err_name(path), strerror(EISDIR));
		fclose(f);
		return NULL;
	}
	root = json_loadf(f, JSON_REJECT_DUPLICATES, &e);
	fclose(f);
	if (root == NULL) {
		if (e.line > 0)
			warnat(path, (unsigned long)e.line, "%s", e.text);
		else
			warnmsg("%s: %s", err_name(path), e.text);
		return NULL;
	}
	p = xcalloc(1, sizeof *p);
	p->root = root;
	p->path = path;
	if (!json_is_object(root)) {
		bad(p, "the profile", "not a JSON object");
		bag_profile_free(p);
		return NULL;
	}
	read_info(p);
	bi = json_object_get(root, "Bag-Info");
	if (bi != NULL && !json_is_object(bi)) {
		bad(p, "Bag-Info", "not an object");
	} else if (bi != NULL) {
		p->tags = xcalloc(json_object_size(bi) + 1, sizeof *p->tags);
		json_object_foreach(bi, label, v)
			read_tag(p, label, v);
	}
	p->manifests_required = get_list(p, root, "Manifests-Required");
	p->manifests_allowed = get_list(p, root, "Manifests-Allowed");
	p->tag_manifests_required = get_list(p, root, "Tag-Manifests-Required");
	p->tag_manifests_allowed = get_list(p, root, "Tag-Manifests-Allowed");
	p->tag_files_required = get_list(p, root, "Tag-Files-Required");
	p->tag_files_allowed = get_list(p, root, "Tag-Files-Allowed");
	p->payload_files_required = get_list(p, root,
	    "Payload-Files-Required");
	p->payload_files_allowed = get_list(p, root, "Payload-Files-Allowed");
	p->accept_serialization = get_list(p, root, "Accept-Serialization");
	p->accept_version = get_list(p, root, "Accept-BagIt-Version");
	p->allow_fetch = get_bool(p, root, "Allow-Fetch.txt", 1);
	p->fetch_required = get_bool(p, root, "Fetch.txt-Required", 0);
	p->data_empty = get_bool(p, root, "Data-Empty", 0);
	if ((v = json_object_get(root, "Serialization")) != NULL) {
		const char *sv = json_string_value(v);

		if (sv != NULL && strcmp(sv, "forbidden") == 0)
			p->serialization = SER_FORBIDDEN;
		else if (sv != NULL && strcmp(sv, "required") == 0)
			p->serialization = SER_REQUIRED;
		else if (sv == NULL || strcmp(sv, "optional") != 0)
			bad(p, "Serialization", "not forbidden, required or "
			    "optional");
	}
	/* The rules between keys the specification sets. */
	if (p->accept_version == NULL || p->accept_version[0] == NULL)
		bad(p, "Accept-BagIt-Version", "missing or empty");
	if (p->fetch_required && !p->allow_fetch)
		bad(p, "Fetch.txt-Required", "true, but Allow-Fetch.txt is "
		    "false");
	if (p->manifests_allowed != NULL)
		for (s = p->manifests_required; s != NULL && *s; s++)
			if (!in_list(p->manifests_allowed, *s))
				bad(p, "Manifests-Required", "names one not in "
				    "Manifests-Allowed");
	if (p->tag_manifests_allowed != NULL)
		for (s = p->tag_manifests_required; s != NULL && *s; s++)
			if (!in_list(p->tag_manifests_allowed, *s))
				bad(p, "Tag-Manifests-Required", "names one not "
				    "in Tag-Manifests-Allowed");
	if (p->tag_files_allowed != NULL)
		for (s = p->tag_files_required; s != NULL && *s; s++)
			if (!matches_any(p->tag_files_allowed, *s))
				bad(p, "Tag-Files-Required", "names one not in "
				    "Tag-Files-Allowed");
	if (p->payload_files_allowed != NULL)
		for (s = p->payload_files_required; s != NULL && *s; s++)
			if (!matches_any(p->payload_files_allowed, *s))
				bad(p, "Payload-Files-Required", "names one not "
				    "in Payload-Files-Allowed");
	if (p->serialization != SER_FORBIDDEN &&
	    json_object_get(root, "Serialization") != NULL &&
	    (p->accept_serialization == NULL ||
	    p->accept_serialization[0] == NULL))
		bad(p, "Accept-Serialization", "empty, but Serialization "
		    "allows archives");
	if (p->bad) {
		bag_profile_free(p);
		return NULL;
	}
	return p;
}

void
bag_profile_free(struct bag_profile *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->ntags; i++)
		free((void *)p->tags[i].values);
	free(p->tags);
	free((void *)p->manifests_required);
	free((void *)p->manifests_allowed);
	free((void *)p->tag_manifests_required);
	free((void *)p->tag_manifests_allowed);
	free((void *)p->tag_files_required);
	free((void *)p->tag_files_allowed);
	free((void *)p->payload_files_required);
	free((void *)p->payload_files_allowed);
	free((void *)p->accept_serialization);
	free((void *)p->accept_version);
	json_decref(p->root);
	free(p);
}

const char *
bag_profile_identifier(const struct bag_profile *p)
{
	return p->identifier;
}

const struct bag_profile_tag *
bag_profile_tags(const struct bag_profile *p, size_t *n)
{
	*n = p->ntags;
	return p->tags;
}

unsigned
bag_profile_manifests_required(const struct bag_profile *p, int tag)
{
	strlist s = tag ? p->tag_manifests_required : p->manifests_required;
	unsigned mask = 0;
	int a;

	for (; s != NULL && *s != NULL; s++)
		if ((a = digest_alg_lookup(*s, strlen(*s))) >= 0)
			mask |= DIGEST_BIT(a);
	return mask;
}

/* The MIME types that name an archive format; NULL for a directory. */
static const char *const *
mime_types(int format)
{
	static const char *const tar[] = { "application/tar",
	    "application/x-tar", NULL };
	static const char *const gz[] = { "application/gzip",
	    "application/x-gzip", "application/tar+gzip",
	    "application/x-gtar", NULL };
	static const char *const zst[] = { "application/zstd",
	    "application/x-zstd", "application/tar+zstd", NULL };
	static const char *const xz[] = { "application/x-xz",
	    "application/tar+xz", NULL };
	static const char *const zip[] = { "application/zip", NULL };
	static const char *const sevenz[] = {
	    "application/x-7z-compressed", NULL };

	switch (format) {
	case BAG_TAR: return tar;
	case BAG_TAR_GZ: return gz;
	case BAG_TAR_ZST: return zst;
	case BAG_TAR_XZ: return xz;
	case BAG_ZIP: return zip;
	case BAG_7Z: return sevenz;
	default: return NULL;
	}
}

struct checker {
	void (*report)(void *, const char *, const char *);
	void *ctx;
	size_t n;
};

static void
say(struct checker *c, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
say(struct checker *c, const char *path, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	c->report(c->ctx, path, msg);
	c->n++;
}

static void
check_tags(const struct bag_profile *p, const struct bag_facts *f,
    struct checker *c)
{
	size_t i, k, count;
	int found_id = 0;

	for (k = 0; k < f->ninfo; k++)
		if (strcasecmp(f->info[k].label, "BagIt-Profile-Identifier") ==
		    0 && p->identifier != NULL &&
		    strcmp(f->info[k].value, p->identifier) == 0)
			found_id = 1;
	if (!found_id && p->identifier != NULL)
		say(c, "bag-info.txt", "no BagIt-Profile-Identifier %s",
		    err_name(p->identifier));
	for (i = 0; i < p->ntags; i++) {
		const struct bag_profile_tag *t = &p->tags[i];

		for (count = 0, k = 0; k < f->ninfo; k++) {
			if (strcasecmp(f->info[k].label, t->label) != 0)
				continue;
			count++;
			if (t->values != NULL && !in_list(t->values,
			    f->info[k].value))
				say(c, "bag-info.txt", "%s '%s' is not a value "
				    "the profile allows", err_name(t->label),
				    err_name(f->info[k].value));
		}
		if (count == 0 && t->required)
			say(c, "bag-info.txt", "%s required by the profile",
			    err_name(t->label));
		if (count > 1 && !t->repeatable)
			say(c, "bag-info.txt", "%s given %zu times, not "
			    "repeatable", err_name(t->label), count);
	}
}

static void
check_algs(struct checker *c, unsigned have, strlist required,
    strlist allowed, const char *kind)
{
	int a;

	for (; required != NULL && *required != NULL; required++) {
		a = digest_alg_lookup(*required, strlen(*required));
		if (a < 0 || !(have & DIGEST_BIT(a)))
			say(c, NULL, "no %s-%s.txt, which the profile requires",
			    kind, err_name(*required));
	}
	if (allowed == NULL)
		return;
	for (a = 0; a < DIGEST_NALG; a++)
		if ((have & DIGEST_BIT(a)) &&
		    !in_list(allowed, digest_alg_name(a)))
			say(c, NULL, "%s-%s.txt is not one the profile allows",
			    kind, digest_alg_name(a));
}

static void
check_files(struct checker *c, const char *const *files, size_t n,
    strlist required, strlist allowed, const char *kind)
{
	size_t i;

	for (; required != NULL && *required != NULL; required++) {
		for (i = 0; i < n; i++)
			if (fnmatch(*required, files[i], 0) == 0)
				break;
		if (i == n)
			say(c, NULL, "no %s file %s, which the profile requires",
			    kind, err_name(*required));
	}
	if (allowed == NULL)
		return;
	for (i = 0; i < n; i++)
		if (!matches_any(allowed, files[i]))
			say(c, files[i], "a %s file the profile does not allow",
			    kind);
}

static void
check_serialization(const struct bag_profile *p, const struct bag_facts *f,
    struct checker *c)
{
	const char *const *m = mime_types(f->format);

	if (f->format == BAG_DIR) {
		if (p->serialization == SER_REQUIRED)
			say(c, NULL, "a directory, but the profile requires "
			    "an archive");
		return;
	}
	if (p->serialization == SER_FORBIDDEN) {
		say(c, NULL, "an archive, but the profile forbids them");
		return;
	}
	if (p->accept_serialization == NULL)
		return;
	if (m == NULL) {
		say(c, NULL, "an archive of a format the profile does not "
		    "accept");
		return;
	}
	for (; *m != NULL; m++)
		if (in_list(p->accept_serialization, *m))
			return;
	say(c, NULL, "a %s archive (%s), which the profile does not accept",
	    bag_format_name(f->format), mime_types(f->format)[0]);
}

size_t
bag_profile_check(const struct bag_profile *p, const struct bag_facts *f,
    void (*report)(void *ctx, const char *path, const char *msg), void *ctx)
{
	struct checker c = { report, ctx, 0 };

	if (f->version != NULL && !in_list(p->accept_version, f->version))
		say(&c, "bagit.txt", "BagIt-Version %s is not one the profile "
		    "accepts", err_name(f->version));
	check_serialization(p, f, &c);
	check_tags(p, f, &c);
	check_algs(&c, f->payload_algs, p->manifests_required,
	    p->manifests_allowed, "manifest");
	check_algs(&c, f->tag_algs, p->tag_manifests_required,
	    p->tag_manifests_allowed, "tagmanifest");
	if (f->fetch && !p->allow_fetch)
		say(&c, "fetch.txt", "the profile does not allow fetch.txt");
	if (!f->fetch && p->fetch_required)
		say(&c, NULL, "no fetch.txt, which the profile requires");
	if (p->data_empty && (f->npayload > 1 || (f->npayload == 1 &&
	    f->payload_sizes[0] != 0)))
		say(&c, "data", "the profile requires an empty payload (at "
		    "most one empty file)");
	check_files(&c, f->tag_files, f->ntag_files, p->tag_files_required,
	    p->tag_files_allowed, "tag");
	check_files(&c, f->payload, f->npayload, p->payload_files_required,
	    p->payload_files_allowed, "payload");
	return c.n;
}
