package main

import (
	"regexp"
	"strings"
	"testing"
)

// oneThings matches a count of one followed by a plural noun ("1 frames",
// "1 nodes"): the output of a one-node, one-frame, one-tile job would show
// every such line the CLI prints about a job.
var oneThings = regexp.MustCompile(`\b1 (frames|nodes|tasks|tiles|results|arguments|samples|finishes)\b`)

// TestSingularCounts: the demo, status, report and wait of a one-node,
// one-frame, one-tile job, and a usage error with one extra argument, say
// "1 frame", "1 node", "1 task", never "1 frames".
func TestSingularCounts(t *testing.T) {
	skipShort(t, "a node process")
	node := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0")
	code, out, stderr := conun(t, "submit", "--node", node.url, "cornell", "--res", "16x12", "--samples", "1", "--tiles", "1x1", "--wait", "--out", t.TempDir())
	if code != 0 {
		t.Fatalf("submit: exit %d\n%s%s", code, out, stderr)
	}
	id := strings.Fields(out)[1] // "job ID done: 1 frame -> DIR"
	tests := []struct {
		name string
		args []string
		want string // in stdout or stderr
	}{
		{"demo", []string{"demo", "--nodes", "1", "--tiles", "1x1", "--res", "16x12", "--samples", "1", "--no-chain", "--out", t.TempDir()}, "1 frame, 1 task in"},
		{"demo header", []string{"demo", "--nodes", "1", "--tiles", "1x1", "--res", "16x12", "--samples", "1", "--no-chain", "--out", t.TempDir()}, "demo: 1 node,"},
		{"submit --wait", nil, "done: 1 frame"},
		{"report", []string{"report", "--node", node.url, id}, "1 task, 1 frame,"},
		{"wait", []string{"wait", "--node", node.url, id}, "done: 1 frame"},
		{"usage", []string{"cancel", "--node", node.url}, "got 0 arguments"},
		{"usage of one too many", []string{"render", "a.glb", "b.glb", "--out", "x.png"}, "got 2 arguments"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := out
			if tc.args != nil {
				_, stdout, stderr := conun(t, tc.args...)
				got = stdout + stderr
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("output %q does not say %q", got, tc.want)
			}
			if m := oneThings.FindString(got); m != "" {
				t.Errorf("output says %q: %q", m, got)
			}
		})
	}
}
