# Convenience front end over CMake. `make run` sets up, builds and runs the
# default scenario; `make test` builds and runs every test through CTest.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all setup build run test sanitize bench format clean python

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

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The Python package for the current user (no pip, no network): builds libbmd
# and the cffi extension, then copies the package into the user site-packages.
python: build
	scripts/python-build $(BUILD)
	@dest=$$(/usr/bin/python3 -m site --user-site) && mkdir -p "$$dest" && \
	  rm -rf "$$dest/bmdsim" && cp -r $(BUILD)/python/bmdsim "$$dest/" && \
	  echo "make python: installed bmdsim into $$dest (use /usr/bin/python3: import bmdsim)"

sanitize: setup
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DBMD_SANITIZE=ON -DBMD_WERROR=ON
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS)

bench: build
	@for b in $(BUILD)/bench_*; do echo "== $$b"; $$b; done

format:
	clang-format -i include/bmd/*.h src/*/*.c src/*/*.h cli/*.c cli/*.h tests/*/*.c tests/*/*.h bench/*.c

clean:
	rm -rf $(BUILD) build-asan
