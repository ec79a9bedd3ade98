package blender

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/conun/conun/renderer"
)

// TestReprobeGPUGone: a renderer asked for CUDA on a machine without one
// renders on the CPU. A GPU that vanished is played by putting the
// renderer's state back to CUDA (no GPU can come or go here): the warm
// CPU process is not reused for it, and the task fails on the missing
// device, cleanly, as a render on a GPU that fell off the bus does. The
// real re-probe then runs Blender again, finds no CUDA, says the offer
// changed, and the next task renders on the CPU again in a fresh process.
// A re-probe that finds what the last one did changes nothing and keeps
// the warm process.
func TestReprobeGPUGone(t *testing.T) {
	if _, err := os.Stat("/dev/nvidia0"); err == nil {
		t.Skip("NOT TESTED: this machine has an NVIDIA GPU; the test needs one without")
	}
	ctx := context.Background()
	r := newRenderer(t, Config{Device: "CUDA"})
	task := renderer.Task{Scene: scene(t, "texture"), Frame: 1, Width: 32, Height: 24, Samples: 2}
	want := render(t, r, task)
	if p, s := r.Probes(), r.starts.Load(); p != 1 || s != 1 {
		t.Fatalf("after New and one task: %d probes, %d processes; want 1 and 1", p, s)
	}
	cpu := r.Version()

	changed, err := r.Reprobe(ctx)
	if err != nil || changed || r.Probes() != 2 || r.Version() != cpu || r.Device() != "CPU" {
		t.Fatalf("re-probe with nothing changed: changed %v, err %v, %d probes, %s on %s; want no change, 2 probes, %s on CPU", changed, err, r.Probes(), r.Version(), r.Device(), cpu)
	}
	sameRender(t, "after a re-probe that changed nothing", render(t, r, task), want)
	if s := r.starts.Load(); s != 1 {
		t.Errorf("%d processes after a re-probe that changed nothing, want the warm one kept", s)
	}

	st := *r.state.Load()
	st.device, st.note = "CUDA", ""
	r.state.Store(&st)
	if !strings.Contains(r.Version(), "/cycles-cuda") {
		t.Fatalf("Version() %q, want cycles-cuda for the injected state", r.Version())
	}
	_, err = r.Render(ctx, task)
	if err == nil || !strings.Contains(err.Error(), "found no CUDA device") {
		t.Fatalf("render on a CUDA device that is gone: err %v, want Blender's no CUDA device", err)
	}
	if s := r.starts.Load(); s != 2 {
		t.Errorf("%d processes, want the CPU one not reused for CUDA", s)
	}

	changed, err = r.Reprobe(ctx)
	if err != nil || !changed || r.Probes() != 3 || r.Version() != cpu || !strings.Contains(r.DeviceNote(), "no CUDA device") {
		t.Fatalf("re-probe after the GPU went: changed %v, err %v, %d probes, %s, note %q; want changed, 3 probes, %s and why", changed, err, r.Probes(), r.Version(), r.DeviceNote(), cpu)
	}
	sameRender(t, "on the CPU after the GPU went", render(t, r, task), want)
}
