//go:build linux && cgo

package farm_test

import (
	"context"
	"testing"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/api"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/gl"
)

// glRenderer is the GL tracer on this machine (Mesa's llvmpipe here), one
// context the test's nodes share.
func glRenderer(t *testing.T) *gl.Renderer {
	t.Helper()
	r, err := gl.New(gl.DefaultConfig())
	if err != nil {
		t.Fatalf("gl renderer (install libegl1 libegl-mesa0 libgl1-mesa-dri: .ci/deps): %v", err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// calibrated waits until node c sees want members, each with a calibrated
// speed for every calibrated renderer it runs, and returns them.
func calibrated(t *testing.T, c *api.Client, want int) []api.Member {
	t.Helper()
	var members []api.Member
	defer func() {
		if t.Failed() {
			for _, m := range members {
				t.Logf("%s: renderers %v, speeds %v", m.ID, m.Renderers, m.Speed)
			}
		}
	}()
	farmtest.Until(t, "every member gossips its calibration", func() bool {
		var err error
		if members, err = c.Nodes(context.Background()); err != nil || len(members) != want {
			return false
		}
		for _, m := range members {
			for _, kind := range []string{"pathtracer", "gl"} {
				if _, runs := m.Renderers[kind]; runs && m.Speed[kind] <= 0 {
					return false
				}
			}
		}
		return true
	})
	return members
}

// TestCalibGossiped: every node of a real in-process cluster calibrates
// its pathtracer and gl at start and gossips the figures; its /v1/metrics
// shows its own; after a job the coordinator reports what it measured of
// the workers that rendered it.
func TestCalibGossiped(t *testing.T) {
	r := glRenderer(t)
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		c.Renderers, c.Calibrate = append(farmtest.Renderers(), r), true
	})
	c := api.NewClient(nodes[0].URL())
	members := calibrated(t, api.NewClient(nodes[1].URL()), 2)
	for _, m := range members {
		t.Logf("%s: calibrated %v samples/s", m.ID, m.Speed)
	}
	for _, n := range nodes {
		own := n.Speeds()
		for _, kind := range []string{"pathtracer", "gl"} {
			if got := metric(t, n.URL(), `conun_calibration_samples_per_second{renderer="`+kind+`"}`); got <= 0 || int64(got) != own[kind] {
				t.Fatalf("%s: metric for %s is %v, want its calibration %d", n.Name(), kind, got, own[kind])
			}
		}
	}

	rep := farmtest.RunJob(t, c, nil)
	rendered := map[string]int{}
	for _, task := range rep.Tasks {
		rendered[task.Node]++
	}
	members, err := c.Nodes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range members {
		p := m.Measured["pathtracer"]
		if p.Tasks != rendered[m.ID] || rendered[m.ID] > 0 && p.SamplesPerSecond <= 0 {
			t.Fatalf("%s rendered %d tasks; measured %+v", m.ID, rendered[m.ID], p)
		}
		if p.Trusted != (p.Tasks >= 3) {
			t.Fatalf("%s: %d tasks measured, trusted %v", m.ID, p.Tasks, p.Trusted)
		}
	}
}

// TestAutoPicksFastest: a job asking for the auto renderer is bound to the
// tracer whose members offer the most samples per second together, read
// here from what they gossip (not assumed): once the CPU tracer (many CPU
// slots), once gl (many gl slots beside a CPU tracer capped to one
// thread). It renders to the end on that renderer.
func TestAutoPicksFastest(t *testing.T) {
	pt := farmtest.Renderers()
	tests := []struct {
		name  string
		setup func(r renderer.Renderer) func(i int, c *farm.NodeConfig)
	}{
		{"many cpu slots", func(r renderer.Renderer) func(i int, c *farm.NodeConfig) {
			return func(i int, c *farm.NodeConfig) {
				c.Renderers, c.Slots = append(farmtest.Renderers(), r), 1 // the coordinator checks scenes with both
				if i == 1 {
					c.Renderers, c.Slots = pt, 16
				}
			}
		}},
		{"many gl slots", func(r renderer.Renderer) func(i int, c *farm.NodeConfig) {
			return func(i int, c *farm.NodeConfig) {
				c.Renderers, c.Slots, c.Threads = append(farmtest.Renderers(), r), 1, 1
				if i == 1 {
					c.Renderers, c.Slots = []renderer.Renderer{r}, 8
				}
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// A node closes its renderers when it stops: each cluster
			// gets its own GL context.
			setup := tc.setup(glRenderer(t))
			nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
				c.Calibrate = true
				setup(i, c)
			})
			c := api.NewClient(nodes[0].URL())
			total := map[string]float64{}
			for _, m := range calibrated(t, c, 2) {
				for kind, v := range m.Speed {
					total[kind] += float64(v) * float64(m.Slots)
				}
			}
			want, other := "pathtracer", "gl"
			if total["gl"] > total["pathtracer"] {
				want, other = other, want
			}
			t.Logf("samples/s x slots: %v: want %s", total, want)
			if total[want] < 1.2*total[other] {
				t.Fatalf("setup does not separate the tracers: %v", total)
			}
			id := farmtest.Submit(t, c, func(s *api.JobSpec) { s.Renderer = api.RendererAuto })
			st, err := c.Status(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			if st.Spec.Renderer != want {
				t.Fatalf("auto job bound to %q, want %q", st.Spec.Renderer, want)
			}
			if rep := farmtest.WaitDone(t, c, id); rep.State != api.JobDone {
				t.Fatalf("job ended %s", rep.State)
			}
		})
	}
}
