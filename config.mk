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

# libcsv ships no pkg-config file.
CSV_LIBS ?= -lcsv
PKGS = libpcre2-8 libarchive expat libutf8proc libcrypto jansson
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
LIBS = $(PKG_LIBS) $(CSV_LIBS) -lm -pthread

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
