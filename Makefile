# conun: two commands a newcomer needs on a fresh Debian machine with Go:
#   make demo   build conun and run the in-process demo (needs only Go)
#   make test   install what the tests need when absent, then run every test

SHELL    := /bin/bash
GO       ?= go
BIN      := bin/conun
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.Version=$(VERSION)
# cgo only where gcc is (go-ethereum's secp256k1 uses it when it can); the
# desktop app is built in by `make gui` alone (build tag gui): it needs the
# GL/X11 headers, which make test installs.
CGO      ?= $(shell command -v gcc >/dev/null && echo 1 || echo 0)

.PHONY: all build gui demo test test-short deps check cross bench fuzz scenes contracts images pictures clean

all: build

build:
	CGO_ENABLED=$(CGO) $(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/conun

# gui builds bin/conun with the desktop app (`conun gui`).
gui:
	@test -f /usr/include/GL/gl.h -a -f /usr/include/X11/Xlib.h || { echo "make gui needs the GL and X11 headers: apt-get install gcc libgl1-mesa-dev xorg-dev"; exit 1; }
	CGO_ENABLED=1 $(GO) build -tags gui -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/conun

demo: build
	./$(BIN) demo

# deps installs the system packages the tests need (only when absent).
deps:
	./.ci/deps

# check: formatting and vet, fast enough to run before every commit.
check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags gui ./cmd/conun

# cross compiles and vets every package for the platforms GPU owners run
# (most spare GPUs sit in Windows PCs), without cgo as a cross build has
# it: the desktop app and OpenGL fall back to their nocgo files. On macOS
# Fyne itself needs cgo (its scroller asks Cocoa), so the gui package is
# left out there; the app for macOS is built there with cgo (make gui).
CROSS ?= linux/amd64 linux/arm64 darwin/arm64 windows/amd64
cross:
	@set -e; for p in $(CROSS); do \
	  os=$${p%/*}; arch=$${p#*/}; pkgs=./...; \
	  if [ $$os = darwin ]; then pkgs=$$(GOOS=$$os GOARCH=$$arch $(GO) list ./... | grep -v '/gui$$'); fi; \
	  echo "== $$p"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build $$pkgs; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) vet $$pkgs; \
	done

# test runs every test with the race detector; .ci/testreport.go prints each
# package as it ends, failures in full, every skip with its reason, and a
# closing count. SHORT=1 runs the fast tier (go test -short: no Blender,
# Docker, Xvfb or process clusters) in well under a minute.
# QUIET names the tests that measure the machine itself (idle detection
# under a real load): they need the other test processes gone, so they run
# alone after the rest, in the same report.
# SCALE names the tests of hundreds of in-process nodes: the race
# detector multiplies memberlist's message handling about tenfold, more
# than two cores hold for 200 nodes, so they run without it, also after
# the rest.
QUIET := ^TestIdleWithRealLoad$$
SCALE := ^TestBigClusterForms$$
# A package may take 45 minutes: farm's takes 23-30 under -race on two
# cores beside the others (its Blender and chain tests); the limit is
# there to end a hung test, not to time the suite.
test: deps check cross build
	set -o pipefail; { $(GO) test -race -count=1 -timeout 45m $(if $(SHORT),-short) -skip '$(QUIET)|$(SCALE)' -json ./...; a=$$?; \
	  $(GO) test -race -count=1 -timeout 5m $(if $(SHORT),-short) -run '$(QUIET)' -json ./farm/availability; b=$$?; \
	  $(GO) test -count=1 -timeout 10m $(if $(SHORT),-short) -run '$(SCALE)' -json ./farm; c=$$?; exit $$((a|b|c)); } | $(GO) run .ci/testreport.go

# test-short is the fast tier alone, without installing anything.
test-short:
	set -o pipefail; $(GO) test -count=1 -short -json ./... | $(GO) run .ci/testreport.go

bench:
	$(GO) test -run '^$$' -bench . -benchtime 3x ./...

# fuzz runs each fuzz target briefly; FUZZTIME=5m for a longer hunt.
FUZZTIME ?= 20s
fuzz:
	@for p in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$p | grep '^Fuzz'); do \
	    echo "== $$p $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$p || exit 1; \
	  done; \
	done

# contracts recompiles the Solidity sources (solc from npm) and regenerates
# the committed ABI, bytecode and Go bindings.
contracts:
	./contracts/build.sh

# images builds the sandbox's Docker images locally (no registry): the
# path tracer's from scratch, Blender's from a debootstrapped Debian:
# bookworm's Blender 3.4 (the default), trixie's 4.3 and sid's 5.2
# (--blender-version).
images:
	./renderer/sandbox/images/build.sh pathtracer blender blender4 blender5

# pictures redraws the README's pictures of the app (docs/app-*.png): the
# real window on Xvfb, driven through a job on an in-process cluster and
# captured from the X server (TestXvfbPictures -update; make deps installs
# Xvfb, imagemagick and dbus-daemon). Without -race, so the times the
# pictures show are the machine's, not the race detector's.
pictures:
	CGO_ENABLED=1 $(GO) test -count=1 -timeout 15m -run '^TestXvfbPictures$$' ./gui/ -update

# scenes regenerates the bundled glTF scenes and builds the .blend test
# scenes (needs Blender) into scenes/blend/out.
scenes:
	$(GO) generate ./scenes
	./scenes/blend/build.sh scenes/blend/out

clean:
	rm -rf bin demo-out
