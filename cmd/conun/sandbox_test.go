package main

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/renderer/sandbox"
)

// needSandbox skips, loudly, where no Docker Engine or sandbox image is
// available (make test starts dockerd and builds the images).
func needSandbox(t *testing.T) {
	t.Helper()
	sb, err := sandbox.New(sandbox.DefaultConfig())
	if err == nil {
		err = sb.Check(context.Background(), "pathtracer")
		sb.Close()
	}
	if errors.Is(err, sandbox.ErrNoEngine) || errors.Is(err, sandbox.ErrNoImage) {
		t.Skipf("NOT TESTED: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// TestSandboxedNode: a node that renders in the Docker sandbox says so to
// the cluster, and its frames equal a local render's; `conun render
// --sandbox docker` gives the same pixels too.
func TestSandboxedNode(t *testing.T) {
	needSandbox(t)
	ref := filepath.Join(t.TempDir(), "ref.png")
	args := []string{"cornell", "--res", "32x24", "--samples", "4", "--seed", "2", "--depth", "16"}
	if code, _, stderr := conun(t, append([]string{"render", "--out", ref}, args...)...); code != 0 {
		t.Fatal(stderr)
	}
	boxed := filepath.Join(t.TempDir(), "boxed.png")
	if code, _, stderr := conun(t, append([]string{"render", "--sandbox", "docker", "--out", boxed}, args...)...); code != 0 {
		t.Fatalf("render --sandbox docker: %s", stderr)
	}
	samePNG(t, ref, boxed)

	node := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--sandbox", "docker")
	if _, out, _ := conun(t, "nodes", "--node", node.url); !strings.Contains(out, "docker") {
		t.Fatalf("the node does not advertise its sandbox:\n%s", out)
	}
	out := t.TempDir()
	code, stdout, stderr := conun(t, "submit", "--node", node.url, "cornell", "--res", "32x24", "--samples", "4", "--seed", "2", "--depth", "16", "--tiles", "2x2", "--wait", "--out", out)
	if code != 0 {
		t.Fatalf("submit: %s\n%s", stderr, stdout)
	}
	samePNG(t, ref, filepath.Join(out, "frame_0001.png"))
}
