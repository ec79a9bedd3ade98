package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/conun/conun/farm/api"
)

// TestPreviewApproveCLI: `conun submit --preview --wait` on a Blender node
// process prints the preview's progress (preview: 2/2 frames) and stops at
// the ready preview with exit code 4, having fetched its
// frames and contact sheet and said how to approve; `conun approve --json`
// queues the job, and `conun wait` then follows it to done (exit 0); a
// second job is rejected with `conun reject`, and approving it is refused.
func TestPreviewApproveCLI(t *testing.T) {
	skipShort(t, "Blender and a node process")
	if _, err := exec.LookPath("blender"); err != nil {
		t.Skip("NOT TESTED: blender is not on PATH (make test installs Debian's blender package)")
	}
	scene := filepath.Join(t.TempDir(), "anim.blend")
	if out, err := exec.Command("blender", "-b", "--factory-startup", "--python-exit-code", "1",
		"--python", "../../scenes/blend/make_anim.py", "--", scene).CombinedOutput(); err != nil {
		t.Fatalf("build anim.blend: %v\n%s", err, out)
	}
	node := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0", "--renderers", "blender")
	job := []string{"--frames", "1-2", "--res", "32x24", "--samples", "2", "--tiles", "1x1", scene}

	out := t.TempDir()
	code, stdout, stderr := conun(t, append([]string{"submit", "--node", node.url, "--preview", "--wait", "--out", out}, job...)...)
	if code != 4 || !strings.Contains(stdout, "awaiting approval") || !strings.Contains(stdout, "conun approve ") {
		t.Fatalf("submit --preview --wait: exit %d, want 4 saying how to approve:\n%s\n%s", code, stdout, stderr)
	}
	// The preview's progress, from the job's own event stream, while
	// the job awaits approval.
	if i, j := strings.Index(stdout, "preview: 0/2 frames"), strings.Index(stdout, "preview: 2/2 frames"); i < 0 || j < i {
		t.Fatalf("submit --preview --wait printed no preview progress (0/2, then 2/2 frames):\n%s", stdout)
	}
	sheets, _ := filepath.Glob(filepath.Join(out, "preview", "*.png"))
	if len(sheets) < 3 { // two frames and the contact sheet
		t.Fatalf("preview files in %s: %v\n%s", out, sheets, stdout)
	}
	var id string
	for _, f := range strings.Fields(stdout) {
		if _, err := api.ParseJobID(f); err == nil {
			id = f
			break
		}
	}
	if id == "" {
		t.Fatalf("no job id in %q", stdout)
	}

	code, stdout, stderr = conun(t, "wait", "--node", node.url, "--json", "--out", t.TempDir(), id)
	var st api.JobStatus
	if code != 4 || json.Unmarshal([]byte(stdout), &st) != nil || st.State != api.JobAwaiting || st.Preview == nil || len(st.Preview.Frames) != 2 {
		t.Fatalf("wait --json on the awaiting job: exit %d: %s %s", code, stdout, stderr)
	}
	code, stdout, stderr = conun(t, "approve", "--node", node.url, "--json", id)
	var ap api.ApproveStatus
	if code != 0 || json.Unmarshal([]byte(stdout), &ap) != nil || ap.State != api.JobQueued || ap.ID != id {
		t.Fatalf("approve --json: exit %d: %s %s", code, stdout, stderr)
	}
	final := t.TempDir()
	if code, stdout, stderr := conun(t, "wait", "--node", node.url, "--out", final, id); code != 0 {
		t.Fatalf("wait after approve: exit %d: %s %s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(final, "frame_0002.png")); err != nil {
		t.Fatalf("approved job's frames: %v", err)
	}

	code, stdout, stderr = conun(t, append([]string{"submit", "--node", node.url, "--preview", "--seed", "7"}, job...)...)
	id2 := strings.Fields(stdout)
	if code != 0 || len(id2) == 0 || !strings.Contains(stdout, "conun approve") {
		t.Fatalf("submit --preview: exit %d: %s %s", code, stdout, stderr)
	}
	if code, stdout, stderr := conun(t, "reject", "--node", node.url, id2[0]); code != 0 || !strings.Contains(stdout, "nothing locked") {
		t.Fatalf("reject: exit %d: %s %s", code, stdout, stderr)
	}
	if code, _, stderr := conun(t, "approve", "--node", node.url, id2[0]); code != 1 || !strings.Contains(stderr, "not awaiting approval") {
		t.Fatalf("approving a rejected job: exit %d: %s", code, stderr)
	}
}
