# nnsh - a neural-network shell. Plain GNU Make.
#   make          build ./nnsh
#   make run      install missing packages, build, start the shell with the example
#   make test     install missing packages, build, run every test (SAN=1: sanitizers)
#   make bench    time the MNIST evaluation against NumPy
#   make mnist    download MNIST and the book's weights into data/mnist

CC      ?= cc
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN    := -Wall -Wextra -Wshadow -Werror
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

.PHONY: all run test unit transcripts deps bench mnist clean
all: $(BIN)

$(BIN): $(BUILD)/main.o $(LIB_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: src/%.c | $(BUILD)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ) | $(BUILD)/tests
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJ) -lcmocka $(LDLIBS)

$(BUILD) $(BUILD)/tests:
	mkdir -p $@

# deps: install the three libraries when their headers are missing.
deps:
	@sh tests/tools/deps.sh

run: deps
	@$(MAKE) --no-print-directory all
	./$(BIN) -i --example

test: deps
	@$(MAKE) --no-print-directory $(BIN) $(UNIT_BIN)
	@sh tests/run.sh "$(BIN)" "$(BUILD)/tests" "$(DATA)"

bench: deps
	@$(MAKE) --no-print-directory all
	@sh tests/tools/bench.sh "$(DATA)"

mnist:
	@sh tests/tools/mnist.sh data/mnist

clean:
	rm -rf build nnsh

-include $(wildcard $(BUILD)/*.d $(BUILD)/tests/*.d)
