# ecdreport: build, run, test, benchmark, install.
#
#   make          build ./ecdreport
#   make run      install missing Debian packages, build, create a demo
#                 database (ecdreport.db) if there is none (else upgrade it),
#                 serve on :8080
#   make check    install what the tests need, build, run every test
#   make bench    build the national database; instructions per request
#                 (callgrind) and wrk throughput against a reference server
#   make install  install the binary and its data under $(PREFIX), the systemd
#                 unit and the nginx site (src/deploy/)

PREFIX  ?= /usr/local
DATADIR ?= $(PREFIX)/share/ecdreport
SYSTEMDDIR  ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
NGINXDIR    ?= /etc/nginx/sites-available
PORT    ?= 8080
DB      ?= ecdreport.db

PKGS      = libmicrohttpd sqlite3 jansson libctemplate libsodium xlsxwriter pangocairo pangoft2 fontconfig
WARN      = -Wall -Wextra -Wformat=2 -Werror
CFLAGS   ?= -O2 -g
CXXFLAGS ?= -O2 -g
ALL_CFLAGS   = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) -DECD_DATADIR='"$(DATADIR)"' \
               $(shell pkg-config --cflags $(PKGS))
ALL_CXXFLAGS = -std=c++17 $(WARN) -Wno-unused-parameter $(CXXFLAGS)
LIBS      = $(shell pkg-config --libs $(PKGS)) -lpthread -lm

SRC_C  = $(wildcard src/*.c)
OBJ    = $(SRC_C:src/%.c=build/%.o) build/render.o
LIBOBJ = $(filter-out build/main.o,$(OBJ))
ASAN   = -fsanitize=address,undefined -fno-omit-frame-pointer
UNIT_TESTS = $(patsubst tests/unit/%.c,build/%,$(wildcard tests/unit/test_*.c))

BUILD_DEPS = build-essential pkg-config libmicrohttpd-dev libsqlite3-dev \
             libjansson-dev libctemplate-dev libsodium-dev libxlsxwriter-dev \
             libcairo2-dev libpango1.0-dev fonts-liberation2
TEST_DEPS  = libcmocka-dev chromium fonts-liberation fonts-dejavu-core poppler-utils sqlite3 clang libclang-rt-14-dev unzip
BENCH_DEPS = wrk valgrind bc sqlite3 curl

# apt_install: install the Debian packages of $(1) that are not installed yet.
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

.PHONY: all run check bench install deps test-deps unit-tests http-tests browser-tests fuzz fuzz-http clean

all: ecdreport

# The print face, Liberation Serif 2 (Times New Roman's metrics, covers
# Vietnamese; SIL OFL 1.1), copied unmodified from Debian's fonts-liberation2
# into static/ at build time: served by the print pages (@font-face) and used
# by the PDF writer (src/pdf.c), so every reader prints the same letters.
FONT_DIR = /usr/share/fonts/truetype/liberation2
FONTS    = $(foreach s,Regular Bold Italic BoldItalic,static/LiberationSerif-$(s).ttf) \
           static/LiberationSerif-LICENSE.txt
static/LiberationSerif-%.ttf: $(FONT_DIR)/LiberationSerif-%.ttf
	cp $< $@
static/LiberationSerif-LICENSE.txt: /usr/share/doc/fonts-liberation2/copyright
	cp $< $@

ecdreport: $(OBJ) build/templates.ok $(FONTS)
	$(CXX) -o $@ $(OBJ) $(LIBS)

# Every template starts with the auto-escape pragma, or nothing in it is
# escaped: a template without it fails the build.
build/templates.ok: $(wildcard templates/*.tpl) | build
	@for t in templates/*.tpl; do \
	  head -n 1 $$t | grep -q '^{{%AUTOESCAPE context="HTML"}}$$' || \
	    { echo "$$t: the first line must be {{%AUTOESCAPE context=\"HTML\"}}"; exit 1; }; \
	done; touch $@

build/%.o: src/%.c $(wildcard src/*.h) | build
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/render.o: src/render.cc src/render.h | build
	$(CXX) $(ALL_CXXFLAGS) -c -o $@ $<

build:
	mkdir -p build/asan

# The same program built with AddressSanitizer and UBSan, for the HTTP tests.
build/asan/%.o: src/%.c $(wildcard src/*.h) | build
	$(CC) $(ALL_CFLAGS) $(ASAN) -O1 -c -o $@ $<

build/asan/render.o: src/render.cc src/render.h | build
	$(CXX) $(ALL_CXXFLAGS) $(ASAN) -O1 -c -o $@ $<

build/asan/ecdreport: $(OBJ:build/%=build/asan/%)
	$(CXX) $(ASAN) -o $@ $^ $(LIBS)

build/test_%: tests/unit/test_%.c $(wildcard tests/unit/*.h) $(LIBOBJ)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(LIBOBJ) $(LIBS) -lcmocka -lstdc++

# libFuzzer over the form parser and checks, a bounded number of inputs.
FUZZ_SRC = src/form.c src/db.c src/str.c src/fmt.c src/log.c
build/fuzz_form: tests/fuzz/fuzz_form.c $(FUZZ_SRC) $(wildcard src/*.h) | build
	clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
	  -o $@ tests/fuzz/fuzz_form.c $(FUZZ_SRC) -lsqlite3

fuzz: build/fuzz_form
	./build/fuzz_form -runs=$(or $(FUZZ_RUNS),200000) -max_len=512 -seed=1 2>&1 | tail -n 2

# The HTTP fuzz run of make check (40 s) for longer: make fuzz-http FUZZ_SECONDS=600
fuzz-http: build/asan/ecdreport
	ECDREPORT_BIN=$(CURDIR)/build/asan/ecdreport FUZZ_SECONDS=$(or $(FUZZ_SECONDS),600) \
	  node --test tests/http/robust_fuzz.test.mjs

deps:
	$(call apt_install,$(BUILD_DEPS))

test-deps: deps
	$(call apt_install,$(TEST_DEPS))
	@command -v node >/dev/null && command -v npm >/dev/null || \
	  { echo "Installing nodejs and npm"; SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	    $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq nodejs npm; }
	$(MAKE) -s tests/node_modules/.package-lock.json

# playwright-core from npm, as the lock file pins it (again when the lock changes).
tests/node_modules/.package-lock.json: tests/package-lock.json
	cd tests && npm ci --no-audit --no-fund

# A new (or empty) database gets the demo; an existing one is only upgraded
# (init is idempotent), so make run works whether make check ran or not.
run: deps
	$(MAKE) ecdreport
	@if [ -s $(DB) ]; then ./ecdreport --db $(DB) init; else ./ecdreport --db $(DB) init --demo; fi
	./ecdreport --db $(DB) serve --port $(PORT)

unit-tests: $(UNIT_TESTS)
	@for t in $(UNIT_TESTS); do ./$$t || exit 1; done

http-tests: build/asan/ecdreport
	ECDREPORT_BIN=$(CURDIR)/build/asan/ecdreport node --test tests/http/

browser-tests: ecdreport
	ECDREPORT_BIN=$(CURDIR)/ecdreport node --test tests/browser/

check: test-deps
	$(MAKE) ecdreport
	$(MAKE) unit-tests
	$(MAKE) fuzz
	$(MAKE) http-tests
	$(MAKE) browser-tests

bench: deps
	$(call apt_install,$(BENCH_DEPS))
	$(MAKE) ecdreport
	tests/bench/run

# The binary; templates, static files and sql/ (with the national unit lists
# of sql/units/) under $(DATADIR); the systemd unit, its system user
# (sysusers.d) and the nginx site of src/deploy/ (the site never over an
# existing file). On the live system (no DESTDIR) the user is created.
install: ecdreport
	install -D -m 755 ecdreport $(DESTDIR)$(PREFIX)/bin/ecdreport
	for d in templates static sql; do \
	  install -d $(DESTDIR)$(DATADIR)/$$d && \
	  cp -R $$d/. $(DESTDIR)$(DATADIR)/$$d/; done
	install -m 644 README.md LICENSE $(DESTDIR)$(DATADIR)/
	install -d $(DESTDIR)$(SYSTEMDDIR) $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(NGINXDIR)
	sed -e 's|@BINDIR@|$(PREFIX)/bin|g' -e 's|@DATADIR@|$(DATADIR)|g' \
	  src/deploy/ecdreport.service.in > $(DESTDIR)$(SYSTEMDDIR)/ecdreport.service
	install -m 644 src/deploy/ecdreport.sysusers $(DESTDIR)$(SYSUSERSDIR)/ecdreport.conf
	[ -e $(DESTDIR)$(NGINXDIR)/ecdreport ] || \
	  install -m 644 src/deploy/nginx-ecdreport.conf $(DESTDIR)$(NGINXDIR)/ecdreport
	if [ -z "$(DESTDIR)" ] && command -v systemd-sysusers >/dev/null; then \
	  systemd-sysusers $(SYSUSERSDIR)/ecdreport.conf; fi

clean:
	rm -rf build ecdreport
