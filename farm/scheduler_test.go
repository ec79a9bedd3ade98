package farm_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/pathtracer"
	"github.com/conun/conun/scenes"
	"github.com/conun/conun/tiler"
)

// TestBrokenNodeBlocked: a node that fails every task gets at most
// blockAfter tasks of the job, and the job completes on the others.
func TestBrokenNodeBlocked(t *testing.T) {
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		if i == 1 {
			c.Renderers = farmtest.Broken()
		}
	})
	c := api.NewClient(nodes[0].URL())
	rep := farmtest.RunJob(t, c, nil)
	failed := 0
	for _, tr := range rep.Tasks {
		failed += tr.Attempts
		if tr.Node != "node-1" {
			t.Fatalf("task %d accepted from %s", tr.Index, tr.Node)
		}
	}
	if failed == 0 || failed > 3 {
		t.Fatalf("%d failed leases on the broken node; want 1..3 before it is blocked", failed)
	}
}

// TestPriceCap: a node asking more than the job's max price gets none of it.
func TestPriceCap(t *testing.T) {
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) { c.Price = api.MustTokens(strconv.Itoa(1 + 9*i)) })
	c := api.NewClient(nodes[0].URL())
	rep := farmtest.RunJob(t, c, func(s *api.JobSpec) { s.MaxPrice = api.MustTokens("5") })
	for _, n := range rep.Nodes {
		if n.Node != "node-1" {
			t.Fatalf("the expensive node %s got %d tasks", n.Node, n.Tasks)
		}
	}
}

// TestPriority: with one slot, a later high-priority job is served before
// an earlier normal one.
func TestPriority(t *testing.T) {
	nodes := farmtest.Start(t, 1, nil)
	c := api.NewClient(nodes[0].URL())
	big := func(s *api.JobSpec) {
		s.Tiles = tiler.Grid{Cols: 8, Rows: 8}
		s.Resolution = tiler.Resolution{Width: 64, Height: 64}
	}
	low := farmtest.Submit(t, c, big)
	high := farmtest.Submit(t, c, func(s *api.JobSpec) { big(s); s.Priority = 10 })
	farmtest.WaitDone(t, c, high)
	farmtest.WaitDone(t, c, low)
	st, _ := c.Status(context.Background(), low)
	sh, _ := c.Status(context.Background(), high)
	if !sh.Finished.Before(st.Finished) {
		t.Fatalf("high-priority job finished at %v, after the low one at %v", sh.Finished, st.Finished)
	}
}

// hangingRenderer stands for a wedged renderer that still reports some
// progress: the worker keeps answering heartbeats, so only LeaseTimeout can
// take the task back.
type hangingRenderer struct{ renderer.Renderer }

func (hangingRenderer) Render(ctx context.Context, t renderer.Task) (renderer.Result, error) {
	if t.Progress != nil {
		t.Progress(1, 4)
	}
	<-ctx.Done()
	return renderer.Result{}, ctx.Err()
}

// TestLeaseProgressAndExpiry: progress of a leased task reaches the event
// stream, a lease held past LeaseTimeout goes back to the queue, and the job
// completes elsewhere.
func TestLeaseProgressAndExpiry(t *testing.T) {
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.LeaseTimeout = 500 * time.Millisecond
		c.HeartbeatInterval = 50 * time.Millisecond
		if i == 1 {
			c.Renderers = []renderer.Renderer{hangingRenderer{farmtest.Renderers()[0]}}
		}
	})
	c := api.NewClient(nodes[0].URL())
	id := farmtest.Submit(t, c, nil)
	var progress, expired bool
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	state, err := c.Events(ctx, id, func(e api.Event) error {
		if e.Type == api.EventProgress && e.Node == "node-2" && e.Progress == 0.25 {
			progress = true
		}
		if e.Type == api.EventRequeued && e.Node == "node-2" && strings.Contains(e.Message, "lease expired") {
			expired = true
		}
		return nil
	})
	if err != nil || state != api.JobDone {
		t.Fatalf("job: %s %v", state, err)
	}
	if !progress || !expired {
		t.Fatalf("saw progress %v, lease expiry %v; want both", progress, expired)
	}
}

// versioned is the path tracer posing as a backend release: its version
// names the release, and it says scenes need at least min (as Blender says
// of a .blend saved by a newer Blender).
type versioned struct {
	renderer.Renderer
	release, min string
}

func (v versioned) Version() string { return "pt-" + v.release }

func (v versioned) Inspect(ctx context.Context, scene string) (renderer.SceneInfo, error) {
	info, err := v.Renderer.Inspect(ctx, scene)
	info.MinVersion = v.min
	return info, err
}

// TestSceneNeedsNewerRenderer: a scene that needs release 4.3 of its
// backend goes only to the nodes running 4.3 or newer; the older node
// gets none of its tasks (instead of failing them until it is blocked).
func TestSceneNeedsNewerRenderer(t *testing.T) {
	releases := []string{"4.3.2", "3.4.1", "4.3.2"}
	ns := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{versioned{farmtest.Renderers()[0], releases[i], "4.3"}}
		c.Slots = 2
	})
	c := api.NewClient(ns[0].URL())
	rep := farmtest.RunJob(t, c, func(s *api.JobSpec) { s.Tiles = tiler.Grid{Cols: 4, Rows: 4} })
	by := map[string]int{}
	for _, tr := range rep.Tasks {
		by[tr.Node]++
	}
	if by["node-2"] > 0 || by["node-1"] == 0 || by["node-3"] == 0 {
		t.Fatalf("tasks per node %v: want none on node-2 (release 3.4.1), some on node-1 and node-3 (4.3.2)", by)
	}
}

// otherBuild is a build of the path tracer that draws other pixels (a
// brighter sky), as Blender 4.3 does next to 3.4: honest, but not
// comparable with the default build.
func otherBuild(name string) renderer.Renderer {
	cfg := pathtracer.DefaultConfig()
	cfg.Sky = [3]float64{0.9, 0.3, 0.2}
	return versioned{pathtracer.New(cfg), name, ""}
}

// TestMixedBuildsNeverConvictHonest: nodes running releases that draw
// other pixels are honest, and must never be convicted for it. A node
// whose release no other node shares gets no tasks while others share
// theirs; where no two nodes share a release, the job still completes,
// unchecked, and nobody is convicted. A node running another build of the
// same release (another device: float noise apart, the same pixels) gets
// work and is checked tolerantly.
func TestMixedBuildsNeverConvictHonest(t *testing.T) {
	sameRelease := func(string) renderer.Renderer {
		return versioned{farmtest.Renderers()[0], "1/gpu", ""} // "pt-1/gpu": release pt-1
	}
	for _, tc := range []struct {
		name  string
		odd   map[string]string // node -> its own build
		build func(string) renderer.Renderer
		idle  string // a node that must get no tasks
		busy  string // a node that must get some
		check bool   // whether some task must have been checked
	}{
		{"one odd node", map[string]string{"node-3": "7.0"}, otherBuild, "node-3", "", true},
		{"no two alike", map[string]string{"node-2": "7.0", "node-3": "8.0"}, otherBuild, "", "", false},
		{"another device", map[string]string{"node-3": ""}, sameRelease, "", "node-3", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ns := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
				if b, ok := tc.odd[c.Name]; ok {
					c.Renderers = []renderer.Renderer{tc.build(b)}
				}
				c.Slots = 2
			})
			c := api.NewClient(ns[0].URL())
			// The sky shows in the spheres scene: the builds' pixels differ.
			rep := farmtest.RunJob(t, c, func(s *api.JobSpec) { s.SceneName = "spheres.glb"; s.VerifyRate = 1 })
			if len(rep.Convictions) > 0 {
				t.Fatalf("honest nodes convicted: %+v", rep.Convictions)
			}
			checked, busy := 0, 0
			for _, tr := range rep.Tasks {
				if tr.Node == tc.idle {
					t.Fatalf("task %d went to %s, whose release no other node shares", tr.Index, tr.Node)
				}
				if tr.Node == tc.busy {
					busy++
				}
				if tr.Verdict == "passed" {
					checked++
				}
			}
			if tc.check && checked == 0 {
				t.Fatal("no task was checked: the test proves nothing about checks")
			}
			if tc.busy != "" && busy == 0 {
				t.Fatalf("%s got no task", tc.busy)
			}
		})
	}
}

// TestJobBoundToOneRelease: in a cluster of two releases that draw other
// pixels, every tile of a job comes from one release (tiles of both side
// by side would show seams), the one the status names.
func TestJobBoundToOneRelease(t *testing.T) {
	ns := farmtest.Start(t, 4, func(i int, c *farm.NodeConfig) {
		if i%2 == 1 {
			c.Renderers = []renderer.Renderer{otherBuild("7.0")}
		}
		c.Slots = 2
	})
	c := api.NewClient(ns[0].URL())
	id := farmtest.Submit(t, c, func(s *api.JobSpec) { s.SceneName = "spheres.glb"; s.Tiles = tiler.Grid{Cols: 4, Rows: 4} })
	rep := farmtest.WaitDone(t, c, id)
	st, err := c.Status(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	odd := map[string]bool{"node-2": true, "node-4": true}
	for _, tr := range rep.Tasks {
		if odd[tr.Node] != (st.Release == "pt-7.0") {
			t.Fatalf("task %d from %s in a job bound to %q", tr.Index, tr.Node, st.Release)
		}
	}
	if st.Release != "pt-1" && st.Release != "pt-7.0" {
		t.Fatalf("release %q", st.Release)
	}
}

// needy is the path tracer posing as a backend whose scenes need a
// feature ("gl", as an Eevee scene does; "osl", as a Cycles scene shaded
// with OSL does), on a node that has it (its version then advertises
// "+feature") or not.
type needy struct {
	renderer.Renderer
	feature string
	has     bool
}

func (n needy) Version() string {
	if n.has {
		return n.Renderer.Version() + "+" + n.feature
	}
	return n.Renderer.Version()
}

func (n needy) Inspect(ctx context.Context, scene string) (renderer.SceneInfo, error) {
	info, err := n.Renderer.Inspect(ctx, scene)
	info.Needs = n.feature
	return info, err
}

// TestSceneNeedsFeature: a scene that needs a feature (Eevee: OpenGL) goes
// only to the nodes that advertise it, and where none does, the submit is
// refused with the reason.
func TestSceneNeedsFeature(t *testing.T) {
	t.Run("some have it", func(t *testing.T) {
		ns := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
			c.Renderers = []renderer.Renderer{needy{farmtest.Renderers()[0], "gl", c.Name != "node-2"}}
			c.Slots = 2
		})
		c := api.NewClient(ns[0].URL())
		rep := farmtest.RunJob(t, c, nil)
		for _, tr := range rep.Tasks {
			if tr.Node == "node-2" {
				t.Fatalf("task %d went to node-2, which has no OpenGL", tr.Index)
			}
		}
	})
	for _, tc := range []struct{ feature, hint string }{
		{"gl", "an Eevee scene needs OpenGL"},
		{"osl", "Open Shading Language (Render > Shading System), which Debian's Blender lacks: turn it off"},
	} {
		t.Run("none has "+tc.feature, func(t *testing.T) {
			ns := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
				c.Renderers = []renderer.Renderer{needy{farmtest.Renderers()[0], tc.feature, false}}
			})
			c := api.NewClient(ns[0].URL())
			ctx := context.Background()
			data, _ := scenes.Bytes("cornell.glb")
			hash, err := c.Upload(ctx, data)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Submit(ctx, api.JobSpec{Scene: hash, SceneName: "cornell.glb", Renderer: "pathtracer",
				Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 8, Height: 8},
				Samples: 1, Tiles: tiler.Grid{Cols: 1, Rows: 1}, Depth: 8})
			var apiErr *api.APIError
			if !errors.As(err, &apiErr) || apiErr.Status != 400 || !strings.Contains(err.Error(), "needs "+tc.feature) || !strings.Contains(err.Error(), tc.hint) {
				t.Fatalf("submit: %v; want 400 naming the missing %s and %q", err, tc.feature, tc.hint)
			}
		})
	}
}

// tooOld is a node whose backend cannot open scenes that need need: its
// Inspect refuses them as Blender 3.4 refuses a 4.3 .blend.
type tooOld struct {
	renderer.Renderer
	release, need string
}

func (o tooOld) Version() string { return "pt-" + o.release }

func (o tooOld) Inspect(ctx context.Context, scene string) (renderer.SceneInfo, error) {
	if !strings.HasPrefix(o.release, o.need) {
		return renderer.SceneInfo{}, &renderer.NewerSceneError{Need: o.need, Err: errors.New("saved by a newer version")}
	}
	return o.Renderer.Inspect(ctx, scene)
}

// TestSubmitSceneTooNewForCoordinator: a coordinator whose backend is too
// old to open the scene refuses the job and names the members that can
// take it.
func TestSubmitSceneTooNewForCoordinator(t *testing.T) {
	releases := []string{"3.4.1", "4.3.2", "3.4.1"}
	ns := farmtest.Start(t, 3, func(i int, c *farm.NodeConfig) {
		c.Renderers = []renderer.Renderer{tooOld{farmtest.Renderers()[0], releases[i], "4.3"}}
	})
	c := api.NewClient(ns[0].URL())
	ctx := context.Background()
	data, _ := scenes.Bytes("cornell.glb")
	hash, err := c.Upload(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Submit(ctx, api.JobSpec{Scene: hash, SceneName: "cornell.glb", Renderer: "pathtracer",
		Frames: tiler.Frames{Start: 1, End: 1, Step: 1}, Resolution: tiler.Resolution{Width: 8, Height: 8},
		Samples: 1, Tiles: tiler.Grid{Cols: 1, Rows: 1}, Depth: 8})
	var apiErr *api.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 400 || !strings.Contains(err.Error(), "submit it to a node that runs pathtracer 4.3 or newer: node-2 (pt-4.3.2)") {
		t.Fatalf("submit: %v; want 400 naming node-2", err)
	}
}
