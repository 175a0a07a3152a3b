# Makefile - persner: the PGXS extension, bin/persner, unit tests, model, demo, bench
#
#   make              the extension (persner.so) and bin/persner
#   make install      the extension, its SQL scripts and model/*.model
#   make test         every suite (unit + sanitizers, pg_regress, pgTAP, ...)
#                     against a throwaway cluster; ends "N passed, N failed"
#   make demo         install what is missing, start a throwaway cluster, tag news
#   make model        train model/peyma.model and model/fa10.model from $(CORPUS_DIR)
#                     (deterministic)
#   make test-models  build/dict/tehran.model, the tests' dictionary model (persner dict);
#                     make install-test-models DESTDIR=... installs it (test/pg-env.sh)
#   make bench        the benchmarks; print figures
#   make fuzz         the libFuzzer targets, FUZZ_SECONDS (30) each
#   make normalize-tables   src/core/normalize_tables.h again from normalize.c's classifier
#   make dist         build/persner-$(EXTVERSION).zip, the PGXN release archive

EXTENSION   = persner
EXTVERSION  = 0.2.0
MODULE_big  = persner

CORE_SRCS  := $(sort $(wildcard src/core/*.c))
CORE_HDRS  := $(sort $(wildcard src/core/*.h))
# model building: bin/persner and the unit tests link it, persner.so does not
TRAIN_SRCS := $(sort $(wildcard src/core/train/*.c))
TRAIN_HDRS := $(sort $(wildcard src/core/train/*.h))
PG_SRCS    := $(sort $(wildcard src/pg/*.c))
CLI_SRCS   := $(sort $(wildcard src/cli/*.c))
OBJS        = $(CORE_SRCS:.c=.o) $(PG_SRCS:.c=.o)

DATA        = $(sort $(wildcard sql/persner--*.sql))
REGRESS     = $(sort $(patsubst sql/%.sql,%,$(filter-out sql/persner--%,$(wildcard sql/*.sql))))
# pg_regress creates the extension in its database before the first test
REGRESS_OPTS = --load-extension=persner

CORPUS_DIR    ?= ../shared/corpora
GAZETTEER_DIR ?= ../shared/gazetteers
LIST_DIR      ?= lists
TRAIN_OPTS    ?= --c1 0.05 --c2 0.5 --iters 300 --margin 1 --flags 0x227f --press-lines 400 \
                 --partial $(CORPUS_DIR)/arman/train.txt --partial-types PER
# peyma reads the class context (--flags 0x227f: PERSNER_FEAT_CBIGRAM) and 400
# synthetic press-review lines (--press-lines: lists/press.txt's outlets before
# sentences of PEYMA train), teacher and student alike.
# peyma is distilled (issue 11): a BIOES teacher trained with the same recipe
# labels Hamshahri news where it is sure (persner silver), and the BIO model
# that ships trains on those labels beside PEYMA and ARMAN; the teacher and its
# silver corpus stay in build/teacher
TEACHER_OPTS  ?= --scheme bioes
SILVER_TEXT   ?= $(CORPUS_DIR)/unlabeled/hamshahri_2003_2007.txt
SILVER_OPTS   ?= --threshold 0.9 --o-threshold 0.999 --every 9 --max-tokens 300000
SILVER_CREDIT ?= Hamshahri newspaper articles of 2003-2007 (HamshahriCorpus, University of Tehran, \
                 via shervinkh/hamshahri-search), distributed for research use, labelled by a BIOES teacher \
                 trained with the same recipe
# fa10: ten labels from PEYMA and ARMAN (less its dev split), as label sets (model/fa10.md)
FA10_OPTS     ?= --name fa10 --types PER,LOC,ORG,DAT,TIM,MON,PCT,FAC,PRO,EVE \
                 --c1 0.05 --c2 0.5 --iters 101 \
                 --partial $(CORPUS_DIR)/arman/train.txt --partial-types PER,LOC,ORG,FAC,PRO,EVE \
                 --partial-dev

ICU_CFLAGS := $(shell pkg-config --cflags icu-uc icu-i18n 2>/dev/null)
ICU_LIBS   := $(shell pkg-config --libs icu-i18n icu-uc 2>/dev/null || echo -licui18n -licuuc -licudata)

WARN        = -Wall -Wextra -Werror
CORE_WARN   = $(WARN) -Wdeclaration-after-statement -Wmissing-prototypes -Werror=vla
PG_CFLAGS   = -std=c11 $(WARN) -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers
PG_CPPFLAGS = -Isrc/core $(ICU_CFLAGS)
SHLIB_LINK  = $(ICU_LIBS) -lm

EXTRA_CLEAN = bin build

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS tracks no header dependencies: a changed header rebuilds every object
# that may include it (a struct that changed size under a stale object crashes)
$(OBJS): $(CORE_HDRS) $(wildcard src/pg/*.h)

# --- the core outside PostgreSQL: bin/persner and the unit tests -------------

CORE_CC     ?= $(CC)
CORE_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -g $(CORE_WARN) -Isrc/core -Isrc/core/train $(ICU_CFLAGS)
CORE_LIBS    = $(ICU_LIBS) -lm -lpthread
SAN_FLAGS    = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

UNIT_SRCS  := $(sort $(wildcard test/unit/test_*.c))
UNIT_BINS  := $(patsubst test/unit/%.c,build/unit/%,$(UNIT_SRCS))
ASAN_BINS  := $(patsubst test/unit/%.c,build/asan/%,$(UNIT_SRCS))

# the core and the model builder compiled once per flavour, outside PGXS's own objects
CORE_OBJS  := $(patsubst src/core/%.c,build/obj/%.o,$(CORE_SRCS) $(TRAIN_SRCS))
ASAN_OBJS  := $(patsubst src/core/%.c,build/asanobj/%.o,$(CORE_SRCS) $(TRAIN_SRCS))

all: bin/persner

build/obj/%.o: src/core/%.c $(CORE_HDRS) $(TRAIN_HDRS)
	@mkdir -p $(dir $@)
	$(CORE_CC) $(CORE_CFLAGS) -c -o $@ $<

build/asanobj/%.o: src/core/%.c $(CORE_HDRS) $(TRAIN_HDRS)
	@mkdir -p $(dir $@)
	$(CORE_CC) $(CORE_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

bin/persner: $(CLI_SRCS) $(CORE_OBJS) $(wildcard src/cli/*.h)
	@mkdir -p bin
	$(CORE_CC) $(CORE_CFLAGS) -Isrc/cli -o $@ $(CLI_SRCS) $(CORE_OBJS) $(CORE_LIBS)

build/unit/%: test/unit/%.c $(wildcard test/unit/*.h) $(CORE_OBJS)
	@mkdir -p build/unit
	$(CORE_CC) $(CORE_CFLAGS) -Itest/unit -o $@ $< $(CORE_OBJS) $(CORE_LIBS)

build/asan/%: test/unit/%.c $(wildcard test/unit/*.h) $(ASAN_OBJS)
	@mkdir -p build/asan
	$(CORE_CC) $(CORE_CFLAGS) $(SAN_FLAGS) -Itest/unit -o $@ $< $(ASAN_OBJS) $(CORE_LIBS)

unit: $(UNIT_BINS) $(ASAN_BINS)

# the generated fast tables of normalize.c, written again from its ICU classifier
normalize-tables: build/unit/test_normalize
	build/unit/test_normalize --gen-table > src/core/normalize_tables.h.tmp
	mv src/core/normalize_tables.h.tmp src/core/normalize_tables.h

# the complexity driver (test/suites/complexity.sh): optimized, like the CLI
build/complexity: test/complexity/complexity.c $(CORE_OBJS)
	@mkdir -p build
	$(CORE_CC) $(CORE_CFLAGS) -o $@ $< $(CORE_OBJS) $(CORE_LIBS)

.PHONY: unit model test demo bench fuzz install-model dist normalize-tables test-models install-test-models \
	train-opts teacher-opts silver-opts silver-text fa10-opts

# --- the model ---------------------------------------------------------------

model: bin/persner
	@mkdir -p build/teacher
	bin/persner train --corpus-dir $(CORPUS_DIR) --gazetteer-dir $(GAZETTEER_DIR) --list-dir $(LIST_DIR) $(TRAIN_OPTS) \
		$(TEACHER_OPTS) --out build/teacher/peyma.model --card build/teacher/peyma.md
	bin/persner silver --model build/teacher/peyma.model $(SILVER_OPTS) $(SILVER_TEXT) > build/teacher/silver.txt
	bin/persner train --corpus-dir $(CORPUS_DIR) --gazetteer-dir $(GAZETTEER_DIR) --list-dir $(LIST_DIR) $(TRAIN_OPTS) \
		--silver build/teacher/silver.txt --silver-credit "$(SILVER_CREDIT)" \
		--out model/peyma.model --card model/peyma.md
	cat model/peyma-choices.md >> model/peyma.md
	bin/persner train --corpus-dir $(CORPUS_DIR) --gazetteer-dir $(GAZETTEER_DIR) --list-dir $(LIST_DIR) $(FA10_OPTS) \
		--out model/fa10.model --card model/fa10.md
	cat model/fa10-choices.md >> model/fa10.md

# the two recipes and peyma's teacher (TEACHER_OPTS: added to TRAIN_OPTS),
# for the scripts of experiments/ (these variables are their one home)
train-opts:
	@echo $(TRAIN_OPTS)
teacher-opts:
	@echo $(TEACHER_OPTS)
silver-opts:
	@echo $(SILVER_OPTS)
silver-text:
	@echo $(SILVER_TEXT)
fa10-opts:
	@echo $(FA10_OPTS)

# the dictionary model of the tests (sql/dict.sql): compiled from the
# committed peyma and two lists of our own, never committed itself (it holds
# the whole base); test/pg-env.sh installs it beside the real models
TEST_MODELS = build/dict/tehran.model
test-models: $(TEST_MODELS)
install-test-models: $(TEST_MODELS)
	$(MKDIR_P) '$(DESTDIR)$(datadir)/persner'
	$(INSTALL_DATA) $(TEST_MODELS) '$(DESTDIR)$(datadir)/persner/'
build/dict/tehran.model: bin/persner model/peyma.model sql/fixtures/dict-names.tsv sql/fixtures/dict-never.tsv
	@mkdir -p build/dict
	bin/persner dict --base model/peyma.model --add sql/fixtures/dict-names.tsv \
		--never sql/fixtures/dict-never.tsv -o $@

install: install-model
install-model:
	$(MKDIR_P) '$(DESTDIR)$(datadir)/persner'
	$(if $(wildcard model/*.model),$(INSTALL_DATA) $(wildcard model/*.model) '$(DESTDIR)$(datadir)/persner/')

# --- suites ------------------------------------------------------------------

# On a fresh machine "make test" first installs what the suites need, as
# "make demo" does (as root; otherwise test/deps.sh prints the one apt-get
# line to run and make stops), then builds, then runs every suite.
test:
	bash test/deps.sh build pg test tools </dev/null
	$(MAKE) all unit build/complexity
	bash test/run-tests.sh

demo:
	bash test/demo/run-demo.sh

bench: all
	bash test/bench/run-bench.sh

# libFuzzer targets (clang): make fuzz FUZZ_SECONDS=600 for a long run
FUZZ_SECONDS ?= 30
fuzz:
	bash test/fuzz/run-fuzz.sh -t $(FUZZ_SECONDS)

# --- the release archive (PGXN) ----------------------------------------------
# git archive of HEAD (committed files only, the model included), after
# checking that persner.control, META.json and this Makefile agree on the
# version and that its install script exists.  Unpacked anywhere, it builds
# and installs with "make && make install" like the checkout.
DIST_NAME = $(EXTENSION)-$(EXTVERSION)
dist:
	@grep -q "^default_version = '$(EXTVERSION)'" $(EXTENSION).control || \
		{ echo "dist: $(EXTENSION).control's default_version is not $(EXTVERSION)" >&2; exit 1; }
	@test "$$(grep -c '"version": "$(EXTVERSION)"' META.json)" -eq 2 || \
		{ echo "dist: META.json's version and provides version must both be $(EXTVERSION)" >&2; exit 1; }
	@ls sql/$(EXTENSION)--*$(EXTVERSION).sql >/dev/null || \
		{ echo "dist: no sql/$(EXTENSION)--*$(EXTVERSION).sql" >&2; exit 1; }
	@test -z "$$(git status --porcelain --untracked-files=no)" || \
		echo "dist: warning: uncommitted changes are not in the archive (it is HEAD)" >&2
	@mkdir -p build
	git archive --format=zip --prefix=$(DIST_NAME)/ -o build/$(DIST_NAME).zip HEAD
	@echo "dist: build/$(DIST_NAME).zip"
