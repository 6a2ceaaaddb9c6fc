# samling: several programs over one internal static library.
# Programs are found by their folder: src/NAME/main.c builds bin/samling-NAME.

include config.mk

ALL_CFLAGS = -std=c11 $(WARNINGS) $(WERROR) $(CFLAGS) $(SANFLAGS) $(PKG_CFLAGS) -Isrc/lib
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS) -Wl,--as-needed

PROGS := $(sort $(patsubst src/%/main.c,%,$(wildcard src/*/main.c)))
BINS := $(PROGS:%=$(BIN)/samling-%)
LIB_SRC := $(wildcard src/lib/*.c)
LIB_OBJ := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
LIBA := $(BUILD)/libsamling.a
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_BINS := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/unit/%)
# The text tests again on the portable scans that x86-64 builds pass by.
UNIT_BINS += $(BUILD)/unit/text-portable $(BUILD)/unit/enc-portable
FUZZ_SRC := $(wildcard tests/fuzz/*.c)
MAN1 := $(wildcard man/man1/*.1)
MAN5 := $(wildcard man/man5/*.5)
MAN7 := $(wildcard man/man7/*.7)

.PHONY: all check check-tsan check-valgrind unit install uninstall clean lint-man bench fuzz fuzz-smoke deps demo train eval
.SUFFIXES:

all: $(BINS)

# `make deps all` (even with -j): nothing is compiled before deps is done.
$(LIB_OBJ) $(BINS) $(UNIT_BINS): | $(filter deps,$(MAKECMDGOALS))

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

# Each program links the objects of its own folder and the library.
# (A function, so that its % is not taken for the rule's own stem.)
prog_objs = $(patsubst src/%.c,$(BUILD)/%.o,$(wildcard src/$(1)/*.c))
.SECONDEXPANSION:
# Keep program objects: they are not intermediates to delete.
.SECONDARY:
$(BIN)/samling-%: $$(call prog_objs,$$*) $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(LIBA) $(LIBS)

$(BUILD)/unit/%: tests/unit/%.c $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(LIBA) $(LIBS)

$(BUILD)/unit/%-portable: tests/unit/%.c src/lib/text.c $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -DSAMLING_NO_SIMD $(ALL_LDFLAGS) -o $@ \
	    $< src/lib/text.c $(LIBA) $(LIBS)

unit: $(UNIT_BINS)

# The suite: unit tests, then every program's cases (tests/run.sh -h).
check: all unit
	SAMLING_BIN=$(BIN) SAMLING_UNIT=$(BUILD)/unit sh tests/run.sh $(TESTS)

# compare's cases and its hostile ones built with ThreadSanitizer: its two
# files load in two threads.  key-cells-as-read reruns every compare case
# and is left to the other builds: under TSan it takes ten minutes.
# pack's threaded compression (tar.gz blocks, zstd's workers) as well,
# and err_name called from two threads at once.
TSAN_CASES = $(filter-out compare/key-cells-as-read compare/fixtures, \
	$(patsubst tests/%/cmd,%,$(wildcard tests/compare/*/cmd))) \
	hostile/compare- hostile/output-fifo-compare \
	pack/threads pack/reproducible pack/interrupt unit/pgzip unit/err
check-tsan:
	$(MAKE) SANITIZE=thread all
	$(MAKE) SANITIZE=thread check TESTS="$(TSAN_CASES)"

# The suite with every program under valgrind (slow: minutes).
check-valgrind: all unit
	SAMLING_VALGRIND=1 SAMLING_BIN=$(BIN) SAMLING_UNIT=$(BUILD)/unit sh tests/run.sh $(TESTS)

lint-man:
	mandoc -Tlint -Wwarning $(MAN1) $(MAN5) $(MAN7)

bench: all
	sh tests/bench/run.sh $(BENCH)

# The decision model of samling-extract, from the labelled documents
# beside the project (../shared): train writes share/samling/model.
train: all
	sh tests/model/train.sh

# Extraction measured on them: V=1 lists misses, LOO=1 the
# leave-one-document-out figure.
eval: all
	sh tests/model/eval.sh

fuzz:
	sh tests/fuzz/build.sh

# Every fuzz target for a bounded time from its seeds (CI runs this):
# FUZZ_SECONDS each, 20 by default, so the whole stays a few minutes.
fuzz-smoke:
	FUZZ_SECONDS=$${FUZZ_SECONDS:-20} sh tests/fuzz/build.sh

deps:
	sh tests/deps.sh

# The whole chain on the bundled examples; outputs under demo/.
demo: all
	SAMLING_BIN=$(BIN) sh tests/demo.sh

# install(1) with modes, so the umask of whoever installs does not decide
# who may run the programs.  The lexicon folder is emptied first: extract
# reads every .rx file in it, and one an older version shipped must not
# be read with this version's.  SHARE_FILES lists what install puts there,
# and uninstall removes just that (and the folders left empty).
SHARE_FILES = $(shell cd share/samling && find . -type f | sort)
SHARE_DIRS = $(shell cd share/samling && find . -mindepth 1 -type d | sort -r)

install: all
	install -d -m 755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)
	install -d -m 755 $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	for p in $(PROGS); do install -m 755 $(BIN)/samling-$$p $(DESTDIR)$(BINDIR)/; done
	rm -rf $(DESTDIR)$(DATADIR)/lexicon
	for d in $(SHARE_DIRS); do install -d -m 755 $(DESTDIR)$(DATADIR)/$$d; done
	for f in $(SHARE_FILES); do install -m 644 share/samling/$$f $(DESTDIR)$(DATADIR)/$$f; done
	for m in $(MAN1); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man1/; done
	for m in $(MAN5); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man5/; done
	for m in $(MAN7); do install -m 644 $$m $(DESTDIR)$(MANDIR)/man7/; done

uninstall:
	for p in $(PROGS); do rm -f $(DESTDIR)$(BINDIR)/samling-$$p; done
	for f in $(SHARE_FILES); do rm -f $(DESTDIR)$(DATADIR)/$$f; done
	for d in $(SHARE_DIRS); do rmdir $(DESTDIR)$(DATADIR)/$$d 2>/dev/null || true; done
	rmdir $(DESTDIR)$(DATADIR) 2>/dev/null || true
	for m in $(MAN1); do rm -f $(DESTDIR)$(MANDIR)/man1/$${m##*/}; done
	for m in $(MAN5); do rm -f $(DESTDIR)$(MANDIR)/man5/$${m##*/}; done
	for m in $(MAN7); do rm -f $(DESTDIR)$(MANDIR)/man7/$${m##*/}; done

clean:
	rm -rf $(BUILD) $(BIN) demo

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
