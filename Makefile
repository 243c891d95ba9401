# Octavo: build the site, run the tests, and the checks CI runs.
SWIFT ?= swift
OCTAVO = .build/release/octavo
CORPUS_DIR ?= /tmp/octavo-corpus

.PHONY: deps site octavo test check-output check-html bench bench-search fuzz clean

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

## bench-search: search index size and query time on 1,000 and 10,000-page corpora (needs node)
bench-search: octavo
	bench/search-bench.sh 1000 10000

clean:
	rm -rf .build .build-check
