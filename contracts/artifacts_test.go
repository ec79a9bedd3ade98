package contracts

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/abigen"
)

// artifactContracts are the contracts build.sh compiles and binds.
var artifactContracts = []string{"ConunToken", "RenderEscrow"}

const staleHint = "run contracts/build.sh (make contracts) and commit build/ and bindings/"

// TestBindingsMatchArtifacts regenerates the Go bindings from the committed ABI
// and bytecode with the abigen library, so hand edits to bindings/ or an
// artifact change without a rebind fail even where solc is not installed.
func TestBindingsMatchArtifacts(t *testing.T) {
	for _, c := range artifactContracts {
		abiJSON, err := os.ReadFile(filepath.Join("build", c+".abi"))
		if err != nil {
			t.Fatal(err)
		}
		bin, err := os.ReadFile(filepath.Join("build", c+".bin"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := abigen.BindV2([]string{c}, []string{string(abiJSON)}, []string{string(bin)}, "bindings", map[string]string{}, map[string]string{})
		if err != nil {
			t.Fatalf("abigen %s: %v", c, err)
		}
		path := filepath.Join("bindings", strings.ToLower(c)+".go")
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s does not match build/%s.{abi,bin}: %s", path, c, staleHint)
		}
	}
}

// TestArtifactsMatchSources recompiles src/*.sol with the pinned solc into a
// temporary directory and compares ABI and bytecode with the committed build/.
// The bytecode ends in a hash of the compiler metadata, which covers every
// source file, so any change to a source (or to OpenZeppelin) shows.
func TestArtifactsMatchSources(t *testing.T) {
	solcJS := filepath.Join("node_modules", "solc", "solc.js")
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("\n\n*** SKIPPED: node is not installed, so the committed contract artifacts were NOT checked against src/*.sol.\n" +
			"*** Install it with .ci/deps (or apt-get install nodejs npm) and run contracts/build.sh once. ***\n\n")
	}
	if _, err := os.Stat(solcJS); err != nil {
		t.Skip("\n\n*** SKIPPED: contracts/node_modules/solc is absent, so the committed contract artifacts were NOT checked against src/*.sol.\n" +
			"*** Run .ci/deps or contracts/build.sh once to install solc and OpenZeppelin. ***\n\n")
	}
	script, err := os.ReadFile("build.sh")
	if err != nil {
		t.Fatal(err)
	}
	for pkg, key := range map[string]string{"solc": "SOLC_VERSION", "@openzeppelin/contracts": "OZ_VERSION"} {
		m := regexp.MustCompile(`(?m)^` + key + `=(\S+)$`).FindSubmatch(script)
		if m == nil {
			t.Fatalf("build.sh does not pin %s", key)
		}
		have := installedVersion(t, pkg)
		if have != string(m[1]) {
			t.Fatalf("node_modules has %s %s, build.sh pins %s: run contracts/build.sh to install the pinned version", pkg, have, m[1])
		}
	}

	sources, err := filepath.Glob(filepath.Join("src", "*.sol"))
	if err != nil || len(sources) == 0 {
		t.Fatalf("no sources in src/: %v", err)
	}
	out := t.TempDir()
	// Same invocation as build.sh, from the same directory: the metadata hash
	// covers source paths.
	args := append([]string{solcJS, "--bin", "--abi", "--optimize", "--base-path", ".", "--include-path", "node_modules", "-o", out}, sources...)
	cmd := exec.Command(node, args...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("solc: %v\n%s", err, b)
	}
	for _, c := range artifactContracts {
		for _, ext := range []string{".abi", ".bin"} {
			fresh, err := os.ReadFile(filepath.Join(out, "src_"+c+"_sol_"+c+ext))
			if err != nil {
				t.Fatal(err)
			}
			committed, err := os.ReadFile(filepath.Join("build", c+ext))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(fresh, committed) {
				t.Errorf("build/%s%s is stale against src/: %s", c, ext, staleHint)
			}
		}
	}
}

func installedVersion(t *testing.T, pkg string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("node_modules", filepath.FromSlash(pkg), "package.json"))
	if err != nil {
		return "none"
	}
	m := regexp.MustCompile(`"version"\s*:\s*"([^"]+)"`).FindSubmatch(b)
	if m == nil {
		return "unknown"
	}
	return string(m[1])
}
