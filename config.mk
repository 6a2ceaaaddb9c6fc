# samling build configuration: edit here or override on the make command line.

VERSION = 0.1.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/samling
MANDIR ?= $(PREFIX)/share/man

CC ?= cc
PKG_CONFIG ?= pkg-config

# Where objects and programs go; helpers and parallel builds may move them.
BUILD ?= build
BIN ?= bin

WARNINGS = -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes \
	-Wwrite-strings -Wshadow -Wformat=2
CFLAGS ?= -O2 -g
CPPFLAGS += -D_GNU_SOURCE -DDATADIR='"$(DATADIR)"' -DVERSION='"$(VERSION)"'

# libcsv and libstemmer ship no pkg-config file.
CSV_LIBS ?= -lcsv
STEM_LIBS ?= -lstemmer
PKGS = libpcre2-8 libarchive expat libutf8proc libcrypto jansson zlib xlsxwriter
# pkg-config runs when a recipe first needs its flags, not when make reads
# this file: `make deps all` installs the libraries before it is asked.
# It runs once; when it fails, its message is shown and the build stops.
pkg_config = $(strip $(shell $(PKG_CONFIG) $(1) $(PKGS)) \
	$(if $(filter 0,$(.SHELLSTATUS)),,$(error $(PKG_CONFIG) $(1) $(PKGS) failed)))
PKG_CFLAGS = $(eval PKG_CFLAGS := $$(call pkg_config,--cflags))$(PKG_CFLAGS)
PKG_LIBS = $(eval PKG_LIBS := $$(call pkg_config,--libs))$(PKG_LIBS)
LIBS = $(PKG_LIBS) $(CSV_LIBS) $(STEM_LIBS) -lm -pthread

ifeq ($(CI),true)
WERROR = -Werror
endif
ifeq ($(SANITIZE),1)
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
BUILD := $(BUILD)/sanitize
# Sanitized programs apart, so a plain build is not left instrumented.
BIN := $(BUILD)/bin
endif
# ThreadSanitizer, for compare's two loader threads (make check-tsan);
# it cannot be combined with ASan, so it builds apart as well.
ifeq ($(SANITIZE),thread)
SANFLAGS = -fsanitize=thread -fno-omit-frame-pointer
BUILD := $(BUILD)/tsan
BIN := $(BUILD)/bin
endif
