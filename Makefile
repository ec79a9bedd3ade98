# conun: two commands a newcomer needs on a fresh Debian machine with Go:
#   make demo   build conun and run the in-process demo (needs only Go)
#   make test   install what the tests need when absent, then run every test

GO       ?= go
BIN      := bin/conun
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.Version=$(VERSION)
# The GUI's window needs cgo and the GL/X11 headers; without them conun is
# built with CGO_ENABLED=0 and everything but `conun gui` works (make test
# installs the headers, and `make build` then includes the GUI).
CGO      ?= $(shell test -f /usr/include/GL/gl.h -a -f /usr/include/X11/Xlib.h && command -v gcc >/dev/null && echo 1 || echo 0)

.PHONY: all build demo test deps check bench fuzz scenes contracts images clean

all: build

build:
	CGO_ENABLED=$(CGO) $(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/conun

demo: build
	./$(BIN) demo

# deps installs the system packages the tests need (only when absent).
deps:
	./.ci/deps

# check: formatting and vet, fast enough to run before every commit.
check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

test: deps check build
	$(GO) test -race -count=1 -timeout 20m ./...

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
# path tracer's from scratch, Blender's from a debootstrapped Debian.
images:
	./renderer/sandbox/images/build.sh

# scenes regenerates the bundled glTF scenes and builds the .blend test
# scenes (needs Blender) into scenes/blend/out.
scenes:
	$(GO) generate ./scenes
	./scenes/blend/build.sh scenes/blend/out

clean:
	rm -rf bin demo-out
