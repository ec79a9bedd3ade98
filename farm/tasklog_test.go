package farm_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/tiler"
)

// waitLogs polls job id's logs (they are written off the coordinator's
// path, after the task's answer) until ok holds of them.
func waitLogs(t *testing.T, c *api.Client, id string, q api.LogsQuery, what string, ok func([]api.TaskLog) bool) []api.TaskLog {
	t.Helper()
	var logs []api.TaskLog
	farmtest.Until(t, what, func() bool {
		var err error
		logs, err = c.Logs(context.Background(), id, q)
		if err != nil {
			t.Fatal(err)
		}
		return ok(logs)
	})
	return logs
}

// TestTaskLogsCluster: on a 2-node cluster each task of a path-traced job
// has a log, signed by and naming the node that rendered it (the report's),
// with the path tracer's summary and the node's release; ?task and ?frame
// pick.
func TestTaskLogsCluster(t *testing.T) {
	nodes := farmtest.Start(t, 2, nil)
	c := api.NewClient(nodes[0].URL())
	rep := farmtest.RunJob(t, c, func(s *api.JobSpec) {
		s.SceneName = "anim.glb"
		s.Frames = tiler.Frames{Start: 1, End: 2, Step: 1}
		s.Tiles = tiler.Grid{Cols: 2, Rows: 2}
	})
	logs := waitLogs(t, c, rep.JobID, api.AllLogs, "every task has an ok log", func(ls []api.TaskLog) bool {
		ok := map[int]bool{}
		for _, l := range ls {
			ok[l.Task] = ok[l.Task] || l.Exit == api.LogOK
		}
		return len(ok) == len(rep.Tasks)
	})
	nodeOf := map[int]string{}
	for _, tr := range rep.Tasks {
		nodeOf[tr.Index] = tr.Node
	}
	seen := map[string]bool{}
	for _, l := range logs {
		if l.Exit != api.LogOK {
			continue
		}
		if l.Node != nodeOf[l.Task] || l.Build == "" || l.Renderer != "pathtracer" || l.Lease < 1 {
			t.Errorf("task %d: log of node %q, build %q, renderer %q, lease %d; the report says node %q", l.Task, l.Node, l.Build, l.Renderer, l.Lease, nodeOf[l.Task])
		}
		want := fmt.Sprintf(".glb frame %d region (%d,%d)-(%d,%d) of 32x24: 2 samples per pixel", l.Frame, l.Rect[0], l.Rect[1], l.Rect[2], l.Rect[3])
		if !strings.HasPrefix(l.Log, "pathtracer: ") || !strings.Contains(l.Log, want) || !strings.Contains(l.Log, "BVH of") {
			t.Errorf("task %d's log lacks %q: %q", l.Task, want, l.Log)
		}
		seen[l.Node] = true
	}
	if len(seen) != 2 {
		t.Errorf("logs name nodes %v; want both", seen)
	}

	tests := []struct {
		name string
		q    api.LogsQuery
		keep func(api.TaskLog) bool
	}{
		{"task", api.LogsQuery{Task: 3, Frame: -1}, func(l api.TaskLog) bool { return l.Task == 3 }},
		{"frame", api.LogsQuery{Task: -1, Frame: 2}, func(l api.TaskLog) bool { return l.Frame == 2 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := c.Logs(context.Background(), rep.JobID, tc.q)
			if err != nil {
				t.Fatal(err)
			}
			want := 0
			for _, l := range logs {
				if tc.keep(l) {
					want++
				}
			}
			if len(got) != want || want == 0 {
				t.Fatalf("%d logs, want %d", len(got), want)
			}
			for _, l := range got {
				if !tc.keep(l) {
					t.Errorf("log of task %d frame %d answered", l.Task, l.Frame)
				}
			}
		})
	}
}

// TestTaskLogsBadQueries: a task or frame the job lacks, both at once, or
// garbage is refused, naming the problem.
func TestTaskLogsBadQueries(t *testing.T) {
	nodes := farmtest.Start(t, 1, nil)
	c := api.NewClient(nodes[0].URL())
	rep := farmtest.RunJob(t, c, nil)
	tests := []struct {
		query  string
		status int
		says   string
	}{
		{"task=99", http.StatusNotFound, "not task 99"},
		{"frame=7", http.StatusNotFound, "no frame 7"},
		{"task=1&frame=1", http.StatusBadRequest, "not both"},
		{"task=-1", http.StatusBadRequest, `task "-1"`},
		{"frame=x", http.StatusBadRequest, `frame "x"`},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			resp, err := http.Get(nodes[0].URL() + "/v1/jobs/" + rep.JobID + "/logs?" + tc.query)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			msg := api.ReadError(resp.Body)
			if resp.StatusCode != tc.status || !strings.Contains(msg, tc.says) {
				t.Errorf("%d %q, want %d saying %q", resp.StatusCode, msg, tc.status, tc.says)
			}
		})
	}
}

// crashAt fails frame n after printing, as a renderer that crashes would,
// with its output as the task's log.
type crashAt struct {
	renderer.Renderer
	frame int
}

func (r crashAt) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if t.Frame == r.frame {
		var log renderer.LogTail
		log.WriteLine(fmt.Sprintf("Fra:%d Mem:812M | Synchronizing object | Tree", t.Frame))
		log.WriteLine("Error: Out of GPU memory: tree leaves need 9 GB")
		return renderer.Result{}, renderer.WithLog(fmt.Errorf("renderer crashed at frame %d", t.Frame), log.String())
	}
	return r.Renderer.Render(ctx, t)
}

// TestTaskLogsOfFailedTask: a frame that fails on every node keeps each
// failed lease's log, with the failure's reason and the renderer's output:
// what its artist needs to fix the scene.
func TestTaskLogsOfFailedTask(t *testing.T) {
	nodes := farmtest.Start(t, 2, func(_ int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{crashAt{farmtest.Renderers()[0], 2}}
	})
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) {
		s.SceneName = "anim.glb"
		s.Frames = tiler.Frames{Start: 1, End: 2, Step: 1}
		s.Tiles = tiler.Grid{Cols: 1, Rows: 1}
	})
	if st := waitEnd(t, c, id); !st.Partial || len(st.FailedFrames) != 1 {
		t.Fatalf("job %s partial %v failed frames %+v: want frame 2 failed", st.State, st.Partial, st.FailedFrames)
	}
	logs := waitLogs(t, c, id, api.LogsQuery{Task: -1, Frame: 2}, "frame 2's failed leases are logged", func(ls []api.TaskLog) bool {
		return len(ls) > 0
	})
	for _, l := range logs {
		if l.Exit != api.LogFailed || !strings.Contains(l.Error, "renderer crashed at frame 2") ||
			!strings.Contains(l.Log, "Error: Out of GPU memory") || !strings.Contains(l.Log, "Fra:2") || l.Node == "" {
			t.Errorf("failed lease's log: %+v", l)
		}
	}
}

// TestTaskLogsBlender: a Blender job's task logs hold Blender's own output
// for each tile (its "Fra:" status lines and the "Saved:" line of the
// tile's image) and the node's Blender release.
func TestTaskLogsBlender(t *testing.T) {
	needBlender(t)
	scene := filepath.Join(t.TempDir(), "anim.blend")
	if out, err := exec.Command("blender", "-b", "--factory-startup", "--python-exit-code", "1",
		"--python", "../scenes/blend/make_anim.py", "--", scene).CombinedOutput(); err != nil {
		t.Fatalf("build anim.blend: %v\n%s", err, out)
	}
	nodes := farmtest.Start(t, 1, func(_ int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{newBlender(t)}
	})
	c := api.NewClient(nodes[0].URL())
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	data, err := os.ReadFile(scene)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	id, err := c.Submit(ctx, api.JobSpec{
		Scene: hash, SceneName: "anim.blend", Renderer: "blender", Frames: tiler.Frames{Start: 1, End: 1, Step: 1},
		Resolution: tiler.Resolution{Width: 32, Height: 24}, Samples: 2, Seed: 1, Tiles: tiler.Grid{Cols: 2, Rows: 1}, Depth: 8,
	})
	if err != nil {
		t.Fatal(err)
	}
	rep := farmtest.WaitDone(t, c, id)
	logs := waitLogs(t, c, id, api.AllLogs, "both tiles' logs", func(ls []api.TaskLog) bool { return len(ls) >= len(rep.Tasks) })
	for _, l := range logs {
		if l.Exit != api.LogOK || l.Renderer != "blender" || !strings.HasPrefix(l.Build, "blender-") {
			t.Errorf("task %d: exit %q, renderer %q, build %q", l.Task, l.Exit, l.Renderer, l.Build)
		}
		for _, want := range []string{"Fra:1 ", "Saved: "} {
			if !strings.Contains(l.Log, want) {
				t.Errorf("task %d's log lacks Blender's %q:\n%s", l.Task, want, l.Log)
			}
		}
	}
}
