package sandbox

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/conun/conun/renderer"
	"github.com/moby/moby/client"
)

// TestMemoryCap: the sandbox's Memory is the container's memory limit, as
// Docker holds it (swap none on top), and a render that needs more fails
// at once with an error that says it went over the memory cap, not a hang.
func TestMemoryCap(t *testing.T) {
	cfg := testConfig(t)
	cfg.Memory = 96 << 20
	s := newSandbox(t, cfg, "pathtracer")
	box := newPathTracer(t, s)
	ctx := context.Background()
	small := renderer.Task{Scene: bundled("cornell.glb"), Frame: 1, Width: 16, Height: 16, Samples: 1}
	if _, err := box.Render(ctx, small); err != nil {
		t.Fatalf("a small render under the cap: %v", err)
	}
	ids := containers(t, s) // the warm container of that render
	if len(ids) != 1 {
		t.Fatalf("%d containers after one render, want its warm one", len(ids))
	}
	info, err := s.cli.ContainerInspect(ctx, ids[0], client.ContainerInspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	hc := info.Container.HostConfig
	if hc == nil || hc.Memory != cfg.Memory || hc.MemorySwap != cfg.Memory {
		t.Fatalf("container HostConfig memory %+v; want Memory and MemorySwap %d", hc, cfg.Memory)
	}

	// Its film alone (16M pixels of float accumulators) is several times
	// the cap.
	big := renderer.Task{Scene: bundled("cornell.glb"), Frame: 1, Width: 4096, Height: 4096, Samples: 1}
	rctx, cancel := context.WithTimeout(ctx, 50*time.Second) // under cfg.Timeout: a hang fails here
	defer cancel()
	_, err = box.Render(rctx, big)
	if !errors.Is(err, ErrOutOfMemory) || !strings.Contains(err.Error(), "over memory cap") || !strings.Contains(err.Error(), "96 MiB") {
		t.Fatalf("a render over the cap: %v; want ErrOutOfMemory saying over memory cap (96 MiB)", err)
	}
	t.Logf("over the cap: %v", err)
}
