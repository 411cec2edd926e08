# Sawat build. Non-recursive; every .c under src/ is part of the program, every
# tests/unit/t_*.c is one unit-test binary, every fuzz/fz_*.c one fuzz target.
#
#   make            build/sawat (warnings are errors)
#   make run        build, create var/demo.db if missing, serve on 127.0.0.1:8080
#   make test       every test: unit (plain and sanitizer builds), store contract on
#                   SQLite and PostgreSQL, HTTP integration, browser, fuzz smoke
#   make bench      benchmarks, results in bench/RESULTS.md
#   make fuzz       run each fuzz target for FUZZ_SECONDS (default 60)

SHELL := /bin/bash
CC ?= cc
PKGS := sqlite3 libpq icu-uc icu-i18n jansson libsodium libmicrohttpd libzip expat xlsxwriter cairo pangocairo
B := build

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wvla -Wwrite-strings -Wformat=2 -fno-common
CSTD := -std=c17 -D_GNU_SOURCE
DEPFLAGS = -MMD -MP
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
INC := -Isrc -I$(B)/gen
OPT ?= -O2 -g
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(INC) $(PKG_CFLAGS) $(CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lpthread -lm $(LDLIBS)
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

SRC := $(filter-out src/main.c,$(sort $(wildcard src/*/*.c)))
EMBED_IN := $(sort $(wildcard migrations/*.sql web/templates/*.html web/static/* web/po/*.po data/geo/*.tsv))
GEN_C := $(B)/gen/embedded.c

OBJ := $(patsubst src/%.c,$(B)/obj/%.o,$(SRC)) $(B)/obj/gen/embedded.o
SOBJ := $(patsubst src/%.c,$(B)/asan/%.o,$(SRC)) $(B)/asan/gen/embedded.o
UNIT := $(sort $(wildcard tests/unit/t_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,$(B)/test/%,$(UNIT))
UNIT_SAN := $(patsubst tests/unit/%.c,$(B)/test-asan/%,$(UNIT))
STORE_SRC := $(sort $(wildcard tests/store/*.c))
STORE_BIN := $(B)/test/store $(B)/test-asan/store
FUZZ := $(sort $(wildcard fuzz/fz_*.c))
FUZZ_BIN := $(patsubst fuzz/%.c,$(B)/fuzz/%,$(FUZZ))

.PHONY: all run test unit test-unit test-store test-http test-browser test-fuzz bench fuzz clean setup asan format

all: setup $(B)/sawat

# Installs missing Debian and npm packages; a stamp keeps repeated builds quick.
setup: $(B)/.setup-stamp
$(B)/.setup-stamp: scripts/setup.sh package.json
	@mkdir -p $(B)
	bash scripts/setup.sh
	@touch $@

$(B)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) -O2 -o $@ $<

$(GEN_C): $(B)/tools/embed $(EMBED_IN)
	@mkdir -p $(@D)
	$(B)/tools/embed $@ $(EMBED_IN)

$(B)/obj/gen/embedded.o: $(GEN_C)
	@mkdir -p $(@D)
	$(CC) $(CSTD) -O1 -c -o $@ $<
$(B)/asan/gen/embedded.o: $(GEN_C)
	@mkdir -p $(@D)
	$(CC) $(CSTD) -O1 -c -o $@ $<

$(B)/obj/%.o: src/%.c | $(GEN_C)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(DEPFLAGS) -c -o $@ $<
$(B)/asan/%.o: src/%.c | $(GEN_C)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(SAN) -O1 $(DEPFLAGS) -c -o $@ $<

$(B)/libsawat.a: $(OBJ)
	rm -f $@ && ar rcs $@ $^
$(B)/libsawat-asan.a: $(SOBJ)
	rm -f $@ && ar rcs $@ $^

$(B)/sawat: $(B)/obj/main.o $(B)/libsawat.a
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)
$(B)/sawat-asan: $(B)/asan/main.o $(B)/libsawat-asan.a
	$(CC) $(CFLAGS_ALL) $(SAN) -o $@ $^ $(LDLIBS_ALL)
asan: setup $(B)/sawat-asan

$(B)/test/%: tests/unit/%.c $(B)/libsawat.a tests/test.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Itests $(DEPFLAGS) -o $@ $< $(B)/libsawat.a $(LDLIBS_ALL)
$(B)/test-asan/%: tests/unit/%.c $(B)/libsawat-asan.a tests/test.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(SAN) -O1 -Itests $(DEPFLAGS) -o $@ $< $(B)/libsawat-asan.a $(LDLIBS_ALL)

# The store contract suite: one binary from tests/store/*.c, run by
# tests/store/run.sh against SQLite and PostgreSQL.
$(B)/test/store: $(STORE_SRC) $(B)/libsawat.a tests/test.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Itests $(DEPFLAGS) -o $@ $(STORE_SRC) $(B)/libsawat.a $(LDLIBS_ALL)
$(B)/test-asan/store: $(STORE_SRC) $(B)/libsawat-asan.a tests/test.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(SAN) -O1 -Itests $(DEPFLAGS) -o $@ $(STORE_SRC) $(B)/libsawat-asan.a $(LDLIBS_ALL)

# libFuzzer targets: the library is built once with clang and fuzzer
# instrumentation, each target links against it.
FOBJ := $(patsubst src/%.c,$(B)/fobj/%.o,$(SRC)) $(B)/fobj/gen/embedded.o
FZFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
$(B)/fobj/%.o: src/%.c | $(GEN_C)
	@mkdir -p $(@D)
	clang $(CSTD) -g -O1 $(INC) $(PKG_CFLAGS) $(FZFLAGS) $(DEPFLAGS) -c -o $@ $<
$(B)/fobj/gen/embedded.o: $(GEN_C)
	@mkdir -p $(@D)
	clang $(CSTD) -O1 -c -o $@ $<
$(B)/libsawat-fuzz.a: $(FOBJ)
	rm -f $@ && ar rcs $@ $^
$(B)/fuzz/%: fuzz/%.c $(B)/libsawat-fuzz.a
	@mkdir -p $(@D)
	clang $(CSTD) -g -O1 $(INC) $(PKG_CFLAGS) -fsanitize=fuzzer,address,undefined \
	  -fno-sanitize-recover=all -o $@ $< $(B)/libsawat-fuzz.a $(LDLIBS_ALL)

run: all
	@mkdir -p var
	@test -f var/demo.db || $(B)/sawat --db var/demo.db init --demo
	$(B)/sawat --db var/demo.db serve --listen 127.0.0.1:8080

# The whole suite. Each stage prints its own summary; tests/summary.sh adds them up
# and prints the final "N passed, N failed" line.
test: all asan $(UNIT_BIN) $(UNIT_SAN) $(STORE_BIN) $(FUZZ_BIN)
	@bash tests/run-all.sh

test-unit: all $(UNIT_BIN) $(UNIT_SAN)
	@bash tests/run-all.sh unit

test-store: $(STORE_BIN)
	@bash tests/run-all.sh store

fuzz: $(FUZZ_BIN)
	@for f in $(FUZZ_BIN); do n=$$(basename $$f); mkdir -p $(B)/corpus/$$n; \
	  $$f -max_total_time=$${FUZZ_SECONDS:-60} $(B)/corpus/$$n fuzz/corpus/$$n || exit 1; done

bench: all
	@bash bench/run.sh

format:
	clang-format -i src/*/*.c src/*/*.h src/main.c tests/unit/*.c tests/*.h fuzz/*.c

clean:
	rm -rf $(B)

-include $(shell find $(B) -name '*.d' 2>/dev/null)
