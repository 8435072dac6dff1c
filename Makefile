# nnsh - a neural-network shell. Plain GNU Make.
#   make          build ./nnsh
#   make run      install missing packages, build, start the shell with the example
#   make test     install missing packages, build, run every test (SAN=1: sanitizers),
#                 the writable-globals check included (tests/tools/globals.sh)
#   make valgrind the transcripts and unit tests under valgrind's memcheck
#   make bench    time the MNIST evaluation against NumPy
#   make mnist    download MNIST and the book's weights into data/mnist
#   make install  nnsh, its lessons and its man page under PREFIX (/usr/local),
#                 staged under DESTDIR when set; make uninstall removes them

CC      ?= cc
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
# Built-in tables leave trailing fields out (they are zero: no shape rule),
# which -Wextra's missing-field-initializers would refuse.
WARN    := -Wall -Wextra -Wshadow -Werror -Wno-missing-field-initializers
OPT     ?= -O2
CFLAGS  += $(CSTD) $(WARN) $(OPT) -g -Iinclude -MMD -MP -pthread
LDLIBS  := -lreadline -lz -lm -lpthread

ifeq ($(SAN),1)
  BUILD   := build/san
  CFLAGS  += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
  LDFLAGS += -fsanitize=address,undefined
  BIN     := $(BUILD)/nnsh
else
  BUILD   := build/rel
  BIN     := nnsh
endif

LIB_SRC  := $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

DATA ?= ../shared/mnist

.PHONY: all run test unit transcripts deps bench mnist clean valgrind install uninstall
all: $(BIN)

$(BIN): $(BUILD)/main.o $(LIB_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: src/%.c | $(BUILD)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ) | $(BUILD)/tests
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJ) -lcmocka $(LDLIBS)

# colwidth: tests/run.sh's check that transcripts fit 80 columns
$(BUILD)/tools/colwidth: tests/tools/colwidth.c | $(BUILD)/tools
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $<

$(BUILD) $(BUILD)/tests $(BUILD)/tools:
	mkdir -p $@

# deps: install the three libraries when their headers are missing.
deps:
	@sh tests/tools/deps.sh

run: deps
	@$(MAKE) --no-print-directory all
	./$(BIN) -i --example

test: deps
	@$(MAKE) --no-print-directory $(BIN) $(UNIT_BIN) $(BUILD)/tools/colwidth
	@sh tests/run.sh "$(BIN)" "$(BUILD)/tests" "$(DATA)" "$(BUILD)"

# valgrind: memcheck over every transcript and unit test of the normal build
# (tests/tools/valgrind.sh); fails on any memory error or leak.
valgrind: deps
ifeq ($(SAN),1)
	$(error make valgrind runs the normal build: leave out SAN=1)
endif
	@$(MAKE) --no-print-directory $(BIN) $(UNIT_BIN)
	@sh tests/tools/valgrind.sh "$(BIN)" "$(BUILD)/tests" "$(DATA)"

bench: deps
	@$(MAKE) --no-print-directory all
	@sh tests/tools/bench.sh "$(DATA)"

mnist:
	@sh tests/tools/mnist.sh data/mnist

clean:
	rm -rf build nnsh

-include $(wildcard $(BUILD)/*.d $(BUILD)/tests/*.d)

# ---- installing: `make install`, `make uninstall` ------------------------------------------
# PREFIX/bin/nnsh, PREFIX/share/nnsh/lessons/ (every .nns and .md file under
# lessons/, its folders kept) and PREFIX/share/man/man1/nnsh.1, which the
# built nnsh writes (nnsh --man) from the table that `help` prints. DESTDIR
# stages the whole tree elsewhere (for a package, or a test). nnsh finds its
# lessons at ../share/nnsh/lessons from its own real place, so a staged or
# moved tree works as well as an installed one.
# install lists the lesson files it put under share/nnsh in
# share/nnsh/installed.txt; uninstall (and the next install, before it
# copies) removes exactly those, then the folders of share/nnsh left empty.
# bin/ and man1/ belong to other programs too and stay.
#   make install                      into /usr/local (as root)
#   make install PREFIX=$HOME/.local  for one user
#   make install DESTDIR=/tmp/stage PREFIX=/usr
PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
SHAREDIR  = $(PREFIX)/share/nnsh
MAN1DIR   = $(PREFIX)/share/man/man1
LISTED    = $(DESTDIR)$(SHAREDIR)/installed.txt

# remove the files a previous install listed, then share/nnsh's empty folders
define remove_listed
	@if [ -f '$(LISTED)' ]; then \
	    while IFS= read -r f; do \
	        case "$$f" in /*|*..*) ;; *) rm -f '$(DESTDIR)$(SHAREDIR)/'"$$f" ;; esac; \
	    done <'$(LISTED)'; \
	    rm -f '$(LISTED)'; \
	fi
	@if [ -d '$(DESTDIR)$(SHAREDIR)' ]; then \
	    find '$(DESTDIR)$(SHAREDIR)' -type d -empty -delete; fi
endef

$(BUILD)/nnsh.1: $(BIN) | $(BUILD)
	./$(BIN) --man >$@.tmp && mv $@.tmp $@

install: $(BIN) $(BUILD)/nnsh.1
	$(remove_listed)
	install -d '$(DESTDIR)$(BINDIR)' '$(DESTDIR)$(MAN1DIR)' '$(DESTDIR)$(SHAREDIR)/lessons'
	install -m 755 $(BIN) '$(DESTDIR)$(BINDIR)/nnsh'
	install -m 644 $(BUILD)/nnsh.1 '$(DESTDIR)$(MAN1DIR)/nnsh.1'
	@find lessons -type f \( -name '*.nns' -o -name '*.md' \) | LC_ALL=C sort | \
	while IFS= read -r f; do \
	    d='$(DESTDIR)$(SHAREDIR)/'"$${f%/*}"; \
	    install -d "$$d" && install -m 644 "$$f" "$$d/" || exit 1; \
	    echo "$$f"; \
	done >'$(LISTED)'
	@echo "installed: $(DESTDIR)$(BINDIR)/nnsh, $(DESTDIR)$(MAN1DIR)/nnsh.1 and" \
	    "$$(wc -l <'$(LISTED)') lesson files in $(DESTDIR)$(SHAREDIR)/lessons"

uninstall:
	rm -f '$(DESTDIR)$(BINDIR)/nnsh' '$(DESTDIR)$(MAN1DIR)/nnsh.1'
	$(remove_listed)

# ---- fuzzing: `make fuzz` ------------------------------------------------------------------
# Builds one libFuzzer binary per reader and for the parser and the evaluator
# (tests/fuzz/fuzz_*.c, linked with every src/*.c except main.c, all under
# ASan and UBSan) into build/fuzz, lays out the seed corpora in
# build/fuzz/seeds (fixtures, scripts, generated PNGs and idx files) and runs
# each target for FUZZ_SECONDS seconds. New inputs go to build/fuzz/corpus/X;
# a crash, leak or timeout (FUZZ_TIMEOUT seconds for one input) is saved as
# build/fuzz/crash-X-* and makes the target fail. Not part of `make test`;
# needs clang with libFuzzer, no network.
#   make fuzz                      every target, 30 s each
#   make fuzz FUZZ_SECONDS=300 FUZZ_TARGETS=pkl
#   build/fuzz/fuzz_pkl build/fuzz/crash-pkl-...    replay one input
FUZZ_TARGETS ?= parse eval pkl npy png idx
FUZZ_SECONDS ?= 30
FUZZ_TIMEOUT ?= 1
FUZZ_CC      ?= clang
FUZZ_DIR     := build/fuzz
FUZZ_CFLAGS  := $(CSTD) -g -O1 -Iinclude -pthread -fno-omit-frame-pointer \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_OBJ     := $(LIB_SRC:src/%.c=$(FUZZ_DIR)/obj/%.o)
FUZZ_BIN     := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)

.PHONY: fuzz fuzz-build fuzz-seeds
fuzz: fuzz-build fuzz-seeds
	@fail=""; for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ_DIR)/corpus/$$t; \
	    echo "== fuzz_$$t: $(FUZZ_SECONDS) s"; \
	    dict=""; [ "$$t" = parse ] || [ "$$t" = eval ] && dict=-dict=tests/fuzz/nnsh.dict; \
	    $(FUZZ_DIR)/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=$(FUZZ_TIMEOUT) \
	        -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/crash-$$t- $$dict \
	        $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/seeds/$$t 2>$(FUZZ_DIR)/fuzz_$$t.log \
	        || { fail="$$fail $$t"; tail -40 $(FUZZ_DIR)/fuzz_$$t.log; }; \
	    grep -E '^stat::number_of_executed_units|^Done' $(FUZZ_DIR)/fuzz_$$t.log; \
	done; \
	if [ -n "$$fail" ]; then echo "fuzz: failed:$$fail (see $(FUZZ_DIR)/fuzz_*.log)"; exit 1; fi

fuzz-build: $(FUZZ_BIN)

fuzz-seeds: $(FUZZ_DIR)/gen_png_seeds
	@sh tests/fuzz/seeds.sh $(FUZZ_DIR)/seeds $(FUZZ_DIR)/gen_png_seeds

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_LDFLAGS) -o $@ $< $(FUZZ_OBJ) $(LDLIBS)

# fuzz_eval caps the library's allocations through these wrappers
$(FUZZ_DIR)/fuzz_eval: FUZZ_LDFLAGS := \
    -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=posix_memalign

$(FUZZ_DIR)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_XFLAGS) -MMD -MP -c -o $@ $<

# kern_act.c under clang 14: its 8-float vectors are refused in code built
# without AVX (gcc only warns), and a target_clones function called from
# another file does not link (clang 14 names only the clones). So the fuzz
# build compiles that one file for AVX2 with the clones turned into a
# harmless attribute; it then assumes an AVX2 machine.
$(FUZZ_DIR)/obj/kern_act.o: FUZZ_XFLAGS := -mavx2 -mfma '-Dtarget_clones(...)=unused'
.SECONDARY: $(FUZZ_OBJ)

# the PNG seeds are written by the ordinary library build, no fuzzer needed
$(FUZZ_DIR)/gen_png_seeds: tests/fuzz/gen_png_seeds.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS)

-include $(wildcard $(FUZZ_DIR)/obj/*.d)
