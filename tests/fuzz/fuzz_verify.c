/*
 * Fuzz samling-verify's archive reader and bag checks: the input is an
 * archive; it is checked (and extracted into a scratch directory).
 * sources: src/verify/check.c src/verify/fromarchive.c src/verify/extract.c src/verify/fromdir.c src/verify/hashfiles.c
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "rmtree.h"
#include "verify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64], dir[64];
	struct verify_opts o;
	struct vbag b;
	FILE *fp;

	if (path[0] == '\0') {
		snprintf(path, sizeof path, "/tmp/fuzz-verify-%d.bin", (int)getpid());
		snprintf(dir, sizeof dir, "/tmp/fuzz-verify-%d.d", (int)getpid());
		err_setprog("fuzz");
	}
	if ((fp = fopen(path, "wb")) == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	memset(&o, 0, sizeof o);
	o.lim.max_bytes = 64 << 20;
	o.lim.max_ratio = 250;
	o.lim.max_entries = 10000;
	o.threads = 1;
	o.extract = dir;
	o.force = 1;
	vbag_init(&b, path, &o);
	verify_archive(&b, path);
	vbag_free(&b);
	rmtree(dir);
	return 0;
}
