package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
)

// TestReprobeNodeProcess: a node process asked for CUDA on a machine
// without one offers cycles-cpu; conun node reprobe makes it run Blender's
// probe again and says what it offers and why not CUDA; SIGHUP does the
// same (the log counts the probes) and does not stop the node. A
// path-tracer node has nothing to probe, and says so.
func TestReprobeNodeProcess(t *testing.T) {
	skipShort(t, "node processes")
	if _, err := exec.LookPath("blender"); err != nil {
		t.Skip("NOT TESTED: needs blender on PATH")
	}
	if _, err := os.Stat("/dev/nvidia0"); err == nil {
		t.Skip("NOT TESTED: this machine has an NVIDIA GPU; the test needs one without")
	}
	log := new(lockedBuffer)
	cmd := exec.Command(os.Args[0], "node", "--fast-failure", "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0",
		"--sandbox", "none", "--calibrate=false", "--renderers", "blender", "--blender-device", "CUDA", "--reprobe-every", "0")
	cmd.Env = append(os.Environ(), "CONUN_TEST_MAIN=1")
	cmd.Stderr = log
	n := startNodeCmd(t, cmd, true)

	code, stdout, stderr := conun(t, "node", "reprobe", "--node", n.url)
	if code != 0 || !strings.Contains(stdout, "blender: blender-") || !strings.Contains(stdout, "/cycles-cpu-") ||
		!strings.Contains(stdout, "(unchanged)") || !strings.Contains(stdout, "found no CUDA device") {
		t.Fatalf("node reprobe: exit %d: %q %s", code, stdout, stderr)
	}
	code, stdout, stderr = conun(t, "node", "reprobe", "--node", n.url, "--json")
	var res api.Reprobe
	if code != 0 || json.Unmarshal([]byte(stdout), &res) != nil || len(res.Renderers) != 1 ||
		res.Renderers[0].Before != res.Renderers[0].After || strings.Contains(res.Renderers[0].After, "cuda") {
		t.Fatalf("node reprobe --json: exit %d: %s %s", code, stdout, stderr)
	}
	probed := func() int { return strings.Count(log.String(), "devices probed again: nothing changed") }
	// The node logs before it answers, but its stderr reaches the buffer
	// through a pipe, a moment later: under load, after the answer.
	for deadline := time.Now().Add(10 * time.Second); probed() < 2 && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
	}
	if p := probed(); p != 2 {
		t.Fatalf("the node logged %d re-probes after two conun node reprobe, want 2:\n%s", p, log)
	}
	if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	waitFor(t, time.Minute, func() bool { return probed() == 3 })
	if code, _, stderr := conun(t, "nodes", "--node", n.url); code != 0 {
		t.Fatalf("after SIGHUP the node does not answer: %s\n%s", stderr, log)
	}

	tracer := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")
	code, stdout, stderr = conun(t, "node", "reprobe", "--node", tracer.url)
	if code != 0 || !strings.Contains(stdout, "nothing to probe") {
		t.Fatalf("node reprobe of a path-tracer node: exit %d: %q %s", code, stdout, stderr)
	}
}
