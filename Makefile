# Thin wrapper over CMake presets; README.md explains the two commands that
# matter: `make demo` and `make test`.
.PHONY: all deps build release test demo fuzz bench format clean

all: build

deps:
	@scripts/deps.sh

build: deps
	@cmake --preset dev >/dev/null
	@cmake --build --preset dev

release: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release

test: deps
	@scripts/test.sh

demo: build
	@scripts/demo.sh

fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz
	@scripts/fuzz.sh long

bench: release
	@scripts/bench.sh

format:
	@clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build
