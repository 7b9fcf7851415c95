# selfsup: `make demo` runs the main job, `make test` the whole suite. Both
# install what they need first (make deps).

SHELL := /bin/bash
GO ?= go
PYTHON := /usr/bin/python3

include third_party/libtorch/libtorch.mk

BUILD := build
SHIM := $(BUILD)/lib/libselfsup_torch.so
SHIM_SRCS := $(wildcard torch/csrc/*.cc)
SHIM_OBJS := $(patsubst torch/csrc/%.cc,$(BUILD)/obj/%.o,$(SHIM_SRCS))
BIN := $(BUILD)/bin/selfsup

# Debian packages the project needs to build, test and run its demo.
DEB_PKGS := g++ make libtorch-dev python3-torch python3-torchvision python3-numpy \
            python3-scipy python3-pil dataset-fashion-mnist libturbojpeg0-dev

.PHONY: all deps shim build test vet bench demo device-bundle clean FORCE

all: build

# deps installs only what is missing, so it is cheap to run every time.
deps:
	@missing=$$(for p in $(DEB_PKGS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q $$missing; \
	fi
	@command -v $(GO) >/dev/null || { echo "Go 1.26 is needed: https://go.dev/dl/"; exit 1; }

shim: $(SHIM)

# The objects depend on the libtorch they were compiled against: the stamp
# changes (and they rebuild) when LIBTORCH, TORCH_PYTHON or the flags do.
FLAGS_STAMP := $(BUILD)/obj/flags
$(FLAGS_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(TORCH_FOUND) $(TORCH_CXXFLAGS) $(TORCH_LDLIBS)' | cmp -s - $@ 2>/dev/null || \
	  echo '$(TORCH_FOUND) $(TORCH_CXXFLAGS) $(TORCH_LDLIBS)' > $@

$(BUILD)/obj/%.o: torch/csrc/%.cc $(FLAGS_STAMP)
	@[ -z "$(TORCH_PROBLEM)" ] || { echo "make: $(TORCH_PROBLEM)"; echo "make: $(TORCH_MISSING_HELP)"; exit 1; }
	@[ -n "$(TORCH_FOUND)" ] || { echo "make: $(TORCH_MISSING_HELP)"; exit 1; }
	@mkdir -p $(@D)
	$(CXX) $(TORCH_CXXFLAGS) -Wall -Wno-return-type -MMD -MP -c $< -o $@

$(SHIM): $(SHIM_OBJS) $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CXX) -shared -Wl,--no-undefined -o $@ $(SHIM_OBJS) $(TORCH_LDLIBS)
	@echo "shim built against $(TORCH_FOUND) (C++11 ABI $(TORCH_CXX11_ABI), CUDA $(TORCH_CUDA))"

-include $(SHIM_OBJS:.o=.d)

build: deps $(SHIM)
	$(GO) build -o $(BIN) ./cmd/selfsup

vet: $(SHIM)
	$(GO) vet ./...

# The shim is invisible to Go's build cache, so cached test results could be
# stale after it changes: -count=1 always runs the tests.
test: deps $(SHIM)
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  [ -z "$$unformatted" ] || { echo "gofmt needed:" $$unformatted; exit 1; }
	third_party/libtorch/discovery_test.sh
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 20m ./...

# Benchmarks side by side with PyTorch on the same libtorch, as ratios; the
# figures and how to read them are in docs/BENCHMARKS.md.
bench: build
	$(GO) test -count=1 -run '^$$' -bench Dispatch -benchtime 5x ./torch/
	$(GO) test -count=1 -run '^$$' -bench 'VsTorchvision|TwoViews224|Loader$$' -benchtime 100x -cpu 1 ./data/
	third_party/bench/loader_vs_torchvision.sh 3 15

# The main job on data Debian ships. Until pretraining lands: the build it
# runs on, then the SimCLR two-view loader over Fashion-MNIST (60,000 real
# images) and over generated ImageNet-like JPEGs.
FASHION_MNIST := /usr/share/datasets/fashion-mnist
demo: build
	$(BIN) version
	$(BIN) bench data --format fashion-mnist --root $(FASHION_MNIST) --size 28 --seconds 5 --warmup 1
	@[ -d $(BUILD)/bench/jpegs ] || $(PYTHON) third_party/pytorch/make_jpegs.py --out $(BUILD)/bench/jpegs --classes 10 --per-class 40 >/dev/null
	$(BIN) bench data --root $(BUILD)/bench/jpegs --size 224 --seconds 10 --warmup 3

# What a GPU machine without Go needs: the CLI and the test binaries that
# third_party/device/check.sh runs there.
device-bundle: build
	@mkdir -p $(BUILD)/device
	$(GO) test -c -o $(BUILD)/device/torch.test ./torch
	$(GO) test -c -o $(BUILD)/device/data_feed.test ./data/feed
	$(GO) test -c -o $(BUILD)/device/data_devaug.test ./data/devaug

clean:
	rm -rf $(BUILD)
