/*
 * --profile: fill in what a BagIt Profile requires and can be filled
 * (its identifier, manifests, a field with one allowed value), then
 * check the bag to be written against it before anything is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bag_out.h"
#include "bag_profile.h"
#include "buf.h"
#include "err.h"
#include "pack.h"
#include "xalloc.h"

static int
has_label(const struct pack_opts *o, const char *label)
{
	size_t i;

	for (i = 0; i < o->ninfo; i++)
		if (strcasecmp(o->info[i].label, label) == 0)
			return 1;
	return 0;
}

static void
append(struct pack_opts *o, const char *label, const char *value)
{
	o->info = xreallocarray(o->info, o->ninfo + 1, sizeof *o->info);
	o->info[o->ninfo].label = xstrdup(label);
	o->info[o->ninfo].value = xstrdup(value);
	o->info[o->ninfo].line = 0;
	o->ninfo++;
}

void
profile_fill(struct pack_opts *o, const struct bag_profile *p)
{
	const struct bag_profile_tag *t;
	size_t n, i;

	o->algs |= bag_profile_manifests_required(p, 0) |
	    bag_profile_manifests_required(p, 1);
	if (!has_label(o, "BagIt-Profile-Identifier"))
		append(o, "BagIt-Profile-Identifier",
		    bag_profile_identifier(p));
	t = bag_profile_tags(p, &n);
	for (i = 0; i < n; i++)
		if (t[i].required && t[i].values != NULL &&
		    t[i].values[0] != NULL && t[i].values[1] == NULL &&
		    !has_label(o, t[i].label))
			append(o, t[i].label, t[i].values[0]);
}

struct report {
	const char *profile;
	unsigned long n;
};

static void
failure(void *ctx, const char *path, const char *msg)
{
	struct report *r = ctx;

	if (path != NULL)
		warnmsg("%s: %s: %s", err_name(r->profile), err_name(path), msg);
	else
		warnmsg("%s: %s", err_name(r->profile), msg);
	r->n++;
}

int
profile_check(const struct pack_opts *o, const struct bag_profile *p,
    const char *profile_path, const struct payload *pl, int fmt)
{
	/* What bag-info.txt will hold: samling-pack's fields, then ours. */
	static const char *const own[] = { "Bag-Software-Agent",
	    "Bagging-Date", "Payload-Oxum", "Bag-Size" };
	struct bag_tag *info = xreallocarray(NULL, o->ninfo + 4, sizeof *info);
	const char **tags = xreallocarray(NULL, o->ntags + 1, sizeof *tags);
	const char **files = xreallocarray(NULL, pl->n + 1, sizeof *files);
	unsigned long long *sizes = xreallocarray(NULL, pl->n + 1,
	    sizeof *sizes);
	struct bag_facts f;
	struct report r = { profile_path, 0 };
	size_t i;

	memset(&f, 0, sizeof f);
	for (i = 0; i < 4; i++) {
		info[i].label = (char *)own[i];
		info[i].value = (char *)"";
	}
	for (i = 0; i < o->ninfo; i++)
		info[4 + i] = o->info[i];
	for (i = 0; i < o->ntags; i++)
		tags[i] = o->tags[i].name;
	for (i = 0; i < pl->n; i++)
		if (!pl->items[i].dir) {
			sizes[f.npayload] = pl->items[i].size;
			files[f.npayload++] = pl->items[i].rel;
		}
	f.version = "1.0";
	f.info = info;
	f.ninfo = o->ninfo + 4;
	f.payload_algs = f.tag_algs = o->algs;
	f.format = fmt;
	f.tag_files = tags;
	f.ntag_files = o->ntags;
	f.payload = files;
	f.payload_sizes = sizes;
	bag_profile_check(p, &f, failure, &r);
	free(info);
	free(tags);
	free(files);
	free(sizes);
	return r.n == 0 ? 0 : -1;
}
