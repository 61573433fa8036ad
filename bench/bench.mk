# bench/bench.mk - the pipeline comparison, included by the top-level Makefile.
#
#   make bench-pipeline   every JSON approach side by side on the study's
#                         100K events, one run: results/pipeline.json,
#                         results/PIPELINE.md (with the targets and the
#                         memory floor appended)
#   make bench-scale      the same at 10K, 100K, 1M and 10M events:
#                         results/scale/*, results/SCALE.md, results/scale.svg
#
# Knobs: BENCH_RUNGS (the rungs, lowest first), BENCH_SIZES (bench-scale),
# BENCH_FLAGS (more `ladder run` options, e.g. --budget 10), BENCH_SETUP
# (the set-up step; `scripts/setup --bench` installs libsimdjson-dev and
# makes .venv with bench/requirements.txt).
#
# The 10M-event input is 1.43 GB; CPython's json.loads makes about 12 GB of
# dicts from it (the reference result is computed that way too). bench-scale
# leaves out, at each size, the rungs whose memory would not fit (see
# bench/scale.py) and says so in results/SCALE.md.

BENCH_RUNGS ?= cpython orjson msgspec polars duckdb simdjson c-ext c c-threads
BENCH_SIZES ?= 10000 100000 1000000 10000000
BENCH_FLAGS ?=
BENCH_SETUP ?= scripts/setup --bench
BENCH_FLOOR := $(BUILD)/bench/floor
BENCH_DATA  := $(BUILD)/data/events-100000-42.json

# The bench scripts need the standard library only, the chart matplotlib
# (from bench/requirements.txt): both run on the bench tools' .venv when there is one.
BENCH_PYTHON = $$(test -x .venv/bin/python && echo .venv/bin/python || echo python3)

.PHONY: bench-pipeline bench-scale

# A failed row does not stop the summary; the target's status is the run's.
bench-pipeline:
	$(BENCH_SETUP)
	$(MAKE) ladder $(BENCH_FLOOR)
	@mkdir -p results
	status=0; \
	./ladder run --problem pipeline $(BENCH_RUNGS:%=--rung %) --size study \
		--json results/pipeline.json --report results/PIPELINE.md $(BENCH_FLAGS) || status=1; \
	test -f $(BENCH_DATA) || ./ladder gen events --count 100000 --seed 42 -o $(BENCH_DATA); \
	$(BENCH_FLOOR) $(BENCH_DATA) --json results/pipeline-floor.json || status=1; \
	$(BENCH_PYTHON) bench/summary.py results/pipeline.json \
		--floor results/pipeline-floor.json --report results/PIPELINE.md || status=1; \
	exit $$status

bench-scale:
	$(BENCH_SETUP)
	$(MAKE) ladder $(BENCH_FLOOR)
	status=0; \
	$(BENCH_PYTHON) bench/scale.py --rungs "$(BENCH_RUNGS)" --sizes $(BENCH_SIZES) \
		--out results/scale --floor $(BENCH_FLOOR) --data $(BUILD)/data \
		-- $(BENCH_FLAGS) || status=1; \
	$(BENCH_PYTHON) bench/scale_chart.py results/scale -o results/scale.svg \
		--table results/SCALE.md || status=1; \
	exit $$status

$(BENCH_FLOOR): bench/floor.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_GNU_SOURCE -O3 -march=native $(WARNINGS) -o $@ $<
