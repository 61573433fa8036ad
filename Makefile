# ladder - the Optimization Ladder, measured.
#
#   make            build ./ladder (the harness, the generator, the engine)
#   make bench      set up, build, run the default ladder, write the report
#   make test       build under ASan + UBSan and run every test
#   make bench-pipeline   the JSON engine against other parsers (issue 3)
#
# Knobs: SANITIZE=address,undefined  BUILD=dir  CC=compiler  PYTHON=path

CC       ?= cc
BUILD    ?= build
SANITIZE ?=

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARNINGS) $(CFLAGS) -I. -pthread
LDLIBS   := -lcjson -lcrypto -lz -lpthread -lm

ifneq ($(SANITIZE),)
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS    += -fsanitize=$(SANITIZE)
endif

# The engine is compiled for any x86-64; its SIMD paths are chosen at run time.
ENGINE_CFLAGS = $(subst -O2,-O3,$(ALL_CFLAGS))

HARNESS_SRC := $(filter-out harness/main.c,$(wildcard harness/*.c)) $(wildcard gen/*.c)
ENGINE_SRC  := $(wildcard engine/*.c)
HARNESS_OBJ := $(HARNESS_SRC:%.c=$(BUILD)/%.o)
ENGINE_OBJ  := $(ENGINE_SRC:%.c=$(BUILD)/%.o)
TEST_SRC    := $(wildcard tests/test_*.c)
TEST_BIN    := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

LIBLADDER := $(BUILD)/libladder.a
LIBENGINE := $(BUILD)/libengine.a

# The region library: Python rungs mark their timed call with it, through
# ctypes, when `ladder run --instructions` counts instructions
# (rungs/_native/region.h; native rungs link region.c themselves).
REGION_LIB := $(BUILD)/lib/libladder_region.so

.PHONY: all bench test setup clean bench-pipeline fuzz tests-build
all: ladder

# ./ladder is always the plain (unsanitized) build; the test build lives in
# build/san and never overwrites it.
ifeq ($(BUILD),build)
ladder: $(BUILD)/ladder $(REGION_LIB)
	cp $< $@.tmp && mv -f $@.tmp $@
endif

$(REGION_LIB): rungs/_native/region.c rungs/_native/region.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC -shared -o $@ $<

$(BUILD)/ladder: $(BUILD)/harness/main.o $(LIBLADDER) $(LIBENGINE)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(LIBLADDER): $(HARNESS_OBJ)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

$(LIBENGINE): $(ENGINE_OBJ)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

$(BUILD)/engine/%.o: engine/%.c $(wildcard engine/*.h)
	@mkdir -p $(@D)
	$(CC) $(ENGINE_CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.c $(wildcard harness/*.h gen/*.h engine/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(LIBLADDER) $(LIBENGINE) tests/testhelp.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBLADDER) $(LIBENGINE) $(LDLIBS)

tests-build: $(TEST_BIN) $(BUILD)/ladder

# Installs what is needed (Debian packages, PyPI into .venv; see scripts/setup).
setup:
	scripts/setup --bench

bench: setup
	$(MAKE) ladder
	./ladder run --time-limit 20m --json results/latest.json --report results/REPORT.md

test:
	scripts/setup
	$(MAKE) BUILD=build/san SANITIZE=address,undefined tests-build
	$(MAKE) ladder
	tests/run build/san

clean:
	rm -rf build ladder

-include bench/bench.mk
