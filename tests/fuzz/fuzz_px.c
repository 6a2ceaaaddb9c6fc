/*
 * Fuzz target: the PX and JSON-stat readers (px.h).  The bytes are read
 * as a PX file and as a JSON-stat document, whatever they start with.
 *
 * sources:
 * seeds: tests/fuzz/seeds/px
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "err.h"
#include "px.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT;

	err_setprog("fuzz_px");
	px_to_csv((const char *)data, size, "fuzz", (size_t)1 << 24, &out);
	buf_clear(&out);
	jsonstat_to_csv((const char *)data, size, "fuzz", (size_t)1 << 24, &out);
	buf_free(&out);
	return 0;
}
