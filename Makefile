# Octavo: build the site, run the tests, and the checks CI runs.
SWIFT ?= swift
OCTAVO = .build/release/octavo
CORPUS_DIR ?= /tmp/octavo-corpus
FUZZ_SECONDS ?= 30
FUZZ_TARGETS ?= FrontMatterFuzz SplitLinkFuzz RenderFuzz

.PHONY: deps site octavo test check-output check-html bench fuzz fuzz-merge clean

## deps: install libcmark-dev (Debian/Ubuntu) when pkg-config cannot find libcmark
deps:
	@pkg-config --exists libcmark || { \
	  echo "Installing libcmark-dev"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev pkg-config; }

octavo: deps
	$(SWIFT) build -c release --product octavo

## site: build Content/ with Templates/ into Output/
site: octavo
	$(OCTAVO) build

## test: run the test suite (Swift Testing)
test: deps
	$(SWIFT) test

## check-output: fail when the committed Output/ is not the build of Content/ with Templates/
check-output: octavo
	rm -rf .build-check/site
	$(OCTAVO) build --quiet --output .build-check/site
	diff -r Output .build-check/site

## fuzz: build the libFuzzer targets of Tests/Fuzz/ and run each for FUZZ_SECONDS (default 30)
fuzz: deps
	Tests/Fuzz/build.sh $(FUZZ_TARGETS)
	@for target in $(FUZZ_TARGETS); do \
	  echo "== $$target ($(FUZZ_SECONDS) s)"; \
	  Tests/Fuzz/run.sh $$target $(FUZZ_SECONDS) || exit 1; \
	done

## fuzz-merge: minimize the committed corpora Tests/Fuzz/Corpus/* (after long runs)
fuzz-merge: deps
	Tests/Fuzz/build.sh $(FUZZ_TARGETS)
	@for target in $(FUZZ_TARGETS); do Tests/Fuzz/run.sh $$target merge || exit 1; done

clean:
	rm -rf .build .build-check .build-fuzz
