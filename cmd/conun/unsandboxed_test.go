package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm/api"
)

// TestUnsandboxedKinds: without a sandbox, Blender is refused unless the
// owner accepted unsandboxed work (--sandbox none), with the reason given
// at start and to a coordinator that leases it anyway.
func TestUnsandboxedKinds(t *testing.T) {
	tests := []struct {
		name        string
		mode        string
		kinds       []string
		wantKept    []string
		wantRefused string
		wantSaid    string
		wantErr     string
	}{
		{"auto keeps the path tracer", "auto", []string{"pathtracer"}, []string{"pathtracer"}, "", "UNSANDBOXED", ""},
		{"auto refuses blender", "auto", []string{"pathtracer", "blender"}, []string{"pathtracer"}, "blender", "does not run blender", ""},
		{"auto with blender alone", "auto", []string{"blender"}, nil, "", "", "none runs without a sandbox"},
		{"none accepts blender", "none", []string{"pathtracer", "blender"}, []string{"pathtracer", "blender"}, "", "--sandbox none", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var said bytes.Buffer
			kept, refused, err := unsandboxedKinds(tc.mode, tc.kinds, slog.New(slog.NewTextHandler(&said, nil)))
			if tc.wantErr != "" {
				if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want a usage error saying %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(kept, tc.wantKept) {
				t.Fatalf("kept %v, %v; want %v", kept, err, tc.wantKept)
			}
			if why := refused[tc.wantRefused]; tc.wantRefused != "" && !strings.Contains(why, "--sandbox none") {
				t.Errorf("refused %v: want %s refused, naming --sandbox none", refused, tc.wantRefused)
			}
			if tc.wantRefused == "" && len(refused) > 0 {
				t.Errorf("refused %v, want none", refused)
			}
			if !strings.Contains(said.String(), tc.wantSaid) {
				t.Errorf("said %q at start, want %q", said.String(), tc.wantSaid)
			}
		})
	}
}

// TestBlendGoesToSandboxedOrAccepting: a node whose Docker engine is
// absent (DOCKER_HOST points nowhere) runs the path tracer and refuses
// .blend tasks, advertising no Blender; a .blend job in its cluster renders
// on the node whose owner accepted unsandboxed work, none of it on the
// refusing node.
func TestBlendGoesToSandboxedOrAccepting(t *testing.T) {
	skipShort(t, "Blender and node processes")
	scene := defaultScene(t, t.TempDir())
	noEngine := []string{"DOCKER_HOST=unix://" + filepath.Join(t.TempDir(), "no-docker.sock")}
	accepting := startNode(t, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0",
		"--sandbox", "none", "--renderers", "blender")
	refusing := startNodeEnv(t, noEngine, "--data", t.TempDir(), "--api", "127.0.0.1:0", "--gossip", "127.0.0.1:0",
		"--sandbox", "auto", "--renderers", "pathtracer,blender", "--slots", "4", "--join", accepting.gossip)
	waitFor(t, 20*time.Second, func() bool {
		_, out, _ := conun(t, "nodes", "--node", refusing.url)
		return strings.Count(out, "\n") == 3
	})
	members, err := api.NewClient(refusing.url).Nodes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range members {
		_, hasBlender := m.Renderers["blender"]
		if m.ID == refusing.name && (hasBlender || m.Sandboxed) {
			t.Fatalf("the node without an engine advertises %v (sandboxed %v), want the path tracer alone, unsandboxed", m.Renderers, m.Sandboxed)
		}
		if m.ID == accepting.name && !hasBlender {
			t.Fatalf("the accepting node advertises %v, want blender", m.Renderers)
		}
	}
	code, stdout, stderr := conun(t, "submit", "--node", accepting.url, "--frames", "1", "--denoise=false", "--tiles", "2x2", "--wait", "--json", "--out", t.TempDir(), scene)
	if code != 0 {
		t.Fatalf("submit: exit %d: %s\n%s", code, stderr, stdout)
	}
	var st api.JobStatus
	json.Unmarshal([]byte(stdout), &st)
	rep, err := api.NewClient(accepting.url).Report(context.Background(), st.ID)
	if err != nil || len(rep.Tasks) == 0 {
		t.Fatalf("report %+v: %v", rep, err)
	}
	for _, tr := range rep.Tasks {
		if tr.Node != accepting.name {
			t.Errorf("task %d rendered on %s, want %s (the node that accepted unsandboxed work)", tr.Index, tr.Node, accepting.name)
		}
	}
}
