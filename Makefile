# Convenience front end over CMake. `make run` sets up, builds and runs the
# default scenario; `make test` builds and runs every test through CTest.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
# `make install` puts bmdsim on PATH: PREFIX/bin (and libbmd, headers,
# pkg-config file, data and man page under PREFIX).
PREFIX ?= $(HOME)/.local

.PHONY: all setup build run test install sanitize clang fuzz fuzz-regress fuzz-build bench format clean python web web-shots

all: build

setup:
	@scripts/setup

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: setup $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/bmdsim run -o $(BUILD)/run --plot
	@echo "make run: files and the timeline figure in $(BUILD)/run/"
	@echo "The README's examples call 'bmdsim': run them as $(BUILD)/bmdsim ..., or"
	@echo "'make install' (into $(PREFIX); PREFIX=... to change) and put $(PREFIX)/bin on PATH."

install: build
	cmake --install $(BUILD) --prefix "$(PREFIX)"
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; \
	  *) echo "make install: add $(PREFIX)/bin to PATH, e.g. export PATH=\"$(PREFIX)/bin:\$$PATH\"";; esac

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The Python package for the current user (no pip, no network): builds libbmd
# and the cffi extension, then copies the package into the user site-packages.
python: build
	scripts/python-build $(BUILD)
	@dest=$$(/usr/bin/python3 -m site --user-site) && mkdir -p "$$dest" && \
	  rm -rf "$$dest/bmdsim" && cp -r $(BUILD)/python/bmdsim "$$dest/" && \
	  echo "make python: installed bmdsim into $$dest (use /usr/bin/python3: import bmdsim)"

# The page in a browser (web/): Debian's emscripten, node and chromium
# (scripts/setup --web), the WebAssembly module and the page in
# build-web/site/ (open build-web/site/index.html; works from file://).
web:
	scripts/setup --web
	scripts/web-build build-web

# The README's screenshots of the page (docs/img/web-*.png), taken by the
# browser test (tests/web/page_test.js) on the page built by `make web`.
web-shots: web build
	node tests/web/page_test.js build-web/site $(BUILD)/bmdsim web/node_modules docs/img

sanitize: setup
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DBMD_SANITIZE=ON -DBMD_WERROR=ON
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS)

# The whole build and test suite with clang, warnings as errors (CI builds
# with gcc and with clang); the page's tests (compiler-independent) run in
# the gcc build only.
clang: setup
	CC=clang cmake -S . -B build-clang -DBMD_WERROR=ON -DBMD_WEB=OFF
	cmake --build build-clang -j $(JOBS)
	cd build-clang && ctest --output-on-failure -j $(JOBS)

# libFuzzer targets (tests/fuzz/, clang + ASan + UBSan): `make fuzz
# FUZZ_SECONDS=600` runs each target that long on a fresh corpus seeded from
# data/, tests/data/ and tests/fuzz/seeds; `make fuzz-regress` runs each over
# its seeds and saved findings only (what CI does, then a short fresh run).
FUZZ_SECONDS ?= 60
fuzz-build: setup
	CC=clang cmake -S . -B build-fuzz -DBMD_FUZZ=ON -DBMD_WERROR=ON -DBMD_WEB=OFF
	cmake --build build-fuzz -j $(JOBS)

fuzz: fuzz-build
	tests/fuzz/run.sh build-fuzz fuzz $(FUZZ_SECONDS)

fuzz-regress: fuzz-build
	tests/fuzz/run.sh build-fuzz regress

bench: build
	@for b in $(BUILD)/bench_*; do echo "== $$b"; $$b; done

format:
	clang-format -i include/bmd/*.h src/*/*.c src/*/*.h cli/*.c cli/*.h tests/*/*.c tests/*/*.h bench/*.c

clean:
	rm -rf $(BUILD) build-asan build-clang build-fuzz build-web
