package farm_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/farm"
	"github.com/conun/conun/farm/farmtest"
	"github.com/conun/conun/renderer"
	"github.com/conun/conun/renderer/blender"
)

// TestReprobeBlenderFindsNoCUDA: nodes asked for CUDA on a machine without
// one advertise cycles-cpu. A file appearing in the watched directory (a
// temporary one standing in for /dev) makes the watching node run the
// real probe again: Blender runs once more, still finds no CUDA, and the
// node still offers cycles-cpu, as the other member sees through gossip.
// The node with --reprobe-every 0 never probes again.
func TestReprobeBlenderFindsNoCUDA(t *testing.T) {
	needBlender(t)
	if _, err := os.Stat("/dev/nvidia0"); err == nil {
		t.Skip("NOT TESTED: this machine has an NVIDIA GPU; the test needs one without")
	}
	dev := t.TempDir()
	var rs []*blender.Renderer
	nodes := farmtest.Start(t, 2, func(i int, c *farm.NodeConfig) {
		r, err := blender.New(blender.Config{Device: "CUDA"})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		rs = append(rs, r)
		c.Renderers = []renderer.Renderer{r}
		c.Reprobe = farm.ReprobeConfig{Every: 20 * time.Millisecond, Paths: []string{filepath.Join(dev, "*")}}
		if i == 1 {
			c.Reprobe.Every = 0
		}
	})
	cpuBuild := func(member string) bool {
		for _, m := range nodes[1].Members() {
			if m.ID == member {
				b := m.Renderers["blender"]
				return strings.Contains(b, "/cycles-cpu-") && !strings.Contains(b, "cuda")
			}
		}
		return false
	}
	for i, r := range rs {
		if r.Probes() != 1 || r.Device() != "CPU" || !cpuBuild(nodes[i].Name()) {
			t.Fatalf("node %d: %d probes, device %s, build %q: want one probe and the CPU", i+1, r.Probes(), r.Device(), r.Version())
		}
	}
	if err := os.WriteFile(filepath.Join(dev, "nvidia0"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	farmtest.Until(t, "node-1 to probe Blender again", func() bool { return rs[0].Probes() >= 2 })
	if rs[0].Device() != "CPU" || !cpuBuild("node-1") {
		t.Errorf("after the re-probe node-1 renders on %s and advertises %q: want the CPU still (Blender found no CUDA)", rs[0].Device(), rs[0].Version())
	}
	// By hand (conun node reprobe): one more real probe, nothing changed.
	res := nodes[0].Reprobe(context.Background())
	if len(res.Renderers) != 1 || res.Renderers[0].Before != res.Renderers[0].After || !strings.Contains(res.Renderers[0].Note, "no CUDA device") || res.Renderers[0].Error != "" {
		t.Errorf("re-probe by hand: %+v, want blender unchanged, saying it found no CUDA", res)
	}
	if p := rs[1].Probes(); p != 1 {
		t.Errorf("node-2 (interval 0) probed %d times, want only at start", p)
	}
}
