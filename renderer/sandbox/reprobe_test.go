package sandbox

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/conun/conun/renderer/blender"
)

// TestReprobeInSandbox: a sandboxed Blender's re-probe runs Blender again
// in a container of the image, as the probe at start does (so it finds
// what the sandbox's renders would), leaves no container behind, and with
// nothing changed offers the same build.
func TestReprobeInSandbox(t *testing.T) {
	s := newSandbox(t, testConfig(t), "blender")
	var probes atomic.Int64
	s.blenderArgs = func(l blender.Launch) []string {
		if l.Scene == "" {
			probes.Add(1)
		}
		return l.Args
	}
	b := newSandboxBlender(t, s, blender.DefaultConfig())
	before := b.Version()
	if n := probes.Load(); n != 1 || b.Probes() != 1 {
		t.Fatalf("%d probe containers, %d probes at start; want 1", n, b.Probes())
	}
	changed, err := b.Reprobe(context.Background())
	if err != nil || changed {
		t.Fatalf("Reprobe: changed %v, %v; want nothing changed", changed, err)
	}
	if n := probes.Load(); n != 2 || b.Probes() != 2 || b.Version() != before {
		t.Errorf("after Reprobe: %d probe containers, %d probes, %s; want 2, 2, %s", n, b.Probes(), b.Version(), before)
	}
	if n := len(containers(t, s)); n != 0 {
		t.Errorf("%d containers left after the re-probe", n)
	}
}
